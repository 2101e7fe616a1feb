#include "rate_limiter.hpp"

#include <algorithm>

namespace lienket::core::http {

namespace {
constexpr std::size_t kSweepAbove = 10000;
}

bool RateLimiter::allow(const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  if (buckets_.size() > kSweepAbove)
    std::erase_if(buckets_, [&](const auto& kv) {
      return std::chrono::duration<double>(now - kv.second.at).count() * rate_ >= rate_;
    });
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{rate_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(rate_, b.tokens + elapsed * rate_);
    b.at = now;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace lienket::core::http
