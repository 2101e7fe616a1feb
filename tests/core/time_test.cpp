#include <catch2/catch.hpp>

#include "lienket/time.hpp"

TEST_CASE("times are shown and read at +07:00") {
  auto ms = lienket::parse_time("2026-03-01T08:00:00+07:00");
  REQUIRE(ms);
  CHECK(lienket::format_time(*ms) == "2026-03-01T08:00:00.000+07:00");
  CHECK(lienket::parse_time("2026-03-01T01:00:00Z") == ms);
  CHECK(lienket::local_date(*ms - 9 * 3600 * 1000) == "2026-02-28");
  CHECK_FALSE(lienket::parse_time("2026-03-01 08:00"));
  CHECK_FALSE(lienket::parse_time("2026-03-01T08:00:00+7"));
}

TEST_CASE("dates are read only when they are calendar dates") {
  using lienket::date_to_days;
  SECTION("a valid date counts days from 1970-01-01") {
    CHECK(date_to_days("1970-01-01") == 0);
    CHECK(date_to_days("2026-03-01") == lienket::days_from_civil(2026, 3, 1));
    CHECK(date_to_days("2024-02-29") == lienket::days_from_civil(2024, 2, 29));
    CHECK(lienket::days_to_date(*date_to_days("2026-12-31")) == "2026-12-31");
  }
  SECTION("a day the month does not have") {
    CHECK_FALSE(date_to_days("2026-02-30"));
    CHECK_FALSE(date_to_days("2026-02-29"));  // 2026 is not a leap year
    CHECK_FALSE(date_to_days("2026-04-31"));
    CHECK_FALSE(date_to_days("2026-03-00"));
  }
  SECTION("a month past December, or month 0") {
    CHECK_FALSE(date_to_days("2026-13-01"));
    CHECK_FALSE(date_to_days("2026-00-10"));
  }
  SECTION("anything but YYYY-MM-DD") {
    CHECK_FALSE(date_to_days("2026-03-01x"));
    CHECK_FALSE(date_to_days("2026-03-01 "));
    CHECK_FALSE(date_to_days("2026-3-01"));
    CHECK_FALSE(date_to_days("+026-03-01"));
    CHECK_FALSE(date_to_days("2026/03/01"));
    CHECK_FALSE(date_to_days(""));
  }
}

TEST_CASE("RFC 3339 times: what is read and what is refused") {
  using lienket::parse_time;
  const auto eight = parse_time("2026-03-01T08:00:00+07:00");
  REQUIRE(eight);
  SECTION("fractions are milliseconds; digits past the third are dropped") {
    CHECK(parse_time("2026-03-01T08:00:00.5+07:00") == *eight + 500);
    CHECK(parse_time("2026-03-01T08:00:00.123+07:00") == *eight + 123);
    CHECK(parse_time("2026-03-01T08:00:00.123999+07:00") == *eight + 123);
  }
  SECTION("offsets east and west, and Z") {
    CHECK(parse_time("2026-03-01T00:00:00-01:00") == *eight);
    CHECK(parse_time("2026-03-01T01:00:00.000Z") == *eight);
  }
  SECTION("a leap second reads as the next second") {
    CHECK(parse_time("2026-03-01T07:59:60+07:00") == *eight);
  }
  SECTION("a date that does not exist") {
    CHECK_FALSE(parse_time("2026-02-30T08:00:00+07:00"));
    CHECK_FALSE(parse_time("2026-13-01T08:00:00+07:00"));
  }
  SECTION("a clock field out of range") {
    CHECK_FALSE(parse_time("2026-03-01T24:00:00+07:00"));
    CHECK_FALSE(parse_time("2026-03-01T08:60:00+07:00"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:61+07:00"));
  }
  SECTION("a missing offset") {
    CHECK_FALSE(parse_time("2026-03-01T08:00:00"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00.000"));
  }
  SECTION("a malformed offset") {
    CHECK_FALSE(parse_time("2026-03-01T08:00:00+07"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00+0700"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00+15:00"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00+07:60"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00z"));
  }
  SECTION("trailing garbage") {
    CHECK_FALSE(parse_time("2026-03-01T08:00:00+07:00x"));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00Z "));
    CHECK_FALSE(parse_time("2026-03-01T08:00:00.+07:00"));
  }
  SECTION("fields of the wrong width") {
    CHECK_FALSE(parse_time("2026-03-01T8:00:00+07:00"));
    CHECK_FALSE(parse_time("2026-3-01T08:00:00+07:00"));
  }
}
