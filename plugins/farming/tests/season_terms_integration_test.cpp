// Contracts as they are really run, through a real node (issue 16): amendments from their
// effective date, quality at delivery, advances repaid in kind with the agreement's interest,
// instalment payments, the cooperative's fee and tax withheld, penalty clauses, the membership
// register and debts carried over to the next season. Each rule's refusals name the field and
// change nothing; every scenario ends with the contract check.
#include <catch2/catch.hpp>

#include "farming_fixture.hpp"
#include "hostile.hpp"

using namespace farming_test;

namespace {

json amend(json body) {
  body["id"] = kAgr;
  return body;
}

json settle(Node& node, const std::string& as = kEnt, const std::string& agreement = kAgr) {
  return ok(
      node.call("farming.settlement.compute", {{"agreement_id", agreement}}, as))["settlement"];
}

void confirm(Node& node, const json& s) {
  ok(node.call("farming.settlement.confirm", {{"settlement_id", s["id"]}}, kEnt));
  ok(node.call("farming.settlement.confirm", {{"settlement_id", s["id"]}}, kCoop));
}

const json& household(const json& s, const std::string& id) {
  for (const auto& h : s["households"])
    if (h["household_id"] == id) return h;
  FAIL("no household " << id);
  static const json none;
  return none;
}

long long sum_of(const json& items, const char* key) {
  long long sum = 0;
  for (const auto& i : items) sum += i[key].get<long long>();
  return sum;
}

// Every household's statement lines add up to its net; the households' nets and what the
// cooperative keeps add up to what the enterprise pays.
void check_adds_up(const json& s) {
  for (const auto& h : s["households"]) {
    INFO(h.dump());
    CHECK(sum_of(h["statement"], "amount_vnd") == h["net_vnd"]);
    CHECK(h["net_vnd"].get<long long>() ==
          h["gross_vnd"].get<long long>() - h["deduction_vnd"].get<long long>());
  }
  const auto& t = s["totals"];
  CHECK(sum_of(s["households"], "net_vnd") == t["households_net_vnd"]);
  CHECK(t["households_net_vnd"].get<long long>() + t["cooperative_retains_vnd"].get<long long>() ==
        t["net_payable_vnd"]);
}

}  // namespace

