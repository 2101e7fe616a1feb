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
// min_lot > 1 makes the problem a mixed-integer one; we handle it with a stated HEURISTIC repair:
// while some allocation is in (0, min_lot), take the one carrying most and force it up to min_lot
// (a lower bound on its arc); if the total quantity can stay, keep that; otherwise keep whichever
// of "forced" and "banned" (the pair dropped) allows the larger maximum flow, and solve again. Each
// round fixes one pair, so it ends. Every allocation returned respects min_lot; the total may fall
// short of the true (MIP) optimum, by at most quantity_bound - total_quantity (a proven bound).
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
  int min_lot_rounds = 0;  // pairs the min_lot repair had to force or ban (0 when none)
  // A proven upper bound on total_quantity over every allocation that respects min_lot: the
  // maximum flow without min_lot (over the pairs that could carry one lot alone). Equal to
  // total_quantity when min_lot_rounds is 0; otherwise (bound - total) / bound is how far from
  // the true optimum the repair may be, at most.
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
