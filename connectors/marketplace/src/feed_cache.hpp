// The feed items last built, kept until a fold changes the records or the local date moves on (an
// offer's available_to is compared with today). Thread-safe: the runtime's thread invalidates it,
// HTTP threads read it.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "feed_model.hpp"

namespace lienket::marketplace {

class FeedCache {
 public:
  // Builds the items for `today`; called without the lock held.
  using Loader = std::function<Result<std::vector<FeedItem>>(const std::string& today)>;

  void invalidate() {
    std::lock_guard lock(mu_);
    ++generation_;
  }

  Result<std::vector<FeedItem>> get(const std::string& today, const Loader& load) {
    std::uint64_t generation;
    {
      std::lock_guard lock(mu_);
      if (valid_ && built_generation_ == generation_ && built_day_ == today) return items_;
      generation = generation_;
    }
    auto items = load(today);
    if (!items.ok()) return items;
    std::lock_guard lock(mu_);
    // Keep it only if no fold happened while it was built; a newer build may already be there.
    if (generation == generation_) {
      items_ = *items, built_generation_ = generation, built_day_ = today, valid_ = true;
    }
    return items;
  }

 private:
  std::mutex mu_;
  std::uint64_t generation_ = 0, built_generation_ = 0;
  std::string built_day_;
  bool valid_ = false;
  std::vector<FeedItem> items_;
};

}  // namespace lienket::marketplace
