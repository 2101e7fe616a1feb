// The connector's config keys, refused by name when wrong.
#include <catch2/catch.hpp>

#include "config.hpp"

using namespace lienket::marketplace;
using nlohmann::json;

TEST_CASE("marketplace config") {
  SECTION("defaults") {
    auto c = parse_config(json::object());
    REQUIRE(c.ok());
    CHECK(c->trace_base_url == "https://id.gs1.org");
    CHECK(c->currency == "VND");
  }
  SECTION("values, trailing slashes dropped") {
    auto c = parse_config({{"shop_base_url", "https://shop.example.vn/"},
                           {"trace_base_url", "http://127.0.0.1:7480"},
                           {"currency", "VND"}});
    REQUIRE(c.ok());
    CHECK(c->shop_base_url == "https://shop.example.vn");
  }
  auto bad = [](const json& j, const std::string& field) {
    auto c = parse_config(j);
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == field);
  };
  SECTION("bad values name their key") {
    // The feed is on the node's HTTP server now ("http" in the node's config).
    bad({{"http_endpoint", "127.0.0.1:7490"}}, "plugins.marketplace.http_endpoint");
    bad({{"shop_base_url", "shop.example.vn"}}, "plugins.marketplace.shop_base_url");
    bad({{"currency", "USD"}}, "plugins.marketplace.currency");
    bad({{"colour", 1}}, "plugins.marketplace.colour");
  }
}
