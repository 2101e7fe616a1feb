// Specification of the matching solver (transport_solver.hpp): maximum quantity first, then least
// transport; min_lot respected; deterministic; better than greedy where greedy fails.
#include <catch2/catch.hpp>

#include <random>

#include "transport_solver.hpp"

using namespace lienket::offtake;

namespace {

TransportProblem problem(std::vector<std::int64_t> demand, std::vector<std::int64_t> supply,
                         std::vector<Pair> pairs, std::vector<std::int64_t> min_lot = {}) {
  TransportProblem p;
  p.demand = std::move(demand);
  p.supply = std::move(supply);
  p.min_lot = min_lot.empty() ? std::vector<std::int64_t>(p.demand.size(), 1) : std::move(min_lot);
  p.pairs = std::move(pairs);
  return p;
}

std::int64_t allocated(const TransportSolution& s, std::size_t d, std::size_t o) {
  for (const auto& a : s.allocations)
    if (a.demand == d && a.supply == o) return a.quantity;
  return 0;
}

// Exhaustive lexicographic optimum (max quantity, then min distance units) for tiny instances.
struct Best {
  std::int64_t quantity = -1;
  __int128 cost = 0;
};
void brute(const TransportProblem& p, std::size_t k, std::vector<std::int64_t>& need,
           std::vector<std::int64_t>& left, std::int64_t q, __int128 cost, Best& best) {
  if (k == p.pairs.size()) {
    if (q > best.quantity || (q == best.quantity && cost < best.cost)) best = {q, cost};
    return;
  }
  const Pair& pr = p.pairs[k];
  const std::int64_t cap = std::min(need[pr.demand], left[pr.supply]);
  for (std::int64_t x = 0; x <= cap; ++x) {
    if (x > 0 && x < p.min_lot[pr.demand]) continue;
    need[pr.demand] -= x, left[pr.supply] -= x;
    brute(p, k + 1, need, left, q + x, cost + static_cast<__int128>(x) * pr.distance_m, best);
    need[pr.demand] += x, left[pr.supply] += x;
  }
}
Best brute_force(const TransportProblem& p) {
  Best best;
  auto need = p.demand, left = p.supply;
  brute(p, 0, need, left, 0, 0, best);
  return best;
}

}  // namespace

TEST_CASE("the solver maximises quantity where greedy does not") {
  // Thanh Nam's offer (0) is nearest to both buyers; Long Cốc's (1) can only serve buyer 1.
  // Greedy gives Thanh Nam's tea to buyer 1 (closest pair) and buyer 0 gets nothing.
  auto p = problem({10, 10}, {10, 10}, {{0, 0, 5000}, {1, 0, 1000}, {1, 1, 3000}});
  auto greedy = solve_greedy(p);
  auto best = solve_optimal(p);
  CHECK(greedy.total_quantity == 10);
  CHECK(best.total_quantity == 20);
  CHECK(allocated(best, 0, 0) == 10);
  CHECK(allocated(best, 1, 1) == 10);
}

TEST_CASE("the solver minimises transport at maximum quantity where greedy does not") {
  // Classic crossing: greedy takes the 1 km pair first and is left with the 100 km one.
  auto p = problem({10, 10}, {10, 10}, {{0, 0, 1000}, {0, 1, 2000}, {1, 0, 2000}, {1, 1, 100000}});
  auto greedy = solve_greedy(p);
  auto best = solve_optimal(p);
  CHECK(greedy.total_quantity == 20);
  CHECK(best.total_quantity == 20);
  CHECK(greedy.total_distance_units == 10 * 1000 + 10 * 100000);
  CHECK(best.total_distance_units == 10 * 2000 + 10 * 2000);
}

TEST_CASE("splits are allowed both ways") {
  auto p = problem({15, 5}, {8, 12}, {{0, 0, 1000}, {0, 1, 1000}, {1, 1, 1000}});
  auto s = solve_optimal(p);
  CHECK(s.total_quantity == 20);
  CHECK(allocated(s, 0, 0) == 8);
  CHECK(allocated(s, 0, 1) == 7);
  CHECK(allocated(s, 1, 1) == 5);
}

