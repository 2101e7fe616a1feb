// The plugin's config section: defaults, ranges, unknown keys named.
#include <catch2/catch.hpp>

#include "config.hpp"

using namespace lienket::farming;
using nlohmann::json;

TEST_CASE("farming config", "[config]") {
  SECTION("an empty section gives the defaults") {
    auto c = parse_config(json::object());
    REQUIRE(c.ok());
    CHECK(c->advance_interest_bp_per_month == 0);
    CHECK(c->alerts.low_yield_bp == 5000);
    CHECK(c->alerts.shortfall_bp == 9000);
    CHECK(c->alerts.shortfall_days == 7);
  }
  SECTION("values are read") {
    auto c = parse_config({{"advance_interest_bp_per_month", 80}, {"shortfall_alert_days", 10}});
    REQUIRE(c.ok());
    CHECK(c->advance_interest_bp_per_month == 80);
    CHECK(c->alerts.shortfall_days == 10);
  }
  SECTION("an unknown key is refused by name") {
    auto c = parse_config({{"interest", 80}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "plugins.farming.interest");
  }
  SECTION("a rate that is not integer basis points is refused") {
    auto c = parse_config({{"advance_interest_bp_per_month", 0.8}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "plugins.farming.advance_interest_bp_per_month");
  }
}
