// The webhook connector inside a real `lienket node`, delivering to real HTTP receivers on
// 127.0.0.1: the happy path, a receiver that fails, answers too late and goes away, a node restart
// while the receiver is down, a dead letter and its replay, and the status the runtime reports.
// The rule checked everywhere: every wanted event arrives, signed, once per delivery id after
// de-duplication, in log order.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "lienket/testing/eventually.hpp"
#include "receiver.hpp"
#include "testkit.hpp"

using lienket::testing::eventually;
using lienket::testkit::contract_violations;
using lienket::testkit::Node;
using lienket::testkit::ok;
using lienket::webhook::test::Delivery;
using lienket::webhook::test::Receiver;
using nlohmann::json;

namespace {

const std::string kSecretA = "whsec-erp-hungloc-2026-0001";
const std::string kSecretB = "whsec-shop-ocop-2026-0002";

json endpoint(const Receiver& r, const std::string& secret, json topics = json::array(),
              int timeout_ms = 1000) {
  return {{"url", r.url()}, {"secret", secret}, {"topics", topics}, {"timeout_ms", timeout_ms}};
}

// Small back-offs so an outage of a second or two costs a few retries, and enough attempts that an
// outage never dead-letters.
json config(json endpoints, int max_attempts = 1000) {
  return {{"plugins",
           {{"webhook",
             {{"delivery",
               {{"topics", {"party.", "product."}},
                {"max_attempts", max_attempts},
                {"backoff_first_ms", 50},
                {"backoff_max_ms", 400},
                {"idle_poll_ms", 100}}},
              {"endpoints", std::move(endpoints)}}}}}};
}

int party_counter = 0;

void register_party(Node& node, const std::string& id, const std::string& name) {
  ok(node.call("party.register", {{"id", id},
                                  {"kind", "cooperative"},
                                  {"name", name},
                                  {"province", "Phú Thọ"},
                                  {"lat", 21.32 + 0.01 * (++party_counter % 50)},
                                  {"lon", 105.2},
                                  {"members", 45}}));
}

void register_product(Node& node, const std::string& owner, const std::string& id,
                      const std::string& name) {
  ok(node.call("product.register",
               {{"id", id},
                {"name", name},
                {"category", "tea"},
                {"unit", "g"},
                {"ocop_stars", 4},
                {"certifications", {"VietGAP"}}},
               owner));
}

std::uint64_t last_seq(Node& node) {
  return ok(node.call("node.info"))["node"]["last_seq"].get<std::uint64_t>();
}

// The node's party.* and product.* events, in log order, as {"seq","type","at","by","data"}.
std::vector<json> wanted_events(Node& node, const std::string& prefix = "") {
  std::vector<json> out;
  std::uint64_t after = 0;
  for (;;) {
    auto page = ok(node.call("events.since", {{"after_seq", after}, {"limit", 1000}}));
    for (const auto& e : page["events"]) {
      std::string type = e["type"];
      bool wanted = type.rfind("party.", 0) == 0 || type.rfind("product.", 0) == 0;
      if (wanted && type.rfind(prefix, 0) == 0) out.push_back(e);
    }
    if (page["next_after"] == page["last_seq"]) break;
    after = page["next_after"];
  }
  return out;
}

json status(Node& node) { return ok(node.call("connector.webhook.status")); }

// What a de-duplicating receiver keeps must be exactly the node's events, in log order, each with
// a valid signature, its seq as delivery id and the event type header.
void check_received_exactly(const Receiver& r, const std::vector<json>& events) {
  auto kept = r.kept();
  std::vector<std::uint64_t> got, want;
  for (const auto& d : kept) got.push_back(d.seq);
  for (const auto& e : events) want.push_back(e["seq"]);
  REQUIRE(got == want);  // none missing, none extra, in order
  for (std::size_t i = 0; i < kept.size(); ++i) {
    INFO("seq " << kept[i].seq);
    CHECK(kept[i].signature_ok);
    CHECK(kept[i].delivery_id == std::to_string(kept[i].seq));
    CHECK(kept[i].event_type == events[i]["type"]);
    CHECK(json::parse(kept[i].body) == events[i]);
  }
  for (const auto& d : r.received()) CHECK(d.signature_ok);
}

bool has_all(const Receiver& r, std::size_t n) { return r.kept().size() >= n; }

// Requests for one delivery id answered with `status`.
std::size_t answers(const Receiver& r, std::uint64_t seq, int status) {
  std::size_t n = 0;
  for (const auto& d : r.received()) n += d.seq == seq && d.answered == status;
  return n;
}

}  // namespace

