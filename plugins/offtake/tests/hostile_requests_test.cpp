// Hostile requests to the offtake plugin against one real node with a seeded value chain (two
// contracts, two offers, a signed consumption contract with a delivered lot, a pending proposal):
// each row gets its error code and field, and nothing the node serves changes (hostile.hpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hostile.hpp"

using namespace lienket::testkit;

namespace {

struct Seed {
  std::string contract_id, garlic_contract_id, offer_id, garlic_offer_id;
  std::string signed_proposal_id, pending_proposal_id, consumption_id;
};

json place(const std::string& province, double lat, double lon) {
  return {{"province", province}, {"lat", lat}, {"lon", lon}};
}

json tea_contract() {
  return {{"product_id", "tea-thanhnam-green"}, {"quantity", 2'000'000},
          {"unit_price_vnd", 180'000},          {"deliver_from", "2026-03-10"},
          {"deliver_to", "2026-04-30"},         {"place", place("Hà Nội", 21.03, 105.85)},
          {"certifications", {"VietGAP"}},      {"min_lot", 100'000}};
}

json tea_offer() {
  return {{"product_id", "tea-thanhnam-green"},       {"quantity", 1'500'000},
          {"available_from", "2026-03-05"},           {"available_to", "2026-04-15"},
          {"place", place("Phú Thọ", 21.29, 105.05)}, {"min_unit_price_vnd", 150'000}};
}

// Two contracts, two offers, a match: the tea proposal is signed by both sides (a consumption
// contract with one delivery of a traced lot), the garlic proposal stays pending.
Seed seed_offtake(Node& node) {
  Seed s;
  s.contract_id =
      ok(node.call("offtake.contract.post", tea_contract(), "dn-tanhiep"))["contract_id"];
  s.garlic_contract_id = ok(node.call("offtake.contract.post",
                                      {{"category", "garlic"},
                                       {"unit", "g"},
                                       {"quantity", 200'000},
                                       {"unit_price_vnd", 350'000},
                                       {"deliver_from", "2026-03-15"},
                                       {"deliver_to", "2026-05-15"},
                                       {"place", place("Hà Nội", 21.02, 105.83)},
                                       {"min_ocop_stars", 3}},
                                      "npp-ocop-hanoi"))["contract_id"];
  s.offer_id = ok(node.call("offtake.offer.post", tea_offer(), "htx-thanhnam"))["offer_id"];
  s.garlic_offer_id = ok(node.call("offtake.offer.post",
                                   {{"product_id", "garlic-black-phumai"},
                                    {"quantity", 200'000},
                                    {"available_from", "2026-03-01"},
                                    {"available_to", "2026-06-30"},
                                    {"place", place("Sơn La", 21.33, 103.91)},
                                    {"min_unit_price_vnd", 300'000},
                                    {"note", "Tỏi đen lên men 60 ngày"}},
                                   "htx-toi-phumai"))["offer_id"];
  auto match = ok(node.call("offtake.match.run"));
  REQUIRE(match["proposals"].size() == 2);
  for (const auto& p : match["proposals"]) {
    if (p["offer_id"] == s.offer_id)
      s.signed_proposal_id = p["id"];
    else
      s.pending_proposal_id = p["id"];
  }
  REQUIRE(!s.signed_proposal_id.empty());
  REQUIRE(!s.pending_proposal_id.empty());
  ok(node.call("offtake.proposal.accept", {{"proposal_id", s.signed_proposal_id}}, "htx-thanhnam"));
  auto signed_ = ok(
      node.call("offtake.proposal.accept", {{"proposal_id", s.signed_proposal_id}}, "dn-tanhiep"));
  s.consumption_id = signed_["consumption"]["id"];
  ok(node.call("offtake.delivery.record",
               {{"consumption_id", s.consumption_id},
                {"quantity", 500'000},
                {"date", "2026-03-01"},
                {"lot_id", "TN-2026-001"}},
               "htx-thanhnam"));
  return s;
}

std::vector<Row> offtake_rows(const Seed& s) {
  const json contract = tea_contract();
  const json offer = tea_offer();
  const std::string cc = s.consumption_id;
  return {
      call_row("an unknown type of a plugin's namespace", "offtake.contract.explode", "",
               json::object(), "unknown_type", "type"),
      call_row("an unknown acting party posting a contract", "offtake.contract.post", "dn-ghost",
               tea_contract(), "unauthenticated", "as"),
      call_row("contract with a negative quantity", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", -2'000'000), "invalid_argument", "body.quantity"),
      call_row("contract with quantity 0", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 0), "invalid_argument", "body.quantity"),
      call_row("contract quantity just past 10^12", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 1'000'000'000'001LL), "invalid_argument",
               "body.quantity"),
      call_row("contract quantity 2^63 (past int64)", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 9223372036854775808ULL), "invalid_argument",
               "body.quantity"),
      call_row("contract quantity 1e30 (a float)", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 1e30), "invalid_argument", "body.quantity"),
      call_row(
          "contract value past the limit (10^12 g at 10^9 VND/kg)", "offtake.contract.post",
          "dn-tanhiep",
          with(with(contract, "/quantity", 1'000'000'000'000LL), "/unit_price_vnd", 1'000'000'000),
          "invalid_argument", "body.quantity"),
      call_row("contract price as a float", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/unit_price_vnd", 180000.5), "invalid_argument",
               "body.unit_price_vnd"),
      call_row("contract price as a string", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/unit_price_vnd", "180000"), "invalid_argument",
               "body.unit_price_vnd"),
      call_row("contract delivery window ends before it starts", "offtake.contract.post",
               "dn-tanhiep", with(contract, "/deliver_to", "2026-03-01"), "invalid_argument",
               "body.deliver_to"),
      call_row("contract deliver_from 30 February", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/deliver_from", "2026-02-30"), "invalid_argument",
               "body.deliver_from"),
      call_row("contract place.lat 95", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/place/lat", 95), "invalid_argument", "body.place.lat"),
      call_row("contract min_lot above quantity", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/min_lot", 2'000'001), "invalid_argument", "body.min_lot"),
      call_row("contract with both product_id and category", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/category", "tea"), "invalid_argument", "body.category"),
      call_row("contract for an unknown product", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/product_id", "tea-ma"), "not_found", "body.product_id"),
      call_row("contract posted by a cooperative", "offtake.contract.post", "htx-thanhnam",
               contract, "permission_denied", "as"),
      call_row("contract posted with no acting party", "offtake.contract.post", "", contract,
               "unauthenticated", "as"),
      call_row("offer posted by an enterprise", "offtake.offer.post", "dn-tanhiep", offer,
               "permission_denied", "as"),
      call_row("offer posted by a distributor", "offtake.offer.post", "npp-ocop-hanoi", offer,
               "permission_denied", "as"),
      call_row("offer of another cooperative's product", "offtake.offer.post", "htx-toi-phumai",
               offer, "permission_denied", "as"),
      call_row("offer availability ends before it starts", "offtake.offer.post", "htx-thanhnam",
               with(offer, "/available_to", "2026-03-01"), "invalid_argument", "body.available_to"),
      call_row("offer with a negative minimum price", "offtake.offer.post", "htx-thanhnam",
               with(offer, "/min_unit_price_vnd", -1), "invalid_argument",
               "body.min_unit_price_vnd"),
      call_row("offer without a place", "offtake.offer.post", "htx-thanhnam",
               with(offer, "/place", kRemove), "invalid_argument", "body.place"),
      call_row("offer with an unknown field", "offtake.offer.post", "htx-thanhnam",
               with(offer, "/discount_pct", 10), "invalid_argument", "body.discount_pct"),
      call_row("accepting a proposal one is not party to (enterprise)", "offtake.proposal.accept",
               "dn-tanhiep", {{"proposal_id", s.pending_proposal_id}}, "permission_denied", "as"),
      call_row("accepting a proposal one is not party to (other cooperative)",
               "offtake.proposal.accept", "htx-thanhnam", {{"proposal_id", s.pending_proposal_id}},
               "permission_denied", "as"),
      call_row("rejecting a proposal with no acting party", "offtake.proposal.reject", "",
               {{"proposal_id", s.pending_proposal_id}}, "unauthenticated", "as"),
      call_row("accepting an already signed proposal", "offtake.proposal.accept", "dn-tanhiep",
               {{"proposal_id", s.signed_proposal_id}}, "failed_precondition", "body.proposal_id"),
      call_row("accepting an unknown proposal", "offtake.proposal.accept", "dn-tanhiep",
               {{"proposal_id", "pr-99999999"}}, "not_found", "body.proposal_id"),
      call_row("delivery on another cooperative's consumption contract", "offtake.delivery.record",
               "htx-toi-phumai",
               {{"consumption_id", cc}, {"quantity", 100'000}, {"date", "2026-03-01"}},
               "permission_denied", "as"),
      call_row("delivery recorded by the buyer", "offtake.delivery.record", "dn-tanhiep",
               {{"consumption_id", cc}, {"quantity", 100'000}, {"date", "2026-03-01"}},
               "permission_denied", "as"),
      call_row("delivery of a negative quantity", "offtake.delivery.record", "htx-thanhnam",
               {{"consumption_id", cc}, {"quantity", -500}, {"date", "2026-03-01"}},
               "invalid_argument", "body.quantity"),
      call_row("delivery beyond what is left to deliver", "offtake.delivery.record", "htx-thanhnam",
               {{"consumption_id", cc}, {"quantity", 1'000'001}, {"date", "2026-03-01"}},
               "invalid_argument", "body.quantity"),
      call_row("delivery on an unknown consumption contract", "offtake.delivery.record",
               "htx-thanhnam",
               {{"consumption_id", "cc-99999999"}, {"quantity", 100'000}, {"date", "2026-03-01"}},
               "not_found", "body.consumption_id"),
      call_row("delivery accepted by the seller", "offtake.delivery.accept", "htx-thanhnam",
               {{"consumption_id", cc}, {"delivery_no", 1}}, "permission_denied", "as"),
      call_row("accepting an unknown delivery number", "offtake.delivery.accept", "dn-tanhiep",
               {{"consumption_id", cc}, {"delivery_no", 99}}, "not_found", "body.delivery_no"),
      call_row("rejecting a delivery without a reason", "offtake.delivery.reject", "dn-tanhiep",
               {{"consumption_id", cc}, {"delivery_no", 1}}, "invalid_argument", "body.reason"),
      call_row("payment recorded by the seller", "offtake.payment.record", "htx-thanhnam",
               {{"consumption_id", cc}, {"amount_vnd", 1'000'000}}, "permission_denied", "as"),
      call_row("payment of 0 VND", "offtake.payment.record", "dn-tanhiep",
               {{"consumption_id", cc}, {"amount_vnd", 0}}, "invalid_argument", "body.amount_vnd"),
      call_row("payment beyond the contract's value", "offtake.payment.record", "dn-tanhiep",
               {{"consumption_id", cc}, {"amount_vnd", 270'000'001}}, "invalid_argument",
               "body.amount_vnd"),
      call_row("cancelling another buyer's contract", "offtake.contract.cancel", "npp-ocop-hanoi",
               {{"contract_id", s.contract_id}}, "permission_denied", "as"),
      call_row("cancelling an unknown contract", "offtake.contract.cancel", "dn-tanhiep",
               {{"contract_id", "ct-99999999"}}, "not_found", "body.contract_id"),
      call_row("withdrawing another cooperative's offer", "offtake.offer.withdraw",
               "htx-toi-phumai", {{"offer_id", s.offer_id}}, "permission_denied", "as"),
      call_row("contract.get with a path in the id", "offtake.contract.get", "",
               {{"contract_id", "ct-00000001/../offer"}}, "invalid_argument", "body.contract_id"),
      call_row("contract.list limit 501", "offtake.contract.list", "", {{"limit", 501}},
               "invalid_argument", "body.limit"),
      // Contracts as they are really run.
      call_row("contract terms whose call-off shares add up to 90 %", "offtake.contract.post",
               "dn-tanhiep",
               with(contract, "/terms",
                    {{"call_offs",
                      {{{"from", "2026-03-10"}, {"to", "2026-03-31"}, {"share_bp", 9'000}}}}}),
               "invalid_argument", "body.terms.call_offs"),
      call_row("contract penalty above the 8 % ceiling", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/terms", {{"penalty_bp", 801}}), "invalid_argument",
               "body.terms.penalty_bp"),
      call_row("contract line of quantity 0", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/lines", {{{"quantity", 0}, {"unit_price_vnd", 1}}}),
               "invalid_argument", "body.lines[0].quantity"),
      call_row("counter-offer changing nothing", "offtake.proposal.counter", "npp-ocop-hanoi",
               {{"proposal_id", s.pending_proposal_id}}, "invalid_argument", "body"),
      call_row("reconsidering a proposal nobody rejected", "offtake.proposal.reconsider",
               "htx-toi-phumai", {{"proposal_id", s.pending_proposal_id}}, "failed_precondition",
               "body.proposal_id"),
      call_row("accepting a delivery with a measure the contract has no table for",
               "offtake.delivery.accept", "dn-tanhiep",
               {{"consumption_id", cc}, {"delivery_no", 1}, {"measures", {{"moisture", 1'300}}}},
               "invalid_argument", "body.measures.moisture"),
      call_row("amendment effective on 31 April", "offtake.consumption.amend", "dn-tanhiep",
               {{"consumption_id", cc}, {"effective_from", "2026-04-31"}, {"quantity", 1}},
               "invalid_argument", "body.effective_from"),
      call_row("amendment proposed by a stranger", "offtake.consumption.amend", "npp-ocop-hanoi",
               {{"consumption_id", cc}, {"effective_from", "2026-04-01"}, {"quantity", 1'600'000}},
               "permission_denied", "as"),
      call_row("signing an amendment nobody proposed", "offtake.consumption.amend.sign",
               "htx-thanhnam", {{"consumption_id", cc}, {"version", 2}}, "failed_precondition",
               "body.version"),
      call_row("terminating on a ground the law does not know", "offtake.consumption.terminate",
               "dn-tanhiep", {{"consumption_id", cc}, {"ground", "bored"}, {"reason", "x"}},
               "invalid_argument", "body.ground"),
      call_row("terminating while a delivery waits for an answer", "offtake.consumption.terminate",
               "dn-tanhiep",
               {{"consumption_id", cc}, {"ground", "force_majeure"}, {"reason", "bão"}},
               "failed_precondition", "body.consumption_id"),
      call_row("a dispute without a reason", "offtake.consumption.dispute", "htx-thanhnam",
               {{"consumption_id", cc}}, "invalid_argument", "body.reason"),
      call_row("resolving a dispute that was never opened", "offtake.consumption.resolve",
               "dn-tanhiep", {{"consumption_id", cc}, {"outcome", "continue"}},
               "failed_precondition", "body.consumption_id"),
  };
}

}  // namespace

TEST_CASE("hostile requests to offtake: each gets its error code and field, and nothing changes") {
  Node node;
  register_value_chain(node);
  const Seed seed = seed_offtake(node);
  auto rows = offtake_rows(seed);
  REQUIRE(rows.size() >= 30);
  expect_all_refused(node, rows, [](Node& n) {
    return json{{"contracts", ok(n.call("offtake.contract.list", {{"limit", 500}}))},
                {"offers", ok(n.call("offtake.offer.list", {{"limit", 500}}))},
                {"proposals", ok(n.call("offtake.proposal.list", {{"limit", 500}}))},
                {"consumptions", ok(n.call("offtake.consumption.list", {{"limit", 500}}))},
                {"report", ok(n.call("offtake.report"))}};
  });
  // The node still serves: a good request from the table's own world succeeds.
  auto offer =
      ok(node.call("offtake.offer.post", with(tea_offer(), "/quantity", 250'000), "htx-thanhnam"));
  CHECK(offer["offer"]["seller"] == "htx-thanhnam");
  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}
