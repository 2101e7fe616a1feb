#include "schemas.hpp"

#include <cstdint>

#include "limits.hpp"
#include "money.hpp"

namespace lienket::farming::schemas {

using namespace schema;
using namespace limits;

namespace {

constexpr std::int64_t kInt64Max = INT64_MAX;

Schema count() { return integer(0, kInt64Max); }
Schema vnd() { return integer(0, kMaxMoney); }
Schema signed_vnd() { return integer(-kMaxMoney, kMaxMoney); }
Schema grade() { return one_of_strings({"A", "B", "C"}); }
Schema item() { return one_of_strings({"seed", "fertiliser", "pesticide", "cash"}); }
Schema diary_kind() {
  return one_of_strings({"sowing", "fertiliser", "pesticide", "irrigation", "inspection"});
}

// {"A": n, "B": n, "C": n}, each optional.
Schema grade_map(std::int64_t min, std::int64_t max) {
  return object({{"A", integer(min, max).optional()},
                 {"B", integer(min, max).optional()},
                 {"C", integer(min, max).optional()}});
}

Schema agreement_plot() {
  return object({{"plot_id", id()},
                 {"household_id", id()},
                 {"household_name", string(kHouseholdName)},
                 {"expected_yield", integer(0, kMaxQuantity).describe("product unit")}});
}

Schema bp() { return integer(0, kBasisPoints); }

Schema statement_item() {
  return object({{"kind", one_of_strings({"goods", "advance", "in_kind", "service_fee", "tax",
                                          "side_selling", "carried_in"})},
                 {"text", string(1000).describe("in Vietnamese, for the household to read")},
                 {"amount_vnd", signed_vnd().describe("a deduction is negative")}});
}

Schema settlement_household() {
  Schema line = object({{"grade", grade()},
                        {"unit_price_vnd", integer(0, kMaxMoney)},
                        {"quantity", count()},
                        {"value_vnd", vnd()}});
  return object(
      {{"household_id", id()},
       {"household_name", text(kHouseholdName)},
       {"quantity", count().describe("net quantity paid")},
       {"lines", array(line)},
       {"gross_vnd", vnd()},
       {"deduction_vnd", vnd().describe("the sum of the parts below")},
       {"net_vnd", signed_vnd().describe("negative: the household owes the cooperative")},
       {"advance_share_vnd",
        vnd().optional().describe("advances and interest, including repaid_in_kind_vnd")},
       {"repaid_in_kind_vnd", vnd().optional()},
       {"service_fee_vnd", vnd().optional()},
       {"tax_withheld_vnd", vnd().optional()},
       {"side_selling_penalty_vnd", vnd().optional()},
       {"carried_in_vnd", vnd().optional().describe("debts carried in from earlier seasons")},
       {"carried_from", array(carried_debt()).optional()},
       {"carried_to",
        carried_debt().optional().describe("this negative net was carried to a later settlement")},
       {"member_status",
        one_of_strings({"member", "left"}).optional().describe("on the settlement date")},
       {"left_on", date().optional()},
       {"statement",
        array(statement_item()).optional().describe("lines in Vietnamese adding up to net_vnd")}});
}

Schema settlement_delivery() {
  return object({{"id", id()},
                 {"lot_id", id()},
                 {"household_id", id()},
                 {"plot_id", id()},
                 {"grade", grade()},
                 {"quantity", integer(1, kMaxQuantity)},
                 {"date", date()},
                 {"unit_price_vnd", integer(0, kMaxMoney)},
                 {"market_price_vnd", integer(1, kMaxUnitPrice).optional()},
                 {"agreement_version",
                  integer(1, kInt64Max).optional().describe("the version governing its date")},
                 {"rejected_quantity", count().optional()},
                 {"deducted_quantity", count().optional().describe("moisture, foreign matter")},
                 {"net_quantity", count().optional().describe("paid")},
                 {"value_vnd", vnd().optional()},
                 {"rejection_cause", one_of_strings({"quality", "buyer"}).optional()},
                 {"repays_advance", id().optional()}});
}

Schema settlement_advance() {
  return object({{"id", id()},
                 {"item", item()},
                 {"date", date()},
                 {"value_vnd", integer(1, kMaxMoney)},
                 {"interest_bp_per_month", integer(0, kBasisPoints)},
                 {"days", count()},
                 {"interest_vnd", vnd()},
                 {"interest_cap_bp", bp().optional()},
                 {"interest_grace_days", integer(0, 366).optional()},
                 {"repaid_in_kind_vnd", vnd().optional()}});
}

}  // namespace

Schema point() { return object({{"lat", number(-90, 90)}, {"lon", number(-180, 180)}}); }

Schema polygon() {
  return array(point(), kMaxPolygonPoints)
      .with("minItems", kMinPolygonPoints)
      .describe("the plot's outline, 3 to 200 {lat, lon} points");
}

Schema plot_location() {
  return object({{"lat", number(-90, 90)},
                 {"lon", number(-180, 180)},
                 {"polygon", polygon().optional()}})
      .describe(
          "the plot's point (the centroid of its outline when it has one) and its outline when "
          "known");
}

Schema unit() {
  return one_of_strings({"g", "ml", "piece"})
      .describe("the product's smallest unit, in which quantities are counted");
}

Schema period() { return object({{"start", date()}, {"end", date()}}); }

Schema certification() {
  return object({{"scheme", string(kCertScheme)},
                 {"number", string(kCertNumber).optional()},
                 {"expires", date()}});
}

Schema price_terms() {
  Schema differentials = grade_map(-kMaxUnitPrice, kMaxUnitPrice)
                             .describe("signed VND added to the base price per grade");
  return any_of({object({{"kind", one_of_strings({"fixed"})},
                         {"unit_price_vnd", integer(1, kMaxUnitPrice)},
                         {"grade_differentials_vnd", Schema(differentials).optional()}}),
                 object({{"kind", one_of_strings({"floor"})},
                         {"floor_price_vnd", integer(1, kMaxUnitPrice)},
                         {"discount_bp", integer(0, kBasisPoints - 1)
                                             .optional()
                                             .describe("off the market price; default 0")},
                         {"grade_differentials_vnd", Schema(differentials).optional()}}),
                 object({{"kind", one_of_strings({"graded"})},
                         {"grade_prices", grade_map(1, kMaxUnitPrice).with("minProperties", 1)}})})
      .describe(
          "VND per kg, litre or piece: fixed, floor (with the enterprise's market price) or "
          "graded");
}

Schema quality_terms() {
  Schema band =
      object({{"up_to_bp", bp()}, {"deduct_bp", bp().describe("of the accepted weight")}});
  Schema table =
      object({{"base_bp", bp().describe("no deduction at or below")},
              {"bands", array(band, 20)
                            .with("minItems", 1)
                            .optional()
                            .describe("ascending; above the last: not acceptable; without bands "
                                      "the excess over the base is deducted")}});
  return object(
             {{"moisture", Schema(table).optional()}, {"foreign_matter", Schema(table).optional()}})
      .with("minProperties", 1)
      .describe("deduction tables, in basis points");
}

Schema interest_terms() {
  return object({{"bp_per_month", bp().describe("simple interest per 30 days")},
                 {"cap_bp", bp().optional().describe("at most this share of the advance")},
                 {"grace_days", integer(0, 366).optional().describe("interest starts after")}})
      .describe("interest on this agreement's advances; default the node's");
}

Schema penalty_terms() {
  return object(
             {{"side_selling", object({{"min_delivery_bp", integer(1, kBasisPoints)},
                                       {"vnd_per_unit", integer(1, kMaxUnitPrice)}})
                                   .optional()
                                   .describe("per kg short of min_delivery_bp of expected yield")},
              {"non_acceptance", object({{"vnd_per_unit", integer(1, kMaxUnitPrice)}})
                                     .optional()
                                     .describe("per kg refused with cause buyer")}})
      .with("minProperties", 1);
}

Schema plot() {
  return object({{"id", id()},
                 {"cooperative", id()},
                 {"household_id", id()},
                 {"household_name", string(kHouseholdName)},
                 {"crop", string(kCrop)},
                 {"area_m2", integer(1, kMaxAreaM2)},
                 {"location", point().describe("the point given, or the centroid of the polygon")},
                 {"polygon", polygon().optional()},
                 {"certification", certification().optional()},
                 {"registered_at", timestamp()}});
}

Schema agreement() {
  return object(
             {{"id", id()},
              {"version", integer(1, kInt64Max)},
              {"enterprise", id()},
              {"cooperative", id()},
              {"product_id", id()},
              {"unit", unit()},
              {"plots", array(agreement_plot(), kMaxAgreementPlots).with("minItems", 1)},
              {"season", period()},
              {"harvest_window", period()},
              {"price", price_terms()},
              {"note", string(kNote).optional()},
              {"status", one_of_strings({"proposed", "in_force", "superseded", "withdrawn"})},
              {"proposed_by", id()},
              {"proposed_at", timestamp()},
              {"signatures", map_of(timestamp()).describe("party -> when it signed")},
              {"amends", integer(1, kInt64Max).optional().describe("the version this one amends")},
              {"effective_from",
               date().optional().describe(
                   "prices deliveries from this date (set when signed; asked for while proposed)")},
              {"quality", quality_terms().optional()},
              {"advance_interest", interest_terms().optional()},
              {"service_fee_vnd",
               integer(0, kMaxUnitPrice).optional().describe("the cooperative's, per kg")},
              {"tax_withholding_bp", bp().optional().describe("of each household's gross")},
              {"penalties", penalty_terms().optional()}})
      .with("x-lienket-owners", nlohmann::json::array({"enterprise", "cooperative"}));
}

Schema agreement_head() {
  return object({{"id", id()},
                 {"enterprise", id()},
                 {"cooperative", id()},
                 {"product_id", id()},
                 {"latest", integer(1, kInt64Max)},
                 {"in_force", count().describe("the version in force, 0 when none yet")},
                 {"revision", count()},
                 {"settled", boolean()},
                 {"last_settlement", id().optional()}})
      .with("x-lienket-owners", nlohmann::json::array({"enterprise", "cooperative"}));
}

Schema market_price() {
  return object({{"enterprise", id()},
                 {"product_id", id()},
                 {"date", date()},
                 {"unit_price_vnd", integer(1, kMaxUnitPrice)},
                 {"unit", unit()},
                 {"source", string(kPriceSource).optional()},
                 {"set_at", timestamp()}});
}

Schema advance() {
  return object({{"id", id()},
                 {"agreement_id", id()},
                 {"enterprise", id()},
                 {"cooperative", id()},
                 {"item", item()},
                 {"description", string(kAdvanceDescription).optional()},
                 {"quantity", integer(1, kMaxQuantity).optional()},
                 {"quantity_unit", string(kQuantityUnit).optional()},
                 {"value_vnd", integer(1, kMaxMoney)},
                 {"date", date()},
                 {"interest_bp_per_month", integer(0, kBasisPoints)},
                 {"recorded_at", timestamp()},
                 {"interest_cap_bp", bp().optional()},
                 {"interest_grace_days", integer(0, 366).optional()}});
}

Schema diary_entry() {
  return object(
      {{"id", id()},
       {"plot_id", id()},
       {"kind", diary_kind()},
       {"date", date()},
       {"cooperative", id()},
       {"household_id", id()},
       {"household_name", string(kHouseholdName)},
       {"crop", string(kCrop)},
       {"location", plot_location()},
       {"input", string(kDiaryText).optional().describe("the product applied")},
       {"quantity", integer(1, kMaxQuantity).optional()},
       {"quantity_unit", string(kDiaryText).optional()},
       {"active_ingredient", string(kSubstance).optional().describe("pesticide entries")},
       {"dose", string(kDiaryText).optional()},
       {"phi_days",
        integer(0, kMaxPhiDays).optional().describe("pesticide entries: pre-harvest interval")},
       {"inspector", string(kDiaryText).optional()},
       {"result", string(kDiaryText).optional()},
       {"note", string(kDiaryText).optional()},
       {"recorded_at", timestamp()}});
}

Schema harvest() {
  return object(
      {{"id", id()},
       {"lot_id", id()},
       {"agreement_id", id()},
       {"agreement_version", integer(1, kInt64Max)},
       {"enterprise", id()},
       {"cooperative", id()},
       {"product_id", id()},
       {"gtin",
        string(14).with("pattern", "^[0-9]{14}$").optional().describe("the product's GTIN-14")},
       {"plot_id", id()},
       {"household_id", id()},
       {"household_name", string(kHouseholdName)},
       {"location", plot_location()},
       {"quantity", integer(1, kMaxQuantity).describe("in unit")},
       {"unit", unit()},
       {"grade", grade()},
       {"date", date().describe("the harvest date")},
       {"recorded_at", timestamp()},
       {"moisture_bp", bp().optional()},
       {"foreign_matter_bp", bp().optional()},
       {"rejected_quantity", integer(1, kMaxQuantity).optional().describe("refused, not paid")},
       {"rejection_reason", string(kDiaryText).optional()},
       {"rejection_cause", one_of_strings({"quality", "buyer"}).optional()},
       {"deducted_quantity", count().optional().describe("for moisture and foreign matter")},
       {"net_quantity",
        count().optional().describe("what is paid (absent in older records: all of quantity)")},
       {"repays_advance", id().optional().describe("delivered in kind against this advance")}});
}

Schema settlement_totals() {
  return object(
      {{"quantity", count()},
       {"gross_vnd", vnd()},
       {"advances_vnd", vnd()},
       {"interest_vnd", vnd()},
       {"deductions_vnd", vnd()},
       {"net_payable_vnd", signed_vnd().describe("negative: the cooperative owes the enterprise")},
       {"delivered_quantity", count().optional()},
       {"rejected_quantity", count().optional()},
       {"deducted_quantity", count().optional()},
       {"repaid_in_kind_vnd", vnd().optional()},
       {"service_fees_vnd", vnd().optional()},
       {"tax_withheld_vnd", vnd().optional()},
       {"side_selling_penalties_vnd", vnd().optional()},
       {"non_acceptance_penalty_vnd", vnd().optional()},
       {"carried_in_vnd", vnd().optional()},
       {"households_net_vnd", signed_vnd().optional()},
       {"cooperative_retains_vnd", vnd().optional()}});
}

Schema settlement() {
  return object({{"id", id()},
                 {"agreement_id", id()},
                 {"agreement_version", integer(1, kInt64Max)},
                 {"enterprise", id()},
                 {"cooperative", id()},
                 {"product_id", id()},
                 {"unit", unit()},
                 {"price_unit", one_of_strings({"kg", "litre", "piece"})},
                 {"date", date()},
                 {"revision", count()},
                 {"status", one_of_strings({"computed", "confirmed", "superseded"})},
                 {"confirmations", map_of(timestamp()).describe("party -> when it confirmed")},
                 {"computed_by", id()},
                 {"computed_at", timestamp()},
                 {"totals", settlement_totals()},
                 {"households", array(settlement_household())},
                 {"deliveries", array(settlement_delivery())},
                 {"advances", array(settlement_advance())},
                 {"rounding", string(1000)},
                 {"payments", array(payment()).optional()},
                 {"paid_vnd", vnd().optional()},
                 {"outstanding_vnd", vnd().optional()}})
      .with("x-lienket-owners", nlohmann::json::array({"enterprise", "cooperative"}));
}

Schema payment() {
  return object({{"id", id()},
                 {"amount_vnd", integer(1, kMaxMoney)},
                 {"date", date()},
                 {"reference", string(kPriceSource).optional()},
                 {"recorded_by", id()},
                 {"recorded_at", timestamp()}});
}

Schema carried_debt() {
  return object({{"settlement_id", id()}, {"agreement_id", id()}, {"amount_vnd", vnd()}});
}

Schema member() {
  return object({{"cooperative", id()},
                 {"household_id", id()},
                 {"household_name", string(kHouseholdName)},
                 {"joined_on", date().optional().describe("absent: enrolled by its first plot")},
                 {"left_on", date().optional().describe("not a member from this date")},
                 {"leave_reason", string(kNote).optional()},
                 {"enrolled_by", one_of_strings({"join", "plot"})},
                 {"recorded_at", timestamp()}});
}

Schema alert() {
  return any_of({object({{"kind", one_of_strings({"low_yield"})},
                         {"agreement_id", id()},
                         {"cooperative", id()},
                         {"plot_id", id()},
                         {"household_id", id()},
                         {"expected", count()},
                         {"due_by_now", count()},
                         {"delivered", count()},
                         {"unit", unit()},
                         {"message", string(1000)}}),
                 object({{"kind", one_of_strings({"shortfall"})},
                         {"agreement_id", id()},
                         {"cooperative", id()},
                         {"enterprise", id()},
                         {"expected", count()},
                         {"delivered", count()},
                         {"unit", unit()},
                         {"window_end", date()},
                         {"days_left", count()},
                         {"message", string(1000)}})});
}

Schema waiting() {
  return object({{"kind", one_of_strings({"pre_harvest_interval"})},
                 {"agreement_id", id()},
                 {"cooperative", id()},
                 {"plot_id", id()},
                 {"household_id", id()},
                 {"expected", count()},
                 {"due_by_now", count()},
                 {"delivered", count()},
                 {"unit", unit()},
                 {"diary_entry_id", id().describe("the pesticide entry whose interval still runs")},
                 {"active_ingredient", string(kSubstance)},
                 {"applied_on", date()},
                 {"phi_days", integer(0, kMaxPhiDays)},
                 {"harvest_allowed_from", date()},
                 {"message", string(1000)}});
}

}  // namespace lienket::farming::schemas
