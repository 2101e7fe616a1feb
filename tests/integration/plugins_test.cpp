#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <set>

#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;

namespace {
json node_with_test_plugins(json extra = json::object()) {
  json c = {{"plugin_dirs", {plugin_dir(), LIENKET_TEST_PLUGIN_DIR}}};
  c.merge_patch(extra);
  return c;
}
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
const json kCoop = {{"id", "htx-a"},         {"kind", "cooperative"}, {"name", "HTX A"},
                    {"province", "Phú Thọ"}, {"lat", 21.3},           {"lon", 105.1}};
}  // namespace

TEST_CASE("plugins are loaded at run time, contained, and serve through the bus") {
  Node node(node_with_test_plugins({{"plugins", {{"echo", {{"greeting", "chào"}}}}}}));

  SECTION("node.info lists loaded plugins with versions and prefixes; bad libraries were skipped") {
    auto info = ok(node.call("node.info"));
    std::map<std::string, json> by_name;
    for (const auto& p : info["plugins"]) by_name[p["name"]] = p;
    REQUIRE(by_name.count("echo"));
    CHECK(by_name["echo"]["version"] == "9.9.9");
    CHECK(by_name["echo"]["prefixes"] == json{"echo."});
    CHECK(by_name.count("registry"));
    CHECK_FALSE(by_name.count("old"));
    CHECK_FALSE(by_name.count("never"));
    auto log = slurp(node.log_path());
    CHECK_THAT(log, Catch::Contains("ABI version") && Catch::Contains("factory threw"));
  }
  SECTION("a plugin gets its config section") {
    CHECK(ok(node.call("echo.get", {{"key", "x"}}))["greeting"] == "chào");
  }
  SECTION("a plugin's writes and events commit with the command") {
    ok(node.call("echo.put", {{"key", "k1"}, {"value", "v1"}}));
    CHECK(ok(node.call("echo.get", {{"key", "k1"}}))["value"] == "v1");
    auto events = ok(node.call("events.since", {{"topic_prefix", "echo."}}))["events"];
    REQUIRE(events.size() == 1);
    CHECK(events[0]["data"]["value"] == "v1");
  }
  SECTION("an exception thrown by a plugin becomes an internal error, and the node keeps serving") {
    expect_error(node.call("echo.throw"), "internal");
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 0);
  }
  SECTION(
      "a plugin that returns invalid JSON gets an internal error, and what it wrote is rolled "
      "back") {
    expect_error(node.call("echo.bad_json"), "internal");
    CHECK(ok(node.call("echo.get", {{"key", "bad"}}))["value"].is_null());
    CHECK_THAT(slurp(node.log_path()), Catch::Contains("returned invalid JSON"));
  }
  SECTION("a plugin's failure rolls back what it wrote and emitted") {
    expect_error(node.call("echo.fail_after_write", {{"key", "k2"}}), "failed_precondition",
                 "body.key");
    CHECK(ok(node.call("echo.get", {{"key", "k2"}}))["value"].is_null());
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 0);
  }
  SECTION("a plugin emits only the event types its contract declares") {
    expect_error(node.call("echo.emit_foreign"), "internal");
    expect_error(node.call("echo.emit_undeclared"), "internal");
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 0);
  }
  SECTION("only declared message types are served, even under a plugin's own prefix") {
    expect_error(node.call("echo.undeclared"), "unknown_type", "type");
  }
  SECTION("a message declared read_only can neither write nor emit") {
    expect_error(node.call("echo.write_in_read"), "internal");
    CHECK(ok(node.call("echo.get", {{"key", "sneaky"}}))["value"].is_null());
  }
  SECTION("the node checks who may send a message before its handler runs") {
    ok(node.call("party.register", kCoop));
    ok(node.call("party.register", {{"id", "dn-b"},
                                    {"kind", "enterprise"},
                                    {"name", "Công ty B"},
                                    {"province", "Hà Nội"},
                                    {"lat", 21.0},
                                    {"lon", 105.8}}));
    ok(node.call("echo.cooperatives_only", json::object(), "htx-a"));
    expect_error(node.call("echo.cooperatives_only", json::object(), "dn-b"), "permission_denied",
                 "as");
    expect_error(node.call("echo.cooperatives_only"), "unauthenticated",
                 "as");  // an admin is no cooperative
    expect_error(node.call("echo.cooperatives_only", json::object(), "nobody"), "unauthenticated",
                 "as");
  }
  SECTION(
      "an admin acts for no party: an admin-only message sent with a party's \"as\" is refused") {
    ok(node.call("party.register", kCoop));
    expect_error(node.call("party.register",
                           {{"kind", "cooperative"},
                            {"name", "HTX C"},
                            {"province", "Phú Thọ"},
                            {"lat", 21.3},
                            {"lon", 105.1}},
                           "htx-a"),
                 "permission_denied", "as");
  }
  SECTION("a nested call carries the authority of the command it serves") {
    ok(node.call("party.register", kCoop));
    CHECK(ok(node.call("echo.nested_who", json::object(), "htx-a"))["as"] == "htx-a");
    CHECK(ok(node.call("echo.nested_who"))["as"] == "");
  }
  SECTION(
      "required subscribers get events in the same transaction; one that refuses fails the "
      "command") {
    ok(node.call("party.register", kCoop));
    CHECK(ok(node.call("echo.parties_seen"))["count"] == 1);
    auto events = ok(node.call("events.since"))["events"];
    REQUIRE(events.size() == 2);
    CHECK(events[1]["type"] == "echo.saw_party");
    ok(node.call("echo.check", {{"value", "fine"}}));
    auto before = ok(node.call("node.info"))["node"]["last_seq"];
    auto refused = node.call("echo.check", {{"value", "refuse"}});
    expect_error(refused, "failed_precondition", "body.value");
    CHECK_THAT(refused["error"]["message"].get<std::string>(), Catch::Contains("faulty"));
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == before);  // nothing of it kept
  }
  SECTION("a durable subscriber's refusal never fails the emitter and is kept as a dead letter") {
    ok(node.call("echo.put", {{"key", "k3"}, {"value", "v"}}));  // faulty refuses echo.stored
    CHECK(ok(node.call("echo.get", {{"key", "k3"}}))["value"] == "v");
    REQUIRE(lienket::testing::eventually([&] {
      return ok(node.call("node.subscriber.deadletter.list",
                          {{"plugin", "faulty"}}))["dead_letters"]
                 .size() == 1;
    }));
    auto dead =
        ok(node.call("node.subscriber.deadletter.list", {{"plugin", "faulty"}}))["dead_letters"][0];
    CHECK(dead["event"]["type"] == "echo.stored");
    CHECK(dead["error"]["code"] == "failed_precondition");
    CHECK(ok(node.call("faulty.count"))["seen"] == false);  // its own write rolled back
    auto status = ok(node.call("node.subscriber.status"))["subscribers"];
    REQUIRE(status.size() == 1);
    CHECK(status[0]["plugin"] == "faulty");
    CHECK(status[0]["dead_letters"] == 1);
  }
  SECTION(
      "a durable subscriber that is unavailable is retried until it takes the event, in order") {
    ok(node.call("faulty.outage", {{"on", true}}));
    ok(node.call("echo.put", {{"key", "k4"}, {"value", "take"}}));
    ok(node.call("echo.put", {{"key", "k5"}, {"value", "take"}}));
    REQUIRE(lienket::testing::eventually([&] {
      auto s = ok(node.call("node.subscriber.status"))["subscribers"][0];
      return s["attempts"].get<int>() >= 1;
    }));
    CHECK(ok(node.call("faulty.count"))["taken"] == 0);
    ok(node.call("faulty.outage", {{"on", false}}));
    REQUIRE(lienket::testing::eventually(
        [&] { return ok(node.call("faulty.count"))["taken"] == 2; }, std::chrono::seconds(20)));
    CHECK(ok(node.call("node.subscriber.deadletter.list", {{"plugin", "faulty"}}))["dead_letters"]
              .empty());
  }
  SECTION("a dead letter is replayed on demand and leaves the list once taken") {
    ok(node.call("faulty.outage", {{"on", true}}));
    ok(node.call("echo.put", {{"key", "k6"}, {"value", "take"}}));
    REQUIRE(lienket::testing::eventually(
        [&] {
          return ok(node.call("node.subscriber.deadletter.list",
                              {{"plugin", "faulty"}}))["dead_letters"]
                     .size() == 1;
        },
        std::chrono::seconds(40)));  // 5 tries with back-off 1+2+4+8 s
    auto seq = ok(node.call("node.subscriber.deadletter.list",
                            {{"plugin", "faulty"}}))["dead_letters"][0]["event"]["seq"];
    ok(node.call("faulty.outage", {{"on", false}}));
    CHECK(ok(node.call("node.subscriber.deadletter.replay",
                       {{"plugin", "faulty"}, {"seq", seq}}))["delivered"] == true);
    CHECK(ok(node.call("faulty.count"))["taken"] == 1);
    CHECK(ok(node.call("node.subscriber.deadletter.list", {{"plugin", "faulty"}}))["dead_letters"]
              .empty());
  }
  SECTION("node.schema publishes every declared contract; one type can be asked for") {
    auto all = ok(node.call("node.schema"));
    std::set<std::string> types;
    for (const auto& m : all["messages"]) types.insert(m["type"]);
    CHECK(types.count("echo.put"));
    CHECK(types.count("party.register"));
    CHECK(types.count("node.schema"));
    auto one = ok(node.call("node.schema", {{"type", "echo.put"}}));
    REQUIRE(one["messages"].size() == 1);
    CHECK(one["messages"][0]["callers"] == json{"admin", "party"});
    CHECK(one["messages"][0]["body"]["required"] == json{"key", "value"});
    CHECK(ok(node.call("node.schema", {{"type", "echo.stored"}}))["events"].size() == 1);
    expect_error(node.call("node.schema", {{"type", "echo.nope"}}), "not_found", "body.type");
  }
  SECTION("everything this scenario produced conforms to the declared contracts") {
    ok(node.call("party.register", kCoop));
    ok(node.call("echo.put", {{"key", "k7"}, {"value", "v"}}));
    ok(node.call("echo.get", {{"key", "k7"}}));
    auto violations = contract_violations(node);
    INFO(json(violations).dump(1));
    CHECK(violations.empty());
  }
}

