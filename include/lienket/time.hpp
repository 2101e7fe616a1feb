// Time in the node's zone. Timestamps are milliseconds since the Unix epoch (Clock::now_ms);
// people and contracts speak in calendar dates and RFC 3339 times at +07:00 (Vietnam, no DST).
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

// GCC 12 at -O2 reports a -Wmaybe-uninitialized false positive inside date.h's seconds reader
// (the value is only used after a successful read); silence it for date.h only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <date/date.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace lienket {

inline constexpr int kUtcOffsetMinutes = 7 * 60;

namespace time_detail {

// True when `s` has the shape of `pattern`: '9' is any ASCII digit, any other character itself.
// RFC 3339 fixes every field's width, which date::parse does not check ("2026-3-1", "+026").
inline bool has_shape(std::string_view s, std::string_view pattern) {
  if (s.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    if (pattern[i] == '9' ? !digit : s[i] != pattern[i]) return false;
  }
  return true;
}

// date::parse over all of `text`: false when a field is out of range or input is left over.
template <class TimePoint>
bool parse_whole(const std::string& text, const char* format, TimePoint& out) {
  std::istringstream in(text);
  in >> date::parse(format, out);
  return !in.fail() && in.peek() == std::istringstream::traits_type::eof();
}

// "YYYY-MM-DDThh:mm:ss" read as UTC, in seconds since epoch. POSIX time has no leap seconds, so
// RFC 3339's ":60" becomes the next second (date::parse refuses 60).
inline std::optional<std::int64_t> wall_seconds(std::string_view s) {
  if (!has_shape(s, "9999-99-99T99:99:99")) return std::nullopt;
  std::string text(s);
  const bool leap = text.compare(17, 2, "60") == 0;
  if (leap) text.replace(17, 2, "59");
  date::sys_seconds t;
  if (!parse_whole(text, "%FT%T", t)) return std::nullopt;
  return t.time_since_epoch().count() + (leap ? 1 : 0);
}

// An optional ".d+" at the start of `s`: its milliseconds (digits past the third truncated) and
// its length. nullopt for a '.' with no digit after it.
struct Fraction {
  int millis = 0;
  std::size_t length = 0;
};
inline std::optional<Fraction> read_fraction(std::string_view s) {
  Fraction f;
  if (s.empty() || s[0] != '.') return f;
  int digits = 0;
  for (f.length = 1; f.length < s.size() && s[f.length] >= '0' && s[f.length] <= '9';
       ++f.length, ++digits)
    if (digits < 3) f.millis = f.millis * 10 + (s[f.length] - '0');
  if (digits == 0) return std::nullopt;
  for (int k = digits; k < 3; ++k) f.millis *= 10;
  return f;
}

// "Z" or "±hh:mm" (hh up to 14, the widest zone in use) as minutes east of UTC; nullopt for
// anything else, an empty string included.
inline std::optional<int> offset_minutes(std::string_view tz) {
  if (tz == "Z") return 0;
  if (tz.size() != 6 || (tz[0] != '+' && tz[0] != '-') || !has_shape(tz.substr(1), "99:99"))
    return std::nullopt;
  const int hours = (tz[1] - '0') * 10 + (tz[2] - '0');
  const int minutes = (tz[4] - '0') * 10 + (tz[5] - '0');
  if (hours > 14 || minutes > 59) return std::nullopt;
  return (hours * 60 + minutes) * (tz[0] == '-' ? -1 : 1);
}

}  // namespace time_detail

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
inline std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

inline void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// "YYYY-MM-DD" -> days since epoch; nullopt if malformed or not a calendar date ("2026-02-30",
// "2026-13-01"). Validate with Fields::date first to name the field in an error.
inline std::optional<std::int64_t> date_to_days(std::string_view s) {
  date::sys_days day;
  if (!time_detail::has_shape(s, "9999-99-99") ||
      !time_detail::parse_whole(std::string(s), "%F", day))
    return std::nullopt;
  return day.time_since_epoch().count();
}

inline std::string days_to_date(std::int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];  // wide enough for any int year, so -Wformat-truncation has nothing to say
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

// The local (+07:00) calendar date of a timestamp, as days since epoch and as "YYYY-MM-DD".
inline std::int64_t local_days(std::int64_t ms) {
  std::int64_t local = ms + std::int64_t{kUtcOffsetMinutes} * 60000;
  return (local >= 0 ? local : local - 86399999) / 86400000;
}
inline std::string local_date(std::int64_t ms) { return days_to_date(local_days(ms)); }

// "2026-03-01T08:00:00.000+07:00"
inline std::string format_time(std::int64_t ms) {
  std::int64_t days = local_days(ms);
  std::int64_t in_day = ms + std::int64_t{kUtcOffsetMinutes} * 60000 - days * 86400000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03d+07:00", days_to_date(days).c_str(),
                static_cast<int>(in_day / 3600000), static_cast<int>(in_day / 60000 % 60),
                static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
  return buf;
}

// Parses "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)" to ms since epoch; nullopt if malformed: a field out
// of range ("2026-02-30", "25:00:00", "+15:00"), no offset, or anything after the offset. Digits of
// the fraction past the milliseconds are dropped; a leap second (":60") reads as the next second.
inline std::optional<std::int64_t> parse_time(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  auto seconds = time_detail::wall_seconds(s.substr(0, 19));
  auto fraction = time_detail::read_fraction(s.substr(19));
  if (!seconds || !fraction) return std::nullopt;
  auto offset = time_detail::offset_minutes(s.substr(19 + fraction->length));
  if (!offset) return std::nullopt;
  return *seconds * 1000 + fraction->millis - std::int64_t{*offset} * 60000;
}

}  // namespace lienket
