// Specification of the plugin's config section (config.hpp).
#include <catch2/catch.hpp>

#include "config.hpp"

using lienket::offtake::parse_config;

TEST_CASE("offtake config") {
  SECTION("absent keys take their defaults") {
    auto c = parse_config(nlohmann::json::object());
    REQUIRE(c.ok());
    CHECK(c->transport_vnd_per_kg_km == 3);
    CHECK(c->proposal_ttl_hours == 72);
    CHECK(c->breach_grace_days == 0);
  }
  SECTION("given keys are read") {
    auto c = parse_config(
        {{"transport_vnd_per_kg_km", 5}, {"proposal_ttl_hours", 24}, {"breach_grace_days", 2}});
    REQUIRE(c.ok());
    CHECK(c->transport_vnd_per_kg_km == 5);
    CHECK(c->proposal_ttl_hours == 24);
    CHECK(c->breach_grace_days == 2);
  }
  SECTION("an unknown key is refused by name") {
    auto c = parse_config({{"ttl", 1}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "plugins.offtake.ttl");
  }
  SECTION("a non-integer rate is refused by name") {
    auto c = parse_config({{"transport_vnd_per_kg_km", 2.5}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "plugins.offtake.transport_vnd_per_kg_km");
  }
}
