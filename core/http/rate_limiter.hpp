// Token buckets keyed by who calls (an API token's id, or the client's address): `rate` requests a
// second on average, bursts of up to `rate`. Thread-safe. Buckets that have refilled are dropped
// now and then, so a scan from many addresses does not grow memory for ever.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lienket::core::http {

class RateLimiter {
 public:
  explicit RateLimiter(std::int64_t per_second) : rate_(static_cast<double>(per_second)) {}
  // True when `key` may make one more request now (and counts it).
  bool allow(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  double rate_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace lienket::core::http
