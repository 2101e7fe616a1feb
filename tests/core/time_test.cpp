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
