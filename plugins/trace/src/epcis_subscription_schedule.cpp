#include "epcis_subscription_schedule.hpp"

#include <algorithm>
#include <ctime>
#include <optional>

namespace lienket::trace {
namespace {

using nlohmann::json;

struct FieldRange {
  const char* name;
  int low, high;
};
// Finest first; dayOfMonth and dayOfWeek are both days.
constexpr std::array<FieldRange, 6> kFields = {{{"second", 0, 59},
                                                {"minute", 0, 59},
                                                {"hour", 0, 23},
                                                {"dayOfMonth", 1, 31},
                                                {"month", 1, 12},
                                                {"dayOfWeek", 1, 7}}};
constexpr std::size_t kDayOfMonth = 3, kDayOfWeek = 5;

std::optional<int> number(const std::string& s, const FieldRange& f) {
  if (s.empty() || s.size() > 2 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int n = std::stoi(s);
  if (n < f.low || n > f.high) return std::nullopt;
  return n;
}

// "5", "0,30", "[1-5],7": the values it allows, or nullopt when malformed.
std::optional<std::bitset<60>> values_of(const std::string& text, const FieldRange& f) {
  std::bitset<60> out;
  std::size_t start = 0;
  while (true) {
    auto comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (part.size() > 2 && part.front() == '[' && part.back() == ']') {
      auto dash = part.find('-');
      if (dash == std::string::npos) return std::nullopt;
      auto lo = number(part.substr(1, dash - 1), f);
      auto hi = number(part.substr(dash + 1, part.size() - dash - 2), f);
      if (!lo || !hi || *lo > *hi) return std::nullopt;
      for (int v = *lo; v <= *hi; ++v) out.set(static_cast<std::size_t>(v));
    } else {
      auto v = number(part, f);
      if (!v) return std::nullopt;
      out.set(static_cast<std::size_t>(*v));
    }
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

std::bitset<60> every(const FieldRange& f) {
  std::bitset<60> out;
  for (int v = f.low; v <= f.high; ++v) out.set(static_cast<std::size_t>(v));
  return out;
}

}  // namespace

Result<QuerySchedule> QuerySchedule::parse(const json& schedule, const std::string& field) {
  if (!schedule.is_object()) return Status::InvalidArgument(field + " must be an object", field);
  for (auto it = schedule.begin(); it != schedule.end(); ++it)
    if (std::none_of(kFields.begin(), kFields.end(),
                     [&](const FieldRange& f) { return it.key() == f.name; }))
      return Status::InvalidArgument(field + "." + it.key() + " is not a schedule field",
                                     field + "." + it.key());
  QuerySchedule s;
  std::optional<std::size_t> finest;
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    const FieldRange& f = kFields[i];
    if (!schedule.contains(f.name)) continue;
    const json& v = schedule[f.name];
    std::string name = field + "." + f.name;
    std::string text = v.is_number_unsigned() ? std::to_string(v.get<std::uint64_t>())
                       : v.is_string()        ? v.get<std::string>()
                                              : std::string("?");
    auto values = text.size() <= 200 ? values_of(text, f) : std::nullopt;
    if (!values)
      return Status::InvalidArgument(name + " must be numbers " + std::to_string(f.low) + "-" +
                                         std::to_string(f.high) +
                                         " and ranges [low-high], separated by commas",
                                     name);
    s.allowed_[i] = *values;
    std::size_t level = i == kDayOfWeek ? kDayOfMonth : i;
    if (!finest || level < *finest) finest = level;
  }
  if (!finest)
    return Status::InvalidArgument(field +
                                       " must give at least one of second, minute, hour, "
                                       "dayOfMonth, month, dayOfWeek",
                                   field);
  bool day_given = schedule.contains("dayOfMonth") || schedule.contains("dayOfWeek");
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if (schedule.contains(kFields[i].name)) continue;
    std::size_t level = i == kDayOfWeek ? kDayOfMonth : i;
    bool finer = level < *finest;
    if (finer && level == kDayOfMonth && i == kDayOfWeek) finer = false;  // Mondays: no lowest
    if (level == kDayOfMonth && day_given) finer = false;  // the other day field: any
    if (finer)
      s.allowed_[i].set(static_cast<std::size_t>(kFields[i].low));
    else
      s.allowed_[i] = every(kFields[i]);
  }
  return s;
}

bool QuerySchedule::fires_at(std::int64_t unix_seconds) const {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return false;
  int weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;  // 1 Monday ... 7 Sunday
  const std::array<int, 6> now = {
      tm.tm_sec == 60 ? 59 : tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon + 1, weekday};
  for (std::size_t i = 0; i < now.size(); ++i)
    if (!allowed_[i].test(static_cast<std::size_t>(now[i]))) return false;
  return true;
}

bool QuerySchedule::fires_between(std::int64_t after_ms, std::int64_t until_ms) const {
  constexpr std::int64_t kLookBack = 2 * 24 * 3600;
  auto floor_s = [](std::int64_t ms) { return ms >= 0 ? ms / 1000 : (ms - 999) / 1000; };
  std::int64_t last = floor_s(until_ms);
  std::int64_t first = std::max(floor_s(after_ms) + 1, last - kLookBack);
  for (std::int64_t s = first; s <= last; ++s)
    if (fires_at(s)) return true;
  return false;
}

}  // namespace lienket::trace
