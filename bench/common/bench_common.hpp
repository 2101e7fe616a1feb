// What the benchmarks share (header only, included by relative path; bench/common has no target):
// many clients driven side by side, their latencies merged and sorted, percentiles of them, and
// "--key value" command-line options.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <thread>
#include <vector>

namespace lienket::bench {

struct Run {
  double seconds = 0;
  std::vector<double> latencies_us;  // sorted once the run is over
  long errors = 0;
  double rate() const {
    return seconds > 0 ? static_cast<double>(latencies_us.size()) / seconds : 0;
  }
};

// Runs `client(index, out)` on `clients` threads at once; the wall time and every latency merged.
inline Run drive(int clients, const std::function<void(int, Run&)>& client) {
  std::vector<Run> per(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] { client(c, per[static_cast<std::size_t>(c)]); });
  for (auto& t : threads) t.join();
  Run all;
  all.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (auto& r : per) {
    all.latencies_us.insert(all.latencies_us.end(), r.latencies_us.begin(), r.latencies_us.end());
    all.errors += r.errors;
  }
  std::sort(all.latencies_us.begin(), all.latencies_us.end());
  return all;
}

// The value after `--name` among "--key value" pairs, or nullptr.
inline const char* option(int argc, char** argv, const char* name) {
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::string_view(argv[i]) == name) return argv[i + 1];
  return nullptr;
}

// An integer option of at least 1, or `fallback` when it is absent.
inline int count_option(int argc, char** argv, const char* name, int fallback) {
  const char* v = option(argc, argv, name);
  return v ? std::max(1, std::atoi(v)) : fallback;
}

inline double percentile(const std::vector<double>& sorted, double p) {
  return sorted.empty()
             ? 0
             : sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * sorted.size()))];
}

}  // namespace lienket::bench
