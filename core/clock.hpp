// The node's clocks: the system clock, or a manual one (config "clock": {"mode": "manual"}) that
// stands still until node.clock.advance moves it, so that tests of expiries are deterministic.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "lienket/context.hpp"

namespace lienket::core {

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void advance(std::int64_t ms) { now_ += ms; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace lienket::core
