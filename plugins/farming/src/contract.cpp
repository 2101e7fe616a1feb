#include "contract.hpp"

#include <string>

#include "handlers.hpp"
#include "lienket/farming/events.hpp"
#include "limits.hpp"
#include "money.hpp"
#include "schemas.hpp"

namespace lienket::farming {

namespace {

using namespace schema;
using namespace limits;
using nlohmann::json;

// Who may send what, as the handlers check it (they still check which party of an agreement).
const std::vector<std::string> kCooperatives = {"cooperative", "cooperative_group"};
const std::vector<std::string> kEnterprise = {"enterprise"};
const std::vector<std::string> kEitherSide = {"enterprise", "cooperative", "cooperative_group"};
// Reads need no acting party (docs/protocol-farming.md).
const std::vector<std::string> kReaders = {callers::kAnyone};

Schema grade() { return one_of_strings({"A", "B", "C"}); }

// {"required": [keys...]}, for schema combinators.
json required(std::initializer_list<const char*> keys) {
  json list = json::array();
  for (const char* k : keys) list.push_back(k);
  return json{{"required", list}};
}

Schema plot_register_body() {
  return object({{"id", id().optional().describe("default <cooperative>-plot-<n>")},
                 {"household_id", id()},
                 {"household_name", string(kHouseholdName)},
                 {"crop", string(kCrop)},
                 {"area_m2", integer(1, kMaxAreaM2).describe("square metres")},
                 {"location", schemas::point().optional()},
                 {"polygon", schemas::polygon().optional()},
                 {"certification", schemas::certification().optional()}})
      .with("oneOf", json::array({required({"location"}), required({"polygon"})}))
      .describe("give either location or polygon");
}

Schema agreement_plots() {
  return array(object({{"plot_id", id()},
                       {"expected_yield", integer(0, kMaxQuantity).describe("product unit")}}),
               kMaxAgreementPlots)
      .with("minItems", 1)
      .describe("plots of this cooperative, each once");
}

Schema agreement_propose_body() {
  return object({{"id", id().optional().describe("default agr-<n>")},
                 {"enterprise", id()},
                 {"cooperative", id()},
                 {"product_id", id()},
                 {"plots", agreement_plots()},
                 {"season", schemas::period()},
                 {"harvest_window", schemas::period().describe("within the season")},
                 {"price", schemas::price_terms()},
                 {"note", string(kNote).optional()},
                 {"quality", schemas::quality_terms().optional()},
                 {"advance_interest", schemas::interest_terms().optional()},
                 {"service_fee_vnd", integer(0, kMaxUnitPrice)
                                         .optional()
                                         .describe("the cooperative's fee per kg, litre or piece")},
                 {"tax_withholding_bp", integer(0, kBasisPoints).optional()},
                 {"penalties", schemas::penalty_terms().optional()}});
}

Schema agreement_amend_body() {
  return object({{"id", id()},
                 {"plots", agreement_plots().optional()},
                 {"season", schemas::period().optional()},
                 {"harvest_window", schemas::period().optional()},
                 {"price", schemas::price_terms().optional()},
                 {"note", string(kNote).optional()},
                 {"effective_from",
                  date().optional().describe(
                      "not before today; default (and at the earliest) the day both have signed")},
                 {"quality", schemas::quality_terms().optional()},
                 {"advance_interest", schemas::interest_terms().optional()},
                 {"service_fee_vnd", integer(0, kMaxUnitPrice).optional()},
                 {"tax_withholding_bp", integer(0, kBasisPoints).optional()},
                 {"penalties", schemas::penalty_terms().optional()}});
}

Schema advance_record_body() {
  return object({{"agreement_id", id()},
                 {"item", one_of_strings({"seed", "fertiliser", "pesticide", "cash"})},
                 {"description", string(kAdvanceDescription).optional()},
                 {"quantity", integer(1, kMaxQuantity).optional()},
                 {"quantity_unit", string(kQuantityUnit).optional()},
                 {"value_vnd", integer(1, kMaxMoney)},
                 {"date", date().describe("not after today")}})
      .with("dependentRequired", json{{"quantity", json::array({"quantity_unit"})},
                                      {"quantity_unit", json::array({"quantity"})}});
}

// A pesticide entry needs its substance, dose and pre-harvest interval; other kinds may not name a
// substance or an interval.
Schema diary_record_body() {
  json is_pesticide = {{"properties", json{{"kind", json{{"const", "pesticide"}}}}}};
  json then = required({"active_ingredient", "dose", "phi_days"});
  then["properties"] = json{{"dose", json{{"maxLength", kSubstance}}}};
  json otherwise = {
      {"not",
       json{{"anyOf", json::array({required({"active_ingredient"}), required({"phi_days"})})}}}};
  Schema s = object(
      {{"plot_id", id()},
       {"kind", one_of_strings({"sowing", "fertiliser", "pesticide", "irrigation", "inspection"})},
       {"date", date().describe("not after today")},
       {"note", string(kDiaryText).optional()},
       {"input", string(kDiaryText).optional()},
       {"quantity", integer(1, kMaxQuantity).optional()},
       {"quantity_unit", string(kDiaryText).optional()},
       {"active_ingredient", string(kSubstance).optional()},
       {"dose", string(kDiaryText).optional()},
       {"phi_days", integer(0, kMaxPhiDays).optional()},
       {"inspector", string(kDiaryText).optional()},
       {"result", string(kDiaryText).optional()}});
  return s.with("if", is_pesticide).with("then", then).with("else", otherwise);
}

Schema harvest_record_body() {
  return object({{"agreement_id", id()},
                 {"plot_id", id()},
                 {"quantity", integer(1, kMaxQuantity).describe("product unit")},
                 {"grade", grade().optional().describe("default A")},
                 {"date", date().describe("within the harvest window, not after today")},
                 {"lot_id", id().optional().describe("unique; default lot-<n>")},
                 {"moisture_bp", integer(0, kBasisPoints).optional()},
                 {"foreign_matter_bp", integer(0, kBasisPoints).optional()},
                 {"rejected_quantity",
                  integer(0, kMaxQuantity).optional().describe("of quantity, refused: not paid")},
                 {"rejection_reason", string(kDiaryText).optional()},
                 {"rejection_cause",
                  one_of_strings({"quality", "buyer"}).optional().describe("default quality")},
                 {"repays_advance",
                  id().optional().describe("an advance of this agreement, repaid in kind")}})
      .with("dependentRequired", json{{"rejection_reason", json::array({"rejected_quantity"})},
                                      {"rejection_cause", json::array({"rejected_quantity"})}});
}

Handler bind(const Config* config, HandlerFn fn) {
  return [config, fn](const Request& r, Context& cx) { return fn(r, cx, *config); };
}

std::vector<MessageSpec> plot_messages(const Config* c) {
  return {
      {"farming.plot.register",
       "A cooperative registers a member household's plot (point or outline).",
       plot_register_body(), object({{"plot", schemas::plot()}}), kCooperatives, false,
       bind(c, plot_register)},
      {"farming.plot.get", "One plot.", object({{"id", id()}}), object({{"plot", schemas::plot()}}),
       kReaders, true, bind(c, plot_get)},
      {"farming.plot.list", "Plots in id order, of one cooperative or all, paged.",
       object({{"cooperative", id().optional()},
               {"limit", integer(1, kMaxPage).optional().describe("default 100")},
               {"after", id().optional()}}),
       object({{"plots", array(schemas::plot(), kMaxPage)},
               {"next_after", id().optional().describe("present when the page is full")}}),
       kReaders, true, bind(c, plot_list)},
  };
}

std::vector<MessageSpec> agreement_messages(const Config* c) {
  Schema one = object({{"agreement", schemas::agreement()}});
  return {
      {"farming.agreement.propose",
       "The enterprise or the cooperative proposes (and signs) a season agreement.",
       agreement_propose_body(), one, kEitherSide, false, bind(c, agreement_propose)},
      {"farming.agreement.amend",
       "Either party proposes (and signs) a new version; the old ones are kept.",
       agreement_amend_body(), one, kEitherSide, false, bind(c, agreement_amend)},
      {"farming.agreement.sign",
       "The other party signs a proposed version, which comes into force.",
       object({{"id", id()}, {"version", integer(1, kMaxVersion)}}), one, kEitherSide, false,
       bind(c, agreement_sign)},
      {"farming.agreement.get",
       "One version: the one named, else the one in force, else the latest.",
       object({{"id", id()}, {"version", integer(1, kMaxVersion).optional()}}),
       object({{"agreement", schemas::agreement()},
               {"latest_version", integer(1, INT64_MAX)},
               {"in_force_version",
                integer(0, INT64_MAX).describe("0 when no version is in force yet")},
               {"settled", boolean()},
               {"last_settlement", id().optional()}}),
       kReaders, true, bind(c, agreement_get)},
      {"farming.agreement.list", "Agreement heads, of one party or all.",
       object({{"party", id().optional()}}),
       object({{"agreements", array(schemas::agreement_head())}}), kReaders, true,
       bind(c, agreement_list)},
  };
}

std::vector<MessageSpec> season_messages(const Config* c) {
  return {
      {"farming.market_price.set",
       "An enterprise sets its market reference price for a product on a date.",
       object({{"product_id", id()},
               {"date", date()},
               {"unit_price_vnd", integer(1, kMaxUnitPrice)},
               {"source", string(kPriceSource).optional()}}),
       object({{"market_price", schemas::market_price()}}), kEnterprise, false,
       bind(c, market_price_set)},
      {"farming.advance.record", "The agreement's enterprise records inputs or cash advanced.",
       advance_record_body(), object({{"advance", schemas::advance()}}), kEnterprise, false,
       bind(c, advance_record)},
      {"farming.advance.list", "An agreement's advances and their total.",
       object({{"agreement_id", id()}}),
       object({{"advances", array(schemas::advance())}, {"total_vnd", integer(0, INT64_MAX)}}),
       kReaders, true, bind(c, advance_list)},
      {"farming.diary.record", "The plot's cooperative records a planting-diary entry.",
       diary_record_body(), object({{"entry", schemas::diary_entry()}}), kCooperatives, false,
       bind(c, diary_record)},
      {"farming.diary.list", "A plot's planting diary.", object({{"plot_id", id()}}),
       object({{"entries", array(schemas::diary_entry())}}), kReaders, true, bind(c, diary_list)},
      {"farming.harvest.record",
       "The agreement's cooperative records a household's delivery: a new lot.",
       harvest_record_body(), object({{"harvest", schemas::harvest()}}), kCooperatives, false,
       bind(c, harvest_record)},
      {"farming.harvest.list", "An agreement's deliveries, of one plot or all, and their total.",
       object({{"agreement_id", id()}, {"plot_id", id().optional()}}),
       object({{"harvests", array(schemas::harvest())}, {"total_quantity", integer(0, INT64_MAX)}}),
       kReaders, true, bind(c, harvest_list)},
  };
}

std::vector<MessageSpec> settlement_messages(const Config* c) {
  Schema one = object({{"settlement", schemas::settlement()}});
  return {
      {"farming.settlement.compute", "Either party computes the season's account, per household.",
       object({{"agreement_id", id()},
               {"date", date().optional().describe("default today; not after today")}}),
       one, kEitherSide, false, bind(c, settlement_compute)},
      {"farming.settlement.confirm",
       "Either party confirms the latest settlement; both settle the season.",
       object({{"settlement_id", id()}}), one, kEitherSide, false, bind(c, settlement_confirm)},
      {"farming.settlement.get", "One settlement.", object({{"settlement_id", id()}}), one,
       kReaders, true, bind(c, settlement_get)},
      {"farming.settlement.pay",
       "The agreement's enterprise pays an instalment of a confirmed settlement.",
       object({{"settlement_id", id()},
               {"amount_vnd", integer(1, kMaxMoney).describe("at most what is outstanding")},
               {"date", date().optional().describe("default today; not after today")},
               {"reference", string(kPriceSource).optional()}}),
       one, kEnterprise, false, bind(c, settlement_pay)},
      {"farming.alerts",
       "Low-yield plots and shortfalls of the agreements in force, as of today; plots behind only "
       "because a "
       "pre-harvest interval still runs are listed under waiting.",
       object({{"agreement_id", id().optional()}, {"party", id().optional()}}),
       object({{"date", date()},
               {"alerts", array(schemas::alert())},
               {"waiting", array(schemas::waiting())}}),
       kReaders, true, bind(c, alerts_list)},
  };
}

std::vector<MessageSpec> member_messages(const Config* c) {
  Schema one = object({{"member", schemas::member()}});
  return {
      {"farming.member.join", "A cooperative records that a household joined it.",
       object({{"household_id", id()},
               {"household_name", string(kHouseholdName)},
               {"date", date().optional().describe("default today; not after today")}}),
       one, kCooperatives, false, bind(c, member_join)},
      {"farming.member.leave", "A cooperative records that a member household left it.",
       object({{"household_id", id()},
               {"date", date().optional().describe(
                            "not a member from this day; default today; not after today")},
               {"reason", string(kNote).optional()}}),
       one, kCooperatives, false, bind(c, member_leave)},
      {"farming.member.list", "A cooperative's member households on a date, and their count.",
       object({{"cooperative", id()}, {"as_of", date().optional().describe("default today")}}),
       object({{"cooperative", id()},
               {"as_of", date()},
               {"count", integer(0, INT64_MAX)},
               {"members", array(schemas::member())}}),
       kReaders, true, bind(c, member_list)},
  };
}

std::vector<EventSpec> event_specs() {
  using namespace events;
  auto spec = [](std::string_view type, const char* summary, Schema data) {
    return EventSpec{std::string(type), summary, std::move(data)};
  };
  Schema agreement = object({{"agreement", schemas::agreement()}});
  return {
      spec(kPlotRegistered, "A cooperative registered a plot.",
           object({{"plot", schemas::plot()}})),
      spec(kAgreementProposed, "A season agreement was proposed (version 1).", agreement),
      spec(kAgreementAmended, "A new version of an agreement was proposed.", agreement),
      spec(kAgreementSigned, "The other party signed a version, now in force.",
           object({{"agreement_id", id()},
                   {"version", integer(1, INT64_MAX)},
                   {"party", id()},
                   {"status", one_of_strings({"in_force"})},
                   {"agreement", schemas::agreement()}})),
      spec(kMarketPriceSet, "An enterprise set a market reference price.",
           object({{"market_price", schemas::market_price()}})),
      spec(kAdvanceRecorded, "The enterprise advanced inputs or cash.",
           object({{"advance", schemas::advance()}})),
      spec(kDiaryRecorded, "A planting-diary entry, with the plot's household and location.",
           object({{"entry", schemas::diary_entry()}})),
      spec(kHarvestRecorded, "A household's delivery: a new lot (the harvest record itself).",
           schemas::harvest()),
      spec(kSettlementComputed, "A settlement was computed.",
           object({{"settlement", schemas::settlement()}})),
      spec(kSettlementConfirmed,
           "One party confirmed a settlement; confirmed by both, the season is settled.",
           object({{"settlement_id", id()},
                   {"agreement_id", id()},
                   {"party", id()},
                   {"status", one_of_strings({"computed", "confirmed"})},
                   {"totals", schemas::settlement_totals()},
                   {"carried_over",
                    array(schemas::carried_debt())
                        .optional()
                        .describe("households' debts this confirmation carried over")}})),
      spec(kSettlementPaid, "The enterprise paid an instalment of a confirmed settlement.",
           object({{"settlement_id", id()},
                   {"agreement_id", id()},
                   {"payment", schemas::payment()},
                   {"paid_vnd", integer(0, kMaxMoney)},
                   {"outstanding_vnd", integer(0, kMaxMoney)}})),
      spec(kMemberJoined, "A household joined a cooperative (or was enrolled by its first plot).",
           object({{"member", schemas::member()}})),
      spec(kMemberLeft, "A member household left its cooperative.",
           object({{"member", schemas::member()}})),
  };
}

}  // namespace

PluginInfo contract(const Config* config) {
  PluginInfo info{"farming", kPluginVersion, {"farming."}, {}, {}, {}, {}, {}};
  for (auto* group :
       {plot_messages, agreement_messages, season_messages, settlement_messages, member_messages})
    for (auto& m : group(config)) info.messages.push_back(std::move(m));
  info.events = event_specs();
  info.routes = {
      message_route("/api/v1/farming/plots", "farming.plot.list", "Plots, paged."),
      message_route("/api/v1/farming/plots/{id}", "farming.plot.get", "One plot."),
      message_route("/api/v1/farming/agreements", "farming.agreement.list",
                    "Agreement heads, of one party or all."),
      message_route("/api/v1/farming/agreements/{id}", "farming.agreement.get",
                    "One agreement version (?version=N), else the one in force."),
      message_route("/api/v1/farming/settlements/{settlement_id}", "farming.settlement.get",
                    "One settlement, per household."),
  };
  return info;
}

}  // namespace lienket::farming
