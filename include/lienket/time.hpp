// Time in the node's zone. Timestamps are milliseconds since the Unix epoch (Clock::now_ms);
// people and contracts speak in calendar dates and RFC 3339 times at +07:00 (Vietnam, no DST).
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace lienket {

inline constexpr int kUtcOffsetMinutes = 7 * 60;

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

// "YYYY-MM-DD" -> days since epoch; nullopt if malformed (validate with Fields::date first).
inline std::optional<std::int64_t> date_to_days(std::string_view s) {
  int y; unsigned m, d;
  if (s.size() != 10 || std::sscanf(std::string(s).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  return days_from_civil(y, m, d);
}

inline std::string days_to_date(std::int64_t days) {
  int y; unsigned m, d;
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

// Parses "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)" to ms since epoch; nullopt if malformed.
inline std::optional<std::int64_t> parse_time(std::string_view s) {
  if (s.size() < 20 || s[10] != 'T') return std::nullopt;
  auto days = date_to_days(s.substr(0, 10));
  int hh, mm, ss;
  if (!days || std::sscanf(std::string(s.substr(11, 8)).c_str(), "%2d:%2d:%2d", &hh, &mm, &ss) != 3)
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  std::size_t i = 19;
  int millis = 0;
  if (i < s.size() && s[i] == '.') {
    int digits = 0;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits)
      if (digits < 3) millis = millis * 10 + (s[i] - '0');
    if (digits == 0) return std::nullopt;
    for (int k = digits; k < 3; ++k) millis *= 10;
  }
  int offset = 0;
  std::string_view tz = s.substr(i);
  if (tz == "Z") {
    offset = 0;
  } else if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
    int oh, om;
    if (std::sscanf(std::string(tz.substr(1)).c_str(), "%2d:%2d", &oh, &om) != 2 || oh > 14 || om > 59)
      return std::nullopt;
    offset = (oh * 60 + om) * (tz[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return ((*days * 24 + hh) * 60 + mm) * 60000LL + ss * 1000LL + millis - offset * 60000LL;
}

}  // namespace lienket
