#include <catch2/catch.hpp>

#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;

namespace {
json coop(const std::string& id) {
  return {{"id", id},    {"kind", "cooperative"}, {"name", "HTX " + id}, {"province", "Khánh Hòa"},
          {"lat", 12.2}, {"lon", 109.2}};
}
}  // namespace

TEST_CASE(
    "every state change is an event, published after it is durable and replayable from the store") {
  Node node;
  for (int i = 1; i <= 3; ++i)
    ok(node.call("party.register", coop("htx-" + std::to_string(i)), ""));

  SECTION("live events arrive in order with gap-free seq") {
    Subscriber sub(node.event_endpoint(), "party.");
    // The subscription reaches the node's PUB asynchronously (ZeroMQ's "slow joiner"): register
    // parties until one arrives live, then read up to the last of them. From there on nothing may
    // be missed.
    int n = 3;
    std::optional<json> seen;
    REQUIRE(lienket::testing::eventually([&] {
      ok(node.call("party.register", coop("htx-" + std::to_string(++n)), ""));
      seen = sub.next(std::chrono::milliseconds(200));
      return seen.has_value();
    }));
    std::uint64_t last =
        ok(node.call("events.since", {{"after_seq", 0}, {"limit", 1}}))["last_seq"];
    while ((*seen)["seq"] != last) {
      seen = sub.next();
      REQUIRE(seen);
    }
    for (int i = 1; i <= 3; ++i)
      ok(node.call("party.register", coop("htx-live-" + std::to_string(i)), ""));
    for (int i = 1; i <= 3; ++i) {
      auto e = sub.next();
      REQUIRE(e);
      CHECK((*e)["seq"] == last + i);
      CHECK((*e)["type"] == "party.registered");
      CHECK((*e)["data"]["party"]["id"] == "htx-live-" + std::to_string(i));
      CHECK((*e)["at"] == "2026-03-01T08:00:00.000+07:00");
    }
  }
  SECTION("events.since replays from the store, filtered and paged") {
    ok(node.call("product.register", {{"name", "Xoài"}, {"category", "mango"}, {"unit", "g"}},
                 "htx-1"));
    auto all = ok(node.call("events.since", {{"after_seq", 0}}));
    REQUIRE(all["events"].size() == 4);
    CHECK(all["last_seq"] == 4);
    auto page = ok(node.call("events.since", {{"after_seq", 1}, {"limit", 2}}));
    REQUIRE(page["events"].size() == 2);
    CHECK(page["events"][0]["seq"] == 2);
    CHECK(page["next_after"] == 3);
    auto products = ok(node.call("events.since", {{"topic_prefix", "product."}}));
    REQUIRE(products["events"].size() == 1);
    CHECK(products["events"][0]["by"] == "htx-1");
    expect_error(node.call("events.since", {{"after_seq", -1}}), "invalid_argument",
                 "body.after_seq");
  }
  SECTION("a subscriber that was down catches up with nothing missed") {
    node.stop();
    node.start();
    auto replay = ok(node.call("events.since", {{"after_seq", 1}}));
    REQUIRE(replay["events"].size() == 2);
    CHECK(replay["events"][1]["data"]["party"]["id"] == "htx-3");
  }
  SECTION("the manual clock moves only when told, and events carry its time") {
    auto r = ok(node.call("node.clock.advance", {{"seconds", 3600}}));
    CHECK(r["now"] == "2026-03-01T09:00:00.000+07:00");
    ok(node.call("party.register", coop("htx-4")));
    auto e = ok(node.call("events.since", {{"after_seq", 3}}))["events"][0];
    CHECK(e["at"] == "2026-03-01T09:00:00.000+07:00");
  }
}