TEST_CASE("events arrive signed, in order, at every endpoint that wants them", "[webhook][node]") {
  Receiver erp(kSecretA), shop(kSecretB);
  erp.start();
  shop.start();
  Node node(config({endpoint(erp, kSecretA), endpoint(shop, kSecretB, {"product."})}));

  register_party(node, "htx-thanhnam", "HTX Chè Thanh Nam");
  register_party(node, "htx-longcoc", "HTX Chè Long Cốc");
  register_product(node, "htx-thanhnam", "tea-thanhnam-green", "Chè xanh Thanh Nam");
  register_party(node, "dn-hungloc", "Công ty Hưng Lộc");
  register_product(node, "htx-longcoc", "tea-longcoc-black", "Hồng trà Long Cốc");

  REQUIRE(eventually([&] { return has_all(erp, 5) && has_all(shop, 2); }));
  check_received_exactly(erp, wanted_events(node));
  check_received_exactly(shop, wanted_events(node, "product."));
  CHECK(erp.requests() == 5);  // nothing failed, so nothing was sent twice
  CHECK(shop.requests() == 2);

  SECTION("status shows the cursor at the end of the log and the last success") {
    REQUIRE(eventually([&] { return status(node)["lag"] == 0; }));
    auto s = status(node);
    CHECK(s["cursor"] == last_seq(node));
    CHECK(s["last_seq"] == last_seq(node));
    CHECK(s["delivered"] == 5);
    CHECK(s["dead_letters"] == 0);
    CHECK(s["last_success_at"].is_string());
    CHECK(s["last_error"].is_null());
    CHECK((s["state"] == "idle" || s["state"] == "reading"));
  }
  SECTION("the endpoints are listed without their secrets") {
    auto e = ok(node.call("connector.webhook.endpoints"));
    REQUIRE(e["endpoints"].size() == 2);
    CHECK(e["endpoints"][0]["url"] == erp.url());
    CHECK(e["endpoints"][1]["topics"] == json{"product."});
    CHECK(e.dump().find(kSecretA) == std::string::npos);
  }

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE("a receiver that fails, times out and goes away still gets every event",
          "[webhook][node]") {
  Receiver erp(kSecretA);
  erp.start();
  Node node(config({endpoint(erp, kSecretA, json::array(), 250)}));
  register_party(node, "htx-thanhnam", "HTX Chè Thanh Nam");
  register_party(node, "htx-longcoc", "HTX Chè Long Cốc");
  REQUIRE(eventually([&] { return has_all(erp, 2); }));

  // 503: the receiver is up but broken.
  erp.set_mode(Receiver::Mode::kFail, 503);
  std::uint64_t failing = last_seq(node) + 1;
  register_party(node, "htx-dahen", "HTX Chè Đá Hen");
  register_product(node, "htx-thanhnam", "tea-thanhnam-green", "Chè xanh Thanh Nam");
  REQUIRE(eventually([&] { return answers(erp, failing, 503) >= 3; }));
  {
    auto s = status(node);
    CHECK(s["lag"] >= 2);
    CHECK(s["current_seq"] == failing);
    CHECK(s["last_error"]["code"] == "unavailable");
    CHECK(s["last_error"]["message"].get<std::string>().find("503") != std::string::npos);
  }

  // Too slow: the receiver takes it but answers after the connector gave up.
  erp.set_mode(Receiver::Mode::kSlow, 600);
  REQUIRE(eventually([&] { return answers(erp, failing, 200) >= 2; }));

  // Gone: the server is destroyed and the port closed, while more events are produced.
  erp.stop();
  register_party(node, "htx-vandon", "HTX Bưởi Văn Dơn");
  register_product(node, "htx-longcoc", "tea-longcoc-black", "Hồng trà Long Cốc");
  register_party(node, "dn-hungloc", "Công ty Hưng Lộc");
  REQUIRE(eventually([&] {
    auto e = status(node)["last_error"];
    return e.is_object() &&
           e["message"] == "cannot connect (refused or unreachable) posting to " + erp.url();
  }));
  CHECK(status(node)["dead_letters"] == 0);

  // Back, on the same port.
  erp.set_mode(Receiver::Mode::kAccept);
  erp.start();
  auto events = wanted_events(node);
  REQUIRE(events.size() == 7);
  REQUIRE(eventually([&] { return has_all(erp, 7); }));
  check_received_exactly(erp, events);
  CHECK(erp.received().size() > 7);  // the outage really caused retries and duplicates
  REQUIRE(eventually([&] { return status(node)["lag"] == 0; }));
  CHECK(status(node)["dead_letters"] == 0);

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE("a node restarted while the receiver is down delivers everything afterwards",
          "[webhook][node]") {
  Receiver erp(kSecretA);
  erp.start();
  Node node(config({endpoint(erp, kSecretA, json::array(), 250)}));
  register_party(node, "htx-thanhnam", "HTX Chè Thanh Nam");
  register_party(node, "htx-longcoc", "HTX Chè Long Cốc");
  REQUIRE(eventually([&] { return has_all(erp, 2); }));
  std::set<std::uint64_t> before;
  for (const auto& d : erp.kept()) before.insert(d.seq);

  erp.stop();
  register_party(node, "htx-dahen", "HTX Chè Đá Hen");
  register_product(node, "htx-thanhnam", "tea-thanhnam-green", "Chè xanh Thanh Nam");
  REQUIRE(eventually([&] { return status(node)["attempts"] >= 2; }));

  SECTION("clean stop") { node.stop(); }
  SECTION("crash") { node.kill9(); }
  node.start();
  register_party(node, "htx-vandon", "HTX Bưởi Văn Dơn");
  erp.start();

  auto events = wanted_events(node);
  REQUIRE(events.size() == 5);
  REQUIRE(eventually([&] { return has_all(erp, 5); }));
  check_received_exactly(erp, events);
  // The cursor survived: what was confirmed before the restart was not sent again.
  for (const auto& d : erp.received())
    if (before.count(d.seq)) CHECK(answers(erp, d.seq, 200) == 1);
  REQUIRE(eventually([&] { return status(node)["lag"] == 0; }));
  CHECK(status(node)["delivered"] == 5);

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE(
    "an event the receiver rejects is dead-lettered, later ones still arrive, replay delivers it",
    "[webhook][node]") {
  Receiver erp(kSecretA);
  erp.start();
  Node node(config({endpoint(erp, kSecretA)}, /*max_attempts=*/5));
  register_party(node, "htx-thanhnam", "HTX Chè Thanh Nam");
  std::uint64_t rejected = last_seq(node) + 1;
  erp.reject(rejected, 400);
  register_party(node, "htx-longcoc", "HTX Chè Long Cốc");
  register_party(node, "htx-dahen", "HTX Chè Đá Hen");
  register_product(node, "htx-thanhnam", "tea-thanhnam-green", "Chè xanh Thanh Nam");

  REQUIRE(eventually([&] { return has_all(erp, 3); }));
  CHECK(answers(erp, rejected, 400) == 1);  // a 400 is not retried
  auto dl = ok(node.call("connector.webhook.deadletter.list"));
  REQUIRE(dl["dead_letters"].size() == 1);
  const auto& entry = dl["dead_letters"][0];
  CHECK(entry["seq"] == rejected);
  CHECK(entry["type"] == "party.registered");
  CHECK(entry["error"]["code"] == "failed_precondition");
  CHECK(entry["error"]["message"].get<std::string>().find("HTTP 400") != std::string::npos);
  REQUIRE(eventually([&] { return status(node)["lag"] == 0; }));
  auto s = status(node);
  CHECK(s["dead_letters"] == 1);
  CHECK(s["delivered"] == 3);
  CHECK(s["last_error"]["seq"] == rejected);

  SECTION("a second 400 on replay keeps it a dead letter") {
    ok(node.call("connector.webhook.deadletter.replay", {{"seqs", {rejected}}}));
    REQUIRE(eventually([&] { return answers(erp, rejected, 400) == 2; }));
    REQUIRE(eventually([&] {
      auto l = ok(node.call("connector.webhook.deadletter.list"))["dead_letters"];
      return l.size() == 1 && l[0]["replay"] == false;
    }));
  }
  SECTION("after the receiver is fixed, replay delivers it") {
    erp.reject(std::nullopt);
    ok(node.call("connector.webhook.deadletter.replay", {{"seqs", {rejected}}}));
    REQUIRE(eventually([&] { return has_all(erp, 4); }));
    auto kept = erp.kept();
    CHECK(kept.back().seq == rejected);
    CHECK(kept.back().signature_ok);
    REQUIRE(eventually([&] {
      return ok(node.call("connector.webhook.deadletter.list"))["dead_letters"].empty();
    }));
    CHECK(status(node)["dead_letters"] == 0);
    CHECK(status(node)["delivered"] == 4);
  }

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE("a bad webhook section stops the node's start-up, naming the key", "[webhook][node]") {
  json bad = config({{{"url", "ftp://127.0.0.1/hook"}, {"secret", kSecretA}}});
  CHECK_THROWS_WITH(Node(bad), Catch::Contains("plugins.webhook.endpoints[0].url"));
  json unknown = config(json::array());
  unknown["plugins"]["webhook"]["endpoint"] = "http://127.0.0.1/";
  CHECK_THROWS_WITH(Node(unknown), Catch::Contains("plugins.webhook.endpoint"));
}
