// Hostile requests to the farming plugin against one real node with a season in force (plots, a
// signed agreement, an advance, a diary entry, a harvest): each row gets its error code and field,
// and nothing the node serves changes (hostile.hpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hostile.hpp"

using namespace lienket::testkit;

namespace {

json tea_plot() {
  return {{"id", "tn-plot-an"},
          {"household_id", "hh-nguyen-van-an"},
          {"household_name", "Nguyễn Văn An"},
          {"crop", "tea"},
          {"area_m2", 5'000},
          {"polygon", json::array({{{"lat", 21.2901}, {"lon", 105.0502}},
                                   {{"lat", 21.2907}, {"lon", 105.0511}},
                                   {{"lat", 21.2896}, {"lon", 105.0515}}})},
          {"certification",
           {{"scheme", "VietGAP"}, {"number", "VG-PT-0231"}, {"expires", "2027-12-31"}}}};
}

json tea_agreement() {
  return {{"id", "agr-tn-2026"},
          {"enterprise", "dn-tanhiep"},
          {"cooperative", "htx-thanhnam"},
          {"product_id", "tea-thanhnam-green"},
          {"plots", json::array({{{"plot_id", "tn-plot-an"}, {"expected_yield", 800'000}}})},
          {"season", {{"start", "2026-01-01"}, {"end", "2026-12-31"}}},
          {"harvest_window", {{"start", "2026-02-15"}, {"end", "2026-05-31"}}},
          {"price", {{"kind", "fixed"}, {"unit_price_vnd", 160'000}}}};
}

json advance() {
  return {{"agreement_id", "agr-tn-2026"},
          {"item", "fertiliser"},
          {"description", "Phân NPK 16-16-8"},
          {"quantity", 40},
          {"quantity_unit", "bag 50 kg"},
          {"value_vnd", 12'000'000},
          {"date", "2026-02-20"}};
}

json harvest() {
  return {{"agreement_id", "agr-tn-2026"}, {"plot_id", "tn-plot-an"},
          {"quantity", 300'000},           {"grade", "A"},
          {"date", "2026-03-01"},          {"lot_id", "TN-2026-H01"}};
}

// A plot for each cooperative, a season agreement in force with an advance, a diary entry and a
// harvest (which the trace plugin records as a commissioning event).
void seed_farming(Node& node) {
  ok(node.call("farming.plot.register", tea_plot(), "htx-thanhnam"));
  ok(node.call("farming.plot.register",
               {{"id", "pm-plot-binh"},
                {"household_id", "hh-lo-van-binh"},
                {"household_name", "Lò Văn Bình"},
                {"crop", "garlic"},
                {"area_m2", 3'000},
                {"location", {{"lat", 21.331}, {"lon", 103.912}}}},
               "htx-toi-phumai"));
  ok(node.call("farming.agreement.propose", tea_agreement(), "dn-tanhiep"));
  ok(node.call("farming.agreement.sign", {{"id", "agr-tn-2026"}, {"version", 1}}, "htx-thanhnam"));
  ok(node.call("farming.advance.record", advance(), "dn-tanhiep"));
  ok(node.call("farming.diary.record",
               {{"plot_id", "tn-plot-an"},
                {"kind", "fertiliser"},
                {"date", "2026-02-25"},
                {"input", "NPK 16-16-8"},
                {"quantity", 200},
                {"quantity_unit", "kg"}},
               "htx-thanhnam"));
  ok(node.call("farming.harvest.record", harvest(), "htx-thanhnam"));
}

std::vector<Row> farming_rows() {
  const json plot = with(tea_plot(), "/id", "tn-plot-new");
  const json agreement = with(tea_agreement(), "/id", "agr-tn-2026-b");
  const json adv = advance();
  const json diary = {{"plot_id", "tn-plot-an"}, {"kind", "pesticide"},
                      {"date", "2026-02-28"},    {"active_ingredient", "Abamectin"},
                      {"dose", "10 ml / 16 L"},  {"phi_days", 7}};
  return {
      call_row("plot registered by an enterprise", "farming.plot.register", "dn-tanhiep", plot,
               "permission_denied", "as"),
      call_row("plot registered over a taken id", "farming.plot.register", "htx-toi-phumai",
               with(plot, "/id", "tn-plot-an"), "already_exists", "body.id"),
      call_row("plot of 0 m2", "farming.plot.register", "htx-thanhnam", with(plot, "/area_m2", 0),
               "invalid_argument", "body.area_m2"),
      call_row(
          "plot polygon of 2 points", "farming.plot.register", "htx-thanhnam",
          with(plot, "/polygon",
               json::array({{{"lat", 21.29}, {"lon", 105.05}}, {{"lat", 21.3}, {"lon", 105.06}}})),
          "invalid_argument", "body.polygon"),
      call_row("plot polygon point at lat 200", "farming.plot.register", "htx-thanhnam",
               with(plot, "/polygon/1/lat", 200), "invalid_argument", "body.polygon[1].lat"),
      call_row("agreement naming another cooperative's plot", "farming.agreement.propose",
               "dn-tanhiep", with(agreement, "/plots/0/plot_id", "pm-plot-binh"),
               "invalid_argument", "body.plots[0].plot_id"),
      call_row("agreement proposed by a third party", "farming.agreement.propose", "npp-ocop-hanoi",
               agreement, "permission_denied", "as"),
      call_row("agreement with price kind barter", "farming.agreement.propose", "dn-tanhiep",
               with(agreement, "/price/kind", "barter"), "invalid_argument", "body.price.kind"),
      call_row("agreement harvest window outside the season", "farming.agreement.propose",
               "dn-tanhiep", with(agreement, "/harvest_window/end", "2027-01-15"),
               "invalid_argument", "body.harvest_window"),
      call_row("agreement with a negative expected yield", "farming.agreement.propose",
               "dn-tanhiep", with(agreement, "/plots/0/expected_yield", -800'000),
               "invalid_argument", "body.plots[0].expected_yield"),
      call_row("signing a version already in force", "farming.agreement.sign", "dn-tanhiep",
               {{"id", "agr-tn-2026"}, {"version", 1}}, "failed_precondition", "body.version"),
      call_row("amending another's agreement", "farming.agreement.amend", "htx-toi-phumai",
               {{"id", "agr-tn-2026"}, {"note", "giá mới"}}, "permission_denied", "as"),
      call_row("advance recorded by the cooperative", "farming.advance.record", "htx-thanhnam", adv,
               "permission_denied", "as"),
      call_row("advance on an agreement one is not party to", "farming.advance.record",
               "npp-ocop-hanoi", adv, "permission_denied", "as"),
      call_row("advance of a negative value", "farming.advance.record", "dn-tanhiep",
               with(adv, "/value_vnd", -12'000'000), "invalid_argument", "body.value_vnd"),
      call_row("advance dated tomorrow", "farming.advance.record", "dn-tanhiep",
               with(adv, "/date", "2026-03-02"), "invalid_argument", "body.date"),
      call_row("advance of a tractor", "farming.advance.record", "dn-tanhiep",
               with(adv, "/item", "tractor"), "invalid_argument", "body.item"),
      call_row("advance quantity without its unit", "farming.advance.record", "dn-tanhiep",
               with(adv, "/quantity_unit", kRemove), "invalid_argument", "body.quantity_unit"),
      call_row("advance on an unknown agreement", "farming.advance.record", "dn-tanhiep",
               with(adv, "/agreement_id", "agr-ma"), "not_found", "body.agreement_id"),
      call_row("settlement computed by a non-party", "farming.settlement.compute", "htx-toi-phumai",
               {{"agreement_id", "agr-tn-2026"}}, "permission_denied", "as"),
      call_row("settlement computed with no acting party", "farming.settlement.compute", "",
               {{"agreement_id", "agr-tn-2026"}}, "unauthenticated", "as"),
      call_row("settlement dated in the future", "farming.settlement.compute", "dn-tanhiep",
               {{"agreement_id", "agr-tn-2026"}, {"date", "2026-12-31"}}, "invalid_argument",
               "body.date"),
      call_row("diary entry on another cooperative's plot", "farming.diary.record",
               "htx-toi-phumai", diary, "permission_denied", "as"),
      call_row("pesticide diary entry without its PHI", "farming.diary.record", "htx-thanhnam",
               with(diary, "/phi_days", kRemove), "invalid_argument", "body.phi_days"),
      call_row("diary entry of kind harvesting", "farming.diary.record", "htx-thanhnam",
               with(diary, "/kind", "harvesting"), "invalid_argument", "body.kind"),
      call_row("harvest recorded by the enterprise", "farming.harvest.record", "dn-tanhiep",
               with(harvest(), "/lot_id", "TN-2026-H02"), "permission_denied", "as"),
      call_row("harvest recorded by another cooperative", "farming.harvest.record",
               "htx-toi-phumai", with(harvest(), "/lot_id", "TN-2026-H02"), "permission_denied",
               "as"),
      call_row("harvest of a negative quantity", "farming.harvest.record", "htx-thanhnam",
               with(with(harvest(), "/lot_id", "TN-2026-H02"), "/quantity", -300'000),
               "invalid_argument", "body.quantity"),
      call_row("harvest reusing a lot id", "farming.harvest.record", "htx-thanhnam", harvest(),
               "already_exists", "body.lot_id"),
      call_row("harvest rejecting more than was delivered", "farming.harvest.record",
               "htx-thanhnam",
               with(with(with(harvest(), "/lot_id", "TN-2026-H03"), "/rejected_quantity", 300'001),
                    "/rejection_reason", "ướt"),
               "invalid_argument", "body.rejected_quantity"),
      call_row("harvest rejecting part without a reason", "farming.harvest.record", "htx-thanhnam",
               with(with(harvest(), "/lot_id", "TN-2026-H03"), "/rejected_quantity", 1'000),
               "invalid_argument", "body.rejection_reason"),
      call_row("harvest repaying an unknown advance", "farming.harvest.record", "htx-thanhnam",
               with(with(harvest(), "/lot_id", "TN-2026-H03"), "/repays_advance", "adv-404"),
               "not_found", "body.repays_advance"),
      call_row("amendment effective yesterday", "farming.agreement.amend", "dn-tanhiep",
               {{"id", "agr-tn-2026"}, {"note", "giá mới"}, {"effective_from", "2026-02-28"}},
               "invalid_argument", "body.effective_from"),
      call_row("amendment with a moisture band below its base", "farming.agreement.amend",
               "dn-tanhiep",
               {{"id", "agr-tn-2026"},
                {"quality",
                 {{"moisture",
                   {{"base_bp", 1400}, {"bands", {{{"up_to_bp", 1000}, {"deduct_bp", 100}}}}}}}}},
               "invalid_argument", "body.quality.moisture.bands[0].up_to_bp"),
      call_row("payment of a settlement that does not exist", "farming.settlement.pay",
               "dn-tanhiep", {{"settlement_id", "stl-404"}, {"amount_vnd", 1'000}}, "not_found",
               "body.settlement_id"),
      call_row("payment recorded by the cooperative", "farming.settlement.pay", "htx-thanhnam",
               {{"settlement_id", "stl-404"}, {"amount_vnd", 1'000}}, "permission_denied", "as"),
      call_row("member joined by an enterprise", "farming.member.join", "dn-tanhiep",
               {{"household_id", "hh-moi"}, {"household_name", "Hộ mới"}}, "permission_denied",
               "as"),
      call_row("member joining twice", "farming.member.join", "htx-thanhnam",
               {{"household_id", "hh-nguyen-van-an"}, {"household_name", "Nguyễn Văn An"}},
               "already_exists", "body.household_id"),
      call_row("member leaving that never joined", "farming.member.leave", "htx-thanhnam",
               {{"household_id", "hh-khong-co"}}, "not_found", "body.household_id"),
      call_row("member leaving tomorrow", "farming.member.leave", "htx-thanhnam",
               {{"household_id", "hh-nguyen-van-an"}, {"date", "2026-03-02"}}, "invalid_argument",
               "body.date"),
  };
}

}  // namespace

TEST_CASE("hostile requests to farming: each gets its error code and field, and nothing changes") {
  Node node;
  register_value_chain(node);
  seed_farming(node);
  auto rows = farming_rows();
  REQUIRE(rows.size() >= 20);
  expect_all_refused(node, rows, [](Node& n) {
    return json{{"plots", ok(n.call("farming.plot.list", {{"limit", 500}}))},
                {"agreements", ok(n.call("farming.agreement.list"))},
                {"agreement", ok(n.call("farming.agreement.get", {{"id", "agr-tn-2026"}}))},
                {"advances", ok(n.call("farming.advance.list", {{"agreement_id", "agr-tn-2026"}}))},
                {"harvests", ok(n.call("farming.harvest.list", {{"agreement_id", "agr-tn-2026"}}))},
                {"diary_tn", ok(n.call("farming.diary.list", {{"plot_id", "tn-plot-an"}}))},
                {"diary_pm", ok(n.call("farming.diary.list", {{"plot_id", "pm-plot-binh"}}))},
                {"members", ok(n.call("farming.member.list", {{"cooperative", "htx-thanhnam"}}))}};
  });
}
