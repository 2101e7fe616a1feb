#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "testkit.hpp"

using namespace lienket::testkit;

namespace {
json coop(int i) {
  return {{"id", "htx-" + std::to_string(i)},
          {"kind", "cooperative"},
          {"name", "HTX " + std::to_string(i)},
          {"province", "Thanh Hóa"},
          {"lat", 19.8},
          {"lon", 105.8}};
}
}  // namespace

TEST_CASE("nothing acknowledged is lost, and nothing is applied twice") {
  Node node(json{{"durability", "sync"}});

  SECTION("a retry with the same idempotency key returns the first reply and applies nothing") {
    auto p = coop(1);
    p.erase("id");
    auto first = ok(node.call("party.register", p, "", "reg-1"));
    auto retry = ok(node.call("party.register", p, "", "reg-1"));
    CHECK(retry == first);
    CHECK(ok(node.call("party.list"))["parties"].size() == 1);
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 1);
    p["name"] = "another";
    expect_error(node.call("party.register", p, "", "reg-1"), "invalid_argument",
                 "idempotency_key");
  }
  SECTION("an error reply is not recorded: a corrected retry with the same key applies") {
    auto bad = coop(1);
    bad["kind"] = "farmer";
    expect_error(node.call("party.register", bad, "", "k"), "invalid_argument", "body.kind");
    CHECK(ok(node.call("party.register", coop(1), "", "k"))["party"]["id"] == "htx-1");
  }
  SECTION("a restart keeps everything, and idempotency survives it") {
    for (int i = 0; i < 20; ++i)
      ok(node.call("party.register", coop(i), "", "k" + std::to_string(i)));
    node.stop();
    {
      std::ifstream log(node.log_path());
      std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      CHECK_THAT(text,
                 Catch::Contains("node stopped cleanly"));  // SIGTERM closes RocksDB, no abort
    }
    node.start();
    CHECK(ok(node.call("party.list", {{"limit", 100}}))["parties"].size() == 20);
    ok(node.call("party.register", coop(3), "", "k3"));  // replayed, not a duplicate
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 20);
  }
  SECTION("kill -9 loses nothing that was acknowledged") {
    for (int i = 0; i < 50; ++i) ok(node.call("party.register", coop(i)));
    node.kill9();
    node.start();
    auto list = ok(node.call("party.list", {{"limit", 100}}));
    CHECK(list["parties"].size() == 50);
    auto events = ok(node.call("events.since", {{"limit", 1000}}));
    REQUIRE(events["events"].size() == 50);
    for (int i = 0; i < 50; ++i) CHECK(events["events"][i]["seq"] == i + 1);
  }
}
