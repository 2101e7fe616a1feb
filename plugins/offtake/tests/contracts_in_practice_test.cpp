// Consumption contracts as they are really run, through a real `lienket node`: a purchase
// contract's terms carried into what is signed, acceptance in part at a lower grade with a
// moisture deduction, an amendment signed by both sides from its effective date, overdue money and
// late interest in the union's report, ending a contract early, disputes ruled by the union,
// partial acceptance and counter-offers of proposals, and call-offs. Each figure is worked out in
// a comment; each scenario ends with the contract check (every body, result and event conforms to
// node.schema).
#include <catch2/catch.hpp>

#include "lienket/offtake/events.hpp"
#include "market.hpp"

using namespace lienket::testkit;
using namespace offtake_market;
namespace ev = lienket::offtake::events;

namespace {

constexpr std::int64_t kDay = 86'400;

// Tân Hiệp's contract with the terms a tea buyer writes: ±5 %, grade 2 at 85 % of the price,
// 1 % of the weight deducted above 12.5 % moisture (3 % above 15 %), payment 10 days after
// acceptance, 1.5 % a month late interest, an 8 % penalty.
json contract_with_terms() {
  json c = tanhiep_contract();
  c["terms"] = {{"tolerance_bp", 500},
                {"grade_prices", {{{"grade", "loại 2"}, {"price_bp", 8'500}}}},
                {"deductions",
                 {{{"measure", "moisture"}, {"above_bp", 1'250}, {"deduct_bp", 100}},
                  {{"measure", "moisture"}, {"above_bp", 1'500}, {"deduct_bp", 300}}}},
                {"payment_due_days", 10},
                {"late_interest_bp_per_month", 150},
                {"penalty_bp", 800}};
  return c;
}

// Posts `contract` and the three offers, matches, and signs the proposals; returns the signed
// consumption contracts by seller.
std::map<std::string, json> signed_market(Node& node, const json& contract) {
  ok(node.call("offtake.contract.post", contract, "dn-tanhiep"));
  ok(node.call("offtake.offer.post",
               offer("tea-thanhnam-green", 2000, 150'000, place("Phú Thọ", 21.29, 105.05)),
               "htx-thanhnam"));
  ok(node.call("offtake.offer.post",
               offer("tea-dahen-green", 3000, 160'000, place("Thái Nguyên", 21.78, 105.70)),
               "htx-dahen"));
  std::map<std::string, json> out;
  const json run = ok(node.call("offtake.match.run"));
  for (const auto& p : run["proposals"]) out[p["seller"].get<std::string>()] = sign(node, p);
  return out;
}

json get(Node& node, const std::string& id) {
  return ok(node.call("offtake.consumption.get", {{"consumption_id", id}}))["consumption"];
}

std::int64_t deliver(Node& node, const std::string& id, std::int64_t grams, const char* date,
                     const char* seller) {
  return ok(node.call("offtake.delivery.record",
                      {{"consumption_id", id}, {"quantity", grams}, {"date", date}},
                      seller))["delivery_no"];
}

void advance_days(Node& node, std::int64_t days) {
  ok(node.call("node.clock.advance", {{"seconds", days * kDay}}));
}

}  // namespace

TEST_CASE("terms carried into a signed contract: quality, an amendment, overdue money") {
  Node node;
  register_parties(node);
  auto cc = signed_market(node, contract_with_terms());
  REQUIRE(cc.count("htx-dahen") == 1);
  const std::string id = cc["htx-dahen"]["id"];
  CHECK(cc["htx-dahen"]["terms"]["tolerance_bp"] == 500);
  CHECK(cc["htx-dahen"]["quantity_range"] == json{2'850'000, 3'150'000});  // 3,000 kg ±5 %
  CHECK(cc["htx-dahen"]["versions"].size() == 1);

  advance_days(node, 5);  // 6 March
  deliver(node, id, 1'000'000, "2026-03-06", "htx-dahen");
  // 900 of 1,000 kg taken, at grade 2, 14 % moisture: 1 % deducted.
  auto accepted = ok(node.call("offtake.delivery.accept",
                               {{"consumption_id", id},
                                {"delivery_no", 1},
                                {"quantity", 900'000},
                                {"grade", "loại 2"},
                                {"measures", {{"moisture", 1'400}}},
                                {"reason", "100 kg lá già, cọng"}},
                               "dn-tanhiep"))["consumption"];
  const json d1 = accepted["deliveries"][0];
  CHECK(d1["accepted_quantity"] == 900'000);
  CHECK(d1["net_quantity"] == 891'000);    // 900,000 - 1 %
  CHECK(d1["unit_price_vnd"] == 153'000);  // 85 % of 180,000
  CHECK(d1["value_vnd"] == 136'323'000);   // 891 kg x 153,000
  CHECK(accepted["rejected"] == 100'000);
  auto event = events_of(node, ev::kDeliveryAccepted).at(0).get<ev::DeliveryAccepted>();
  CHECK(event.net_quantity == 891'000);
  CHECK(event.value_vnd == 136'323'000);

  SECTION("an amendment stands only once the other side signs, and prices what follows") {
    auto proposed = ok(node.call("offtake.consumption.amend",
                                 {{"consumption_id", id},
                                  {"effective_from", "2026-03-15"},
                                  {"unit_price_vnd", 190'000},
                                  {"reason", "giá chè búp tươi tăng"}},
                                 "htx-dahen"))["consumption"];
    CHECK(proposed["unit_price_vnd"] == 180'000);
    CHECK(proposed["amendment"]["version"] == 2);
    expect_error(node.call("offtake.consumption.amend.sign",
                           {{"consumption_id", id}, {"version", 2}}, "htx-dahen"),
                 "failed_precondition", "as");
    expect_error(node.call("offtake.consumption.amend.sign",
                           {{"consumption_id", id}, {"version", 3}}, "dn-tanhiep"),
                 "failed_precondition", "body.version");
    auto amended =
        ok(node.call("offtake.consumption.amend.sign", {{"consumption_id", id}, {"version", 2}},
                     "dn-tanhiep"))["consumption"];
    CHECK(amended["version"] == 2);
    CHECK(amended["value_vnd"] == 570'000'000);  // 3,000 kg x 190,000
    auto a = events_of(node, ev::kConsumptionAmended).at(0).get<ev::ConsumptionAmended>();
    CHECK(a.effective_from == "2026-03-15");
    CHECK(a.unit_price_vnd == 190'000);
    CHECK(amended["place"]["province"] == "Hà Nội");  // the contract's, until amended
    ok(node.call("offtake.consumption.amend",
                 {{"consumption_id", id},
                  {"effective_from", "2026-03-15"},
                  {"place", place("Hải Phòng", 20.86, 106.68)},
                  {"reason", "giao thẳng ra cảng"}},
                 "dn-tanhiep"));
    auto moved =
        ok(node.call("offtake.consumption.amend.sign", {{"consumption_id", id}, {"version", 3}},
                     "htx-dahen"))["consumption"];
    CHECK(moved["place"]["province"] == "Hải Phòng");
    CHECK(moved["unit_price_vnd"] == 190'000);

    advance_days(node, 14);  // 20 March
    deliver(node, id, 1'000'000, "2026-03-20", "htx-dahen");
    auto both =
        ok(node.call("offtake.delivery.accept", {{"consumption_id", id}, {"delivery_no", 2}},
                     "dn-tanhiep"))["consumption"];
    CHECK(both["deliveries"][0]["value_vnd"] == 136'323'000);  // still version 1's price
    CHECK(both["deliveries"][1]["value_vnd"] == 190'000'000);  // 1,000 kg x 190,000
    CHECK(both["deliveries"][1]["version"] == 3);              // the new place, from the same date

    // The first delivery fell due on 16 March: overdue since the 17th, 3 whole days before the
    // 20th: 136,323,000 x 150 x 3 / 300,000 = 204,484.5, floored to 204,484 VND of interest.
    auto report = ok(node.call("offtake.report"));
    CHECK(report["payments"]["overdue_vnd"] == 136'323'000);
    CHECK(report["payments"]["late_interest_vnd"] == 204'484);
    REQUIRE(report["payments"]["overdue"].size() == 1);
    CHECK(report["payments"]["overdue"][0]["consumption_id"] == id);
    CHECK(report["payments"]["overdue"][0]["overdue_since"] == "2026-03-17");
    auto paid = ok(node.call("offtake.payment.record",
                             {{"consumption_id", id}, {"amount_vnd", 136'323'000 + 204'484}},
                             "dn-tanhiep"))["consumption"];
    CHECK(paid["account"]["overdue_vnd"] == 0);
    CHECK(paid["account"]["balance_vnd"] == 190'000'000);  // the second delivery, not yet due
  }
  SECTION("refusals name the field and change nothing") {
    const json before = get(node, id);
    deliver(node, id, 500'000, "2026-03-07", "htx-dahen");
    const json pending = get(node, id);
    expect_error(
        node.call("offtake.delivery.accept",
                  {{"consumption_id", id}, {"delivery_no", 2}, {"measures", {{"dust", 10}}}},
                  "dn-tanhiep"),
        "invalid_argument", "body.measures.dust");
    expect_error(node.call("offtake.delivery.accept",
                           {{"consumption_id", id}, {"delivery_no", 2}, {"quantity", 400'000}},
                           "dn-tanhiep"),
                 "invalid_argument", "body.reason");
    expect_error(
        node.call("offtake.delivery.record",
                  {{"consumption_id", id}, {"quantity", 2'000'000}, {"date", "2026-03-07"}},
                  "htx-dahen"),
        "invalid_argument", "body.quantity");  // 891 + 500 + 2,000 kg > 3,150 kg
    expect_error(
        node.call(
            "offtake.consumption.amend",
            {{"consumption_id", id}, {"effective_from", "2026-02-01"}, {"quantity", 5'000'000}},
            "dn-tanhiep"),
        "invalid_argument", "body.effective_from");
    expect_error(
        node.call(
            "offtake.consumption.amend",
            {{"consumption_id", id}, {"effective_from", "2026-03-10"}, {"quantity", 1'000'000}},
            "dn-tanhiep"),
        "failed_precondition", "body.quantity");  // below the 1,391 kg delivered
    expect_error(
        node.call(
            "offtake.consumption.amend",
            {{"consumption_id", id}, {"effective_from", "2026-03-10"}, {"quantity", 4'000'000}},
            "htx-longcoc"),
        "permission_denied", "as");
    CHECK(get(node, id) == pending);
    CHECK(pending["deliveries"].size() == before["deliveries"].size() + 1);
  }
  check_contract(node);
}

TEST_CASE("a purchase contract's terms are checked field by field when posted") {
  Node node;
  register_parties(node);
  auto bad = [&](json terms, const char* field) {
    json c = tanhiep_contract();
    c["terms"] = std::move(terms);
    INFO(field);
    expect_error(node.call("offtake.contract.post", c, "dn-tanhiep"), "invalid_argument", field);
  };
  bad({{"tolerance_bp", 6'000}}, "body.terms.tolerance_bp");
  bad({{"penalty_bp", 900}}, "body.terms.penalty_bp");  // above the 8 % of art. 301
  bad({{"deductions", {{{"above_bp", 1'250}, {"deduct_bp", 100}}}}},
      "body.terms.deductions[0].measure");
  bad({{"grade_prices",
        {{{"grade", "B"}, {"price_bp", 9'000}}, {{"grade", "B"}, {"price_bp", 8'000}}}}},
      "body.terms.grade_prices[1].grade");
  bad({{"call_offs",
        {{{"from", "2026-03-05"}, {"to", "2026-03-15"}, {"share_bp", 5'000}},
         {{"from", "2026-03-16"}, {"to", "2026-03-31"}, {"share_bp", 4'000}}}}},
      "body.terms.call_offs");
  bad({{"call_offs", {{{"from", "2026-02-20"}, {"to", "2026-03-15"}, {"share_bp", 10'000}}}}},
      "body.terms.call_offs[0].from");
  bad({{"interest", 1}}, "body.terms.interest");
  CHECK(ok(node.call("offtake.contract.list"))["contracts"].empty());
  check_contract(node);
}

TEST_CASE("ending a signed contract early: mutual consent, force majeure, the other's breach") {
  Node node;
  register_parties(node);
  auto cc = signed_market(node, contract_with_terms());
  const std::string dahen = cc["htx-dahen"]["id"], thanhnam = cc["htx-thanhnam"]["id"];

  SECTION("by mutual consent: one asks, the other agrees") {
    auto asked = ok(node.call(
        "offtake.consumption.terminate",
        {{"consumption_id", dahen}, {"ground", "mutual"}, {"reason", "đổi sang hợp đồng vụ sau"}},
        "dn-tanhiep"));
    CHECK(asked["ended"] == false);
    CHECK(asked["consumption"]["status"] == "signed");
    auto ended = ok(node.call(
        "offtake.consumption.terminate",
        {{"consumption_id", dahen}, {"ground", "mutual"}, {"reason", "đồng ý"}}, "htx-dahen"));
    CHECK(ended["ended"] == true);
    CHECK(ended["consumption"]["status"] == "cancelled");
    auto e = events_of(node, ev::kConsumptionCancelled).at(0).get<ev::ConsumptionCancelled>();
    CHECK(e.ground == "mutual");
    CHECK(events_of(node, ev::kTerminationRequested).size() == 1);
  }
  SECTION("force majeure: at once, no one at fault; accepted goods are still paid for") {
    deliver(node, thanhnam, 500'000, "2026-03-05", "htx-thanhnam");
    ok(node.call("offtake.delivery.accept", {{"consumption_id", thanhnam}, {"delivery_no", 1}},
                 "dn-tanhiep"));
    auto ended = ok(node.call("offtake.consumption.terminate",
                              {{"consumption_id", thanhnam},
                               {"ground", "force_majeure"},
                               {"reason", "lũ quét cuốn trôi 3 ha chè"}},
                              "htx-thanhnam"))["consumption"];
    CHECK(ended["status"] == "cancelled");
    CHECK_FALSE(ended.contains("penalties"));
    auto paid = ok(node.call("offtake.payment.record",
                             {{"consumption_id", thanhnam}, {"amount_vnd", 90'000'000}},
                             "dn-tanhiep"))["consumption"];  // 500 kg x 180,000
    CHECK(paid["account"]["balance_vnd"] == 0);
    expect_error(node.call("offtake.payment.record",
                           {{"consumption_id", thanhnam}, {"amount_vnd", 1}}, "dn-tanhiep"),
                 "failed_precondition", "");
  }
  SECTION("for the other side's breach: it is at fault and owes the agreed penalty") {
    ok(node.call("offtake.consumption.terminate",
                 {{"consumption_id", dahen}, {"ground", "breach"}, {"reason", "không giao hàng"}},
                 "dn-tanhiep"));
    auto b = events_of(node, ev::kConsumptionBreached).at(0).get<ev::ConsumptionBreached>();
    CHECK(b.at_fault == "seller");
    CHECK(b.penalty_vnd == 43'200'000);  // 8 % of 3,000 kg x 180,000 undelivered
    expect_error(
        node.call("offtake.consumption.terminate",
                  {{"consumption_id", dahen}, {"ground", "mutual"}, {"reason", "x"}}, "htx-dahen"),
        "failed_precondition", "");
  }
  check_contract(node);
}

TEST_CASE("a dispute holds off the breach until both sides agree or the union rules") {
  Node node;
  register_parties(node);
  auto cc = signed_market(node, tanhiep_contract());
  const std::string dahen = cc["htx-dahen"]["id"], thanhnam = cc["htx-thanhnam"]["id"];
  for (const auto& id : {dahen, thanhnam})
    ok(node.call("offtake.consumption.dispute",
                 {{"consumption_id", id}, {"reason", "bên mua chưa cử người nhận hàng"}},
                 id == dahen ? "htx-dahen" : "htx-thanhnam"));
  advance_days(node, 40);  // 10 April: past every deadline
  CHECK(get(node, dahen)["status"] == "disputed");
  CHECK(events_of(node, ev::kConsumptionBreached).empty());

  // Phú Thọ's union rules on Thanh Nam's contract (a Phú Thọ cooperative), not on Đá Hen's.
  expect_error(
      node.call("offtake.consumption.resolve",
                {{"consumption_id", dahen}, {"outcome", "buyer_at_fault"}}, "lhhtx-phutho"),
      "permission_denied", "as");
  auto ruled =
      ok(node.call("offtake.consumption.resolve",
                   {{"consumption_id", thanhnam}, {"outcome", "buyer_at_fault"}}, "lhhtx-phutho"));
  CHECK(ruled["settled"] == true);
  CHECK(ruled["consumption"]["status"] == "breached");
  CHECK(ruled["consumption"]["at_fault"] == "buyer");

  // Đá Hen's parties agree to go on, with a new deadline.
  auto half = ok(
      node.call("offtake.consumption.resolve",
                {{"consumption_id", dahen}, {"outcome", "continue"}, {"deliver_to", "2026-04-30"}},
                "htx-dahen"));
  CHECK(half["settled"] == false);
  auto both = ok(
      node.call("offtake.consumption.resolve",
                {{"consumption_id", dahen}, {"outcome", "continue"}, {"deliver_to", "2026-04-30"}},
                "dn-tanhiep"))["consumption"];
  CHECK(both["status"] == "signed");
  CHECK(both["deliver_to"] == "2026-04-30");
  advance_days(node, 1);
  CHECK(get(node, dahen)["status"] == "signed");  // the new deadline holds
  advance_days(node, 20);                         // 1 May
  CHECK(get(node, dahen)["status"] == "breached");
  check_contract(node);
}

TEST_CASE("proposals: partial acceptance, counter-offers, and a rejection withdrawn") {
  Node node;
  register_parties(node);
  auto ids = post_market(node);
  auto run = ok(node.call("offtake.match.run"));
  const json thanhnam = find_proposal(run["proposals"], ids[1]);
  const json dahen = find_proposal(run["proposals"], ids[3]);
  REQUIRE(thanhnam["quantity"] == 2'000'000);

  // Thanh Nam can spare only 1,500 kg: a partial acceptance, which the buyer answers.
  auto partial = ok(node.call("offtake.proposal.accept",
                              {{"proposal_id", thanhnam["id"]}, {"quantity", 1'500'000}},
                              "htx-thanhnam"))["proposal"];
  CHECK(partial["quantity"] == 1'500'000);
  CHECK(partial["seller_accepted"] == true);
  CHECK(ok(node.call("offtake.contract.get", {{"contract_id", ids[0]}}))["contract"]["proposed"] ==
        4'500'000);
  expect_error(node.call("offtake.proposal.counter",
                         {{"proposal_id", thanhnam["id"]}, {"quantity", 1'600'000}}, "dn-tanhiep"),
               "invalid_argument", "body.quantity");
  auto countered = ok(node.call(
      "offtake.proposal.counter",
      {{"proposal_id", thanhnam["id"]}, {"unit_price_vnd", 175'000}, {"reason", "giá cho lô nhỏ"}},
      "dn-tanhiep"))["proposal"];
  CHECK(countered["seller_accepted"] == false);  // the seller answers the new price
  CHECK(countered["buyer_accepted"] == true);
  auto signed_cc = ok(node.call("offtake.proposal.accept", {{"proposal_id", thanhnam["id"]}},
                                "htx-thanhnam"))["consumption"];
  CHECK(signed_cc["quantity"] == 1'500'000);
  CHECK(signed_cc["value_vnd"] == 262'500'000);  // 1,500 kg x 175,000
  CHECK(events_of(node, ev::kProposalCountered).size() == 2);

  // Đá Hen rejects, then thinks again: the pair may be proposed again.
  ok(node.call("offtake.proposal.reject", {{"proposal_id", dahen["id"]}, {"reason", "xa quá"}},
               "htx-dahen"));
  auto again = ok(node.call("offtake.match.run"))["proposals"];
  CHECK(find_proposal(again, ids[3]).is_null());
  expect_error(
      node.call("offtake.proposal.reconsider", {{"proposal_id", dahen["id"]}}, "dn-tanhiep"),
      "permission_denied", "as");
  ok(node.call("offtake.proposal.reconsider", {{"proposal_id", dahen["id"]}}, "htx-dahen"));
  expect_error(
      node.call("offtake.proposal.reconsider", {{"proposal_id", dahen["id"]}}, "htx-dahen"),
      "failed_precondition", "body.proposal_id");
  auto rematched = ok(node.call("offtake.match.run"))["proposals"];
  CHECK_FALSE(find_proposal(rematched, ids[3]).is_null());
  check_contract(node);
}

TEST_CASE("call-offs: a monthly schedule inside a contract, each window met or missed") {
  Node node;
  register_parties(node);
  json contract = tanhiep_contract();
  contract["terms"] = {{"call_offs",
                        {{{"from", "2026-03-05"}, {"to", "2026-03-15"}, {"share_bp", 5'000}},
                         {{"from", "2026-03-16"}, {"to", "2026-03-31"}, {"share_bp", 5'000}}}}};
  auto cc = signed_market(node, contract);
  const std::string id = cc["htx-thanhnam"]["id"];
  REQUIRE(cc["htx-thanhnam"]["call_offs"].size() == 2);
  CHECK(cc["htx-thanhnam"]["call_offs"][0]["quantity"] == 1'000'000);  // half of 2,000 kg
  deliver(node, id, 600'000, "2026-03-10", "htx-thanhnam");
  advance_days(node, 15);  // 16 March: the first window is over
  // Đá Hen delivered nothing of its first 1,500 kg: missed too.
  auto missed = events_of(node, ev::kCallOffMissed);
  REQUIRE(missed.size() == 2);
  auto m = missed[0].get<ev::CallOffMissed>();
  REQUIRE(m.consumption_id == id);
  CHECK(m.call_off == 1);
  CHECK(m.shortfall == 400'000);
  CHECK(get(node, id)["call_offs"][0]["status"] == "missed");
  CHECK(get(node, id)["status"] == "delivering");  // the contract goes on
  check_contract(node);
}

TEST_CASE("a multi-line contract: several grades or products posted as one, matched line by line") {
  Node node;
  register_parties(node);
  json three_grades = tanhiep_contract();
  three_grades["grade"] = "loại 1";
  three_grades["lines"] = {
      {{"grade", "loại 2"}, {"quantity", 2'000'000}, {"unit_price_vnd", 150'000}},
      {{"product_id", "tea-dahen-green"}, {"quantity", 1'000'000}, {"unit_price_vnd", 170'000}}};
  SECTION("a bad line is refused by its path and nothing is posted") {
    json bad = three_grades;
    bad["lines"][1]["min_lot"] = 1'000'001;
    expect_error(node.call("offtake.contract.post", bad, "dn-tanhiep"), "invalid_argument",
                 "body.lines[1].min_lot");
    bad = three_grades;
    bad["lines"][1]["product_id"] = "tea-nowhere";
    expect_error(node.call("offtake.contract.post", bad, "dn-tanhiep"), "not_found",
                 "body.lines[1].product_id");
    bad = three_grades;
    bad["lines"][0]["colour"] = "green";
    expect_error(node.call("offtake.contract.post", bad, "dn-tanhiep"), "invalid_argument",
                 "body.lines[0].colour");
    CHECK(ok(node.call("offtake.contract.list"))["contracts"].empty());
    CHECK(events_of(node, ev::kContractPosted).empty());
  }
  SECTION("each line is a contract of the group, with the first line's window, place and terms") {
    auto posted = ok(node.call("offtake.contract.post", three_grades, "dn-tanhiep"));
    const std::string first = posted["contract_id"];
    REQUIRE(posted["lines"].size() == 2);
    CHECK(posted["contract"]["group"] == first);
    CHECK(posted["contract"]["line"] == 1);
    const json grade2 = posted["lines"][0];
    CHECK(grade2["group"] == first);
    CHECK(grade2["line"] == 2);
    CHECK(grade2["grade"] == "loại 2");
    CHECK(grade2["category"] == "tea");  // the first line's goods
    CHECK(grade2["deliver_to"] == "2026-03-31");
    CHECK(posted["lines"][1]["product_id"] == "tea-dahen-green");
    CHECK(ok(node.call("offtake.contract.list", {{"group", first}}))["contracts"].size() == 3);
    // Long Cốc's grade-2 tea matches the grade-2 line only.
    json graded = offer("tea-longcoc-green", 2500, 140'000, place("Phú Thọ", 21.17, 104.98));
    graded["grade"] = "loại 2";
    ok(node.call("offtake.offer.post", graded, "htx-longcoc"));
    auto run = ok(node.call("offtake.match.run"));
    REQUIRE(run["proposals"].size() == 1);
    CHECK(run["proposals"][0]["contract_id"] == grade2["id"]);
    CHECK(run["proposals"][0]["quantity"] == 2'000'000);
    CHECK(run["proposals"][0]["unit_price_vnd"] == 150'000);
  }
  check_contract(node);
}
