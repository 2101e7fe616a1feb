// The schedule of an EPCIS query subscription (EPCIS 2.0 QuerySchedule; the REST binding's
// query-schedule.json): second, minute, hour, dayOfMonth, month and dayOfWeek, each a
// comma-separated list of numbers and ranges "[low-high]" ("0,30", "[1-5]"), read in UTC.
// A time fires when every field matches. An absent field coarser than the finest field given means
// any value; one finer than it means its lowest value: {"hour": "1", "minute": "5"} fires at
// 01:05:00 every day, {"second": "30"} at half past every minute. When only one of dayOfMonth and
// dayOfWeek is given, the other one is any. A schedule must give at least one field.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::trace {

class QuerySchedule {
 public:
  // Reads the schedule object; an unknown member, a value out of its field's range or malformed
  // is invalid_argument naming `<field>.<member>`.
  static Result<QuerySchedule> parse(const nlohmann::json& schedule, const std::string& field);

  // True when the schedule fires at this second (seconds since the Unix epoch, UTC).
  bool fires_at(std::int64_t unix_seconds) const;
  // True when it fires at some whole second in (after, until]. Looks at most two days back.
  bool fires_between(std::int64_t after_ms, std::int64_t until_ms) const;

 private:
  // second, minute, hour, dayOfMonth, month, dayOfWeek: the values each may take.
  std::array<std::bitset<60>, 6> allowed_;
};

}  // namespace lienket::trace
