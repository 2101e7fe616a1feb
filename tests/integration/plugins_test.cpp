#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

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
const json kCoop = {{"id", "htx-a"}, {"kind", "cooperative"}, {"name", "HTX A"}, {"province", "Phú Thọ"}, {"lat", 21.3}, {"lon", 105.1}};
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
  SECTION("a plugin that returns invalid JSON gets an internal error, and what it wrote is rolled back") {
    expect_error(node.call("echo.bad_json"), "internal");
    CHECK(ok(node.call("echo.get", {{"key", "bad"}}))["value"].is_null());
    CHECK_THAT(slurp(node.log_path()), Catch::Contains("returned invalid JSON"));
  }
  SECTION("a plugin's failure rolls back what it wrote and emitted") {
    expect_error(node.call("echo.fail_after_write", {{"key", "k2"}}), "failed_precondition", "body.key");
    CHECK(ok(node.call("echo.get", {{"key", "k2"}}))["value"].is_null());
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 0);
  }
  SECTION("a plugin may not emit events under another's prefix") {
    expect_error(node.call("echo.emit_foreign"), "internal");
  }
  SECTION("subscribers get events in the same transaction; a failing subscriber rolls back only itself") {
    ok(node.call("party.register", kCoop));
    CHECK(ok(node.call("echo.parties_seen"))["count"] == 1);
    auto events = ok(node.call("events.since"))["events"];
    REQUIRE(events.size() == 2);
    CHECK(events[1]["type"] == "echo.saw_party");
    ok(node.call("echo.put", {{"key", "k3"}, {"value", "v"}}));  // faulty refuses echo.stored
    CHECK(ok(node.call("faulty.count"))["seen"] == false);
    CHECK(ok(node.call("echo.get", {{"key", "k3"}}))["value"] == "v");
  }
}

TEST_CASE("a bad plugin config section stops start-up with the key named") {
  CHECK_THROWS_WITH(Node(node_with_test_plugins({{"plugins", {{"echo", {{"greting", "x"}}}}}})),
                    Catch::Contains("plugins.echo.greting"));
}

TEST_CASE("a plugin call that hangs past the deadline quarantines the plugin; the node serves on") {
  Node node(node_with_test_plugins({{"plugin_deadline_ms", 300}, {"plugins", {{"echo", {{"greeting", "chào"}}}}}}));
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
  ok(node.call("party.register", kCoop));  // everything else is served (echo's subscription is off too)
  CHECK_THAT(slurp(node.log_path()), Catch::Contains("quarantined"));
}
