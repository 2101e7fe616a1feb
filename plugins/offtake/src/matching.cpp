#include "matching.hpp"

#include <chrono>
#include <utility>

namespace lienket::offtake {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

MatchResult match(const std::vector<Demand>& demands, const std::vector<Supply>& supplies,
                  PairFilter excluded, const void* excluded_arg) {
  MatchResult r;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<Pair> pairs = eligible_pairs(demands, supplies, excluded, excluded_arg);
  r.pair_count = pairs.size();
  r.search_seconds = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  r.solution = solve_optimal(make_problem(demands, supplies, std::move(pairs)));
  r.solve_seconds = seconds_since(t0);
  return r;
}

}  // namespace lienket::offtake
