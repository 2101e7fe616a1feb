// The farming plugin through a real node: a tea season of HTX Chè Thanh Nam's five member
// households with Công ty CP Chè Tân Hiệp, from plots to a confirmed settlement; and the refusals
// (bad input, wrong party, broken rules) that name the field and change nothing. Every scenario
// ends with the contract check: each answered call and each event conforms to the declared schemas,
// and each farming event reads back whole as its typed struct (lienket/farming/events.hpp).
#include <catch2/catch.hpp>

#include "farming_fixture.hpp"

using namespace farming_test;

TEST_CASE("a tea season from plots to a confirmed settlement", "[farming][integration]") {
  Node node(json{{"plugins", {{"farming", {{"advance_interest_bp_per_month", 100}}}}}});
  seed(node);

  auto got = ok(node.call("farming.agreement.get", {{"id", kAgr}}));
  CHECK(got["agreement"]["status"] == "in_force");
  CHECK(got["agreement"]["signatures"].size() == 2);
  CHECK(got["agreement"]["plots"][0]["household_id"] == "hh-1");

  // 12,000,000 VND of fertiliser advanced on the first day of the harvest window.
  ok(node.call("farming.advance.record",
               {{"agreement_id", kAgr},
                {"item", "fertiliser"},
                {"description", "NPK 16-16-8"},
                {"quantity", 40},
                {"quantity_unit", "bag 50 kg"},
                {"value_vnd", 12'000'000},
                {"date", "2026-03-01"}},
               kEnt));
  // Plot 3 sprayed today with a 7-day pre-harvest interval.
  auto spray = ok(node.call("farming.diary.record",
                            {{"plot_id", "tn-p3"},
                             {"kind", "pesticide"},
                             {"date", "2026-03-01"},
                             {"active_ingredient", "abamectin"},
                             {"dose", "10 ml / 16 L"},
                             {"phi_days", 7}},
                            kCoop))["entry"];
  CHECK(spray["household_id"] == "hh-3");

  ok(node.call("farming.harvest.record", harvest("tn-p1", 400'500, "2026-03-01"), kCoop));
  ok(node.call("farming.harvest.record", harvest("tn-p2", 350'333, "2026-03-01", "B"), kCoop));

  SECTION("a harvest inside the pre-harvest interval is refused, naming the diary entry") {
    auto before = last_seq(node);
    auto r = node.call("farming.harvest.record", harvest("tn-p3", 300'000, "2026-03-01"), kCoop);
    expect_error(r, "failed_precondition", "body.date");
    CHECK(r["error"]["message"].get<std::string>().find(spray["id"].get<std::string>()) !=
          std::string::npos);
    CHECK(r["error"]["message"].get<std::string>().find("2026-03-08") != std::string::npos);
    CHECK(last_seq(node) == before);
    advance_days(node, 7);
    ok(node.call("farming.harvest.record", harvest("tn-p3", 300'000, "2026-03-08"), kCoop));
  }

  SECTION("deliveries are published with lot, plot, household, quantity and date") {
    auto hs = events(node, "farming.harvest.");
    REQUIRE(hs.size() == 2);
    const auto& d = hs[0]["data"];
    CHECK(hs[0]["type"] == "farming.harvest.recorded");
    CHECK(d["lot_id"] == "lot-1");
    CHECK(d["plot_id"] == "tn-p1");
    CHECK(d["household_id"] == "hh-1");
    CHECK(d["quantity"] == 400'500);
    CHECK(d["date"] == "2026-03-01");
    auto h = ev::decode<ev::HarvestRecorded>(d);
    REQUIRE(h);
    CHECK(h->product_id == kTea);
    CHECK(h->unit == "g");
    CHECK(h->household_name == "Hộ 1");
    CHECK(h->cooperative == kCoop);
    CHECK(h->agreement_id == kAgr);
    CHECK(h->grade == "A");
    CHECK(h->location.lat == Approx(21.291));
    CHECK(h->location.polygon.empty());
    CHECK_FALSE(h->gtin.has_value());  // the product has none
    auto diary = events(node, "farming.diary.recorded");
    REQUIRE(diary.size() == 1);
    auto entry = ev::decode<ev::DiaryRecorded>(diary[0]["data"]);
    REQUIRE(entry);
    CHECK(entry->entry.plot_id == "tn-p3");
    CHECK(entry->entry.household_id == "hh-3");
    CHECK(entry->entry.household_name == "Hộ 3");
    CHECK(entry->entry.kind == "pesticide");
    CHECK(entry->entry.active_ingredient == "abamectin");
    CHECK(entry->entry.dose == "10 ml / 16 L");
    CHECK(entry->entry.phi_days == 7);
    CHECK(entry->entry.date == "2026-03-01");
  }

  SECTION("settlement: per household, with interest, adding up to the dong, confirmed by both") {
    advance_days(node, 30);  // 2026-03-31: 30 days of interest at 1 % a month
    ok(node.call("farming.harvest.record", harvest("tn-p4", 123'457, "2026-03-30"), kCoop));
    auto s =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kCoop))["settlement"];
    const auto& t = s["totals"];
    // 400.5 kg x 30,000 + 350.333 kg x 25,000 + 123.457 kg x 30,000 (floor per line)
    CHECK(t["gross_vnd"] == 12'015'000 + 8'758'325 + 3'703'710);
    CHECK(t["interest_vnd"] == 120'000);
    CHECK(t["deductions_vnd"] == 12'120'000);
    CHECK(t["net_payable_vnd"] == t["gross_vnd"].get<long long>() - 12'120'000);
    long long gross = 0, ded = 0, net = 0;
    for (const auto& h : s["households"]) {
      gross += h["gross_vnd"].get<long long>();
      ded += h["deduction_vnd"].get<long long>();
      net += h["net_vnd"].get<long long>();
    }
    CHECK(gross == t["gross_vnd"]);
    CHECK(ded == t["deductions_vnd"]);
    CHECK(net == t["net_payable_vnd"]);
    CHECK(s["households"].size() == 3);

    const std::string id = s["id"];
    auto first =
        ok(node.call("farming.settlement.confirm", {{"settlement_id", id}}, kEnt))["settlement"];
    CHECK(first["status"] == "computed");
    expect_error(node.call("farming.settlement.confirm", {{"settlement_id", id}}, kEnt),
                 "failed_precondition", "as");
    auto both =
        ok(node.call("farming.settlement.confirm", {{"settlement_id", id}}, kCoop))["settlement"];
    CHECK(both["status"] == "confirmed");
    CHECK(events(node, "farming.settlement.").size() == 3);

    SECTION("a settled season takes no more deliveries, advances or amendments") {
      expect_error(node.call("farming.harvest.record", harvest("tn-p5", 1000, "2026-03-31"), kCoop),
                   "failed_precondition", "body.agreement_id");
      expect_error(node.call("farming.advance.record",
                             {{"agreement_id", kAgr},
                              {"item", "cash"},
                              {"value_vnd", 1000},
                              {"date", "2026-03-31"}},
                             kEnt),
                   "failed_precondition", "body.agreement_id");
      expect_error(node.call("farming.agreement.amend", {{"id", kAgr}, {"note", "late"}}, kEnt),
                   "failed_precondition", "body.id");
    }
  }

  SECTION("a settlement goes stale when a delivery arrives after it") {
    auto s =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt))["settlement"];
    ok(node.call("farming.harvest.record", harvest("tn-p5", 1000, "2026-03-01"), kCoop));
    expect_error(node.call("farming.settlement.confirm", {{"settlement_id", s["id"]}}, kCoop),
                 "failed_precondition", "body.settlement_id");
    auto again =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt))["settlement"];
    CHECK(ok(node.call("farming.settlement.get",
                       {{"settlement_id", s["id"]}}))["settlement"]["status"] == "superseded");
    CHECK(again["households"].size() == 3);
  }

  SECTION("the reads answer what was recorded") {
    CHECK(ok(node.call("farming.plot.get", {{"id", "tn-p1"}}))["plot"]["household_name"] == "Hộ 1");
    CHECK(ok(node.call("farming.plot.list",
                       {{"cooperative", kCoop}, {"limit", 2}}))["next_after"] == "tn-p2");
    CHECK(ok(node.call("farming.agreement.list", {{"party", kEnt}}))["agreements"].size() == 1);
    CHECK(ok(node.call("farming.advance.list", {{"agreement_id", kAgr}}))["total_vnd"] ==
          12'000'000);
    CHECK(ok(node.call("farming.diary.list", {{"plot_id", "tn-p3"}}))["entries"].size() == 1);
    CHECK(ok(node.call("farming.harvest.list",
                       {{"agreement_id", kAgr}, {"plot_id", "tn-p1"}}))["total_quantity"] ==
          400'500);
  }
  check_contract(node);
}

TEST_CASE("a harvest event carries what traceability needs, without asking",
          "[farming][integration]") {
  Node node;
  ok(node.call("party.register", party(kCoop, "cooperative", "HTX Chè Thanh Nam")));
  ok(node.call("party.register", party(kEnt, "enterprise", "Công ty CP Chè Tân Hiệp")));
  ok(node.call("product.register",
               {{"id", kTea},
                {"name", "Chè xanh Thanh Nam"},
                {"category", "tea"},
                {"unit", "g"},
                {"gtin", "09520123456788"}},
               kCoop));
  json outlined = plot(1);
  outlined.erase("location");
  outlined["polygon"] = {{{"lat", 21.29}, {"lon", 105.05}},
                         {{"lat", 21.292}, {"lon", 105.05}},
                         {{"lat", 21.292}, {"lon", 105.052}},
                         {{"lat", 21.29}, {"lon", 105.052}}};
  ok(node.call("farming.plot.register", outlined, kCoop));
  json terms = agreement();
  terms["plots"] = json::array({{{"plot_id", "tn-p1"}, {"expected_yield", 1'000'000}}});
  ok(node.call("farming.agreement.propose", terms, kCoop));
  ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 1}}, kEnt));
  ok(node.call("farming.diary.record",
               {{"plot_id", "tn-p1"},
                {"kind", "fertiliser"},
                {"date", "2026-02-20"},
                {"input", "NPK 5-10-3"},
                {"quantity", 50},
                {"quantity_unit", "kg"},
                {"note", "bón thúc"}},
               kCoop));
  ok(node.call("farming.harvest.record",
               with_lot(harvest("tn-p1", 600'000, "2026-03-01", "B"), "TN-0301"), kCoop));

  auto hs = events(node, std::string(ev::kHarvestRecorded));
  REQUIRE(hs.size() == 1);
  auto h = ev::decode<ev::HarvestRecorded>(hs[0]["data"]);
  REQUIRE(h);
  CHECK(h->lot_id == "TN-0301");
  CHECK(h->gtin == "09520123456788");
  CHECK(h->quantity == 600'000);
  CHECK(h->unit == "g");
  CHECK(h->grade == "B");
  CHECK(h->household_name == "Hộ 1");
  CHECK(h->agreement_version == 1);
  CHECK(h->location.lat == Approx(21.291));
  CHECK(h->location.lon == Approx(105.051));
  CHECK(h->location.polygon.size() == 4);
  auto diary =
      ev::decode<ev::DiaryRecorded>(events(node, std::string(ev::kDiaryRecorded))[0]["data"]);
  REQUIRE(diary);
  CHECK(diary->entry.input == "NPK 5-10-3");
  CHECK(diary->entry.quantity == 50);
  CHECK(diary->entry.location.polygon.size() == 4);
  CHECK_FALSE(diary->entry.phi_days.has_value());
  check_contract(node);
}

TEST_CASE("amendments are new versions; the old ones are kept", "[farming][integration]") {
  Node node;
  seed(node);
  ok(node.call("farming.harvest.record", harvest("tn-p1", 100'000, "2026-03-01"), kCoop));
  auto v2 = ok(node.call("farming.agreement.amend",
                         {{"id", kAgr}, {"price", {{"kind", "fixed"}, {"unit_price_vnd", 32'000}}}},
                         kCoop))["agreement"];
  CHECK(v2["version"] == 2);
  CHECK(v2["status"] == "proposed");

  SECTION("until the other side signs, the old terms stay in force") {
    auto s =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt))["settlement"];
    CHECK(s["agreement_version"] == 1);
    CHECK(s["totals"]["gross_vnd"] == 3'000'000);
  }
  SECTION("once signed, the new terms apply and version 1 is superseded but kept") {
    expect_error(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 2}}, kCoop),
                 "failed_precondition", "as");
    ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 2}}, kEnt));
    auto s =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt))["settlement"];
    CHECK(s["agreement_version"] == 2);
    CHECK(s["totals"]["gross_vnd"] == 3'200'000);
    auto v1 = ok(node.call("farming.agreement.get", {{"id", kAgr}, {"version", 1}}))["agreement"];
    CHECK(v1["status"] == "superseded");
    CHECK(v1["price"]["unit_price_vnd"] == 30'000);
    CHECK(events(node, "farming.agreement.").size() == 4);  // proposed, signed, amended, signed
  }
  SECTION("a settlement computed before new terms were signed is stale") {
    auto s =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt))["settlement"];
    ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 2}}, kEnt));
    expect_error(node.call("farming.settlement.confirm", {{"settlement_id", s["id"]}}, kCoop),
                 "failed_precondition", "body.settlement_id");
  }
  SECTION("amending a pending amendment withdraws it") {
    auto v3 = ok(node.call("farming.agreement.amend",
                           {{"id", kAgr}, {"note", "giao hàng tại xưởng"}}, kEnt))["agreement"];
    CHECK(v3["version"] == 3);
    CHECK(v3["amends"] == 2);
    CHECK(v3["price"]["unit_price_vnd"] == 32'000);
    auto v2_now = ok(node.call("farming.agreement.get", {{"id", kAgr}, {"version", 2}}));
    CHECK(v2_now["agreement"]["status"] == "withdrawn");
    CHECK(v2_now["latest_version"] == 3);
    CHECK(v2_now["in_force_version"] == 1);
  }
  check_contract(node);
}

TEST_CASE("floor price terms follow the enterprise's market reference price",
          "[farming][integration]") {
  json terms = agreement();
  terms["price"] = {{"kind", "floor"}, {"floor_price_vnd", 28'000}, {"discount_bp", 1'000}};
  Node node;
  seed(node, true, terms);
  ok(node.call("farming.harvest.record", harvest("tn-p1", 100'000, "2026-03-01"), kCoop));

  SECTION("without a market price there is nothing to settle on") {
    auto r = node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt);
    expect_error(r, "failed_precondition", "body.agreement_id");
  }
  SECTION("a high market pays the discounted market price, a low one the floor") {
    ok(node.call("farming.market_price.set",
                 {{"product_id", kTea}, {"date", "2026-02-25"}, {"unit_price_vnd", 40'000}}, kEnt));
    advance_days(node, 1);
    ok(node.call("farming.market_price.set",
                 {{"product_id", kTea}, {"date", "2026-03-02"}, {"unit_price_vnd", 20'000}}, kEnt));
    ok(node.call("farming.harvest.record", harvest("tn-p2", 100'000, "2026-03-02"), kCoop));
    auto s =
        ok(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kEnt))["settlement"];
    CHECK(s["deliveries"][0]["unit_price_vnd"] == 36'000);
    CHECK(s["deliveries"][1]["unit_price_vnd"] == 28'000);
    CHECK(s["totals"]["gross_vnd"] == 3'600'000 + 2'800'000);
  }
  SECTION("only an enterprise sets market prices") {
    expect_error(
        node.call("farming.market_price.set",
                  {{"product_id", kTea}, {"date", "2026-03-01"}, {"unit_price_vnd", 1}}, kCoop),
        "permission_denied", "as");
  }
  SECTION("graded terms price only the grades they list") {
    ok(node.call(
        "farming.agreement.amend",
        {{"id", kAgr},
         {"price", {{"kind", "graded"}, {"grade_prices", {{"A", 35'000}, {"B", 30'000}}}}}},
        kEnt));
    ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 2}}, kCoop));
    expect_error(
        node.call("farming.harvest.record", harvest("tn-p2", 1000, "2026-03-01", "C"), kCoop),
        "failed_precondition", "body.grade");
    ok(node.call("farming.harvest.record", harvest("tn-p2", 100'000, "2026-03-01", "B"), kCoop));
    auto s = ok(node.call("farming.settlement.compute",
                          {{"agreement_id", kAgr}, {"date", "2026-03-01"}}, kCoop));
    CHECK(s["settlement"]["totals"]["gross_vnd"] == 3'500'000 + 3'000'000);
  }
  check_contract(node);
}

TEST_CASE("role violations are refused and change nothing", "[farming][integration]") {
  Node node;
  seed(node);
  auto before = last_seq(node);
  SECTION("no acting party") {
    expect_error(node.call("farming.plot.register", plot(9)), "unauthenticated", "as");
    expect_error(node.call("farming.harvest.record", harvest("tn-p1", 1, "2026-03-01")),
                 "unauthenticated", "as");
    expect_error(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}),
                 "unauthenticated", "as");
  }
  SECTION("an acting party that is not registered") {
    expect_error(node.call("farming.plot.register", plot(9), "htx-ghost"), "unauthenticated", "as");
  }
  SECTION("an enterprise does not register plots or keep diaries") {
    expect_error(node.call("farming.plot.register", plot(9), kEnt), "permission_denied", "as");
    expect_error(
        node.call("farming.diary.record",
                  {{"plot_id", "tn-p1"}, {"kind", "irrigation"}, {"date", "2026-03-01"}}, kEnt),
        "permission_denied", "as");
  }
  SECTION("another cooperative cannot write this cooperative's diary or deliveries") {
    expect_error(node.call("farming.diary.record",
                           {{"plot_id", "tn-p1"}, {"kind", "irrigation"}, {"date", "2026-03-01"}},
                           "htx-longcoc"),
                 "permission_denied", "as");
    expect_error(
        node.call("farming.harvest.record", harvest("tn-p1", 1, "2026-03-01"), "htx-longcoc"),
        "permission_denied", "as");
  }
  SECTION("deliveries are the cooperative's, advances the enterprise's") {
    expect_error(node.call("farming.harvest.record", harvest("tn-p1", 1, "2026-03-01"), kEnt),
                 "permission_denied", "as");
    json adv{{"agreement_id", kAgr}, {"item", "seed"}, {"value_vnd", 1000}, {"date", "2026-03-01"}};
    expect_error(node.call("farming.advance.record", adv, kCoop), "permission_denied", "as");
    expect_error(node.call("farming.advance.record", adv, "dn-other"), "permission_denied", "as");
  }
  SECTION("outsiders neither sign, amend, compute nor confirm") {
    expect_error(node.call("farming.agreement.amend", {{"id", kAgr}, {"note", "x"}}, "dn-other"),
                 "permission_denied", "as");
    expect_error(node.call("farming.settlement.compute", {{"agreement_id", kAgr}}, "dn-vinmart"),
                 "permission_denied", "as");
  }
  SECTION("an agreement is proposed only by one of its two parties") {
    json terms = agreement();
    terms["id"] = "agr-x";
    expect_error(node.call("farming.agreement.propose", terms, "dn-other"), "permission_denied",
                 "as");
    terms["enterprise"] = "dn-vinmart";
    expect_error(node.call("farming.agreement.propose", terms, kCoop), "invalid_argument",
                 "body.enterprise");
  }
  CHECK(last_seq(node) == before);
  CHECK(ok(node.call("farming.harvest.list", {{"agreement_id", kAgr}}))["harvests"].empty());
  check_contract(node);
}

TEST_CASE("bad input is refused naming the field and changes nothing", "[farming][integration]") {
  Node node;
  seed(node, false);
  auto before = last_seq(node);
  SECTION("deliveries need an agreement signed by both") {
    expect_error(node.call("farming.harvest.record", harvest("tn-p1", 1000, "2026-03-01"), kCoop),
                 "failed_precondition", "body.agreement_id");
  }
  SECTION("delivery fields") {
    ok(node.call("farming.agreement.sign", {{"id", kAgr}, {"version", 1}}, kCoop));
    before = last_seq(node);
    auto bad = [&](json body, const std::string& code, const std::string& field) {
      expect_error(node.call("farming.harvest.record", body, kCoop), code, field);
    };
    bad(harvest("tn-p1", 0, "2026-03-01"), "invalid_argument", "body.quantity");
    bad(harvest("tn-p1", 10, "2026-03-01", "D"), "invalid_argument", "body.grade");
    bad(harvest("tn-p1", 10, "2026-02-30"), "invalid_argument", "body.date");
    bad(harvest("tn-p1", 10, "2026-03-02"), "invalid_argument", "body.date");  // after today
    bad(harvest("tn-p1", 10, "2026-02-28"), "failed_precondition",
        "body.date");  // before the window
    bad(harvest("tn-p9", 10, "2026-03-01"), "failed_precondition", "body.plot_id");
    json extra = harvest("tn-p1", 10, "2026-03-01");
    extra["price"] = 5;
    bad(extra, "invalid_argument", "body.price");
    json wrong_agr = harvest("tn-p1", 10, "2026-03-01");
    wrong_agr["agreement_id"] = "agr-none";
    bad(wrong_agr, "not_found", "body.agreement_id");
    ok(node.call("farming.harvest.record", with_lot(harvest("tn-p1", 10, "2026-03-01"), "L1"),
                 kCoop));
    before = last_seq(node);
    bad(with_lot(harvest("tn-p2", 10, "2026-03-01"), "L1"), "already_exists", "body.lot_id");
  }
  SECTION("agreement terms") {
    auto bad = [&](json terms, const std::string& code, const std::string& field) {
      terms["id"] = "agr-bad";
      expect_error(node.call("farming.agreement.propose", terms, kEnt), code, field);
    };
    json t = agreement();
    t["plots"][1]["plot_id"] = "tn-p9";
    bad(t, "not_found", "body.plots[1].plot_id");
    t = agreement();
    t["plots"][1]["expected_yield"] = -1;
    bad(t, "invalid_argument", "body.plots[1].expected_yield");
    t = agreement();
    t["plots"][1]["plot_id"] = "tn-p1";
    bad(t, "invalid_argument", "body.plots[1].plot_id");
    t = agreement();
    t["price"]["kind"] = "auction";
    bad(t, "invalid_argument", "body.price.kind");
    t = agreement();
    t["harvest_window"]["end"] = "2026-07-15";
    bad(t, "invalid_argument", "body.harvest_window");
    t = agreement();
    t["season"]["end"] = "2026-01-01";
    bad(t, "invalid_argument", "body.season.end");
    t = agreement();
    t["product_id"] = "tea-none";
    bad(t, "not_found", "body.product_id");
    t = agreement();
    t["id"] = kAgr;
    expect_error(node.call("farming.agreement.propose", t, kEnt), "already_exists", "body.id");
  }
  SECTION("plots, diaries, advances") {
    json p = plot(9);
    p["area_m2"] = 0;
    expect_error(node.call("farming.plot.register", p, kCoop), "invalid_argument", "body.area_m2");
    p = plot(9);
    p["location"]["lat"] = 91;
    expect_error(node.call("farming.plot.register", p, kCoop), "invalid_argument",
                 "body.location.lat");
    p = plot(9);
    p.erase("location");
    p["polygon"] = {{{"lat", 21.0}, {"lon", 105.0}},
                    {{"lat", 21.1}, {"lon", 105.0}},
                    {{"lat", 21.1}, {"lon", 200}}};
    expect_error(node.call("farming.plot.register", p, kCoop), "invalid_argument",
                 "body.polygon[2].lon");
    expect_error(node.call("farming.plot.register", plot(1), kCoop), "already_exists", "body.id");
    expect_error(node.call("farming.diary.record",
                           {{"plot_id", "tn-p1"},
                            {"kind", "pesticide"},
                            {"date", "2026-03-01"},
                            {"active_ingredient", "abamectin"},
                            {"dose", "10 ml"}},
                           kCoop),
                 "invalid_argument", "body.phi_days");
    expect_error(
        node.call("farming.diary.record",
                  {{"plot_id", "tn-p1"}, {"kind", "dancing"}, {"date", "2026-03-01"}}, kCoop),
        "invalid_argument", "body.kind");
    expect_error(
        node.call(
            "farming.advance.record",
            {{"agreement_id", kAgr}, {"item", "cash"}, {"value_vnd", 1000}, {"date", "2026-03-01"}},
            kEnt),
        "failed_precondition", "body.agreement_id");  // not signed yet
  }
  CHECK(last_seq(node) == before);
  check_contract(node);
}

TEST_CASE("alerts: low-yield plots and a shortfall as the window closes",
          "[farming][integration]") {
  Node node;
  seed(node);
  CHECK(ok(node.call("farming.alerts"))["alerts"].empty() == false);  // day 1: every plot is behind
  for (int i = 1; i <= 4; ++i)
    ok(node.call("farming.harvest.record",
                 harvest("tn-p" + std::to_string(i), 30'000, "2026-03-01"), kCoop));
  advance_days(node, 53);  // 2026-04-23: 7 days before the window closes
  for (int i = 1; i <= 4; ++i)
    ok(node.call("farming.harvest.record",
                 harvest("tn-p" + std::to_string(i), 800'000, "2026-04-23"), kCoop));
  auto alerts = ok(node.call("farming.alerts", {{"agreement_id", kAgr}}))["alerts"];
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0]["kind"] == "low_yield");
  CHECK(alerts[0]["plot_id"] == "tn-p5");
  CHECK(alerts[0]["household_id"] == "hh-5");
  CHECK(alerts[1]["kind"] == "shortfall");
  CHECK(alerts[1]["days_left"] == 7);
  CHECK(alerts[1]["delivered"] == 4 * 830'000);
  CHECK(ok(node.call("farming.alerts", {{"party", kEnt}}))["alerts"].size() == 2);
  check_contract(node);
}

TEST_CASE("alerts: a plot waiting out a pesticide's pre-harvest interval is not low-yield",
          "[farming][integration]") {
  Node node;
  seed(node);  // today 2026-03-01, the first day of the harvest window
  for (int i = 1; i <= 4; ++i)
    ok(node.call("farming.harvest.record",
                 harvest("tn-p" + std::to_string(i), 300'000, "2026-03-01"), kCoop));
  // Plot 5 sprayed 5 days before the window opens with a 14-day PHI: no harvest before 2026-03-10.
  auto spray = ok(node.call("farming.diary.record",
                            {{"plot_id", "tn-p5"},
                             {"kind", "pesticide"},
                             {"date", "2026-02-24"},
                             {"active_ingredient", "emamectin benzoate"},
                             {"dose", "8 g / 16 L"},
                             {"phi_days", 14}},
                            kCoop))["entry"];
  auto alerts_now = [&] { return ok(node.call("farming.alerts", {{"agreement_id", kAgr}})); };

  auto check_waiting = [&](const std::string& today) {
    auto r = alerts_now();
    CHECK(r["date"] == today);
    CHECK(r["alerts"].empty());
    REQUIRE(r["waiting"].size() == 1);
    const auto& w = r["waiting"][0];
    CHECK(w["kind"] == "pre_harvest_interval");
    CHECK(w["plot_id"] == "tn-p5");
    CHECK(w["household_id"] == "hh-5");
    CHECK(w["delivered"] == 0);
    CHECK(w["diary_entry_id"] == spray["id"]);
    CHECK(w["harvest_allowed_from"] == "2026-03-10");
  };
  check_waiting("2026-03-01");
  advance_days(node, 8);
  check_waiting("2026-03-09");  // the last day of the interval
  // The diary rule and the alert agree: a harvest today would be refused.
  expect_error(node.call("farming.harvest.record", harvest("tn-p5", 100'000, "2026-03-09"), kCoop),
               "failed_precondition", "body.date");

  advance_days(node, 1);  // 2026-03-10: the interval has passed
  SECTION("a plot still not harvested once the interval has passed is low-yield") {
    auto r = alerts_now();
    CHECK(r["waiting"].empty());
    REQUIRE(r["alerts"].size() == 1);
    CHECK(r["alerts"][0]["kind"] == "low_yield");
    CHECK(r["alerts"][0]["plot_id"] == "tn-p5");
    CHECK(r["alerts"][0]["due_by_now"] == 1'000'000 * 10 / 61);
  }
  SECTION("a plot harvested as soon as the interval has passed raises nothing") {
    ok(node.call("farming.harvest.record", harvest("tn-p5", 100'000, "2026-03-10"), kCoop));
    auto r = alerts_now();
    CHECK(r["alerts"].empty());
    CHECK(r["waiting"].empty());
  }
  check_contract(node);
}
