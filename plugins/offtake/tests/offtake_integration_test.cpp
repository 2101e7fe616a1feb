// The offtake plugin through a real `lienket node`: post, match, accept, deliver, reject, pay,
// report, cancel, expiry, breach, role violations and bad input (docs/protocol-offtake.md).
#include <catch2/catch.hpp>

#include "testkit.hpp"

using namespace lienket::testkit;

namespace {

// Parties and products of DOMAIN.md: three tea cooperatives of Phú Thọ and Thái Nguyên, a Hà Nội
// tea company, and the provincial union.
void register_parties(Node& node) {
  const json parties[] = {
      {{"id", "lhhtx-phutho"}, {"kind", "cooperative_union"}, {"name", "Liên hiệp HTX tỉnh Phú Thọ"}, {"province", "Phú Thọ"}, {"lat", 21.32}, {"lon", 105.40}},
      {{"id", "htx-thanhnam"}, {"kind", "cooperative"}, {"name", "HTX Chè Thanh Nam"}, {"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}, {"members", 120}},
      {{"id", "htx-longcoc"}, {"kind", "cooperative"}, {"name", "HTX Chè Long Cốc"}, {"province", "Phú Thọ"}, {"lat", 21.17}, {"lon", 104.98}, {"members", 85}},
      {{"id", "htx-dahen"}, {"kind", "cooperative"}, {"name", "HTX Chè Đá Hen"}, {"province", "Thái Nguyên"}, {"lat", 21.78}, {"lon", 105.70}, {"members", 64}},
      {{"id", "dn-tanhiep"}, {"kind", "enterprise"}, {"name", "Công ty CP Chè Tân Hiệp"}, {"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.85}},
  };
  for (const auto& p : parties) ok(node.call("party.register", p));
  const char* owners[] = {"htx-thanhnam", "htx-longcoc", "htx-dahen"};
  const char* ids[] = {"tea-thanhnam-green", "tea-longcoc-green", "tea-dahen-green"};
  for (int i = 0; i < 3; ++i) {
    json certs = i == 2 ? json{"VietGAP", "organic"} : json{"VietGAP"};
    ok(node.call("product.register",
                 {{"id", ids[i]}, {"name", std::string("Chè xanh ") + ids[i]}, {"category", "tea"}, {"unit", "g"},
                  {"ocop_stars", i == 1 ? 3 : 4}, {"certifications", certs}},
                 owners[i]));
  }
}

json place(const char* province, double lat, double lon) { return {{"province", province}, {"lat", lat}, {"lon", lon}}; }

// Tân Hiệp wants 5 t of VietGAP green tea (any cooperative's), 3+ OCOP stars, within 150 km, in lots
// of at least 500 kg, delivered in March 2026 at 180,000 VND/kg.
json tanhiep_contract() {
  return {{"category", "tea"}, {"unit", "g"}, {"quantity", 5'000'000}, {"unit_price_vnd", 180'000},
          {"deliver_from", "2026-03-05"}, {"deliver_to", "2026-03-31"}, {"place", place("Hà Nội", 21.03, 105.85)},
          {"min_ocop_stars", 3}, {"certifications", {"VietGAP"}}, {"max_distance_km", 150}, {"min_lot", 500'000}};
}

json offer(const char* product, std::int64_t kg, std::int64_t min_price, json where) {
  return {{"product_id", product}, {"quantity", kg * 1000}, {"available_from", "2026-03-01"},
          {"available_to", "2026-04-15"}, {"place", where}, {"min_unit_price_vnd", min_price}};
}

// Posts the contract and the three offers; returns {contract_id, thanh nam, long coc, da hen offer ids}.
std::vector<std::string> post_market(Node& node) {
  std::vector<std::string> ids;
  ids.push_back(ok(node.call("offtake.contract.post", tanhiep_contract(), "dn-tanhiep"))["contract_id"]);
  ids.push_back(ok(node.call("offtake.offer.post", offer("tea-thanhnam-green", 2000, 150'000, place("Phú Thọ", 21.29, 105.05)), "htx-thanhnam"))["offer_id"]);
  ids.push_back(ok(node.call("offtake.offer.post", offer("tea-longcoc-green", 2500, 140'000, place("Phú Thọ", 21.17, 104.98)), "htx-longcoc"))["offer_id"]);
  ids.push_back(ok(node.call("offtake.offer.post", offer("tea-dahen-green", 3000, 160'000, place("Thái Nguyên", 21.78, 105.70)), "htx-dahen"))["offer_id"]);
  return ids;
}

json find_proposal(const json& proposals, const std::string& offer_id) {
  for (const auto& p : proposals)
    if (p["offer_id"] == offer_id) return p;
  return nullptr;
}

// Both sides accept a proposal; returns the signed consumption contract.
json sign(Node& node, const json& proposal) {
  ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal["id"]}}, proposal["seller"]));
  return ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal["id"]}}, proposal["buyer"]))["consumption"];
}

}  // namespace

TEST_CASE("a purchase contract is matched, signed, delivered, paid and reported") {
  Node node;
  register_parties(node);
  auto ids = post_market(node);
  auto run = ok(node.call("offtake.match.run"));

  SECTION("matching fills the contract from the nearest eligible cooperatives") {
    // Đá Hen (~85 km) and Thanh Nam (~88 km) are nearer Hà Nội than Long Cốc (~91 km).
    CHECK(run["allocated_quantity"] == 5'000'000);
    REQUIRE(run["proposals"].size() == 2);
    CHECK(find_proposal(run["proposals"], ids[3])["quantity"] == 3'000'000);
    CHECK(find_proposal(run["proposals"], ids[1])["quantity"] == 2'000'000);
    CHECK(find_proposal(run["proposals"], ids[2]).is_null());
    CHECK(run["transport_cost_vnd"].get<std::int64_t>() > 0);
    auto contract = ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"];
    CHECK(contract["proposed"] == 5'000'000);
    SECTION("running again proposes nothing new: only what is not yet proposed is reconsidered") {
      CHECK(ok(node.call("offtake.match.run"))["proposals"].empty());
    }
  }

  SECTION("both sides accept, then deliveries, a rejection, payment and the union's report") {
    json dahen = find_proposal(run["proposals"], ids[3]);
    json thanhnam = find_proposal(run["proposals"], ids[1]);
    // One side alone does not sign.
    auto half = ok(node.call("offtake.proposal.accept", {{"proposal_id", dahen["id"]}}, "htx-dahen"));
    CHECK(half["proposal"]["status"] == "pending");
    CHECK_FALSE(half.contains("consumption"));
    auto cc = ok(node.call("offtake.proposal.accept", {{"proposal_id", dahen["id"]}}, "dn-tanhiep"))["consumption"];
    CHECK(cc["status"] == "signed");
    CHECK(cc["quantity"] == 3'000'000);
    CHECK(cc["value_vnd"] == 540'000'000);
    auto cc2 = sign(node, thanhnam);
    CHECK(ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"]["status"] == "filled");

    const std::string id = cc["id"];
    auto d1 = ok(node.call("offtake.delivery.record",
                           {{"consumption_id", id}, {"quantity", 3'000'000}, {"date", "2026-03-06"}, {"lot_id", "dh-2026-03-a"}},
                           "htx-dahen"));
    CHECK(d1["consumption"]["status"] == "delivering");
    ok(node.call("offtake.delivery.accept", {{"consumption_id", id}, {"delivery_no", 1}, {"grade", "A"}}, "dn-tanhiep"));
    auto paid = ok(node.call("offtake.payment.record", {{"consumption_id", id}, {"amount_vnd", 540'000'000}}, "dn-tanhiep"));
    CHECK(paid["consumption"]["status"] == "fulfilled");

    const std::string id2 = cc2["id"];
    ok(node.call("offtake.delivery.record", {{"consumption_id", id2}, {"quantity", 1'000'000}, {"date", "2026-03-07"}}, "htx-thanhnam"));
    auto rej = ok(node.call("offtake.delivery.reject", {{"consumption_id", id2}, {"delivery_no", 1}, {"reason", "grade C: moisture 9%"}}, "dn-tanhiep"));
    CHECK(rej["consumption"]["rejected"] == 1'000'000);
    ok(node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 100'000'000}}, "dn-tanhiep"));

    SECTION("an illegal transition is failed_precondition and changes nothing") {
      expect_error(node.call("offtake.delivery.record", {{"consumption_id", id}, {"quantity", 1}, {"date", "2026-03-08"}}, "htx-dahen"),
                   "failed_precondition");
      expect_error(node.call("offtake.delivery.accept", {{"consumption_id", id2}, {"delivery_no", 1}}, "dn-tanhiep"),
                   "failed_precondition", "body.delivery_no");
      CHECK(ok(node.call("offtake.consumption.get", {{"consumption_id", id}}))["consumption"]["deliveries"].size() == 1);
    }
    SECTION("only the seller delivers and only the buyer accepts or pays") {
      expect_error(node.call("offtake.delivery.record", {{"consumption_id", id2}, {"quantity", 1}, {"date", "2026-03-08"}}, "dn-tanhiep"),
                   "permission_denied", "as");
      expect_error(node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 1}}, "htx-thanhnam"),
                   "permission_denied", "as");
      expect_error(node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 1}}), "unauthenticated", "as");
    }
    SECTION("the report gives matched, delivered, accepted and paid figures") {
      auto r = ok(node.call("offtake.report", json::object()));
      CHECK(r["contracts"]["posted"] == 1);
      CHECK(r["contracts"]["by_unit"]["g"]["matched_pct"] == 100.0);
      CHECK(r["consumption"]["count"] == 2);
      CHECK(r["consumption"]["by_unit"]["g"]["delivered"] == 3'000'000);
      CHECK(r["consumption"]["by_unit"]["g"]["accepted_pct"] == 60.0);
      CHECK(r["consumption"]["paid_vnd"] == 640'000'000);
      auto phutho = ok(node.call("offtake.report", {{"province", "Phú Thọ"}}));
      CHECK(phutho["consumption"]["count"] == 1);  // only Thanh Nam's contract is in Phú Thọ
      CHECK(phutho["offers"]["posted"] == 2);
    }
    SECTION("after the window the unfinished contract is breached by the seller") {
      ok(node.call("node.clock.advance", {{"seconds", 31 * 86400}}));  // 2026-04-01
      auto c2 = ok(node.call("offtake.consumption.get", {{"consumption_id", id2}}))["consumption"];
      CHECK(c2["status"] == "breached");
      CHECK(c2["at_fault"] == "seller");
      CHECK(ok(node.call("offtake.consumption.get", {{"consumption_id", id}}))["consumption"]["status"] == "fulfilled");
      auto r = ok(node.call("offtake.report", {{"party", "htx-thanhnam"}}));
      REQUIRE(r["parties"].size() == 2);
      for (const auto& p : r["parties"]) {
        if (p["party"] == "htx-thanhnam") CHECK(p["fulfilment_rate_pct"] == 0.0);
        if (p["party"] == "dn-tanhiep") CHECK(p["fulfilment_rate_pct"] == 100.0);
      }
      auto ev = ok(node.call("events.since", {{"topic_prefix", "offtake.consumption.breached"}}));
      CHECK(ev["events"].size() == 1);
    }
  }
}

TEST_CASE("proposals expire, can be rejected, and are released by cancel and withdraw") {
  Node node(json{{"plugins", {{"offtake", {{"proposal_ttl_hours", 24}}}}}});
  register_parties(node);
  auto ids = post_market(node);
  auto run = ok(node.call("offtake.match.run"));
  REQUIRE(run["proposals"].size() == 2);

  SECTION("a proposal not accepted by both within the TTL expires and frees its quantity") {
    ok(node.call("offtake.proposal.accept", {{"proposal_id", run["proposals"][0]["id"]}}, "dn-tanhiep"));
    ok(node.call("node.clock.advance", {{"seconds", 23 * 3600}}));
    CHECK(ok(node.call("offtake.proposal.list", {{"status", "pending"}}))["proposals"].size() == 2);
    ok(node.call("node.clock.advance", {{"seconds", 3600}}));
    CHECK(ok(node.call("offtake.proposal.list", {{"status", "expired"}}))["proposals"].size() == 2);
    CHECK(ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"]["proposed"] == 0);
    expect_error(node.call("offtake.proposal.accept", {{"proposal_id", run["proposals"][0]["id"]}},
                           run["proposals"][0]["seller"].get<std::string>()),
                 "failed_precondition", "body.proposal_id");
    CHECK(ok(node.call("offtake.match.run"))["allocated_quantity"] == 5'000'000);
  }
  SECTION("a rejected pair is not proposed again; the next best offer takes its place") {
    json dahen = find_proposal(run["proposals"], ids[3]);
    ok(node.call("offtake.proposal.reject", {{"proposal_id", dahen["id"]}, {"reason", "price too low"}}, "htx-dahen"));
    auto again = ok(node.call("offtake.match.run"));
    CHECK(find_proposal(again["proposals"], ids[3]).is_null());
    CHECK(find_proposal(again["proposals"], ids[2])["quantity"] == 2'500'000);
  }
  SECTION("only the buyer or seller may answer a proposal") {
    expect_error(node.call("offtake.proposal.accept", {{"proposal_id", run["proposals"][0]["id"]}}, "htx-longcoc"),
                 "permission_denied", "as");
  }
  SECTION("cancelling a contract releases what is not yet signed") {
    sign(node, find_proposal(run["proposals"], ids[1]));
    expect_error(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "htx-dahen"), "permission_denied", "as");
    auto c = ok(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "dn-tanhiep"));
    CHECK(c["proposals_cancelled"] == 1);
    CHECK(c["released"] == 3'000'000);
    CHECK(c["contract"]["signed"] == 2'000'000);
    CHECK(ok(node.call("offtake.offer.get", {{"offer_id", ids[3]}}))["offer"]["proposed"] == 0);
    expect_error(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "dn-tanhiep"), "failed_precondition");
  }
  SECTION("withdrawing an offer cancels its pending proposals") {
    auto w = ok(node.call("offtake.offer.withdraw", {{"offer_id", ids[3]}}, "htx-dahen"));
    CHECK(w["proposals_cancelled"] == 1);
    CHECK(ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"]["proposed"] == 2'000'000);
    CHECK(ok(node.call("offtake.offer.list", {{"status", "open"}}))["offers"].size() == 2);
  }
}

TEST_CASE("roles and bad input are refused with the field named, changing nothing") {
  Node node;
  register_parties(node);
  auto c = tanhiep_contract();
  SECTION("only buyers post contracts and only cooperatives post offers") {
    expect_error(node.call("offtake.contract.post", c, "htx-thanhnam"), "permission_denied", "as");
    expect_error(node.call("offtake.contract.post", c), "unauthenticated", "as");
    expect_error(node.call("offtake.offer.post", offer("tea-thanhnam-green", 1, 1, place("Phú Thọ", 21.29, 105.05)), "dn-tanhiep"),
                 "permission_denied", "as");
  }
  SECTION("zero or negative quantities") {
    c["quantity"] = 0;
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument", "body.quantity");
    c["quantity"] = -5;
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument", "body.quantity");
    auto o = offer("tea-thanhnam-green", 0, 1, place("Phú Thọ", 21.29, 105.05));
    expect_error(node.call("offtake.offer.post", o, "htx-thanhnam"), "invalid_argument", "body.quantity");
  }
  SECTION("dates out of order or malformed") {
    c["deliver_to"] = "2026-03-01";
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument", "body.deliver_to");
    c["deliver_to"] = "2026-02-30";
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument", "body.deliver_to");
  }
  SECTION("an unknown product") {
    c.erase("category");
    c.erase("unit");
    c["product_id"] = "tea-nowhere";
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "not_found", "body.product_id");
    expect_error(node.call("offtake.offer.post", offer("tea-nowhere", 1, 1, place("Phú Thọ", 21.29, 105.05)), "htx-thanhnam"),
                 "not_found", "body.product_id");
  }
  SECTION("bad place, prices, min_lot and unknown fields") {
    auto bad = [&](const char* key, json v, const char* field) {
      auto x = tanhiep_contract();
      x[key] = v;
      expect_error(node.call("offtake.contract.post", x, "dn-tanhiep"), "invalid_argument", field);
    };
    bad("place", place("Hà Nội", 95.0, 105.85), "body.place.lat");
    bad("unit_price_vnd", 1.5, "body.unit_price_vnd");
    bad("min_lot", 6'000'000, "body.min_lot");
    bad("colour", "green", "body.colour");
  }
  CHECK(ok(node.call("offtake.contract.list"))["contracts"].empty());
  CHECK(ok(node.call("offtake.offer.list"))["offers"].empty());
  CHECK(ok(node.call("events.since", {{"topic_prefix", "offtake."}}))["events"].empty());
}
