#include <catch2/catch.hpp>

#include "config.hpp"

using lienket::core::parse_config;
using nlohmann::json;

TEST_CASE("the node config is validated strictly") {
  SECTION("an empty config gives the embedded defaults") {
    auto c = parse_config(json::object());
    REQUIRE(c.ok());
    CHECK(c->request_endpoint == "tcp://127.0.0.1:7400");
    CHECK(c->event_endpoint == "tcp://127.0.0.1:7401");
    CHECK(c->data_dir == "./data");
    CHECK(c->sync);
    CHECK(c->max_message_bytes == 1 << 20);
  }
  SECTION("an unknown key is an error naming it") {
    auto c = parse_config({{"data_dri", "x"}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "data_dri");
  }
  SECTION("a wrong type is an error naming the key") {
    auto c = parse_config({{"max_message_bytes", "big"}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "max_message_bytes");
  }
  SECTION("durability is sync or relaxed") {
    CHECK_FALSE(parse_config({{"durability", "fast"}}).ok());
    auto c = parse_config({{"durability", "relaxed"}});
    REQUIRE(c.ok());
    CHECK_FALSE(c->sync);
  }
  SECTION("endpoints must be ZeroMQ endpoints") {
    auto c = parse_config({{"request_endpoint", "127.0.0.1:7400"}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "request_endpoint");
  }
  SECTION("http_any_port is a boolean, off unless asked for") {
    CHECK_FALSE(parse_config(json::object())->http_any_port);
    CHECK(parse_config({{"http_any_port", true}})->http_any_port);
    auto c = parse_config({{"http_any_port", "yes"}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "http_any_port");
  }
  SECTION("a plugin section must be an object") {
    auto c = parse_config({{"plugins", {{"offtake", 3}}}});
    REQUIRE_FALSE(c.ok());
    CHECK(c.status().field() == "plugins.offtake");
  }
  SECTION("a manual clock starts where it is told") {
    auto c =
        parse_config({{"clock", {{"mode", "manual"}, {"start", "2026-03-01T08:00:00+07:00"}}}});
    REQUIRE(c.ok());
    CHECK(c->manual_clock);
    CHECK(c->clock_start_ms == 1772326800000LL);
    auto bad = parse_config({{"clock", {{"mode", "manual"}, {"start", "yesterday"}}}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().field() == "clock.start");
  }
}

TEST_CASE("CURVE is on wherever the node can be reached from outside this machine") {
  using lienket::core::is_loopback_endpoint;
  CHECK(is_loopback_endpoint("tcp://127.0.0.1:7400"));
  CHECK(is_loopback_endpoint("tcp://127.0.0.1:*"));
  CHECK(is_loopback_endpoint("tcp://localhost:7400"));
  CHECK(is_loopback_endpoint("tcp://[::1]:7400"));
  CHECK(is_loopback_endpoint("ipc:///tmp/lienket.sock"));
  CHECK_FALSE(is_loopback_endpoint("tcp://0.0.0.0:7400"));
  CHECK_FALSE(is_loopback_endpoint("tcp://*:7400"));
  CHECK_FALSE(is_loopback_endpoint("tcp://10.0.0.5:7400"));
  CHECK_FALSE(is_loopback_endpoint("tcp://127.0.0.1.nip.io:7400"));

  CHECK_FALSE(parse_config(json::object())->curve);  // loopback default: off
  auto exposed = parse_config({{"request_endpoint", "tcp://0.0.0.0:7400"}});
  REQUIRE(exposed.ok());
  CHECK(exposed->curve);
  CHECK(exposed->key_dir == "./data/keys");
  auto refused =
      parse_config({{"event_endpoint", "tcp://*:7401"}, {"security", {{"curve", "off"}}}});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().field() == "security.curve");
  CHECK(parse_config({{"security", {{"curve", "on"}}}})->curve);
  auto bad_key = parse_config({{"security", {{"admin_keys", {"not-a-key"}}}}});
  REQUIRE_FALSE(bad_key.ok());
  CHECK(bad_key.status().field() == "security.admin_keys");
}
