#include "schemas.hpp"

#include <limits>
#include <string>

#include "lienket/offtake/events.hpp"
#include "repository.hpp"

namespace lienket::offtake::schemas {

using namespace lienket::schema;
namespace ev = events;

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

Schema count() { return integer(0, kInt64Max); }
Schema quantity() { return integer(1, kMaxQuantity).describe("in the unit (g, ml or piece)"); }
Schema held() { return integer(0, kMaxQuantity); }
Schema price() {
  return integer(1, kMaxPrice).describe("VND per kg (g), per litre (ml) or per piece");
}
Schema vnd() { return integer(0, kInt64Max).describe("whole VND"); }
Schema category() { return string(100); }
Schema certifications() { return array(string(200), 20); }
Schema reason() { return string(500); }
Schema side() { return one_of_strings({"buyer", "seller"}); }
Schema bp() { return integer(0, 10'000).describe("basis points: 100 = 1 %"); }
Schema days() { return integer(0, 365); }
Schema version_no() { return integer(1, 1'000'000); }
Schema ground() { return one_of_strings({"mutual", "force_majeure", "breach"}); }
Schema outcome() {
  return one_of_strings({"continue", "cancel", "buyer_at_fault", "seller_at_fault"});
}

EventSpec spec(std::string_view type, const char* summary, Schema data) {
  return EventSpec{std::string(type), summary, std::move(data)};
}

// The data of every delivery event, plus `extra` members.
Schema delivery_event(std::initializer_list<Member> extra) {
  Schema s = object(
      {{"consumption_id", id()},
       {"delivery_no", integer(1, 1'000'000)},
       {"buyer", id().describe("who receives the goods")},
       {"seller", id().describe("who delivers them")},
       {"product_id", id()},
       {"unit", unit()},
       {"quantity", quantity().describe("of this delivery, in the unit")},
       {"lot_id", id().optional().describe("the traceability lot, when the seller gave one")},
       {"date", date().describe("the day the seller delivered")}});
  nlohmann::json j = s.json();
  for (const auto& [name, m] : extra) {
    j["properties"][name] = m.json();
    if (!m.is_optional()) j["required"].push_back(name);
  }
  return Schema(std::move(j));
}

Schema proposal_ended() {
  return object({{"proposal_id", id()},
                 {"contract_id", id()},
                 {"offer_id", id()},
                 {"buyer", id()},
                 {"seller", id()},
                 {"unit", unit()},
                 {"quantity", quantity()},
                 {"reason", text(500)}});
}

}  // namespace

Schema unit() { return one_of_strings({"g", "ml", "piece"}); }

Schema grade() { return string(100); }

Schema terms() {
  return object(
      {{"tolerance_bp",
        integer(0, 5'000).optional().describe("±: 500 = 5 %; delivering within it fulfils")},
       {"grace_days", days().optional().describe("default: the node's breach_grace_days")},
       {"grade_prices", array(object({{"grade", grade()}, {"price_bp", integer(1, 10'000)}}), 20)
                            .optional()
                            .describe("a lower grade's price as bp of the contract price")},
       {"deductions",
        array(object({{"measure", string(40)},
                      {"above_bp", integer(0, 10'000)},
                      {"deduct_bp", integer(0, 10'000)}}),
              20)
            .optional()
            .describe("weight deducted when a measure is above a band; the highest band applies")},
       {"deposit_bp", bp().optional().describe("deposit, of the value at signing")},
       {"deposit_due_days", days().optional().describe("after signing")},
       {"payment_due_days", days().optional().describe("a delivery's value, after acceptance")},
       {"late_interest_bp_per_month",
        integer(0, 500).optional().describe("simple interest on overdue money, 30-day months")},
       {"penalty_bp",
        integer(0, 800).optional().describe(
            "agreed penalty on the breached part's value; at most 8 % (Luật Thương mại art. 301)")},
       {"call_offs",
        array(object({{"from", date()}, {"to", date()}, {"share_bp", integer(1, 10'000)}}), 20)
            .optional()
            .describe("delivery schedule inside the window; shares add up to 10000")}});
}

Schema place() {
  return object({{"province", string(100)}, {"lat", number(-90, 90)}, {"lon", number(-180, 180)}});
}

Schema contract_record() {
  return object({{"id", id()},
                 {"buyer", id()},
                 {"product_id", id().optional()},
                 {"category", category()},
                 {"unit", unit()},
                 {"quantity", quantity()},
                 {"unit_price_vnd", price()},
                 {"deliver_from", date()},
                 {"deliver_to", date()},
                 {"place", place()},
                 {"min_ocop_stars", integer(0, 5)},
                 {"certifications", certifications()},
                 {"grade", grade().optional().describe("only offers of this grade match")},
                 {"max_distance_km", integer(1, 5000).optional()},
                 {"min_lot", quantity()},
                 {"note", reason().optional()},
                 {"status", one_of_strings({"open", "filled", "cancelled"})},
                 {"proposed", held().describe("held by pending proposals")},
                 {"signed", held().describe("in consumption contracts")},
                 {"posted_at", timestamp()},
                 {"cancelled_at", timestamp().optional()},
                 {"cancel_reason", reason().optional()},
                 {"version", integer(1, 1'000'000).optional().describe("1 until amended")},
                 {"amended_at", timestamp().optional()},
                 {"amend_reason", reason().optional()},
                 {"terms", terms().optional()},
                 {"group", id().optional().describe("a multi-line contract: its first line's id")},
                 {"line", integer(1, 21).optional().describe("1, 2, ... within the group")}});
}

Schema offer_record() {
  return object({{"id", id()},
                 {"seller", id()},
                 {"product_id", id()},
                 {"category", category()},
                 {"unit", unit()},
                 {"certifications", certifications()},
                 {"ocop_stars", integer(0, 5)},
                 {"grade", grade().optional()},
                 {"quantity", quantity()},
                 {"available_from", date()},
                 {"available_to", date()},
                 {"place", place()},
                 {"min_unit_price_vnd", integer(0, kMaxPrice)},
                 {"note", reason().optional()},
                 {"status", one_of_strings({"open", "taken", "withdrawn"})},
                 {"proposed", held()},
                 {"signed", held()},
                 {"posted_at", timestamp()},
                 {"withdrawn_at", timestamp().optional()},
                 {"withdraw_reason", reason().optional()}});
}

Schema proposal_record() {
  return object(
             {{"id", id()},
              {"contract_id", id()},
              {"offer_id", id()},
              {"buyer", id()},
              {"seller", id()},
              {"product_id", id()},
              {"unit", unit()},
              {"quantity", quantity()},
              {"unit_price_vnd", price().describe("the contract's")},
              {"distance_km", count()},
              {"distance_m", count()},
              {"transport_cost_vnd", vnd()},
              {"status", one_of_strings({"pending", "signed", "rejected", "expired", "cancelled"})},
              {"buyer_accepted", boolean()},
              {"seller_accepted", boolean()},
              {"created_at", timestamp()},
              {"expires_at", timestamp()},
              {"expires_ms", integer()},
              {"buyer_accepted_at", timestamp().optional()},
              {"seller_accepted_at", timestamp().optional()},
              {"rejected_by", side().optional()},
              {"ended_at", timestamp().optional()},
              {"end_reason", reason().optional()},
              {"consumption_id", id().optional().describe("once signed")},
              {"counters", array(object({{"by", side()},
                                         {"quantity", quantity()},
                                         {"unit_price_vnd", price()},
                                         {"at", timestamp()},
                                         {"reason", reason().optional()}}))
                               .optional()
                               .describe("counter-offers and partial acceptances, oldest first")},
              {"reconsidered_at",
               timestamp().optional().describe("the rejecting side withdrew its rejection")}})
      .with("x-lienket-owners", nlohmann::json::array({"buyer", "seller"}));
}

Schema consumption_record() {
  Schema delivery = object(
      {{"no", integer(1, 1'000'000)},
       {"quantity", quantity()},
       {"date", date()},
       {"lot_id", id().optional()},
       {"status", one_of_strings({"pending", "accepted", "rejected"})},
       {"grade", grade().optional()},
       {"reason", reason().optional().describe("why it, or part of it, was rejected")},
       {"call_off", integer(1, 1000).optional()},
       {"answered_on", date().optional()},
       {"accepted_quantity", held().optional().describe("when accepted; the rest was rejected")},
       {"measures", map_of(integer(0, 10'000)).optional().describe("bp, e.g. moisture")},
       {"deduction_bp", bp().optional()},
       {"net_quantity", held().optional().describe("accepted less the deduction: what is paid")},
       {"unit_price_vnd", integer(0, kMaxPrice).optional().describe("by version and grade")},
       {"value_vnd", vnd().optional()},
       {"version", version_no().optional().describe("the version in force on its date")}});
  Schema payment =
      object({{"amount_vnd", vnd()}, {"date", date()}, {"reference", string(100).optional()}});
  Schema version = object({{"no", version_no()},
                           {"effective_from", date()},
                           {"quantity", quantity()},
                           {"unit_price_vnd", price()},
                           {"deliver_from", date()},
                           {"deliver_to", date()},
                           {"place", place().optional()},
                           {"signed_at", timestamp()},
                           {"reason", reason().optional()}});
  Schema amendment = object({{"version", version_no()},
                             {"proposed_by", side()},
                             {"effective_from", date()},
                             {"proposed_at", timestamp()},
                             {"quantity", quantity().optional()},
                             {"unit_price_vnd", price().optional()},
                             {"deliver_from", date().optional()},
                             {"deliver_to", date().optional()},
                             {"place", place().optional()},
                             {"reason", reason().optional()}});
  Schema account = object({{"as_of", date()},
                           {"owed_vnd", vnd().describe("value of the accepted goods")},
                           {"due_vnd", vnd().describe("what should be paid by as_of")},
                           {"overdue_vnd", vnd()},
                           {"overdue_since", date().optional()},
                           {"late_interest_vnd", vnd()},
                           {"penalties_vnd", vnd().describe("penalties the buyer owes")},
                           {"balance_vnd", integer().describe("negative: the seller refunds")}});
  Schema call_off = object({{"no", integer(1, 1000)},
                            {"from", date()},
                            {"to", date()},
                            {"share_bp", integer(1, 10'000)},
                            {"quantity", held()},
                            {"status", one_of_strings({"open", "met", "missed"})},
                            {"shortfall", held().optional()}});
  Schema penalty =
      object({{"side", side()}, {"amount_vnd", vnd()}, {"reason", reason()}, {"date", date()}});
  Schema dispute = object({{"opened_by", side()},
                           {"reason", reason()},
                           {"opened_at", timestamp()},
                           {"resume_status", one_of_strings({"signed", "delivering"})},
                           {"outcome_by", map_of(string(40)).optional()}});
  Schema termination =
      object({{"ground", one_of_strings({"mutual", "force_majeure", "breach", "dispute"})},
              {"by", one_of_strings({"buyer", "seller", "union"})},
              {"reason", reason()},
              {"at", timestamp()}});
  return object({{"id", id()},
                 {"proposal_id", id()},
                 {"contract_id", id()},
                 {"offer_id", id()},
                 {"buyer", id()},
                 {"seller", id()},
                 {"product_id", id()},
                 {"unit", unit()},
                 {"quantity", quantity().describe("of the version in force")},
                 {"unit_price_vnd", price()},
                 {"value_vnd", vnd().describe("nominal: quantity at the price in force")},
                 {"deliver_from", date()},
                 {"deliver_to", date()},
                 {"place", place().optional().describe("where the goods go")},
                 {"status", one_of_strings({"signed", "delivering", "disputed", "fulfilled",
                                            "breached", "cancelled"})},
                 {"deliveries", array(delivery)},
                 {"payments", array(payment)},
                 {"delivered", held().describe("pending + accepted")},
                 {"accepted", held()},
                 {"net_accepted", held().optional().describe("accepted less deductions")},
                 {"rejected", held()},
                 {"paid_vnd", vnd()},
                 {"signed_at", timestamp()},
                 {"closed_at", timestamp().optional()},
                 {"at_fault", side().optional()},
                 {"breach_reason", reason().optional()},
                 {"version", version_no().optional()},
                 {"versions", array(version).optional()},
                 {"terms", terms().optional()},
                 {"account", account.optional().describe("as of the day it was read or written")},
                 {"quantity_range", array(held(), 2).optional().describe("[lower, upper]")},
                 {"deposit_vnd", vnd().optional()},
                 {"amendment", amendment.optional().describe("awaiting the other side")},
                 {"call_offs", array(call_off, 20).optional()},
                 {"penalties", array(penalty).optional()},
                 {"dispute", dispute.optional()},
                 {"termination", termination.optional()}})
      .with("x-lienket-owners", nlohmann::json::array({"buyer", "seller"}));
}

Schema report() {
  Schema pct = number(0, 100).nullable().describe("to one decimal; null when the base is 0");
  Schema matched =
      map_of(object({{"quantity", count()}, {"matched", count()}, {"matched_pct", pct}}))
          .describe("per unit (g, ml, piece)");
  Schema consumed = map_of(object({{"quantity", count()},
                                   {"delivered", count()},
                                   {"delivered_pct", pct},
                                   {"accepted", count()},
                                   {"accepted_pct", pct}}));
  return object(
      {{"filter", object({{"province", string(100).optional()},
                          {"party", id().optional()},
                          {"from", date().optional()},
                          {"to", date().optional()}})},
       {"contracts", object({{"posted", count()}, {"cancelled", count()}, {"by_unit", matched}})},
       {"offers", object({{"posted", count()}, {"by_unit", matched}})},
       {"consumption", object({{"count", count()},
                               {"by_status", map_of(count())},
                               {"by_unit", consumed},
                               {"value_vnd", vnd()},
                               {"paid_vnd", vnd()},
                               {"paid_pct", pct}})},
       {"payments",
        object({{"as_of", date()},
                {"overdue_vnd", vnd().describe("due and unpaid, all contracts")},
                {"late_interest_vnd", vnd()},
                {"penalties_vnd", vnd().describe("agreed penalties charged on breaches")},
                {"overdue", array(object({{"consumption_id", id()},
                                          {"buyer", id()},
                                          {"seller", id()},
                                          {"overdue_vnd", vnd()},
                                          {"overdue_since", date()},
                                          {"late_interest_vnd", vnd()}}))
                                .describe("contracts with money overdue, in id order")}})},
       {"parties", array(object({{"party", id()},
                                 {"contracts", count()},
                                 {"open", count()},
                                 {"fulfilled", count()},
                                 {"breached", count()},
                                 {"breached_at_fault", count()},
                                 {"fulfilment_rate_pct", pct}}))}});
}

std::vector<EventSpec> events() {
  const Schema ended = proposal_ended();
  return {
      spec(ev::kContractPosted, "A buyer posted a purchase contract.",
           object({{"contract", contract_record()}})),
      spec(
          ev::kContractCancelled, "The buyer cancelled an open purchase contract.",
          object({{"contract_id", id()},
                  {"buyer", id()},
                  {"unit", unit()},
                  {"released", held().describe("quantity no longer wanted")},
                  {"proposals_cancelled", count()},
                  {"signed", held().describe("what stays under consumption contracts")},
                  {"province", string(100).optional().describe("the delivery place's province")}})),
      spec(ev::kContractAmended, "The buyer amended an open purchase contract's terms.",
           object({{"contract", contract_record()},
                   {"changed", array(string(40), 20)},
                   {"proposals_cancelled", count()}})),
      spec(ev::kOfferPosted, "A cooperative, group or union posted a supply offer.",
           object({{"offer", offer_record()}})),
      spec(ev::kOfferWithdrawn, "The seller withdrew an open supply offer.",
           object({{"offer_id", id()},
                   {"seller", id()},
                   {"unit", unit()},
                   {"released", held().describe("quantity no longer offered")},
                   {"proposals_cancelled", count()}})),
      spec(ev::kProposalCreated, "offtake.match.run proposed an allocation.",
           object({{"proposal", proposal_record()}})),
      spec(ev::kMatchCompleted, "A match run ended.",
           object({{"proposals", count().describe("how many were created")},
                   {"allocated_quantity", count()},
                   {"transport_cost_vnd", vnd()},
                   {"contracts_considered", count()},
                   {"offers_considered", count()},
                   {"eligible_pairs", count()},
                   {"min_lot_rounds", count()}})),
      spec(ev::kProposalAccepted, "One side accepted a pending proposal.",
           object({{"proposal_id", id()},
                   {"side", side()},
                   {"buyer", id().optional()},
                   {"seller", id().optional()}})),
      spec(ev::kProposalRejected,
           "The buyer or the seller rejected a proposal; the pair is never proposed again.", ended),
      spec(ev::kProposalExpired, "A proposal was not accepted by both sides in time.", ended),
      spec(ev::kProposalCancelled,
           "A proposal ended with its contract's cancellation or its offer's withdrawal.", ended),
      spec(ev::kConsumptionSigned,
           "Both sides accepted a proposal: a consumption contract is signed.",
           object({{"consumption", consumption_record()}})),
      spec(ev::kDeliveryRecorded, "The seller recorded a delivery.", delivery_event({})),
      spec(ev::kDeliveryAccepted, "The buyer accepted a delivery.",
           delivery_event(
               {{"grade", grade().optional().describe("the buyer's quality grade, when given")},
                {"accepted_quantity", held().optional().describe("the rest was rejected")},
                {"net_quantity", held().optional().describe("accepted less the deduction")},
                {"deduction_bp", bp().optional()},
                {"value_vnd", vnd().optional()},
                {"reason", reason().optional().describe("why part was rejected")}})),
      spec(ev::kDeliveryRejected,
           "The buyer rejected a delivery; its quantity may be delivered again.",
           delivery_event({{"reason", reason()}})),
      spec(ev::kPaymentRecorded, "The buyer recorded a payment.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"amount_vnd", vnd()},
                   {"date", date()},
                   {"reference", string(100).optional()},
                   {"paid_vnd", vnd().describe("all payments so far")},
                   {"value_vnd", vnd()}})),
      spec(ev::kConsumptionFulfilled,
           "All the quantity accepted and all the value paid: the contract is closed.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"product_id", id()},
                   {"unit", unit()},
                   {"quantity", quantity()},
                   {"value_vnd", vnd()}})),
      spec(ev::kConsumptionBreached,
           "A consumption contract was still open after its delivery window.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"at_fault", side()},
                   {"party_at_fault", id()},
                   {"reason", string(500)},
                   {"unit", unit()},
                   {"quantity", quantity()},
                   {"accepted", held()},
                   {"paid_vnd", vnd()},
                   {"value_vnd", vnd()},
                   {"penalty_vnd", vnd().optional().describe("charged to the side at fault")}})),
      spec(ev::kProposalCountered,
           "One side changed a pending proposal's quantity or price; the other answers anew.",
           object({{"proposal_id", id()},
                   {"contract_id", id()},
                   {"offer_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"side", side()},
                   {"unit", unit()},
                   {"quantity", quantity()},
                   {"unit_price_vnd", price()},
                   {"reason", reason().optional()}})),
      spec(ev::kProposalReconsidered, "A rejection was withdrawn: the pair may be matched again.",
           object({{"proposal_id", id()},
                   {"contract_id", id()},
                   {"offer_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"side", side()}})),
      spec(ev::kAmendmentProposed, "One side proposed a new version of a signed contract.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"version", version_no()},
                   {"proposed_by", side()},
                   {"effective_from", date()},
                   {"quantity", quantity().optional()},
                   {"unit_price_vnd", price().optional()},
                   {"deliver_from", date().optional()},
                   {"deliver_to", date().optional()},
                   {"place", place().optional()},
                   {"reason", reason().optional()}})),
      spec(ev::kConsumptionAmended, "Both sides signed a new version; it is in force.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"version", version_no()},
                   {"effective_from", date()},
                   {"unit", unit()},
                   {"quantity", quantity()},
                   {"unit_price_vnd", price()},
                   {"deliver_from", date()},
                   {"deliver_to", date()},
                   {"value_vnd", vnd()},
                   {"place", place().optional()}})),
      spec(ev::kAmendmentDeclined, "A proposed version was declined or withdrawn.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"version", version_no()},
                   {"side", side()},
                   {"reason", reason().optional()}})),
      spec(ev::kTerminationRequested, "One side asked to end the contract by mutual consent.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"side", side()},
                   {"ground", ground()},
                   {"reason", reason()}})),
      spec(ev::kConsumptionCancelled,
           "The contract ended early with no one at fault (mutual consent, force majeure, a "
           "dispute's ruling).",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"ground", one_of_strings({"mutual", "force_majeure", "dispute"})},
                   {"by", one_of_strings({"buyer", "seller", "union"})},
                   {"reason", reason()},
                   {"unit", unit()},
                   {"quantity", quantity()},
                   {"accepted", held()},
                   {"paid_vnd", vnd()},
                   {"value_vnd", vnd()}})),
      spec(ev::kConsumptionDisputed, "One side opened a dispute: no automatic breach meanwhile.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"side", side()},
                   {"reason", reason()}})),
      spec(ev::kDisputeResolution,
           "A side or the union asked for a dispute's outcome; settled when it took effect.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"side", one_of_strings({"buyer", "seller", "union"})},
                   {"outcome", outcome()},
                   {"deliver_to", date().optional()},
                   {"settled", boolean()}})),
      spec(ev::kCallOffMissed, "A call-off's window passed with too little delivered.",
           object({{"consumption_id", id()},
                   {"buyer", id()},
                   {"seller", id()},
                   {"unit", unit()},
                   {"call_off", integer(1, 1000)},
                   {"from", date()},
                   {"to", date()},
                   {"quantity", held()},
                   {"shortfall", held()}})),
  };
}

}  // namespace lienket::offtake::schemas
