// The computation behind offtake.match.run, from the matching views to the allocations: the
// eligible pairs (eligibility.hpp, through the offer index) and then the transport problem
// (transport_solver.hpp). The handler and bench/matching both call match(), so the bench times
// exactly what the plugin runs.
#pragma once

#include <cstddef>
#include <vector>

#include "eligibility.hpp"
#include "transport_solver.hpp"

namespace lienket::offtake {

struct MatchResult {
  std::size_t pair_count = 0;  // eligible pairs, vetoed ones left out
  TransportSolution solution;
  // Wall-clock seconds of each phase, for logs and the bench; nothing depends on them.
  double search_seconds = 0;
  double solve_seconds = 0;
};

// Deterministic apart from the timings; `excluded` as in eligible_pairs.
MatchResult match(const std::vector<Demand>& demands, const std::vector<Supply>& supplies,
                  PairFilter excluded = nullptr, const void* excluded_arg = nullptr);

}  // namespace lienket::offtake
