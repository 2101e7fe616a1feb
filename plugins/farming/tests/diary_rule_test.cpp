// The pre-harvest interval rule: no harvest before pesticide date + PHI days.
#include <catch2/catch.hpp>

#include "diary_rule.hpp"
#include "lienket/time.hpp"

using namespace lienket::farming;

namespace {
std::int64_t day(const char* d) { return *lienket::date_to_days(d); }
}  // namespace

TEST_CASE("a harvest inside a pesticide's pre-harvest interval is blocked", "[diary]") {
  std::vector<PesticideApplication> uses = {{"diary-3", "abamectin", day("2026-03-01"), 7}};

  SECTION("on the spraying day and the days after, until PHI days have passed") {
    CHECK(blocking_application(uses, day("2026-03-01")).has_value());
    CHECK(blocking_application(uses, day("2026-03-07"))->entry_id == "diary-3");
  }
  SECTION("from the day the interval ends, harvesting is allowed") {
    CHECK_FALSE(blocking_application(uses, day("2026-03-08")).has_value());
  }
  SECTION("a harvest before the spraying is not concerned") {
    CHECK_FALSE(blocking_application(uses, day("2026-02-28")).has_value());
  }
  SECTION("a zero-day PHI never blocks") {
    CHECK_FALSE(blocking_application({{"diary-4", "bt", day("2026-03-01"), 0}}, day("2026-03-01"))
                    .has_value());
  }
}

TEST_CASE("with several applications, the one ending last is named", "[diary]") {
  std::vector<PesticideApplication> uses = {{"diary-1", "a", day("2026-03-01"), 14},
                                            {"diary-2", "b", day("2026-03-05"), 3},
                                            {"diary-3", "c", day("2026-03-04"), 3}};
  auto b = blocking_application(uses, day("2026-03-06"));
  REQUIRE(b);
  CHECK(b->entry_id == "diary-1");
  CHECK(lienket::days_to_date(safe_from(*b)) == "2026-03-15");
}
