// The offtake plugin through a real `lienket node`: post, match, accept, deliver, reject, pay,
// report, cancel, expiry, breach, role violations and bad input (docs/protocol-offtake.md). Every
// scenario ends with the contract test: each successful call's body and result and each event's
// data conform to what the plugin declares (node.schema). Events are read back through the typed
// structs of lienket/offtake/events.hpp, as a consuming plugin reads them.
#include <catch2/catch.hpp>

#include "lienket/offtake/events.hpp"
#include "market.hpp"

using namespace lienket::testkit;
using namespace offtake_market;
namespace ev = lienket::offtake::events;

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
    auto half =
        ok(node.call("offtake.proposal.accept", {{"proposal_id", dahen["id"]}}, "htx-dahen"));
    CHECK(half["proposal"]["status"] == "pending");
    CHECK_FALSE(half.contains("consumption"));
    auto cc = ok(node.call("offtake.proposal.accept", {{"proposal_id", dahen["id"]}},
                           "dn-tanhiep"))["consumption"];
    CHECK(cc["status"] == "signed");
    CHECK(cc["quantity"] == 3'000'000);
    CHECK(cc["value_vnd"] == 540'000'000);
    auto cc2 = sign(node, thanhnam);
    CHECK(ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"]["status"] ==
          "filled");

    const std::string id = cc["id"];
    auto d1 = ok(node.call("offtake.delivery.record",
                           {{"consumption_id", id},
                            {"quantity", 3'000'000},
                            {"date", "2026-03-06"},
                            {"lot_id", "dh-2026-03-a"}},
                           "htx-dahen"));
    CHECK(d1["consumption"]["status"] == "delivering");
    ok(node.call("offtake.delivery.accept",
                 {{"consumption_id", id}, {"delivery_no", 1}, {"grade", "A"}}, "dn-tanhiep"));
    auto paid = ok(node.call("offtake.payment.record",
                             {{"consumption_id", id}, {"amount_vnd", 540'000'000}}, "dn-tanhiep"));
    CHECK(paid["consumption"]["status"] == "fulfilled");

    const std::string id2 = cc2["id"];
    ok(node.call("offtake.delivery.record",
                 {{"consumption_id", id2}, {"quantity", 1'000'000}, {"date", "2026-03-07"}},
                 "htx-thanhnam"));
    auto rej = ok(
        node.call("offtake.delivery.reject",
                  {{"consumption_id", id2}, {"delivery_no", 1}, {"reason", "grade C: moisture 9%"}},
                  "dn-tanhiep"));
    CHECK(rej["consumption"]["rejected"] == 1'000'000);
    ok(node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 100'000'000}},
                 "dn-tanhiep"));

    SECTION("delivery events carry the contract's parties, product, unit and lot") {
      auto recorded = events_of(node, ev::kDeliveryRecorded);
      REQUIRE(recorded.size() == 2);
      auto d1e = recorded[0].get<ev::DeliveryRecorded>();
      CHECK(d1e.consumption_id == id);
      CHECK(d1e.delivery_no == 1);
      CHECK(d1e.buyer == "dn-tanhiep");
      CHECK(d1e.seller == "htx-dahen");
      CHECK(d1e.product_id == "tea-dahen-green");
      CHECK(d1e.unit == "g");
      CHECK(d1e.quantity == 3'000'000);
      CHECK(d1e.lot_id == std::optional<std::string>("dh-2026-03-a"));
      CHECK(d1e.date == "2026-03-06");
      auto d2e = recorded[1].get<ev::DeliveryRecorded>();
      CHECK(d2e.seller == "htx-thanhnam");
      CHECK_FALSE(d2e.lot_id.has_value());
      CHECK_FALSE(recorded[1].contains("lot_id"));
      auto accepted = events_of(node, ev::kDeliveryAccepted);
      REQUIRE(accepted.size() == 1);
      auto a = accepted[0].get<ev::DeliveryAccepted>();
      CHECK(a.grade == std::optional<std::string>("A"));
      CHECK(static_cast<const ev::DeliveryEvent&>(a) == static_cast<const ev::DeliveryEvent&>(d1e));
      auto rejected = events_of(node, ev::kDeliveryRejected);
      REQUIRE(rejected.size() == 1);
      auto r = rejected[0].get<ev::DeliveryRejected>();
      CHECK(r.reason == "grade C: moisture 9%");
      CHECK(r.quantity == 1'000'000);
      CHECK(r.buyer == "dn-tanhiep");
      auto fulfilled = events_of(node, ev::kConsumptionFulfilled);
      REQUIRE(fulfilled.size() == 1);
      CHECK(fulfilled[0].get<ev::ConsumptionFulfilled>().value_vnd == 540'000'000);
      auto paid = events_of(node, ev::kPaymentRecorded);
      REQUIRE(paid.size() == 2);
      CHECK(paid[1].get<ev::PaymentRecorded>().paid_vnd == 100'000'000);
      CHECK(
          events_of(node, ev::kConsumptionSigned)[0].get<ev::ConsumptionSigned>().consumption.id ==
          id);
    }
    SECTION("an illegal transition is failed_precondition and changes nothing") {
      expect_error(
          node.call("offtake.delivery.record",
                    {{"consumption_id", id}, {"quantity", 1}, {"date", "2026-03-08"}}, "htx-dahen"),
          "failed_precondition");
      expect_error(node.call("offtake.delivery.accept",
                             {{"consumption_id", id2}, {"delivery_no", 1}}, "dn-tanhiep"),
                   "failed_precondition", "body.delivery_no");
      CHECK(ok(node.call("offtake.consumption.get",
                         {{"consumption_id", id}}))["consumption"]["deliveries"]
                .size() == 1);
    }
    SECTION("only the seller delivers and only the buyer accepts or pays") {
      expect_error(node.call("offtake.delivery.record",
                             {{"consumption_id", id2}, {"quantity", 1}, {"date", "2026-03-08"}},
                             "dn-tanhiep"),
                   "permission_denied", "as");
      expect_error(node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 1}},
                             "htx-thanhnam"),
                   "permission_denied", "as");
      // Without "as" nobody says which party acts.
      expect_error(
          node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 1}}),
          "unauthenticated", "as");
      expect_error(node.call("offtake.payment.record", {{"consumption_id", id2}, {"amount_vnd", 1}},
                             "dn-ghost"),
                   "unauthenticated", "as");
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
      CHECK(ok(node.call("offtake.consumption.get",
                         {{"consumption_id", id}}))["consumption"]["status"] == "fulfilled");
      auto r = ok(node.call("offtake.report", {{"party", "htx-thanhnam"}}));
      REQUIRE(r["parties"].size() == 2);
      for (const auto& p : r["parties"]) {
        if (p["party"] == "htx-thanhnam") CHECK(p["fulfilment_rate_pct"] == 0.0);
        if (p["party"] == "dn-tanhiep") CHECK(p["fulfilment_rate_pct"] == 100.0);
      }
      auto breached = events_of(node, ev::kConsumptionBreached);
      REQUIRE(breached.size() == 1);
      auto b = breached[0].get<ev::ConsumptionBreached>();
      CHECK(b.consumption_id == id2);
      CHECK(b.at_fault == "seller");
      CHECK(b.party_at_fault == "htx-thanhnam");
      CHECK(b.unit == "g");
      CHECK(b.paid_vnd == 100'000'000);
    }
  }
  check_contract(node);
}

