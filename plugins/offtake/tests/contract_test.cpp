// Specification of the offtake plugin's declared contract (src/contract.cpp): which messages it
// serves, who may send them, which only read, and that the events it declares are exactly the
// typed ones of include/lienket/offtake/events.hpp. That the schemas fit what the handlers really
// accept and return is checked against a real node by the integration tests (contract_violations).
#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "contract.hpp"
#include "lienket/offtake/events.hpp"

using namespace lienket;
using namespace lienket::offtake;

namespace {

const MessageSpec* find(const PluginInfo& info, const std::string& type) {
  for (const auto& m : info.messages)
    if (m.type == type) return &m;
  return nullptr;
}

std::set<std::string> callers_of(const PluginInfo& info, const std::string& type) {
  const MessageSpec* m = find(info, type);
  REQUIRE(m != nullptr);
  return {m->callers.begin(), m->callers.end()};
}

}  // namespace

TEST_CASE("the offtake contract declares its twenty-nine message types, each with a handler") {
  OfftakeConfig config;
  const PluginInfo info = contract(&config);
  CHECK(info.name == "offtake");
  CHECK(info.prefixes == std::vector<std::string>{"offtake."});
  const std::set<std::string> expected = {
      "offtake.contract.post", "offtake.contract.get", "offtake.contract.list",
      "offtake.contract.cancel", "offtake.contract.amend", "offtake.offer.post",
      "offtake.offer.get", "offtake.offer.list", "offtake.offer.withdraw", "offtake.match.run",
      "offtake.proposal.get", "offtake.proposal.list", "offtake.proposal.accept",
      "offtake.proposal.reject", "offtake.consumption.get", "offtake.consumption.list",
      "offtake.delivery.record", "offtake.delivery.accept", "offtake.delivery.reject",
      "offtake.payment.record", "offtake.report",
      // contracts as they are really run
      "offtake.proposal.counter", "offtake.proposal.reconsider", "offtake.consumption.amend",
      "offtake.consumption.amend.sign", "offtake.consumption.amend.decline",
      "offtake.consumption.terminate", "offtake.consumption.dispute",
      "offtake.consumption.resolve"};
  std::set<std::string> declared;
  for (const auto& m : info.messages) {
    INFO(m.type);
    declared.insert(m.type);
    CHECK(static_cast<bool>(m.handler));
    CHECK_FALSE(m.callers.empty());
    CHECK_FALSE(m.summary.empty());
    CHECK(m.body.json()["type"] == "object");
    CHECK(m.result.json()["type"] == "object");
    const bool reads = m.type.find(".get") != std::string::npos ||
                       m.type.find(".list") != std::string::npos || m.type == "offtake.report";
    CHECK(m.read_only == reads);
  }
  CHECK(info.messages.size() == expected.size());
  CHECK(declared == expected);
}

TEST_CASE("who may send each offtake message") {
  OfftakeConfig config;
  const PluginInfo info = contract(&config);
  const std::set<std::string> buyers = {"enterprise", "distributor", "retailer"};
  const std::set<std::string> sellers = {"cooperative", "cooperative_group", "cooperative_union"};
  std::set<std::string> both = buyers;
  both.insert(sellers.begin(), sellers.end());
  const std::set<std::string> anyone_known = {"admin", "party", "plugin"};
  SECTION("buyers post, cancel, accept or reject deliveries and pay") {
    for (const char* t :
         {"offtake.contract.post", "offtake.contract.cancel", "offtake.delivery.accept",
          "offtake.delivery.reject", "offtake.payment.record"})
      CHECK(callers_of(info, t) == buyers);
  }
  SECTION("sellers offer, withdraw and deliver") {
    for (const char* t :
         {"offtake.offer.post", "offtake.offer.withdraw", "offtake.delivery.record"})
      CHECK(callers_of(info, t) == sellers);
  }
  SECTION("either side answers a proposal; the handler checks it is this proposal's side") {
    CHECK(callers_of(info, "offtake.proposal.accept") == both);
    CHECK(callers_of(info, "offtake.proposal.reject") == both);
    CHECK(callers_of(info, "offtake.proposal.counter") == both);
    CHECK(callers_of(info, "offtake.proposal.reconsider") == both);
  }
  SECTION("either side changes a signed contract; a union may also rule on a dispute") {
    for (const char* t : {"offtake.consumption.amend", "offtake.consumption.amend.sign",
                          "offtake.consumption.amend.decline", "offtake.consumption.terminate",
                          "offtake.consumption.dispute", "offtake.consumption.resolve"})
      CHECK(callers_of(info, t) == both);
  }
  SECTION("an admin acts for no party, so it may only read and run the matching") {
    for (const auto& m : info.messages) {
      INFO(m.type);
      const bool admin = std::find(m.callers.begin(), m.callers.end(), "admin") != m.callers.end();
      CHECK(admin == (m.read_only || m.type == "offtake.match.run"));
      if (admin) CHECK(callers_of(info, m.type) == anyone_known);
    }
  }
}

TEST_CASE(
    "the offtake contract declares exactly the typed events, each with a closed object schema") {
  OfftakeConfig config;
  const PluginInfo info = contract(&config);
  std::set<std::string> declared, typed;
  for (const auto& e : info.events) {
    INFO(e.type);
    declared.insert(e.type);
    CHECK(e.data.json()["type"] == "object");
    CHECK(e.data.json()["additionalProperties"] == false);
  }
  for (auto t : events::kAll) typed.insert(std::string(t));
  CHECK(info.events.size() == events::kAll.size());
  CHECK(declared == typed);
}

TEST_CASE("the delivery events' schemas require what a consumer maps without calling back") {
  OfftakeConfig config;
  const PluginInfo info = contract(&config);
  for (auto type :
       {events::kDeliveryRecorded, events::kDeliveryAccepted, events::kDeliveryRejected}) {
    INFO(type);
    const EventSpec* spec = nullptr;
    for (const auto& e : info.events)
      if (e.type == type) spec = &e;
    REQUIRE(spec != nullptr);
    const auto& j = spec->data.json();
    for (const char* k : {"consumption_id", "delivery_no", "buyer", "seller", "product_id", "unit",
                          "quantity", "date"})
      CHECK(std::find(j["required"].begin(), j["required"].end(), k) != j["required"].end());
    CHECK(j["properties"].contains("lot_id"));
    CHECK(std::find(j["required"].begin(), j["required"].end(), "lot_id") == j["required"].end());
    CHECK(j["properties"]["unit"]["enum"] == nlohmann::json{"g", "ml", "piece"});
  }
}