TEST_CASE("an amendment prices deliveries from its effective date, never before",
          "[farming][integration][terms]") {
  Node node;
  seed(node);  // today 2026-03-01; fixed 30,000 VND/kg
  ok(node.call("farming.harvest.record", harvest("tn-p1", 100'000, "2026-03-01"), kCoop));
  auto v2 = ok(node.call("farming.agreement.amend",
                         amend({{"price", {{"kind", "fixed"}, {"unit_price_vnd", 36'000}}},
                                {"effective_from", "2026-03-10"}}),
                         kEnt))["agreement"];
  CHECK(v2["effective_from"] == "2026-03-10");
  auto signed_v2 =
      ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 2}}, kCoop))["agreement"];
  CHECK(signed_v2["effective_from"] == "2026-03-10");
  CHECK(ok(node.call("farming.agreement.get",
                     {{"id", kAgr}, {"version", 1}}))["agreement"]["effective_from"] ==
        "2026-02-01");    // version 1: from the season's start
  advance_days(node, 9);  // 2026-03-10
  ok(node.call("farming.harvest.record", harvest("tn-p1", 100'000, "2026-03-09"), kCoop));
  ok(node.call("farming.harvest.record", harvest("tn-p2", 100'000, "2026-03-10"), kCoop));

  SECTION("each delivery is priced by the version in force on its date") {
    auto s = settle(node);
    CHECK(s["agreement_version"] == 2);
    REQUIRE(s["deliveries"].size() == 3);
    CHECK(s["deliveries"][0]["unit_price_vnd"] == 30'000);
    CHECK(s["deliveries"][0]["agreement_version"] == 1);
    CHECK(s["deliveries"][1]["unit_price_vnd"] == 30'000);  // the day before
    CHECK(s["deliveries"][2]["unit_price_vnd"] == 36'000);
    CHECK(s["deliveries"][2]["agreement_version"] == 2);
    CHECK(s["totals"]["gross_vnd"] == 3'000'000 + 3'000'000 + 3'600'000);
    auto hs = events(node, std::string(ev::kHarvestRecorded));
    CHECK(hs[1]["data"]["agreement_version"] == 1);
    CHECK(hs[2]["data"]["agreement_version"] == 2);
  }
  SECTION("signed late, an amendment is effective from the day both signed") {
    ok(node.call("farming.agreement.amend",
                 amend({{"note", "giao tại xưởng"}, {"effective_from", "2026-03-12"}}), kCoop));
    advance_days(node, 5);  // 2026-03-15
    auto v3 =
        ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 3}}, kEnt))["agreement"];
    CHECK(v3["effective_from"] == "2026-03-15");
  }
  SECTION("refusals: an effective date in the past, after the season, or not a date") {
    auto before = last_seq(node);
    expect_error(
        node.call("farming.agreement.amend", amend({{"effective_from", "2026-03-09"}}), kEnt),
        "invalid_argument", "body.effective_from");
    expect_error(
        node.call("farming.agreement.amend", amend({{"effective_from", "2026-07-01"}}), kEnt),
        "invalid_argument", "body.effective_from");
    expect_error(
        node.call("farming.agreement.amend", amend({{"effective_from", "10/03/2026"}}), kEnt),
        "invalid_argument", "body.effective_from");
    json propose = agreement();
    propose["id"] = "agr-x";
    propose["effective_from"] = "2026-03-10";  // only amendments have one
    expect_error(node.call("farming.agreement.propose", propose, kEnt), "invalid_argument",
                 "body.effective_from");
    CHECK(last_seq(node) == before);
  }
  check_contract(node);
}

TEST_CASE("quality at delivery: the deduction table and rejected lots decide what is paid",
          "[farming][integration][terms]") {
  json terms = agreement();
  terms["quality"] = {
      {"moisture",
       {{"base_bp", 1400},
        {"bands",
         {{{"up_to_bp", 1500}, {"deduct_bp", 100}}, {{"up_to_bp", 1700}, {"deduct_bp", 300}}}}}},
      {"foreign_matter", {{"base_bp", 100}}}};
  Node node;
  seed(node, true, terms);
  json wet = harvest("tn-p1", 1'000'000, "2026-03-01");
  wet["moisture_bp"] = 1600;       // 3 % of the weight
  wet["foreign_matter_bp"] = 250;  // 1.5 % over the base
  auto h1 = ok(node.call("farming.harvest.record", wet, kCoop))["harvest"];
  CHECK(h1["quantity"] == 1'000'000);
  CHECK(h1["deducted_quantity"] == 45'000);
  CHECK(h1["net_quantity"] == 955'000);
  json part = harvest("tn-p2", 500'000, "2026-03-01");
  part["rejected_quantity"] = 100'000;
  part["rejection_reason"] = "chè bị úa, lẫn lá già";
  part["moisture_bp"] = 1450;  // 1 % of the 400 kg accepted
  auto h2 = ok(node.call("farming.harvest.record", part, kCoop))["harvest"];
  CHECK(h2["rejection_cause"] == "quality");
  CHECK(h2["net_quantity"] == 396'000);

  SECTION("a lot wetter than the table allows is refused, unless recorded as rejected") {
    json soaked = harvest("tn-p3", 200'000, "2026-03-01");
    soaked["moisture_bp"] = 1800;
    auto before = last_seq(node);
    expect_error(node.call("farming.harvest.record", soaked, kCoop), "failed_precondition",
                 "body.moisture_bp");
    CHECK(last_seq(node) == before);
    soaked["rejected_quantity"] = 200'000;
    soaked["rejection_reason"] = "độ ẩm 18%";
    CHECK(ok(node.call("farming.harvest.record", soaked, kCoop))["harvest"]["net_quantity"] == 0);
  }
  SECTION("the settlement pays the net weight only") {
    auto s = settle(node);
    const auto& t = s["totals"];
    CHECK(t["delivered_quantity"] == 1'500'000);
    CHECK(t["rejected_quantity"] == 100'000);
    CHECK(t["deducted_quantity"] == 49'000);
    CHECK(t["quantity"] == 955'000 + 396'000);
    CHECK(t["gross_vnd"] == 28'650'000 + 11'880'000);
    CHECK(s["deliveries"][1]["net_quantity"] == 396'000);
    CHECK(household(s, "hh-1")["statement"][0]["text"] == "Tiền hàng loại A: 955 kg × 30.000 đ/kg");
    check_adds_up(s);
  }
  SECTION("refusals name the field and change nothing") {
    auto before = last_seq(node);
    auto bad = [&](json body, const std::string& code, const std::string& field) {
      expect_error(node.call("farming.harvest.record", body, kCoop), code, field);
    };
    json b = harvest("tn-p3", 1'000, "2026-03-01");
    bad(with(with(b, "/rejected_quantity", 2'000), "/rejection_reason", "x"), "invalid_argument",
        "body.rejected_quantity");
    bad(with(b, "/rejected_quantity", 500), "invalid_argument", "body.rejection_reason");
    bad(with(b, "/rejection_reason", "ướt"), "invalid_argument", "body.rejection_reason");
    bad(with(with(with(b, "/rejected_quantity", 500), "/rejection_reason", "x"), "/rejection_cause",
             "weather"),
        "invalid_argument", "body.rejection_cause");
    bad(with(b, "/moisture_bp", 10'001), "invalid_argument", "body.moisture_bp");
    bad(with(b, "/foreign_matter_bp", -1), "invalid_argument", "body.foreign_matter_bp");
    json t = agreement();
    t["id"] = "agr-q";
    t["quality"] = {
        {"moisture", {{"base_bp", 1400}, {"bands", {{{"up_to_bp", 1300}, {"deduct_bp", 100}}}}}}};
    expect_error(node.call("farming.agreement.propose", t, kEnt), "invalid_argument",
                 "body.quality.moisture.bands[0].up_to_bp");
    t["quality"] = json::object();
    expect_error(node.call("farming.agreement.propose", t, kEnt), "invalid_argument",
                 "body.quality.moisture");
    CHECK(last_seq(node) == before);
  }
  check_contract(node);
}

TEST_CASE(
    "advances: the agreement's interest with grace and cap, repaid in kind, paid in instalments",
    "[farming][integration][terms]") {
  json terms = agreement();
  terms["advance_interest"] = {{"bp_per_month", 200}, {"cap_bp", 300}, {"grace_days", 10}};
  Node node(json{{"plugins", {{"farming", {{"advance_interest_bp_per_month", 100}}}}}});
  seed(node, true, terms);
  auto adv = ok(node.call("farming.advance.record",
                          {{"agreement_id", kAgr},
                           {"item", "fertiliser"},
                           {"value_vnd", 10'000'000},
                           {"date", "2026-03-01"}},
                          kEnt))["advance"];
  CHECK(adv["interest_bp_per_month"] == 200);  // the agreement's, not the node's 100
  CHECK(adv["interest_cap_bp"] == 300);
  CHECK(adv["interest_grace_days"] == 10);
  advance_days(node, 30);  // 2026-03-31
  json in_kind = harvest("tn-p1", 100'000, "2026-03-21");
  in_kind["repays_advance"] = adv["id"];
  ok(node.call("farming.harvest.record", in_kind, kCoop));
  ok(node.call("farming.harvest.record", harvest("tn-p2", 400'000, "2026-03-31"), kCoop));

  SECTION("an in-kind delivery repays its advance and stops interest on what it repaid") {
    auto s = settle(node);
    const auto& a = s["advances"][0];
    // From 03-11 (10 days' grace): 10,000,000 for 10 days, then 7,000,000 for 10 days, at 2 %.
    CHECK(a["interest_vnd"] == 113'333);
    CHECK(a["repaid_in_kind_vnd"] == 3'000'000);
    const auto& hh1 = household(s, "hh-1");
    CHECK(hh1["repaid_in_kind_vnd"] == 3'000'000);
    CHECK(hh1["advance_share_vnd"] == 3'000'000 + 1'422'667);
    CHECK(hh1["net_vnd"] == -1'422'667);
    CHECK(household(s, "hh-2")["net_vnd"] == 12'000'000 - 5'690'666);
    CHECK(s["totals"]["net_payable_vnd"] == 15'000'000 - 10'113'333);
    check_adds_up(s);

    SECTION("the enterprise pays in instalments; the statement shows paid and outstanding") {
      auto before = last_seq(node);
      auto pay = [&](long long amount, const std::string& as = kEnt) {
        return node.call("farming.settlement.pay",
                         {{"settlement_id", s["id"]}, {"amount_vnd", amount}}, as);
      };
      expect_error(pay(1'000), "failed_precondition", "body.settlement_id");  // not confirmed
      CHECK(last_seq(node) == before);
      confirm(node, s);
      auto first = ok(pay(2'000'000))["settlement"];
      CHECK(first["paid_vnd"] == 2'000'000);
      CHECK(first["outstanding_vnd"] == 2'886'667);
      before = last_seq(node);
      expect_error(pay(3'000'000), "failed_precondition", "body.amount_vnd");
      expect_error(pay(1'000, kCoop), "permission_denied", "as");
      expect_error(pay(0), "invalid_argument", "body.amount_vnd");
      expect_error(node.call("farming.settlement.pay",
                             {{"settlement_id", "stl-none"}, {"amount_vnd", 1}}, kEnt),
                   "not_found", "body.settlement_id");
      CHECK(last_seq(node) == before);
      auto last = ok(node.call(
          "farming.settlement.pay",
          {{"settlement_id", s["id"]}, {"amount_vnd", 2'886'667}, {"reference", "UNC 0042"}},
          kEnt))["settlement"];
      CHECK(last["outstanding_vnd"] == 0);
      CHECK(last["payments"].size() == 2);
      auto paid = events(node, std::string(ev::kSettlementPaid));
      REQUIRE(paid.size() == 2);
      CHECK(paid[1]["data"]["outstanding_vnd"] == 0);
    }
  }
  SECTION("refusals: an advance that is not this agreement's, interest terms out of range") {
    auto before = last_seq(node);
    json wrong = harvest("tn-p3", 1'000, "2026-03-31");
    wrong["repays_advance"] = "adv-99";
    expect_error(node.call("farming.harvest.record", wrong, kCoop), "not_found",
                 "body.repays_advance");
    expect_error(
        node.call("farming.agreement.amend",
                  amend({{"advance_interest", {{"bp_per_month", 100}, {"cap_bp", 20'000}}}}), kEnt),
        "invalid_argument", "body.advance_interest.cap_bp");
    expect_error(node.call("farming.agreement.amend",
                           amend({{"advance_interest", {{"grace_days", 10}}}}), kEnt),
                 "invalid_argument", "body.advance_interest.bp_per_month");
    CHECK(last_seq(node) == before);
  }
  check_contract(node);
}

TEST_CASE("the cooperative's service fee and tax withheld, per household, on the statement",
          "[farming][integration][terms]") {
  json terms = agreement();
  terms["service_fee_vnd"] = 1'000;
  terms["tax_withholding_bp"] = 150;
  Node node;
  seed(node, true, terms);
  ok(node.call("farming.harvest.record", harvest("tn-p1", 400'500, "2026-03-01"), kCoop));
  ok(node.call("farming.harvest.record", harvest("tn-p2", 350'333, "2026-03-01", "B"), kCoop));
  auto s = settle(node);
  const auto& hh1 = household(s, "hh-1");
  CHECK(hh1["gross_vnd"] == 12'015'000);
  CHECK(hh1["service_fee_vnd"] == 400'500);
  CHECK(hh1["tax_withheld_vnd"] == 180'225);
  CHECK(hh1["net_vnd"] == 12'015'000 - 400'500 - 180'225);
  CHECK(household(s, "hh-2")["tax_withheld_vnd"] == 131'374);  // 131,374.875 rounds down
  CHECK(hh1["statement"][1]["text"] == "Phí dịch vụ HTX: 1.000 đ/kg × 400,5 kg");
  CHECK(hh1["statement"][2]["text"] == "Thuế khấu trừ tại nguồn 1,5% trên tiền hàng");
  const auto& t = s["totals"];
  CHECK(t["service_fees_vnd"] == 400'500 + 350'333);
  CHECK(t["tax_withheld_vnd"] == 180'225 + 131'374);
  // The fee stays with the cooperative; the tax is withheld by the enterprise.
  CHECK(t["net_payable_vnd"] == 12'015'000 + 8'758'325 - 180'225 - 131'374);
  CHECK(t["cooperative_retains_vnd"] == 400'500 + 350'333);
  check_adds_up(s);
  auto before = last_seq(node);
  expect_error(node.call("farming.agreement.amend", amend({{"tax_withholding_bp", 10'001}}), kEnt),
               "invalid_argument", "body.tax_withholding_bp");
  expect_error(node.call("farming.agreement.amend", amend({{"service_fee_vnd", -1}}), kEnt),
               "invalid_argument", "body.service_fee_vnd");
  CHECK(last_seq(node) == before);
  check_contract(node);
}

TEST_CASE("penalty clauses: side-selling once the window has closed, non-acceptance",
          "[farming][integration][terms]") {
  json terms = agreement();  // 1,000 kg expected from each of the five plots
  terms["penalties"] = {{"side_selling", {{"min_delivery_bp", 8'000}, {"vnd_per_unit", 2'000}}},
                        {"non_acceptance", {{"vnd_per_unit", 3'000}}}};
  Node node;
  seed(node, true, terms);
  auto deliver = [&](const std::string& plot, long long grams, long long rejected = 0,
                     const std::string& cause = "quality") {
    json h = harvest(plot, grams, "2026-03-01");
    if (rejected > 0) {
      h["rejected_quantity"] = rejected;
      h["rejection_reason"] = cause == "buyer" ? "công ty không cho xe đến nhận" : "chè úa";
      h["rejection_cause"] = cause;
    }
    ok(node.call("farming.harvest.record", h, kCoop));
  };
  deliver("tn-p1", 900'000);                    // 90 %: no penalty
  deliver("tn-p2", 500'000);                    // 300 kg short of 800 kg
  deliver("tn-p3", 700'000, 200'000, "buyer");  // refused by the buyer: counts as delivered
  deliver("tn-p4", 1'000'000, 300'000);         // 700 kg accepted: 100 kg short
  SECTION("before the window closes only the non-acceptance clause applies") {
    auto s = settle(node);
    CHECK(s["totals"]["side_selling_penalties_vnd"] == 0);
    CHECK(s["totals"]["non_acceptance_penalty_vnd"] == 600'000);  // 200 kg x 3,000
    check_adds_up(s);
  }
  SECTION("after the window, households short of 80 % pay per kg short") {
    advance_days(node, 61);  // 2026-05-01
    auto s = settle(node);
    CHECK(household(s, "hh-1")["side_selling_penalty_vnd"] == 0);
    CHECK(household(s, "hh-2")["side_selling_penalty_vnd"] == 600'000);
    CHECK(household(s, "hh-3")["side_selling_penalty_vnd"] == 200'000);
    CHECK(household(s, "hh-4")["side_selling_penalty_vnd"] == 200'000);
    const auto& hh5 = household(s, "hh-5");  // delivered nothing
    CHECK(hh5["gross_vnd"] == 0);
    CHECK(hh5["side_selling_penalty_vnd"] == 1'600'000);
    CHECK(hh5["statement"][0]["text"] ==
          "Phạt bán sản phẩm ra ngoài hợp đồng: đã giao 0 kg, thiếu 800 kg so với mức cam kết "
          "800 kg");
    const auto& t = s["totals"];
    CHECK(t["side_selling_penalties_vnd"] == 2'600'000);
    CHECK(t["net_payable_vnd"] == t["gross_vnd"].get<long long>() - 2'600'000 + 600'000);
    check_adds_up(s);
  }
  SECTION("refusals: clauses out of range") {
    auto before = last_seq(node);
    expect_error(
        node.call("farming.agreement.amend",
                  amend({{"penalties",
                          {{"side_selling", {{"min_delivery_bp", 0}, {"vnd_per_unit", 1}}}}}}),
                  kEnt),
        "invalid_argument", "body.penalties.side_selling.min_delivery_bp");
    expect_error(node.call("farming.agreement.amend", amend({{"penalties", json::object()}}), kEnt),
                 "invalid_argument", "body.penalties.side_selling");
    CHECK(last_seq(node) == before);
  }
  check_contract(node);
}

TEST_CASE("members: a register with join and leave dates that deliveries and statements follow",
          "[farming][integration][members]") {
  Node node;
  seed(node);  // five plots: five households enrolled by their first plot
  auto list = [&](const std::string& as_of) {
    return ok(node.call("farming.member.list", {{"cooperative", kCoop}, {"as_of", as_of}}));
  };
  auto five = list("2026-03-01");
  CHECK(five["count"] == 5);
  CHECK(five["members"][0]["enrolled_by"] == "plot");
  CHECK_FALSE(five["members"][0].contains("joined_on"));
  CHECK(events(node, std::string(ev::kMemberJoined)).size() == 5);

  auto joined =
      ok(node.call("farming.member.join", {{"household_id", "hh-6"}, {"household_name", "Hộ 6"}},
                   kCoop))["member"];
  CHECK(joined["joined_on"] == "2026-03-01");
  CHECK(list("2026-03-01")["count"] == 6);
  CHECK(list("2026-02-28")["count"] == 5);  // hh-6 was not yet a member
  json p6 = plot(6);
  ok(node.call("farming.plot.register", p6, kCoop));  // a member already: no new enrolment
  CHECK(events(node, std::string(ev::kMemberJoined)).size() == 6);

  advance_days(node, 5);  // 2026-03-06
  ok(node.call("farming.harvest.record", harvest("tn-p2", 200'000, "2026-03-05"), kCoop));
  auto left = ok(node.call(
      "farming.member.leave",
      {{"household_id", "hh-2"}, {"date", "2026-03-06"}, {"reason", "chuyển sang trồng cây khác"}},
      kCoop))["member"];
  CHECK(left["left_on"] == "2026-03-06");
  CHECK(list("2026-03-05")["count"] == 6);
  CHECK(list("2026-03-06")["count"] == 5);

  SECTION("a household that left delivers no more, but is settled for what it delivered") {
    auto before = last_seq(node);
    expect_error(node.call("farming.harvest.record", harvest("tn-p2", 1'000, "2026-03-06"), kCoop),
                 "failed_precondition", "body.date");
    json p = plot(2);
    p["id"] = "tn-p2b";
    expect_error(node.call("farming.plot.register", p, kCoop), "failed_precondition",
                 "body.household_id");
    CHECK(last_seq(node) == before);
    auto s = settle(node);
    const auto& hh2 = household(s, "hh-2");
    CHECK(hh2["member_status"] == "left");
    CHECK(hh2["left_on"] == "2026-03-06");
    CHECK(hh2["gross_vnd"] == 6'000'000);
  }
  SECTION("refusals name the field and change nothing") {
    auto before = last_seq(node);
    expect_error(node.call("farming.member.join",
                           {{"household_id", "hh-6"}, {"household_name", "Hộ 6"}}, kCoop),
                 "already_exists", "body.household_id");
    expect_error(node.call("farming.member.join",
                           {{"household_id", "hh-2"}, {"household_name", "Hộ 2"}}, kCoop),
                 "failed_precondition", "body.household_id");
    expect_error(node.call("farming.member.join",
                           {{"household_id", "hh-7"}, {"household_name", "Hộ 7"}}, kEnt),
                 "permission_denied", "as");
    expect_error(
        node.call("farming.member.join",
                  {{"household_id", "hh-7"}, {"household_name", "Hộ 7"}, {"date", "2026-03-07"}},
                  kCoop),
        "invalid_argument", "body.date");
    expect_error(node.call("farming.member.leave", {{"household_id", "hh-2"}}, kCoop),
                 "failed_precondition", "body.household_id");
    expect_error(node.call("farming.member.leave", {{"household_id", "hh-9"}}, kCoop), "not_found",
                 "body.household_id");
    expect_error(node.call("farming.member.leave",
                           {{"household_id", "hh-6"}, {"date", "2026-03-01"}}, kCoop),
                 "invalid_argument", "body.date");
    expect_error(node.call("farming.member.list", {{"cooperative", kCoop}, {"as_of", "hôm nay"}}),
                 "invalid_argument", "body.as_of");
    CHECK(last_seq(node) == before);
  }
  check_contract(node);
}

TEST_CASE("a household's negative net carries over to its next season with the same enterprise",
          "[farming][integration][terms]") {
  Node node;
  seed(node);  // the 2026 season, agreement kAgr
  json last_year = agreement();
  last_year["id"] = "agr-tea-2025";
  last_year["plots"] = json::array({{{"plot_id", "tn-p1"}, {"expected_yield", 200'000}},
                                    {{"plot_id", "tn-p2"}, {"expected_yield", 400'000}}});
  last_year["season"] = {{"start", "2025-09-01"}, {"end", "2026-01-31"}};
  last_year["harvest_window"] = {{"start", "2025-10-01"}, {"end", "2026-01-31"}};
  ok(node.call("farming.agreement.propose", last_year, kEnt));
  ok(node.call("farming.agreement.sign", {{"id", "agr-tea-2025"}, {"version", 1}}, kCoop));
  ok(node.call("farming.advance.record",
               {{"agreement_id", "agr-tea-2025"},
                {"item", "cash"},
                {"value_vnd", 15'000'000},
                {"date", "2025-10-01"}},
               kEnt));
  for (auto [p, g] : {std::pair{"tn-p1", 100'000}, std::pair{"tn-p2", 300'000}}) {
    json h = harvest(p, g, "2025-12-01");
    h["agreement_id"] = "agr-tea-2025";
    ok(node.call("farming.harvest.record", h, kCoop));
  }
  auto old = settle(node, kEnt, "agr-tea-2025");
  CHECK(household(old, "hh-1")["net_vnd"] == -750'000);
  CHECK(household(old, "hh-2")["net_vnd"] == -2'250'000);
  confirm(node, old);

  ok(node.call("farming.harvest.record", harvest("tn-p1", 200'000, "2026-03-01"), kCoop));
  auto s = settle(node);
  const auto& hh1 = household(s, "hh-1");
  CHECK(hh1["carried_in_vnd"] == 750'000);
  CHECK(hh1["net_vnd"] == 6'000'000 - 750'000);
  CHECK(hh1["carried_from"][0]["settlement_id"] == old["id"]);
  CHECK(hh1["statement"][1]["text"] == "Nợ vụ trước chuyển sang (quyết toán " +
                                           old["id"].get<std::string>() +
                                           ", hợp đồng agr-tea-2025)");
  const auto& hh2 = household(s, "hh-2");  // no delivery this season, but its plot is contracted
  CHECK(hh2["carried_in_vnd"] == 2'250'000);
  CHECK(s["totals"]["carried_in_vnd"] == 3'000'000);
  CHECK(s["totals"]["cooperative_retains_vnd"] == 3'000'000);
  check_adds_up(s);

  confirm(node, s);
  auto old_now =
      ok(node.call("farming.settlement.get", {{"settlement_id", old["id"]}}))["settlement"];
  CHECK(household(old_now, "hh-1")["carried_to"]["settlement_id"] == s["id"]);
  CHECK(household(old_now, "hh-2")["carried_to"]["amount_vnd"] == 2'250'000);
  auto confirmed = events(node, std::string(ev::kSettlementConfirmed));
  CHECK(confirmed.back()["data"]["carried_over"].size() == 2);
  check_contract(node);
}
