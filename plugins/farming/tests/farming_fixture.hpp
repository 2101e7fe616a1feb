// The farming integration tests' season: HTX Chè Thanh Nam's five member households (plots
// tn-p1..tn-p5 of households hh-1..hh-5) and Công ty CP Chè Tân Hiệp, with helpers to record and
// read, and the contract check every scenario ends with. The node's clock starts at 2026-03-01.
#pragma once

#include <string>

#include "lienket/farming/events.hpp"
#include "testkit.hpp"

namespace farming_test {

using namespace lienket::testkit;
namespace ev = lienket::farming::events;

constexpr const char* kCoop = "htx-thanhnam";
constexpr const char* kEnt = "dn-tanhiep";
constexpr const char* kTea = "tea-thanhnam-green";
constexpr const char* kAgr = "agr-tea-2026";

inline json party(const std::string& id, const std::string& kind, const std::string& name) {
  return {{"id", id},     {"kind", kind}, {"name", name}, {"province", "Phú Thọ"},
          {"lat", 21.29}, {"lon", 105.05}};
}

inline json plot(int i) {
  return {{"id", "tn-p" + std::to_string(i)},
          {"household_id", "hh-" + std::to_string(i)},
          {"household_name", "Hộ " + std::to_string(i)},
          {"crop", "tea"},
          {"area_m2", 5000 + 1000 * i},
          {"location", {{"lat", 21.29 + i * 0.001}, {"lon", 105.05}}},
          {"certification", {{"scheme", "VietGAP"}, {"expires", "2027-12-31"}}}};
}

inline json agreement() {
  json plots = json::array();
  for (int i = 1; i <= 5; ++i)
    plots.push_back({{"plot_id", "tn-p" + std::to_string(i)}, {"expected_yield", 1'000'000}});
  return {{"id", kAgr},
          {"enterprise", kEnt},
          {"cooperative", kCoop},
          {"product_id", kTea},
          {"plots", plots},
          {"season", {{"start", "2026-02-01"}, {"end", "2026-06-30"}}},
          {"harvest_window", {{"start", "2026-03-01"}, {"end", "2026-04-30"}}},
          {"price",
           {{"kind", "fixed"},
            {"unit_price_vnd", 30'000},
            {"grade_differentials_vnd", {{"B", -5'000}}}}}};
}

// Parties, the tea product and five plots; the agreement proposed by the enterprise and, when
// `signed`, signed by the cooperative.
inline void seed(Node& node, bool signed_ = true, json terms = agreement()) {
  ok(node.call("party.register", party(kCoop, "cooperative", "HTX Chè Thanh Nam")));
  ok(node.call("party.register", party("htx-longcoc", "cooperative", "HTX Chè Long Cốc")));
  ok(node.call("party.register", party(kEnt, "enterprise", "Công ty CP Chè Tân Hiệp")));
  ok(node.call("party.register", party("dn-other", "enterprise", "Công ty khác")));
  ok(node.call("party.register", party("dn-vinmart", "retailer", "Chuỗi cửa hàng OCOP Phú Thọ")));
  ok(node.call("product.register",
               {{"id", kTea}, {"name", "Chè xanh Thanh Nam"}, {"category", "tea"}, {"unit", "g"}},
               kCoop));
  for (int i = 1; i <= 5; ++i) ok(node.call("farming.plot.register", plot(i), kCoop));
  ok(node.call("farming.agreement.propose", terms, kEnt));
  if (signed_) ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 1}}, kCoop));
}

inline void advance_days(Node& node, int days) {
  ok(node.call("node.clock.advance", {{"seconds", days * 86400}}));
}

inline json harvest(const std::string& plot_id, long long grams, const std::string& date,
                    const std::string& grade = "A") {
  return {{"agreement_id", kAgr},
          {"plot_id", plot_id},
          {"quantity", grams},
          {"grade", grade},
          {"date", date}};
}

inline json with_lot(json body, const std::string& lot) {
  body["lot_id"] = lot;
  return body;
}

inline long long last_seq(Node& node) {
  return ok(node.call("events.since", {{"after_seq", 0}, {"limit", 1}}))["last_seq"];
}

inline json events(Node& node, const std::string& prefix) {
  return ok(node.call("events.since",
                      {{"after_seq", 0}, {"limit", 1000}, {"topic_prefix", prefix}}))["events"];
}

// `data` read as the struct of its event type and written again; null when the type has none.
inline json typed_round_trip(const std::string& type, const json& data) {
  json again = nullptr;
  ev::visit_type(type, [&]<typename T>(std::type_identity<T>) {
    auto v = ev::decode<T>(data);
    again = v ? json(*v) : json("does not decode");
  });
  return again;
}

// The end of every scenario: the calls and events so far conform to the declared contract, and
// every farming event is exactly its typed struct (nothing the struct lacks, nothing it misses).
inline void check_contract(Node& node) {
  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
  for (const auto& e : events(node, "farming.")) {
    INFO(e.dump());
    CHECK(typed_round_trip(e["type"], e["data"]) == e["data"]);
  }
}

}  // namespace farming_test