TEST_CASE("proposals expire, can be rejected, and are released by cancel and withdraw") {
  Node node(json{{"plugins", {{"offtake", {{"proposal_ttl_hours", 24}}}}}});
  register_parties(node);
  auto ids = post_market(node);
  auto run = ok(node.call("offtake.match.run"));
  REQUIRE(run["proposals"].size() == 2);

  SECTION("a proposal not accepted by both within the TTL expires and frees its quantity") {
    ok(node.call("offtake.proposal.accept", {{"proposal_id", run["proposals"][0]["id"]}},
                 "dn-tanhiep"));
    ok(node.call("node.clock.advance", {{"seconds", 23 * 3600}}));
    CHECK(ok(node.call("offtake.proposal.list", {{"status", "pending"}}))["proposals"].size() == 2);
    ok(node.call("node.clock.advance", {{"seconds", 3600}}));
    CHECK(ok(node.call("offtake.proposal.list", {{"status", "expired"}}))["proposals"].size() == 2);
    CHECK(ok(node.call("offtake.contract.get",
                       {{"contract_id", ids[0]}}))["contract"]["proposed"] == 0);
    expect_error(node.call("offtake.proposal.accept", {{"proposal_id", run["proposals"][0]["id"]}},
                           run["proposals"][0]["seller"].get<std::string>()),
                 "failed_precondition", "body.proposal_id");
    CHECK(ok(node.call("offtake.match.run"))["allocated_quantity"] == 5'000'000);
    auto expired = events_of(node, ev::kProposalExpired);
    REQUIRE(expired.size() == 2);
    auto e = expired[0].get<ev::ProposalExpired>();
    CHECK(e.buyer == "dn-tanhiep");
    CHECK(e.unit == "g");
    CHECK(e.reason == "not accepted by both sides in time");
  }
  SECTION("a rejected pair is not proposed again; the next best offer takes its place") {
    json dahen = find_proposal(run["proposals"], ids[3]);
    ok(node.call("offtake.proposal.reject",
                 {{"proposal_id", dahen["id"]}, {"reason", "price too low"}}, "htx-dahen"));
    auto again = ok(node.call("offtake.match.run"));
    CHECK(find_proposal(again["proposals"], ids[3]).is_null());
    CHECK(find_proposal(again["proposals"], ids[2])["quantity"] == 2'500'000);
    auto rejected = events_of(node, ev::kProposalRejected);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].get<ev::ProposalRejected>().offer_id == ids[3]);
    CHECK(rejected[0].get<ev::ProposalRejected>().reason == "price too low");
    CHECK(ok(node.call("offtake.proposal.get",
                       {{"proposal_id", dahen["id"]}}))["proposal"]["rejected_by"] == "seller");
  }
  SECTION("only the buyer or seller may answer a proposal") {
    expect_error(node.call("offtake.proposal.accept", {{"proposal_id", run["proposals"][0]["id"]}},
                           "htx-longcoc"),
                 "permission_denied", "as");
  }
  SECTION("cancelling a contract releases what is not yet signed") {
    sign(node, find_proposal(run["proposals"], ids[1]));
    expect_error(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "htx-dahen"),
                 "permission_denied", "as");
    auto c = ok(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "dn-tanhiep"));
    CHECK(c["proposals_cancelled"] == 1);
    CHECK(c["released"] == 3'000'000);
    CHECK(c["contract"]["signed"] == 2'000'000);
    CHECK(ok(node.call("offtake.offer.get", {{"offer_id", ids[3]}}))["offer"]["proposed"] == 0);
    expect_error(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "dn-tanhiep"),
                 "failed_precondition");
    auto cancelled = events_of(node, ev::kContractCancelled);
    REQUIRE(cancelled.size() == 1);
    auto cc = cancelled[0].get<ev::ContractCancelled>();
    CHECK(cc.released == 3'000'000);
    CHECK(cc.signed_quantity == 2'000'000);
    CHECK(cc.buyer == "dn-tanhiep");
  }
  SECTION("the buyer amends an open contract; new terms cancel the pending proposals") {
    // The quantity alone: proposals made under the same terms stand.
    auto more = ok(node.call("offtake.contract.amend",
                             {{"contract_id", ids[0]}, {"quantity", 6'000'000}}, "dn-tanhiep"));
    CHECK(more["changed"] == json::array({"quantity"}));
    CHECK(more["proposals_cancelled"] == 0);
    CHECK(more["contract"]["version"] == 2);
    CHECK(more["contract"]["proposed"] == 5'000'000);
    // Not below what is already held, not by anyone but the buyer, not without a change.
    expect_error(node.call("offtake.contract.amend",
                           {{"contract_id", ids[0]}, {"quantity", 4'000'000}}, "dn-tanhiep"),
                 "failed_precondition", "body.quantity");
    expect_error(node.call("offtake.contract.amend",
                           {{"contract_id", ids[0]}, {"unit_price_vnd", 1}}, "htx-dahen"),
                 "permission_denied", "as");
    expect_error(node.call("offtake.contract.amend",
                           {{"contract_id", ids[0]}, {"quantity", 6'000'000}}, "dn-tanhiep"),
                 "invalid_argument", "body");
    expect_error(node.call("offtake.contract.amend",
                           {{"contract_id", ids[0]}, {"deliver_to", "2020-01-01"}}, "dn-tanhiep"),
                 "invalid_argument", "body.deliver_to");
    CHECK(ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"]["version"] ==
          2);
    // A new price: the proposals were made at the old one, so they go, and matching runs again.
    auto price = ok(node.call(
        "offtake.contract.amend",
        {{"contract_id", ids[0]}, {"unit_price_vnd", 190'000}, {"reason", "giá thị trường tăng"}},
        "dn-tanhiep"));
    CHECK(price["proposals_cancelled"] == 2);
    CHECK(price["contract"]["proposed"] == 0);
    CHECK(price["contract"]["unit_price_vnd"] == 190'000);
    CHECK(price["contract"]["amend_reason"] == "giá thị trường tăng");
    CHECK(ok(node.call("offtake.offer.get", {{"offer_id", ids[3]}}))["offer"]["proposed"] == 0);
    auto amended = events_of(node, ev::kContractAmended);
    REQUIRE(amended.size() == 2);
    auto a = amended[1].get<ev::ContractAmended>();
    CHECK(a.contract.unit_price_vnd == 190'000);
    CHECK(a.changed == std::vector<std::string>{"unit_price_vnd"});
    CHECK(a.proposals_cancelled == 2);
    CHECK(events_of(node, ev::kProposalCancelled)[0].get<ev::ProposalCancelled>().reason ==
          "contract amended");
    CHECK(ok(node.call("offtake.match.run"))["proposals"].size() >= 1);
    // A cancelled contract is not amended.
    ok(node.call("offtake.contract.cancel", {{"contract_id", ids[0]}}, "dn-tanhiep"));
    expect_error(node.call("offtake.contract.amend", {{"contract_id", ids[0]}, {"quantity", 7}},
                           "dn-tanhiep"),
                 "failed_precondition", "body.contract_id");
  }
  SECTION("withdrawing an offer cancels its pending proposals") {
    auto w = ok(node.call("offtake.offer.withdraw", {{"offer_id", ids[3]}}, "htx-dahen"));
    CHECK(w["proposals_cancelled"] == 1);
    CHECK(ok(node.call("offtake.contract.get",
                       {{"contract_id", ids[0]}}))["contract"]["proposed"] == 2'000'000);
    CHECK(ok(node.call("offtake.offer.list", {{"status", "open"}}))["offers"].size() == 2);
    auto withdrawn = events_of(node, ev::kOfferWithdrawn);
    REQUIRE(withdrawn.size() == 1);
    CHECK(withdrawn[0].get<ev::OfferWithdrawn>().released == 3'000'000);
    auto cancelled = events_of(node, ev::kProposalCancelled);
    REQUIRE(cancelled.size() == 1);
    CHECK(cancelled[0].get<ev::ProposalCancelled>().reason == "offer withdrawn");
  }
  check_contract(node);
}

TEST_CASE("a contract's grade is matched only by offers of that grade; amending it proposes anew") {
  Node node;
  register_parties(node);
  json want = tanhiep_contract();
  want["grade"] = "  loại 1 ";  // spaces no one sees on a form are dropped
  const std::string contract =
      ok(node.call("offtake.contract.post", want, "dn-tanhiep"))["contract_id"];
  CHECK(ok(node.call("offtake.contract.get", {{"contract_id", contract}}))["contract"]["grade"] ==
        "loại 1");
  auto graded = [&](const char* product, std::int64_t kg, json where, const char* grade,
                    const char* seller) {
    json body = offer(product, kg, 140'000, std::move(where));
    if (grade) body["grade"] = grade;
    return ok(node.call("offtake.offer.post", body, seller))["offer_id"].get<std::string>();
  };
  const auto first =
      graded("tea-thanhnam-green", 2000, place("Phú Thọ", 21.29, 105.05), "loại 1", "htx-thanhnam");
  const auto second =
      graded("tea-longcoc-green", 2500, place("Phú Thọ", 21.17, 104.98), "loại 2", "htx-longcoc");
  graded("tea-dahen-green", 3000, place("Thái Nguyên", 21.78, 105.70), nullptr, "htx-dahen");
  CHECK(ok(node.call("offtake.offer.get", {{"offer_id", second}}))["offer"]["grade"] == "loại 2");

  auto run = ok(node.call("offtake.match.run"));
  REQUIRE(run["proposals"].size() == 1);
  CHECK(run["proposals"][0]["offer_id"] == first);

  auto amended = ok(node.call("offtake.contract.amend",
                              {{"contract_id", contract}, {"grade", "loại 2"}}, "dn-tanhiep"));
  CHECK(amended["changed"] == json::array({"grade"}));
  CHECK(amended["proposals_cancelled"] == 1);
  auto again = ok(node.call("offtake.match.run"));
  REQUIRE(again["proposals"].size() == 1);
  CHECK(again["proposals"][0]["offer_id"] == second);
  const auto events = events_of(node, ev::kContractAmended);
  REQUIRE(events.size() == 1);
  CHECK(events[0].get<ev::ContractAmended>().contract.grade == "loại 2");

  expect_error(node.call("offtake.contract.amend", {{"contract_id", contract}, {"grade", "  "}},
                         "dn-tanhiep"),
               "invalid_argument", "body.grade");
  // Dropping the grade: every offer of the category may match again.
  auto any = ok(node.call("offtake.contract.amend", {{"contract_id", contract}, {"grade", nullptr}},
                          "dn-tanhiep"));
  CHECK(any["changed"] == json::array({"grade"}));
  CHECK_FALSE(any["contract"].contains("grade"));
  CHECK(ok(node.call("offtake.match.run"))["proposals"].size() >= 2);
  expect_error(node.call("offtake.contract.amend", {{"contract_id", contract}, {"grade", nullptr}},
                         "dn-tanhiep"),
               "invalid_argument", "body");  // nothing left to change
  json blank = offer("tea-thanhnam-green", 10, 140'000, place("Phú Thọ", 21.29, 105.05));
  blank["grade"] = 1;
  expect_error(node.call("offtake.offer.post", blank, "htx-thanhnam"), "invalid_argument",
               "body.grade");
  check_contract(node);
}

TEST_CASE("a retailer buys pomelos by the piece: events and records keep the product's unit") {
  Node node;
  ok(node.call("party.register", {{"id", "htx-vandon"},
                                  {"kind", "cooperative"},
                                  {"name", "HTX Bưởi Văn Dơn"},
                                  {"province", "Hòa Bình"},
                                  {"lat", 20.83},
                                  {"lon", 105.35}}));
  ok(node.call("party.register", {{"id", "st-coop"},
                                  {"kind", "retailer"},
                                  {"name", "Siêu thị Co.op Hà Đông"},
                                  {"province", "Hà Nội"},
                                  {"lat", 20.97},
                                  {"lon", 105.78}}));
  ok(node.call("product.register",
               {{"id", "buoi-vandon"},
                {"name", "Bưởi Văn Dơn"},
                {"category", "pomelo"},
                {"unit", "piece"},
                {"ocop_stars", 3}},
               "htx-vandon"));
  auto contract = ok(node.call("offtake.contract.post",
                               {{"product_id", "buoi-vandon"},
                                {"quantity", 2'000},
                                {"unit_price_vnd", 35'000},
                                {"deliver_from", "2026-03-05"},
                                {"deliver_to", "2026-03-20"},
                                {"place", place("Hà Nội", 20.97, 105.78)},
                                {"note", "Bưởi loại 1"}},
                               "st-coop"));
  CHECK(contract["contract"]["unit"] == "piece");
  auto offer = ok(node.call("offtake.offer.post",
                            {{"product_id", "buoi-vandon"},
                             {"quantity", 3'000},
                             {"available_from", "2026-03-01"},
                             {"available_to", "2026-03-31"},
                             {"place", place("Hòa Bình", 20.83, 105.35)},
                             {"min_unit_price_vnd", 30'000}},
                            "htx-vandon"));
  auto run =
      ok(node.call("offtake.match.run", json::object(), "htx-vandon"));  // any party may run it
  REQUIRE(run["proposals"].size() == 1);
  auto cc = sign(node, run["proposals"][0]);
  CHECK(cc["value_vnd"] == 70'000'000);
  const std::string id = cc["id"];
  ok(node.call("offtake.delivery.record",
               {{"consumption_id", id},
                {"quantity", 2'000},
                {"date", "2026-03-10"},
                {"lot_id", "VD-2026-L03"}},
               "htx-vandon"));
  ok(node.call("offtake.delivery.accept", {{"consumption_id", id}, {"delivery_no", 1}}, "st-coop"));
  ok(node.call("offtake.payment.record",
               {{"consumption_id", id},
                {"amount_vnd", 70'000'000},
                {"date", "2026-03-12"},
                {"reference", "CK 1203"}},
               "st-coop"));

  auto recorded = events_of(node, ev::kDeliveryRecorded);
  REQUIRE(recorded.size() == 1);
  auto d = recorded[0].get<ev::DeliveryRecorded>();
  CHECK(d.unit == "piece");
  CHECK(d.quantity == 2'000);
  CHECK(d.buyer == "st-coop");
  CHECK(d.product_id == "buoi-vandon");
  CHECK(d.lot_id == std::optional<std::string>("VD-2026-L03"));
  auto accepted = events_of(node, ev::kDeliveryAccepted);
  REQUIRE(accepted.size() == 1);
  CHECK_FALSE(accepted[0].contains("grade"));  // none given
  CHECK_FALSE(accepted[0].get<ev::DeliveryAccepted>().grade.has_value());
  auto paid = events_of(node, ev::kPaymentRecorded)[0].get<ev::PaymentRecorded>();
  CHECK(paid.reference == std::optional<std::string>("CK 1203"));
  CHECK(paid.seller == "htx-vandon");
  auto fulfilled = events_of(node, ev::kConsumptionFulfilled);
  REQUIRE(fulfilled.size() == 1);
  CHECK(fulfilled[0].get<ev::ConsumptionFulfilled>().unit == "piece");
  auto posted = events_of(node, ev::kContractPosted)[0].get<ev::ContractPosted>();
  CHECK(posted.contract.product_id == std::optional<std::string>("buoi-vandon"));
  CHECK(posted.contract.note == std::optional<std::string>("Bưởi loại 1"));
  CHECK(events_of(node, ev::kOfferPosted)[0].get<ev::OfferPosted>().offer.id ==
        offer["offer_id"].get<std::string>());
  CHECK(events_of(node, ev::kProposalCreated)[0].get<ev::ProposalCreated>().proposal.unit ==
        "piece");
  CHECK(events_of(node, ev::kMatchCompleted)[0].get<ev::MatchCompleted>().proposals == 1);
  auto acceptances = events_of(node, ev::kProposalAccepted);
  REQUIRE(acceptances.size() == 2);
  // Both parties are named, so that each side's event stream carries the other's acceptance.
  CHECK(acceptances[0].get<ev::ProposalAccepted>().seller == "htx-vandon");
  CHECK(acceptances[0].get<ev::ProposalAccepted>().buyer == paid.buyer);

  SECTION("every read answers for an admin, a party and filters, in the declared shapes") {
    for (const std::string as : {"", "st-coop", "htx-vandon"}) {
      CHECK(ok(node.call("offtake.contract.list", {{"buyer", "st-coop"}, {"limit", 10}},
                         as))["contracts"]
                .size() == 1);
      CHECK(ok(node.call("offtake.offer.list", {{"seller", "htx-vandon"}}, as))["offers"].size() ==
            1);
      CHECK(
          ok(node.call("offtake.proposal.list", {{"party", "st-coop"}}, as))["proposals"].size() ==
          1);
      CHECK(ok(node.call("offtake.consumption.list", {{"status", "fulfilled"}}, as))["consumptions"]
                .size() == 1);
    }
    ok(node.call("offtake.contract.get", {{"contract_id", contract["contract_id"]}}));
    ok(node.call("offtake.offer.get", {{"offer_id", offer["offer_id"]}}, "st-coop"));
    ok(node.call("offtake.proposal.get", {{"proposal_id", run["proposals"][0]["id"]}}));
    auto got = ok(node.call("offtake.consumption.get", {{"consumption_id", id}},
                            "htx-vandon"))["consumption"];
    CHECK(got["deliveries"][0]["lot_id"] == "VD-2026-L03");
    auto r = ok(node.call("offtake.report",
                          {{"party", "st-coop"}, {"from", "2026-03-01"}, {"to", "2026-03-31"}},
                          "htx-vandon"));
    CHECK(r["consumption"]["by_unit"]["piece"]["accepted_pct"] == 100.0);
    CHECK(r["filter"]["party"] == "st-coop");
    auto empty = ok(node.call("offtake.report", {{"province", "Sơn La"}}));
    CHECK(empty["consumption"]["paid_pct"].is_null());
  }
  SECTION("a page of one shows where the next page starts") {
    ok(node.call("offtake.offer.post",
                 {{"product_id", "buoi-vandon"},
                  {"quantity", 100},
                  {"available_from", "2026-03-01"},
                  {"available_to", "2026-03-31"},
                  {"place", place("Hòa Bình", 20.83, 105.35)},
                  {"min_unit_price_vnd", 0}},
                 "htx-vandon"));
    auto first = ok(node.call("offtake.offer.list", {{"limit", 1}}));
    REQUIRE(first.contains("next_after"));
    auto second =
        ok(node.call("offtake.offer.list", {{"limit", 1}, {"after", first["next_after"]}}));
    CHECK(second["offers"][0]["quantity"] == 100);
    CHECK_FALSE(second.contains("next_after"));
  }
  SECTION("the plugin's contract is published by node.schema") {
    auto schema = ok(node.call("node.schema", {{"type", "offtake."}}));
    CHECK(schema["messages"].size() == 29);
    CHECK(schema["events"].size() == ev::kAll.size());
  }
  check_contract(node);
}

TEST_CASE("roles and bad input are refused with the field named, changing nothing") {
  Node node;
  register_parties(node);
  auto c = tanhiep_contract();
  SECTION("only buyers post contracts and only cooperatives post offers") {
    expect_error(node.call("offtake.contract.post", c, "htx-thanhnam"), "permission_denied", "as");
    expect_error(node.call("offtake.contract.post", c), "unauthenticated",
                 "as");  // an admin acts for nobody
    expect_error(node.call("offtake.contract.post", c, "dn-ghost"), "unauthenticated", "as");
    expect_error(
        node.call("offtake.offer.post",
                  offer("tea-thanhnam-green", 1, 1, place("Phú Thọ", 21.29, 105.05)), "dn-tanhiep"),
        "permission_denied", "as");
  }
  SECTION("zero or negative quantities") {
    c["quantity"] = 0;
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument",
                 "body.quantity");
    c["quantity"] = -5;
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument",
                 "body.quantity");
    auto o = offer("tea-thanhnam-green", 0, 1, place("Phú Thọ", 21.29, 105.05));
    expect_error(node.call("offtake.offer.post", o, "htx-thanhnam"), "invalid_argument",
                 "body.quantity");
  }
  SECTION("dates out of order or malformed") {
    c["deliver_to"] = "2026-03-01";
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument",
                 "body.deliver_to");
    c["deliver_to"] = "2026-02-30";
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument",
                 "body.deliver_to");
  }
  SECTION("an unknown product") {
    c.erase("category");
    c.erase("unit");
    c["product_id"] = "tea-nowhere";
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "not_found",
                 "body.product_id");
    expect_error(
        node.call("offtake.offer.post", offer("tea-nowhere", 1, 1, place("Phú Thọ", 21.29, 105.05)),
                  "htx-thanhnam"),
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
  check_contract(node);
}
