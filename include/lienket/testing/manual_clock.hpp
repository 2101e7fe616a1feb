// A Clock that moves only when a test says so, starting at a given RFC 3339 time.
#pragma once

#include <cstdint>
#include <string_view>

#include "lienket/context.hpp"
#include "lienket/time.hpp"

namespace lienket::testing {

class ManualClock : public Clock {
 public:
  explicit ManualClock(std::string_view start = "2026-03-01T08:00:00+07:00")
      : now_(*parse_time(start)) {}
  std::int64_t now_ms() const override { return now_; }
  void advance_ms(std::int64_t ms) { now_ += ms; }
  void set_ms(std::int64_t ms) { now_ = ms; }

 private:
  std::int64_t now_;
};

}  // namespace lienket::testing
