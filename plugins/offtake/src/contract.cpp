// The one table of the offtake plugin: each message type with its schemas, callers and handler.
#include "contract.hpp"

#include <exception>
#include <limits>
#include <string>

#include "handlers.hpp"
#include "schemas.hpp"

namespace lienket::offtake {
namespace {

using namespace lienket::schema;

// Who may send what. Buyers post purchase contracts, sellers post offers; the handlers then check
// that the acting party is the record's own buyer or seller.
const std::vector<std::string> kBuyers = {"enterprise", "distributor", "retailer"};
const std::vector<std::string> kSellers = {"cooperative", "cooperative_group", "cooperative_union"};
const std::vector<std::string> kBuyersAndSellers = {"enterprise",        "distributor",
                                                    "retailer",          "cooperative",
                                                    "cooperative_group", "cooperative_union"};
// Reads and offtake.match.run: an admin, any registered party, or a plugin's own work.
const std::vector<std::string> kAnyCaller = {callers::kAdmin, callers::kParty, callers::kPlugin};

// A handler of handlers.hpp as the node calls it, with the plugin's config; a corrupt record that
// makes a handler throw becomes an `internal` error here rather than at the host.
lienket::Handler bind(CallHandler fn, const OfftakeConfig* config) {
  return [fn, config](const Request& request, Context& cx) -> Result<json> {
    Call call{request, cx, *config};
    try {
      return fn(call);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("offtake: ") + e.what());
    }
  };
}

// A list's body: its filters (all optional) and paging.
Schema page(std::initializer_list<Member> filters) {
  Schema s = object({{"limit", integer(1, kMaxListLimit).optional().describe("default 50")},
                     {"after", id().optional().describe("the next_after of the previous page")}});
  json j = s.json();
  for (const auto& [name, f] : filters) j["properties"][name] = f.json();
  return Schema(std::move(j));
}

// A list's result: one page of records in id order.
Schema page_of(const char* plural, const Schema& record) {
  return object({{plural, array(record, kMaxListLimit)},
                 {"next_after", id().optional().describe("present when there is a next page")}});
}

Schema status_filter() { return string(20); }
Schema total() { return integer(0, std::numeric_limits<std::int64_t>::max()); }

// What offtake.contract.amend may change: the posted terms, each optional, but not the goods (a
// product or category and its unit: a different good is a different contract).
Schema amend_body(const Schema& post) {
  using namespace schemas;
  nlohmann::json j = post.json();
  for (const char* goods : {"product_id", "category", "unit", "lines"})
    j["properties"].erase(goods);
  j["properties"]["grade"] = grade()
                                 .nullable()
                                 .optional()
                                 .describe("null drops the grade: offers of any grade match")
                                 .json();
  j["properties"]["contract_id"] = id().json();
  j["properties"]["reason"] = string(500).json();
  j["required"] = {"contract_id"};
  return Schema(std::move(j));
}

std::vector<MessageSpec> contract_messages(const OfftakeConfig* config) {
  using namespace schemas;
  const Schema post_body = object(
      {{"product_id", id().optional().describe("a registered product; or give category and unit")},
       {"category", string(100).optional()},
       {"unit",
        unit().optional().describe("required with a category; the product's with a product_id")},
       {"quantity", integer(1, kMaxQuantity)},
       {"unit_price_vnd", integer(1, kMaxPrice)},
       {"deliver_from", date()},
       {"deliver_to", date()},
       {"place", place()},
       {"min_ocop_stars", integer(0, 5).optional()},
       {"certifications", array(string(200), 20).optional()},
       {"grade", grade().optional().describe("only offers of this grade match; absent: any grade")},
       {"max_distance_km", integer(1, 5000).optional()},
       {"min_lot", integer(1, kMaxQuantity).optional()},
       {"note", string(500).optional()},
       {"terms", terms().optional().describe(
                     "tolerance, grade prices, deductions, payment terms, call-offs")},
       {"lines", array(object({{"product_id", id().optional()},
                               {"category", string(100).optional()},
                               {"unit", unit().optional()},
                               {"grade", grade().optional()},
                               {"quantity", integer(1, kMaxQuantity)},
                               {"unit_price_vnd", integer(1, kMaxPrice)},
                               {"min_lot", integer(1, kMaxQuantity).optional()}}),
                       20)
                     .optional()
                     .describe("further lines (another grade or product), each a contract of its "
                               "own; goods default to the first line's")}});
  const Schema consumption_change = object({{"consumption", consumption_record()}});
  return {
      {"offtake.contract.post",
       "A buyer posts a purchase contract for a product or a category, with further lines if "
       "it buys several grades or products.",
       post_body,
       object({{"contract_id", id()},
               {"contract", contract_record()},
               {"lines", array(contract_record(), 20).optional().describe("lines 2, 3, ...")}}),
       kBuyers, false, bind(contract_post, config)},
      {"offtake.contract.get", "One purchase contract.", object({{"contract_id", id()}}),
       object({{"contract", contract_record()}}), kAnyCaller, true, bind(contract_get, config)},
      {"offtake.contract.list", "Purchase contracts in id order, filtered, paged.",
       page({{"status", status_filter()},
             {"product_id", id()},
             {"buyer", id()},
             {"province", string(100)},
             {"group", id().describe("the lines of one multi-line contract")}}),
       page_of("contracts", contract_record()), kAnyCaller, true, bind(contract_list, config)},
      {"offtake.contract.cancel",
       "The buyer cancels an open contract, cancelling its pending proposals.",
       object({{"contract_id", id()}, {"reason", string(500).optional()}}),
       object({{"contract", contract_record()},
               {"released", integer(0, kMaxQuantity)},
               {"proposals_cancelled", integer(0, kMaxQuantity)}}),
       kBuyers, false, bind(contract_cancel, config)},
      {"offtake.contract.amend",
       "The buyer amends an open contract; a change of terms other than quantity or note "
       "cancels its pending proposals.",
       amend_body(post_body),
       object({{"contract", contract_record()},
               {"changed", array(string(40), 20)},
               {"proposals_cancelled", integer(0, kMaxQuantity)}}),
       kBuyers, false, bind(contract_amend, config)},

      {"offtake.offer.post", "A cooperative, group or union offers its product.",
       object({{"product_id", id()},
               {"grade", grade().optional().describe("the goods' quality grade, as buyers ask it")},
               {"quantity", integer(1, kMaxQuantity)},
               {"available_from", date()},
               {"available_to", date()},
               {"place", place()},
               {"min_unit_price_vnd", integer(0, kMaxPrice)},
               {"note", string(500).optional()}}),
       object({{"offer_id", id()}, {"offer", offer_record()}}), kSellers, false,
       bind(offer_post, config)},
      {"offtake.offer.get", "One supply offer.", object({{"offer_id", id()}}),
       object({{"offer", offer_record()}}), kAnyCaller, true, bind(offer_get, config)},
      {"offtake.offer.list", "Supply offers in id order, filtered, paged.",
       page({{"status", status_filter()},
             {"product_id", id()},
             {"seller", id()},
             {"province", string(100)}}),
       page_of("offers", offer_record()), kAnyCaller, true, bind(offer_list, config)},
      {"offtake.offer.withdraw",
       "The seller withdraws an open offer, cancelling its pending proposals.",
       object({{"offer_id", id()}, {"reason", string(500).optional()}}),
       object({{"offer", offer_record()},
               {"released", integer(0, kMaxQuantity)},
               {"proposals_cancelled", integer(0, kMaxQuantity)}}),
       kSellers, false, bind(offer_withdraw, config)},

      {"offtake.match.run",
       "Allocates open offers to open contracts (most quantity, then least transport) as pending "
       "proposals.",
       object({}),
       object({{"proposals", array(proposal_record())},
               {"allocated_quantity", total()},
               {"transport_cost_vnd", total()},
               {"contracts_considered", total()},
               {"offers_considered", total()},
               {"eligible_pairs", total()},
               {"min_lot_rounds", total()}}),
       kAnyCaller, false, bind(match_run, config)},

      {"offtake.proposal.get", "One proposal.", object({{"proposal_id", id()}}),
       object({{"proposal", proposal_record()}}), kAnyCaller, true, bind(proposal_get, config)},
      {"offtake.proposal.list", "Proposals in id order, filtered, paged.",
       page({{"status", status_filter()},
             {"contract_id", id()},
             {"offer_id", id()},
             {"party", id().describe("the buyer or the seller")}}),
       page_of("proposals", proposal_record()), kAnyCaller, true, bind(proposal_list, config)},
      {"offtake.proposal.accept",
       "The proposal's buyer or seller accepts it, or a smaller quantity of it (a counter-offer "
       "the other side answers); the second acceptance of the same terms signs a consumption "
       "contract.",
       object({{"proposal_id", id()},
               {"quantity", integer(1, kMaxQuantity)
                                .optional()
                                .describe("less than proposed: a partial acceptance")}}),
       object({{"proposal", proposal_record()},
               {"consumption",
                consumption_record().optional().describe("when this acceptance signed it")}}),
       kBuyersAndSellers, false, bind(proposal_accept, config)},
      {"offtake.proposal.reject",
       "The proposal's buyer or seller rejects it; the pair is never proposed again.",
       object({{"proposal_id", id()}, {"reason", string(500).optional()}}),
       object({{"proposal", proposal_record()}}), kBuyersAndSellers, false,
       bind(proposal_reject, config)},
      {"offtake.proposal.counter",
       "The buyer or seller answers a pending proposal with another quantity (no more than "
       "proposed) or price; the other side's acceptance lapses.",
       object({{"proposal_id", id()},
               {"quantity", integer(1, kMaxQuantity).optional()},
               {"unit_price_vnd", integer(1, kMaxPrice).optional()},
               {"reason", string(500).optional()}}),
       object({{"proposal", proposal_record()}}), kBuyersAndSellers, false,
       bind(proposal_counter, config)},
      {"offtake.proposal.reconsider",
       "The side that rejected a proposal withdraws its rejection: the pair may match again.",
       object({{"proposal_id", id()}}), object({{"proposal", proposal_record()}}),
       kBuyersAndSellers, false, bind(proposal_reconsider, config)},

      {"offtake.consumption.get", "One consumption contract.", object({{"consumption_id", id()}}),
       object({{"consumption", consumption_record()}}), kAnyCaller, true,
       bind(consumption_get, config)},
      {"offtake.consumption.list", "Consumption contracts in id order, filtered, paged.",
       page({{"status", status_filter()},
             {"party", id().describe("the buyer or the seller")},
             {"contract_id", id()}}),
       page_of("consumptions", consumption_record()), kAnyCaller, true,
       bind(consumption_list, config)},
      {"offtake.delivery.record", "The seller records a delivery under a consumption contract.",
       object({{"consumption_id", id()},
               {"quantity", integer(1, kMaxQuantity)
                                .describe("at most what is not yet delivered, with the tolerance")},
               {"date", date()},
               {"lot_id", id().optional().describe("the traceability lot")},
               {"call_off", integer(1, 1000).optional().describe(
                                "default: the call-off whose window holds the date")}}),
       object({{"consumption", consumption_record()}, {"delivery_no", integer(1, 1'000'000)}}),
       kSellers, false, bind(delivery_record, config)},
      {"offtake.delivery.accept",
       "The buyer accepts a pending delivery: whole or in part, at a grade, with measurements "
       "that deduct weight by the contract's table.",
       object({{"consumption_id", id()},
               {"delivery_no", integer(1, 1'000'000)},
               {"grade", grade().optional().describe("a grade of terms.grade_prices: its price")},
               {"quantity", integer(1, kMaxQuantity)
                                .optional()
                                .describe("accepted; less than delivered rejects the rest")},
               {"measures", map_of(integer(0, 10'000))
                                .optional()
                                .describe("bp per measure of terms.deductions, e.g. moisture")},
               {"reason", string(500).optional().describe("required with a partial acceptance")}}),
       object({{"consumption", consumption_record()}}), kBuyers, false,
       bind(delivery_accept, config)},
      {"offtake.delivery.reject", "The buyer rejects a pending delivery, giving a reason.",
       object({{"consumption_id", id()},
               {"delivery_no", integer(1, 1'000'000)},
               {"reason", string(500)}}),
       object({{"consumption", consumption_record()}}), kBuyers, false,
       bind(delivery_reject, config)},
      {"offtake.payment.record",
       "The buyer records a payment under a consumption contract (also after it ended, for "
       "goods accepted and not yet paid).",
       object({{"consumption_id", id()},
               {"amount_vnd",
                integer(1, kMaxQuantity * 1000).describe("at most what is not yet paid")},
               {"date", date().optional().describe("default today")},
               {"reference", string(100).optional()}}),
       object({{"consumption", consumption_record()}}), kBuyers, false,
       bind(payment_record, config)},
      {"offtake.consumption.amend",
       "The buyer or the seller proposes a new version of a signed contract, in force from "
       "effective_from once the other side signs.",
       object({{"consumption_id", id()},
               {"effective_from", date().describe("deliveries from this date on use it")},
               {"quantity", integer(1, kMaxQuantity).optional()},
               {"unit_price_vnd", integer(1, kMaxPrice).optional()},
               {"deliver_from", date().optional()},
               {"deliver_to", date().optional()},
               {"place", place().optional().describe("where the goods go")},
               {"reason", string(500).optional()}}),
       consumption_change, kBuyersAndSellers, false, bind(consumption_amend, config)},
      {"offtake.consumption.amend.sign",
       "The other side signs the proposed version: it comes into force.",
       object({{"consumption_id", id()}, {"version", integer(2, 1'000'000)}}), consumption_change,
       kBuyersAndSellers, false, bind(consumption_amend_sign, config)},
      {"offtake.consumption.amend.decline",
       "Either side declines (or its proposer withdraws) the proposed version.",
       object({{"consumption_id", id()},
               {"version", integer(2, 1'000'000)},
               {"reason", string(500).optional()}}),
       consumption_change, kBuyersAndSellers, false, bind(consumption_amend_decline, config)},
      {"offtake.consumption.terminate",
       "Ends a signed contract early: by mutual consent (both sides ask), force majeure (no one "
       "at fault) or the other side's breach (it is at fault, the penalty charged).",
       object({{"consumption_id", id()},
               {"ground", one_of_strings({"mutual", "force_majeure", "breach"})},
               {"reason", string(500)}}),
       object({{"consumption", consumption_record()},
               {"ended", boolean().describe("false: waiting for the other side's consent")}}),
       kBuyersAndSellers, false, bind(consumption_terminate, config)},
      {"offtake.consumption.dispute",
       "The buyer or the seller disputes a contract: no automatic breach until it is resolved.",
       object({{"consumption_id", id()}, {"reason", string(500)}}), consumption_change,
       kBuyersAndSellers, false, bind(consumption_dispute, config)},
      {"offtake.consumption.resolve",
       "Resolves a dispute: both sides ask for the same outcome, or the cooperative union of "
       "the seller's province rules.",
       object({{"consumption_id", id()},
               {"outcome",
                one_of_strings({"continue", "cancel", "buyer_at_fault", "seller_at_fault"})},
               {"deliver_to", date().optional().describe("with continue: a new deadline")}}),
       object({{"consumption", consumption_record()},
               {"settled", boolean().describe("false: waiting for the other side")}}),
       kBuyersAndSellers, false, bind(consumption_resolve, config)},

      {"offtake.report",
       "Linkage figures for a cooperative union: contracts, matching, deliveries, payments.",
       object({{"province", string(100).optional()},
               {"party", id().optional()},
               {"from", date().optional()},
               {"to", date().optional()}}),
       schemas::report(), kAnyCaller, true, bind(report, config)},
  };
}

}  // namespace

PluginInfo contract(const OfftakeConfig* config) {
  PluginInfo info{"offtake", "0.2.0", {"offtake."}, {}, {}, {}, {}, {}};
  info.messages = contract_messages(config);
  info.events = schemas::events();
  info.routes = {
      message_route("/api/v1/offtake/contracts", "offtake.contract.list",
                    "Purchase contracts, filtered, paged by cursor (after)."),
      message_route("/api/v1/offtake/contracts/{contract_id}", "offtake.contract.get",
                    "One purchase contract."),
      message_route("/api/v1/offtake/offers", "offtake.offer.list",
                    "Supply offers, filtered, paged by cursor (after)."),
      message_route("/api/v1/offtake/offers/{offer_id}", "offtake.offer.get", "One supply offer."),
      message_route("/api/v1/offtake/proposals", "offtake.proposal.list",
                    "Proposals, filtered, paged by cursor (after)."),
      message_route("/api/v1/offtake/proposals/{proposal_id}", "offtake.proposal.get",
                    "One proposal."),
      message_route("/api/v1/offtake/consumptions", "offtake.consumption.list",
                    "Consumption contracts, filtered, paged by cursor (after)."),
      message_route("/api/v1/offtake/consumptions/{consumption_id}", "offtake.consumption.get",
                    "One consumption contract, with its deliveries and payments."),
  };
  return info;
}

Status tick(Context& cx, const OfftakeConfig& config) {
  try {
    LIENKET_RETURN_IF_ERROR(expire_proposals(cx));
    LIENKET_RETURN_IF_ERROR(check_call_offs(cx, config));
    return mark_breaches(cx, config);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("offtake tick: ") + e.what());
  }
}

}  // namespace lienket::offtake