TEST_CASE("min_lot: no allocation below a contract's min_lot") {
  SECTION("greedy wastes the offer a min-lot contract needs; the solver does not") {
    // Contract 0 needs lots of >= 6 and can only use offer 0; contract 1 can use either.
    auto p = problem({10, 10}, {10, 4}, {{0, 0, 5000}, {1, 0, 1000}, {1, 1, 1000}}, {6, 1});
    CHECK(solve_greedy(p).total_quantity == 10);
    auto s = solve_optimal(p);
    CHECK(s.total_quantity == 14);
    CHECK(allocated(s, 0, 0) == 6);  // raised to min_lot; the rest goes the cheap way
  }
  SECTION("a flow below min_lot that cannot be raised is dropped and the rest re-solved") {
    // Offer 1 must serve contract 2 (its only source), which leaves 2 < min_lot 4 for contract 0.
    auto p = problem({10, 4, 3}, {12, 5}, {{0, 0, 5000}, {0, 1, 1000}, {1, 0, 1000}, {2, 1, 1000}},
                     {4, 1, 1});
    auto s = solve_optimal(p);
    CHECK(s.min_lot_rounds >= 1);
    for (const auto& a : s.allocations) CHECK(a.quantity >= p.min_lot[a.demand]);
    CHECK(s.total_quantity == brute_force(p).quantity);
    CHECK(s.total_quantity == 15);
  }
  SECTION("a pair that can never carry min_lot is never used") {
    auto p = problem({10}, {5, 5}, {{0, 0, 1000}, {0, 1, 1000}}, {6});
    CHECK(solve_optimal(p).total_quantity == 0);
  }
}

TEST_CASE("the solver equals an exhaustive search on small random instances") {
  std::mt19937 rng(20260301);
  for (int round = 0; round < 200; ++round) {
    const std::size_t nd = 1 + rng() % 3, ns = 1 + rng() % 3;
    std::vector<std::int64_t> demand(nd), supply(ns);
    for (auto& q : demand) q = 1 + rng() % 4;
    for (auto& q : supply) q = 1 + rng() % 4;
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < nd; ++i)
      for (std::size_t j = 0; j < ns; ++j)
        if (rng() % 3 != 0 && pairs.size() < 6)
          pairs.push_back({i, j, static_cast<std::int64_t>(1 + rng() % 50)});
    auto p = problem(demand, supply, pairs);
    auto s = solve_optimal(p);
    auto b = brute_force(p);
    INFO("round " << round);
    CHECK(s.total_quantity == b.quantity);
    CHECK(static_cast<long long>(s.total_distance_units) == static_cast<long long>(b.cost));
  }
}

TEST_CASE("with min_lot the solver never breaks a lot, and on small cases finds the optimum") {
  std::mt19937 rng(20260302);
  int exact = 0;
  const int rounds = 200;
  for (int round = 0; round < rounds; ++round) {
    const std::size_t nd = 1 + rng() % 3, ns = 1 + rng() % 3;
    std::vector<std::int64_t> demand(nd), supply(ns), min_lot(nd);
    for (auto& q : demand) q = 1 + rng() % 5;
    for (auto& q : supply) q = 1 + rng() % 5;
    for (auto& m : min_lot) m = 1 + rng() % 3;
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < nd; ++i)
      for (std::size_t j = 0; j < ns; ++j)
        if (rng() % 3 != 0 && pairs.size() < 6)
          pairs.push_back({i, j, static_cast<std::int64_t>(1 + rng() % 50)});
    auto p = problem(demand, supply, pairs, min_lot);
    auto s = solve_optimal(p);
    auto b = brute_force(p);
    INFO("round " << round);
    for (const auto& a : s.allocations) CHECK(a.quantity >= p.min_lot[a.demand]);
    CHECK(s.total_quantity <= b.quantity);
    CHECK(s.quantity_bound >= b.quantity);  // the bound is proven: never below the optimum
    exact += s.total_quantity == b.quantity;
  }
  // Small cases fit in the branch and bound's budget, so it searches them to the end.
  CHECK(exact == rounds);
}

TEST_CASE("the solver is deterministic") {
  auto p =
      problem({7, 7, 7}, {5, 5, 5, 5},
              {{0, 0, 10}, {0, 1, 10}, {1, 1, 10}, {1, 2, 10}, {2, 2, 10}, {2, 3, 10}, {0, 3, 10}});
  auto a = solve_optimal(p), b = solve_optimal(p);
  REQUIRE(a.allocations.size() == b.allocations.size());
  for (std::size_t k = 0; k < a.allocations.size(); ++k) {
    CHECK(a.allocations[k].demand == b.allocations[k].demand);
    CHECK(a.allocations[k].supply == b.allocations[k].supply);
    CHECK(a.allocations[k].quantity == b.allocations[k].quantity);
  }
}
