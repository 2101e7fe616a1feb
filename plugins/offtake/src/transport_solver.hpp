// The transportation problem behind offtake.match.run, and a greedy baseline to compare it with.
//
// Given demands (contracts, with a remaining quantity and a min_lot), supplies (offers, with a
// remaining quantity) and the eligible pairs between them (with a distance in metres), choose
// integer allocations x(pair) >= 0 with sum over a demand's pairs <= its quantity and over a
// supply's pairs
// <= its quantity, optimising lexicographically:
//   (1) maximise the total allocated quantity;
//   (2) among those, minimise sum(distance_m x quantity). Transport cost in VND is that times a
//       constant rate (per kg-km), so the rate never changes which allocation is best.
//
// solve_optimal is exact for (1)+(2) when every min_lot is 1: one min-cost flow (LEMON's
// NetworkSimplex) where each unit delivered earns a reward larger than any augmenting path's
// transport, so its optimum is the maximum flow of least transport. The reward is sized per
// component so that int64 cannot overflow; a component too large for that falls back to two
// phases (the maximum flow value F, then the least-cost flow of value F). Eligible pairs fall apart
// into independent connected components (products rarely mix), each solved on its own.
// min_lot > 1 makes the problem a mixed-integer one (x = 0 or min_lot <= x). Where the optimum
// above breaks a lot, each component gets a depth-first branch and bound on "this pair carries at
// least min_lot" / "this pair carries nothing" (the pair carrying most below its lot first, the
// better relaxation first), pruned lexicographically against the best allocation found. Its budget
// is a count of relaxations, large for small components (which it then searches to the end: the
// result is the MIP optimum) and small for large ones; if it runs out before any allocation
// respects every lot, the node at hand is finished by dropping the offending pairs. Every
// allocation returned respects min_lot, and quantity_bound says how far from the optimum the
// result may be, at most (0 when the search ended).
// Deterministic: the same input (same order) gives the same output. Allocations are sorted by
// (demand, supply).
#pragma once

#include <cstdint>
#include <vector>

#include "eligibility.hpp"

namespace lienket::offtake {

struct TransportProblem {
  std::vector<std::int64_t> demand;   // per demand index: quantity wanted (>= 0)
  std::vector<std::int64_t> min_lot;  // per demand index: smallest allocation (>= 1)
  std::vector<std::int64_t> supply;   // per supply index: quantity offered (>= 0)
  std::vector<Pair> pairs;            // eligible pairs with distance_m
};

struct Allocation {
  std::size_t demand = 0;
  std::size_t supply = 0;
  std::int64_t quantity = 0;
  std::int64_t distance_m = 0;
};

struct TransportSolution {
  std::vector<Allocation> allocations;
  std::int64_t total_quantity = 0;
  // sum(distance_m x quantity), in metre-units; 128-bit because it is a sum of products.
  __int128 total_distance_units = 0;
  int min_lot_rounds = 0;  // branchings of the min_lot search (0 when no lot was broken)
  // A proven upper bound on the total quantity of any allocation that respects min_lot (from the
  // search's open nodes, else its incumbent). Equal to total_quantity when the search ended;
  // otherwise (bound - total) / bound is how far from the optimum the result may be, at most.
  std::int64_t quantity_bound = 0;
};

// Builds a problem from the matching views (remaining quantities and min_lots) and their pairs.
TransportProblem make_problem(const std::vector<Demand>& demands,
                              const std::vector<Supply>& supplies, std::vector<Pair> pairs);

TransportSolution solve_optimal(const TransportProblem& p);

// Baseline: take pairs by ascending distance (ties by index) and allocate as much as fits, skipping
// allocations below min_lot. Not optimal for either objective.
TransportSolution solve_greedy(const TransportProblem& p);

}  // namespace lienket::offtake