TEST_CASE("a bad plugin config section stops start-up with the key named") {
  CHECK_THROWS_WITH(Node(node_with_test_plugins({{"plugins", {{"echo", {{"greting", "x"}}}}}})),
                    Catch::Contains("plugins.echo.greting"));
}

TEST_CASE("a plugin call that hangs past the deadline quarantines the plugin; the node serves on") {
  Node node(node_with_test_plugins(
      {{"plugin_deadline_ms", 300}, {"plugins", {{"echo", {{"greeting", "chào"}}}}}}));
  ok(node.call("echo.put", {{"key", "k"}, {"value", "v"}}));
  Client impatient(node.request_endpoint(), std::nullopt, std::chrono::milliseconds(3000));
  CHECK_THROWS(impatient.call("echo.hang", {{"ms", 60000}}));  // never answered: never acknowledged
  // The watchdog ends the process (EX_SOFTWARE); a supervisor starts it again.
  CHECK(node.wait_for_exit(std::chrono::seconds(10)) == 70);
  node.start();
  auto refused = node.call("echo.get", {{"key", "k"}});
  REQUIRE(refused["ok"] == false);
  CHECK(refused["error"]["code"] == "unavailable");
  CHECK_THAT(refused["error"]["message"].get<std::string>(), Catch::Contains("hung in echo.hang"));
  ok(node.call("party.register",
               kCoop));  // everything else is served (echo's subscription is off too)
  CHECK_THAT(slurp(node.log_path()), Catch::Contains("quarantined"));
}
