// The market the offtake tests through a real node share: the tea cooperatives of Phú Thọ and
// Thái Nguyên and a Hà Nội tea company (DOMAIN.md), Tân Hiệp's purchase contract and three offers,
// and helpers to sign proposals and read events back.
#pragma once

#include <catch2/catch.hpp>

#include "testkit.hpp"

namespace offtake_market {

using namespace lienket::testkit;

// Parties and products of DOMAIN.md: three tea cooperatives of Phú Thọ and Thái Nguyên, a Hà Nội
// tea company, and the provincial union.
inline void register_parties(Node& node) {
  const json parties[] = {
      {{"id", "lhhtx-phutho"},
       {"kind", "cooperative_union"},
       {"name", "Liên hiệp HTX tỉnh Phú Thọ"},
       {"province", "Phú Thọ"},
       {"lat", 21.32},
       {"lon", 105.40}},
      {{"id", "htx-thanhnam"},
       {"kind", "cooperative"},
       {"name", "HTX Chè Thanh Nam"},
       {"province", "Phú Thọ"},
       {"lat", 21.29},
       {"lon", 105.05},
       {"members", 120}},
      {{"id", "htx-longcoc"},
       {"kind", "cooperative"},
       {"name", "HTX Chè Long Cốc"},
       {"province", "Phú Thọ"},
       {"lat", 21.17},
       {"lon", 104.98},
       {"members", 85}},
      {{"id", "htx-dahen"},
       {"kind", "cooperative"},
       {"name", "HTX Chè Đá Hen"},
       {"province", "Thái Nguyên"},
       {"lat", 21.78},
       {"lon", 105.70},
       {"members", 64}},
      {{"id", "dn-tanhiep"},
       {"kind", "enterprise"},
       {"name", "Công ty CP Chè Tân Hiệp"},
       {"province", "Hà Nội"},
       {"lat", 21.03},
       {"lon", 105.85}},
  };
  for (const auto& p : parties) ok(node.call("party.register", p));
  const char* owners[] = {"htx-thanhnam", "htx-longcoc", "htx-dahen"};
  const char* ids[] = {"tea-thanhnam-green", "tea-longcoc-green", "tea-dahen-green"};
  for (int i = 0; i < 3; ++i) {
    json certs = i == 2 ? json{"VietGAP", "organic"} : json{"VietGAP"};
    ok(node.call("product.register",
                 {{"id", ids[i]},
                  {"name", std::string("Chè xanh ") + ids[i]},
                  {"category", "tea"},
                  {"unit", "g"},
                  {"ocop_stars", i == 1 ? 3 : 4},
                  {"certifications", certs}},
                 owners[i]));
  }
}

inline json place(const char* province, double lat, double lon) {
  return {{"province", province}, {"lat", lat}, {"lon", lon}};
}

// Tân Hiệp wants 5 t of VietGAP green tea (any cooperative's), 3+ OCOP stars, within 150 km, in
// lots of at least 500 kg, delivered in March 2026 at 180,000 VND/kg.
inline json tanhiep_contract() {
  return {{"category", "tea"},
          {"unit", "g"},
          {"quantity", 5'000'000},
          {"unit_price_vnd", 180'000},
          {"deliver_from", "2026-03-05"},
          {"deliver_to", "2026-03-31"},
          {"place", place("Hà Nội", 21.03, 105.85)},
          {"min_ocop_stars", 3},
          {"certifications", {"VietGAP"}},
          {"max_distance_km", 150},
          {"min_lot", 500'000}};
}

inline json offer(const char* product, std::int64_t kg, std::int64_t min_price, json where) {
  return {
      {"product_id", product},        {"quantity", kg * 1000}, {"available_from", "2026-03-01"},
      {"available_to", "2026-04-15"}, {"place", where},        {"min_unit_price_vnd", min_price}};
}

// Posts the contract and the three offers; returns {contract_id, thanh nam, long coc, da hen offer
// ids}.
inline std::vector<std::string> post_market(Node& node) {
  std::vector<std::string> ids;
  ids.push_back(
      ok(node.call("offtake.contract.post", tanhiep_contract(), "dn-tanhiep"))["contract_id"]);
  ids.push_back(
      ok(node.call("offtake.offer.post",
                   offer("tea-thanhnam-green", 2000, 150'000, place("Phú Thọ", 21.29, 105.05)),
                   "htx-thanhnam"))["offer_id"]);
  ids.push_back(
      ok(node.call("offtake.offer.post",
                   offer("tea-longcoc-green", 2500, 140'000, place("Phú Thọ", 21.17, 104.98)),
                   "htx-longcoc"))["offer_id"]);
  ids.push_back(
      ok(node.call("offtake.offer.post",
                   offer("tea-dahen-green", 3000, 160'000, place("Thái Nguyên", 21.78, 105.70)),
                   "htx-dahen"))["offer_id"]);
  return ids;
}

inline json find_proposal(const json& proposals, const std::string& offer_id) {
  for (const auto& p : proposals)
    if (p["offer_id"] == offer_id) return p;
  return nullptr;
}

// The data of every event of `type` in the node's log, in order.
inline std::vector<json> events_of(Node& node, std::string_view type) {
  std::vector<json> out;
  const json page =
      ok(node.call("events.since", {{"topic_prefix", std::string(type)}, {"limit", 1000}}));
  for (const auto& e : page["events"])
    if (e["type"].get<std::string>() == type) out.push_back(e["data"]);
  return out;
}

inline void check_contract(Node& node) {
  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

// Both sides accept a proposal; returns the signed consumption contract.
inline json sign(Node& node, const json& proposal) {
  ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal["id"]}}, proposal["seller"]));
  return ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal["id"]}},
                      proposal["buyer"]))["consumption"];
}

}  // namespace offtake_market
