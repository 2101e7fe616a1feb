// The events of the offtake plugin as typed values (docs/protocol-offtake.md, "Events"): for each
// event type its name (k...), a struct, and nlohmann to_json / from_json. Header-only: a plugin
// that subscribes to offtake.* events adds plugins/offtake/include to its include directories and
// reads
//
//   namespace ev = lienket::offtake::events;
//   if (e.type == ev::kDeliveryRecorded) {
//     auto d = e.data.get<ev::DeliveryRecorded>();  // d.buyer, d.seller, d.product_id, d.unit, ...
//   }
//
// without linking the offtake plugin or asking it anything. to_json writes exactly what the plugin
// emits (node.schema declares the same shapes); from_json leaves an optional field empty when it is
// missing or null, and throws nlohmann::json::exception when a required field is missing or of
// another type (an event of another version: catch it and skip the event).
//
// Units: quantities are integers in `unit`, which is "g", "ml" or "piece" (the product's unit);
// money is whole VND; prices are VND per kg (g), per litre (ml) or per piece. Dates are
// "YYYY-MM-DD" (local date, +07:00), times RFC 3339 with their offset.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lienket::offtake::events {

// ---- Event type names ----------------------------------------------------------------------
inline constexpr std::string_view kContractPosted = "offtake.contract.posted";
inline constexpr std::string_view kContractCancelled = "offtake.contract.cancelled";
inline constexpr std::string_view kContractAmended = "offtake.contract.amended";
inline constexpr std::string_view kOfferPosted = "offtake.offer.posted";
inline constexpr std::string_view kOfferWithdrawn = "offtake.offer.withdrawn";
inline constexpr std::string_view kProposalCreated = "offtake.proposal.created";
inline constexpr std::string_view kMatchCompleted = "offtake.match.completed";
inline constexpr std::string_view kProposalAccepted = "offtake.proposal.accepted";
inline constexpr std::string_view kProposalRejected = "offtake.proposal.rejected";
inline constexpr std::string_view kProposalExpired = "offtake.proposal.expired";
inline constexpr std::string_view kProposalCancelled = "offtake.proposal.cancelled";
inline constexpr std::string_view kConsumptionSigned = "offtake.consumption.signed";
inline constexpr std::string_view kDeliveryRecorded = "offtake.delivery.recorded";
inline constexpr std::string_view kDeliveryAccepted = "offtake.delivery.accepted";
inline constexpr std::string_view kDeliveryRejected = "offtake.delivery.rejected";
inline constexpr std::string_view kPaymentRecorded = "offtake.payment.recorded";
inline constexpr std::string_view kConsumptionFulfilled = "offtake.consumption.fulfilled";
inline constexpr std::string_view kConsumptionBreached = "offtake.consumption.breached";
inline constexpr std::string_view kProposalCountered = "offtake.proposal.countered";
inline constexpr std::string_view kProposalReconsidered = "offtake.proposal.reconsidered";
inline constexpr std::string_view kAmendmentProposed = "offtake.consumption.amendment_proposed";
inline constexpr std::string_view kConsumptionAmended = "offtake.consumption.amended";
inline constexpr std::string_view kAmendmentDeclined = "offtake.consumption.amendment_declined";
inline constexpr std::string_view kTerminationRequested =
    "offtake.consumption.termination_requested";
inline constexpr std::string_view kConsumptionCancelled = "offtake.consumption.cancelled";
inline constexpr std::string_view kConsumptionDisputed = "offtake.consumption.disputed";
inline constexpr std::string_view kDisputeResolution = "offtake.consumption.dispute_resolution";
inline constexpr std::string_view kCallOffMissed = "offtake.calloff.missed";

// Every event type the plugin emits.
inline constexpr std::array<std::string_view, 28> kAll = {
    kContractPosted,       kContractCancelled,   kContractAmended,   kOfferPosted,
    kOfferWithdrawn,       kProposalCreated,     kMatchCompleted,    kProposalAccepted,
    kProposalRejected,     kProposalExpired,     kProposalCancelled, kConsumptionSigned,
    kDeliveryRecorded,     kDeliveryAccepted,    kDeliveryRejected,  kPaymentRecorded,
    kConsumptionFulfilled, kConsumptionBreached, kProposalCountered, kProposalReconsidered,
    kAmendmentProposed,    kConsumptionAmended,  kAmendmentDeclined, kTerminationRequested,
    kConsumptionCancelled, kConsumptionDisputed, kDisputeResolution, kCallOffMissed};

namespace detail {

template <typename T>
void read_optional(const nlohmann::json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out.reset();
    return;
  }
  out = it->template get<T>();
}

template <typename T>
void write_optional(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

}  // namespace detail

// ---- Records carried whole by some events --------------------------------------------------

// Where goods go (a contract) or come from (an offer).
struct Place {
  std::string province;
  double lat = 0;  // -90 .. 90
  double lon = 0;  // -180 .. 180
  bool operator==(const Place&) const = default;
};

inline void to_json(nlohmann::json& j, const Place& p) {
  j = nlohmann::json{{"province", p.province}, {"lat", p.lat}, {"lon", p.lon}};
}
inline void from_json(const nlohmann::json& j, Place& p) {
  j.at("province").get_to(p.province);
  j.at("lat").get_to(p.lat);
  j.at("lon").get_to(p.lon);
}

// A purchase contract: what a buyer wants (record "contract", id "ct-...").
struct PurchaseContract {
  std::string id;
  std::string buyer;                      // an enterprise, distributor or retailer
  std::optional<std::string> product_id;  // absent for a contract by category
  std::string category;
  std::string unit;  // "g" | "ml" | "piece"
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;
  std::string deliver_from, deliver_to;  // dates
  Place place;
  std::int64_t min_ocop_stars = 0;
  std::vector<std::string> certifications;  // all required
  std::optional<std::string> grade;         // the offer must state this grade; absent: any
  std::optional<std::int64_t> max_distance_km;
  std::int64_t min_lot = 1;
  std::optional<std::string> note;
  std::string status;                // "open" | "filled" | "cancelled"
  std::int64_t proposed = 0;         // held by pending proposals
  std::int64_t signed_quantity = 0;  // JSON "signed": in consumption contracts
  std::string posted_at;             // time
  std::optional<std::string> cancelled_at, cancel_reason;
  std::optional<nlohmann::json> terms;  // contract terms (docs: "Contract terms"), when given
  std::optional<std::string> group;     // a multi-line contract: the id of its first line
  std::optional<std::int64_t> line;     // 1, 2, ... within the group
  bool operator==(const PurchaseContract&) const = default;
};

inline void to_json(nlohmann::json& j, const PurchaseContract& c) {
  j = nlohmann::json{{"id", c.id},
                     {"buyer", c.buyer},
                     {"category", c.category},
                     {"unit", c.unit},
                     {"quantity", c.quantity},
                     {"unit_price_vnd", c.unit_price_vnd},
                     {"deliver_from", c.deliver_from},
                     {"deliver_to", c.deliver_to},
                     {"place", c.place},
                     {"min_ocop_stars", c.min_ocop_stars},
                     {"certifications", c.certifications},
                     {"min_lot", c.min_lot},
                     {"status", c.status},
                     {"proposed", c.proposed},
                     {"signed", c.signed_quantity},
                     {"posted_at", c.posted_at}};
  detail::write_optional(j, "product_id", c.product_id);
  detail::write_optional(j, "grade", c.grade);
  detail::write_optional(j, "max_distance_km", c.max_distance_km);
  detail::write_optional(j, "note", c.note);
  detail::write_optional(j, "cancelled_at", c.cancelled_at);
  detail::write_optional(j, "cancel_reason", c.cancel_reason);
  detail::write_optional(j, "terms", c.terms);
  detail::write_optional(j, "group", c.group);
  detail::write_optional(j, "line", c.line);
}
inline void from_json(const nlohmann::json& j, PurchaseContract& c) {
  j.at("id").get_to(c.id);
  j.at("buyer").get_to(c.buyer);
  detail::read_optional(j, "product_id", c.product_id);
  j.at("category").get_to(c.category);
  j.at("unit").get_to(c.unit);
  j.at("quantity").get_to(c.quantity);
  j.at("unit_price_vnd").get_to(c.unit_price_vnd);
  j.at("deliver_from").get_to(c.deliver_from);
  j.at("deliver_to").get_to(c.deliver_to);
  j.at("place").get_to(c.place);
  j.at("min_ocop_stars").get_to(c.min_ocop_stars);
  j.at("certifications").get_to(c.certifications);
  detail::read_optional(j, "grade", c.grade);  // absent in events before grades existed
  detail::read_optional(j, "max_distance_km", c.max_distance_km);
  j.at("min_lot").get_to(c.min_lot);
  detail::read_optional(j, "note", c.note);
  j.at("status").get_to(c.status);
  j.at("proposed").get_to(c.proposed);
  j.at("signed").get_to(c.signed_quantity);
  j.at("posted_at").get_to(c.posted_at);
  detail::read_optional(j, "cancelled_at", c.cancelled_at);
  detail::read_optional(j, "cancel_reason", c.cancel_reason);
  detail::read_optional(j, "terms", c.terms);
  detail::read_optional(j, "group", c.group);
  detail::read_optional(j, "line", c.line);
}

// A supply offer: what a cooperative, group or union sells (record "offer", id "of-..."). Its
// category, unit, certifications and OCOP stars are the product's when it was posted.
struct SupplyOffer {
  std::string id;
  std::string seller;
  std::string product_id;
  std::string category;
  std::string unit;  // "g" | "ml" | "piece"
  std::vector<std::string> certifications;
  std::int64_t ocop_stars = 0;
  std::optional<std::string> grade;  // the seller's quality grade ("loại 1", "W320"), if stated
  std::int64_t quantity = 0;
  std::string available_from, available_to;  // dates
  Place place;
  std::int64_t min_unit_price_vnd = 0;
  std::optional<std::string> note;
  std::string status;  // "open" | "taken" | "withdrawn"
  std::int64_t proposed = 0;
  std::int64_t signed_quantity = 0;  // JSON "signed"
  std::string posted_at;
  std::optional<std::string> withdrawn_at, withdraw_reason;
  bool operator==(const SupplyOffer&) const = default;
};

inline void to_json(nlohmann::json& j, const SupplyOffer& o) {
  j = nlohmann::json{{"id", o.id},
                     {"seller", o.seller},
                     {"product_id", o.product_id},
                     {"category", o.category},
                     {"unit", o.unit},
                     {"certifications", o.certifications},
                     {"ocop_stars", o.ocop_stars},
                     {"quantity", o.quantity},
                     {"available_from", o.available_from},
                     {"available_to", o.available_to},
                     {"place", o.place},
                     {"min_unit_price_vnd", o.min_unit_price_vnd},
                     {"status", o.status},
                     {"proposed", o.proposed},
                     {"signed", o.signed_quantity},
                     {"posted_at", o.posted_at}};
  detail::write_optional(j, "grade", o.grade);
  detail::write_optional(j, "note", o.note);
  detail::write_optional(j, "withdrawn_at", o.withdrawn_at);
  detail::write_optional(j, "withdraw_reason", o.withdraw_reason);
}
inline void from_json(const nlohmann::json& j, SupplyOffer& o) {
  j.at("id").get_to(o.id);
  j.at("seller").get_to(o.seller);
  j.at("product_id").get_to(o.product_id);
  j.at("category").get_to(o.category);
  j.at("unit").get_to(o.unit);
  j.at("certifications").get_to(o.certifications);
  j.at("ocop_stars").get_to(o.ocop_stars);
  detail::read_optional(j, "grade", o.grade);
  j.at("quantity").get_to(o.quantity);
  j.at("available_from").get_to(o.available_from);
  j.at("available_to").get_to(o.available_to);
  j.at("place").get_to(o.place);
  j.at("min_unit_price_vnd").get_to(o.min_unit_price_vnd);
  detail::read_optional(j, "note", o.note);
  j.at("status").get_to(o.status);
  j.at("proposed").get_to(o.proposed);
  j.at("signed").get_to(o.signed_quantity);
  j.at("posted_at").get_to(o.posted_at);
  detail::read_optional(j, "withdrawn_at", o.withdrawn_at);
  detail::read_optional(j, "withdraw_reason", o.withdraw_reason);
}

// A proposed allocation of part of an offer to part of a contract (record "proposal", "pr-...").
struct Proposal {
  std::string id, contract_id, offer_id, buyer, seller, product_id;
  std::string unit;  // "g" | "ml" | "piece"
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;  // the contract's
  std::int64_t distance_km = 0, distance_m = 0;
  std::int64_t transport_cost_vnd = 0;
  std::string status;  // "pending" | "signed" | "rejected" | "expired" | "cancelled"
  bool buyer_accepted = false, seller_accepted = false;
  std::string created_at, expires_at;
  std::int64_t expires_ms = 0;
  std::optional<std::string> buyer_accepted_at, seller_accepted_at;
  std::optional<std::string> rejected_by;  // "buyer" | "seller"
  std::optional<std::string> ended_at, end_reason;
  std::optional<std::string> consumption_id;   // once signed
  std::optional<nlohmann::json> counters;      // [{by, quantity, unit_price_vnd, at, reason?}]
  std::optional<std::string> reconsidered_at;  // the rejection was withdrawn
  bool operator==(const Proposal&) const = default;
};

inline void to_json(nlohmann::json& j, const Proposal& p) {
  j = nlohmann::json{{"id", p.id},
                     {"contract_id", p.contract_id},
                     {"offer_id", p.offer_id},
                     {"buyer", p.buyer},
                     {"seller", p.seller},
                     {"product_id", p.product_id},
                     {"unit", p.unit},
                     {"quantity", p.quantity},
                     {"unit_price_vnd", p.unit_price_vnd},
                     {"distance_km", p.distance_km},
                     {"distance_m", p.distance_m},
                     {"transport_cost_vnd", p.transport_cost_vnd},
                     {"status", p.status},
                     {"buyer_accepted", p.buyer_accepted},
                     {"seller_accepted", p.seller_accepted},
                     {"created_at", p.created_at},
                     {"expires_at", p.expires_at},
                     {"expires_ms", p.expires_ms}};
  detail::write_optional(j, "buyer_accepted_at", p.buyer_accepted_at);
  detail::write_optional(j, "seller_accepted_at", p.seller_accepted_at);
  detail::write_optional(j, "rejected_by", p.rejected_by);
  detail::write_optional(j, "ended_at", p.ended_at);
  detail::write_optional(j, "end_reason", p.end_reason);
  detail::write_optional(j, "consumption_id", p.consumption_id);
  detail::write_optional(j, "counters", p.counters);
  detail::write_optional(j, "reconsidered_at", p.reconsidered_at);
}
inline void from_json(const nlohmann::json& j, Proposal& p) {
  j.at("id").get_to(p.id);
  j.at("contract_id").get_to(p.contract_id);
  j.at("offer_id").get_to(p.offer_id);
  j.at("buyer").get_to(p.buyer);
  j.at("seller").get_to(p.seller);
  j.at("product_id").get_to(p.product_id);
  j.at("unit").get_to(p.unit);
  j.at("quantity").get_to(p.quantity);
  j.at("unit_price_vnd").get_to(p.unit_price_vnd);
  j.at("distance_km").get_to(p.distance_km);
  j.at("distance_m").get_to(p.distance_m);
  j.at("transport_cost_vnd").get_to(p.transport_cost_vnd);
  j.at("status").get_to(p.status);
  j.at("buyer_accepted").get_to(p.buyer_accepted);
  j.at("seller_accepted").get_to(p.seller_accepted);
  j.at("created_at").get_to(p.created_at);
  j.at("expires_at").get_to(p.expires_at);
  j.at("expires_ms").get_to(p.expires_ms);
  detail::read_optional(j, "buyer_accepted_at", p.buyer_accepted_at);
  detail::read_optional(j, "seller_accepted_at", p.seller_accepted_at);
  detail::read_optional(j, "rejected_by", p.rejected_by);
  detail::read_optional(j, "ended_at", p.ended_at);
  detail::read_optional(j, "end_reason", p.end_reason);
  detail::read_optional(j, "consumption_id", p.consumption_id);
  detail::read_optional(j, "counters", p.counters);
  detail::read_optional(j, "reconsidered_at", p.reconsidered_at);
}

// One delivery of a consumption contract, as its record lists it.
struct DeliveryLine {
  std::int64_t no = 0;  // 1, 2, ... within the contract
  std::int64_t quantity = 0;
  std::string date;
  std::optional<std::string> lot_id;
  std::string status;  // "pending" | "accepted" | "rejected"
  std::optional<std::string> grade, reason;
  // When accepted: what was taken, deducted, at what price and version (see the record schema).
  std::optional<std::int64_t> call_off, accepted_quantity, deduction_bp, net_quantity,
      unit_price_vnd, value_vnd, version;
  std::optional<nlohmann::json> measures;  // {"moisture": 1350, ...} in basis points
  std::optional<std::string> answered_on;
  bool operator==(const DeliveryLine&) const = default;
};

inline void to_json(nlohmann::json& j, const DeliveryLine& d) {
  j = nlohmann::json{
      {"no", d.no}, {"quantity", d.quantity}, {"date", d.date}, {"status", d.status}};
  detail::write_optional(j, "lot_id", d.lot_id);
  detail::write_optional(j, "grade", d.grade);
  detail::write_optional(j, "reason", d.reason);
  detail::write_optional(j, "call_off", d.call_off);
  detail::write_optional(j, "accepted_quantity", d.accepted_quantity);
  detail::write_optional(j, "deduction_bp", d.deduction_bp);
  detail::write_optional(j, "net_quantity", d.net_quantity);
  detail::write_optional(j, "unit_price_vnd", d.unit_price_vnd);
  detail::write_optional(j, "value_vnd", d.value_vnd);
  detail::write_optional(j, "version", d.version);
  detail::write_optional(j, "measures", d.measures);
  detail::write_optional(j, "answered_on", d.answered_on);
}
inline void from_json(const nlohmann::json& j, DeliveryLine& d) {
  j.at("no").get_to(d.no);
  j.at("quantity").get_to(d.quantity);
  j.at("date").get_to(d.date);
  detail::read_optional(j, "lot_id", d.lot_id);
  j.at("status").get_to(d.status);
  detail::read_optional(j, "grade", d.grade);
  detail::read_optional(j, "reason", d.reason);
  detail::read_optional(j, "call_off", d.call_off);
  detail::read_optional(j, "accepted_quantity", d.accepted_quantity);
  detail::read_optional(j, "deduction_bp", d.deduction_bp);
  detail::read_optional(j, "net_quantity", d.net_quantity);
  detail::read_optional(j, "unit_price_vnd", d.unit_price_vnd);
  detail::read_optional(j, "value_vnd", d.value_vnd);
  detail::read_optional(j, "version", d.version);
  detail::read_optional(j, "measures", d.measures);
  detail::read_optional(j, "answered_on", d.answered_on);
}

struct PaymentLine {
  std::int64_t amount_vnd = 0;
  std::string date;
  std::optional<std::string> reference;
  bool operator==(const PaymentLine&) const = default;
};

inline void to_json(nlohmann::json& j, const PaymentLine& p) {
  j = nlohmann::json{{"amount_vnd", p.amount_vnd}, {"date", p.date}};
  detail::write_optional(j, "reference", p.reference);
}
inline void from_json(const nlohmann::json& j, PaymentLine& p) {
  j.at("amount_vnd").get_to(p.amount_vnd);
  j.at("date").get_to(p.date);
  detail::read_optional(j, "reference", p.reference);
}

// A consumption contract (hợp đồng tiêu thụ), signed when both sides accept a proposal (record
// "consumption", id "cc-...").
struct ConsumptionContract {
  std::string id, proposal_id, contract_id, offer_id, buyer, seller, product_id;
  std::string unit;  // "g" | "ml" | "piece"
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;
  std::int64_t value_vnd = 0;
  std::string deliver_from, deliver_to;
  std::string status;  // "signed" | "delivering" | "fulfilled" | "breached" | "cancelled"
  std::vector<DeliveryLine> deliveries;
  std::vector<PaymentLine> payments;
  std::int64_t delivered = 0;  // pending + accepted
  std::int64_t accepted = 0, rejected = 0;
  std::int64_t paid_vnd = 0;
  std::string signed_at;
  std::optional<std::string> closed_at;
  std::optional<std::string> at_fault;  // "seller" | "buyer", when breached
  std::optional<std::string> breach_reason;
  // Absent in records from before versions and terms; kept as JSON, shaped as the record schema
  // (docs/protocol-offtake.md) says.
  std::optional<std::int64_t> net_accepted, version, deposit_vnd;
  std::optional<nlohmann::json> versions, terms, account, amendment, call_offs, penalties, dispute,
      termination, quantity_range, place;
  bool operator==(const ConsumptionContract&) const = default;
};

inline void to_json(nlohmann::json& j, const ConsumptionContract& c) {
  j = nlohmann::json{{"id", c.id},
                     {"proposal_id", c.proposal_id},
                     {"contract_id", c.contract_id},
                     {"offer_id", c.offer_id},
                     {"buyer", c.buyer},
                     {"seller", c.seller},
                     {"product_id", c.product_id},
                     {"unit", c.unit},
                     {"quantity", c.quantity},
                     {"unit_price_vnd", c.unit_price_vnd},
                     {"value_vnd", c.value_vnd},
                     {"deliver_from", c.deliver_from},
                     {"deliver_to", c.deliver_to},
                     {"status", c.status},
                     {"deliveries", c.deliveries},
                     {"payments", c.payments},
                     {"delivered", c.delivered},
                     {"accepted", c.accepted},
                     {"rejected", c.rejected},
                     {"paid_vnd", c.paid_vnd},
                     {"signed_at", c.signed_at}};
  detail::write_optional(j, "closed_at", c.closed_at);
  detail::write_optional(j, "at_fault", c.at_fault);
  detail::write_optional(j, "breach_reason", c.breach_reason);
  detail::write_optional(j, "net_accepted", c.net_accepted);
  detail::write_optional(j, "version", c.version);
  detail::write_optional(j, "deposit_vnd", c.deposit_vnd);
  detail::write_optional(j, "versions", c.versions);
  detail::write_optional(j, "terms", c.terms);
  detail::write_optional(j, "account", c.account);
  detail::write_optional(j, "amendment", c.amendment);
  detail::write_optional(j, "call_offs", c.call_offs);
  detail::write_optional(j, "penalties", c.penalties);
  detail::write_optional(j, "dispute", c.dispute);
  detail::write_optional(j, "termination", c.termination);
  detail::write_optional(j, "quantity_range", c.quantity_range);
  detail::write_optional(j, "place", c.place);
}
inline void from_json(const nlohmann::json& j, ConsumptionContract& c) {
  j.at("id").get_to(c.id);
  j.at("proposal_id").get_to(c.proposal_id);
  j.at("contract_id").get_to(c.contract_id);
  j.at("offer_id").get_to(c.offer_id);
  j.at("buyer").get_to(c.buyer);
  j.at("seller").get_to(c.seller);
  j.at("product_id").get_to(c.product_id);
  j.at("unit").get_to(c.unit);
  j.at("quantity").get_to(c.quantity);
  j.at("unit_price_vnd").get_to(c.unit_price_vnd);
  j.at("value_vnd").get_to(c.value_vnd);
  j.at("deliver_from").get_to(c.deliver_from);
  j.at("deliver_to").get_to(c.deliver_to);
  j.at("status").get_to(c.status);
  j.at("deliveries").get_to(c.deliveries);
  j.at("payments").get_to(c.payments);
  j.at("delivered").get_to(c.delivered);
  j.at("accepted").get_to(c.accepted);
  j.at("rejected").get_to(c.rejected);
  j.at("paid_vnd").get_to(c.paid_vnd);
  j.at("signed_at").get_to(c.signed_at);
  detail::read_optional(j, "closed_at", c.closed_at);
  detail::read_optional(j, "at_fault", c.at_fault);
  detail::read_optional(j, "breach_reason", c.breach_reason);
  detail::read_optional(j, "net_accepted", c.net_accepted);
  detail::read_optional(j, "version", c.version);
  detail::read_optional(j, "deposit_vnd", c.deposit_vnd);
  detail::read_optional(j, "versions", c.versions);
  detail::read_optional(j, "terms", c.terms);
  detail::read_optional(j, "account", c.account);
  detail::read_optional(j, "amendment", c.amendment);
  detail::read_optional(j, "call_offs", c.call_offs);
  detail::read_optional(j, "penalties", c.penalties);
  detail::read_optional(j, "dispute", c.dispute);
  detail::read_optional(j, "termination", c.termination);
  detail::read_optional(j, "quantity_range", c.quantity_range);
  detail::read_optional(j, "place", c.place);
}

// ---- Purchase contracts and offers ---------------------------------------------------------

// kContractPosted: a buyer posted a purchase contract.
struct ContractPosted {
  PurchaseContract contract;
  bool operator==(const ContractPosted&) const = default;
};
inline void to_json(nlohmann::json& j, const ContractPosted& e) {
  j = nlohmann::json{{"contract", e.contract}};
}
inline void from_json(const nlohmann::json& j, ContractPosted& e) {
  j.at("contract").get_to(e.contract);
}

// kContractCancelled: the buyer cancelled an open contract; its pending proposals were cancelled
// (an offtake.proposal.cancelled each), consumption contracts already signed stay.
struct ContractCancelled {
  std::string contract_id;
  std::string buyer;
  std::string unit;
  std::int64_t released = 0;  // quantity no longer wanted
  std::int64_t proposals_cancelled = 0;
  std::int64_t signed_quantity = 0;  // JSON "signed": what stays under consumption contracts
  // The delivery place's province, so the province's union hears of it as it heard of the posting
  // (empty in events written before it was added).
  std::string province;
  bool operator==(const ContractCancelled&) const = default;
};
inline void to_json(nlohmann::json& j, const ContractCancelled& e) {
  j = nlohmann::json{{"contract_id", e.contract_id},
                     {"buyer", e.buyer},
                     {"unit", e.unit},
                     {"released", e.released},
                     {"proposals_cancelled", e.proposals_cancelled},
                     {"signed", e.signed_quantity}};
  if (!e.province.empty()) j["province"] = e.province;
}
inline void from_json(const nlohmann::json& j, ContractCancelled& e) {
  j.at("contract_id").get_to(e.contract_id);
  j.at("buyer").get_to(e.buyer);
  j.at("unit").get_to(e.unit);
  j.at("released").get_to(e.released);
  j.at("proposals_cancelled").get_to(e.proposals_cancelled);
  j.at("signed").get_to(e.signed_quantity);
  e.province = j.value("province", "");
}

// kContractAmended: the buyer changed an open contract's terms (`changed` names them); when more
// than the quantity or the note changed, its pending proposals were cancelled.
struct ContractAmended {
  PurchaseContract contract;
  std::vector<std::string> changed;
  std::int64_t proposals_cancelled = 0;
  bool operator==(const ContractAmended&) const = default;
};
inline void to_json(nlohmann::json& j, const ContractAmended& e) {
  j = nlohmann::json{{"contract", e.contract},
                     {"changed", e.changed},
                     {"proposals_cancelled", e.proposals_cancelled}};
}
inline void from_json(const nlohmann::json& j, ContractAmended& e) {
  j.at("contract").get_to(e.contract);
  j.at("changed").get_to(e.changed);
  j.at("proposals_cancelled").get_to(e.proposals_cancelled);
}

// kOfferPosted: a cooperative, group or union posted a supply offer.
struct OfferPosted {
  SupplyOffer offer;
  bool operator==(const OfferPosted&) const = default;
};
inline void to_json(nlohmann::json& j, const OfferPosted& e) {
  j = nlohmann::json{{"offer", e.offer}};
}
inline void from_json(const nlohmann::json& j, OfferPosted& e) { j.at("offer").get_to(e.offer); }

// kOfferWithdrawn: the seller withdrew an open offer; its pending proposals were cancelled.
struct OfferWithdrawn {
  std::string offer_id;
  std::string seller;
  std::string unit;
  std::int64_t released = 0;  // quantity no longer offered
  std::int64_t proposals_cancelled = 0;
  bool operator==(const OfferWithdrawn&) const = default;
};
inline void to_json(nlohmann::json& j, const OfferWithdrawn& e) {
  j = nlohmann::json{{"offer_id", e.offer_id},
                     {"seller", e.seller},
                     {"unit", e.unit},
                     {"released", e.released},
                     {"proposals_cancelled", e.proposals_cancelled}};
}
inline void from_json(const nlohmann::json& j, OfferWithdrawn& e) {
  j.at("offer_id").get_to(e.offer_id);
  j.at("seller").get_to(e.seller);
  j.at("unit").get_to(e.unit);
  j.at("released").get_to(e.released);
  j.at("proposals_cancelled").get_to(e.proposals_cancelled);
}

// ---- Matching and proposals ----------------------------------------------------------------

// kProposalCreated: offtake.match.run proposed an allocation (one event per proposal).
struct ProposalCreated {
  Proposal proposal;
  bool operator==(const ProposalCreated&) const = default;
};
inline void to_json(nlohmann::json& j, const ProposalCreated& e) {
  j = nlohmann::json{{"proposal", e.proposal}};
}
inline void from_json(const nlohmann::json& j, ProposalCreated& e) {
  j.at("proposal").get_to(e.proposal);
}

// kMatchCompleted: a match run ended (after its proposals' events). allocated_quantity adds the
// proposals' quantities whatever their units.
struct MatchCompleted {
  std::int64_t proposals = 0;  // how many were created
  std::int64_t allocated_quantity = 0;
  std::int64_t transport_cost_vnd = 0;
  std::int64_t contracts_considered = 0, offers_considered = 0, eligible_pairs = 0;
  std::int64_t min_lot_rounds = 0;  // 0: the allocation is exactly optimal
  bool operator==(const MatchCompleted&) const = default;
};
inline void to_json(nlohmann::json& j, const MatchCompleted& e) {
  j = nlohmann::json{{"proposals", e.proposals},
                     {"allocated_quantity", e.allocated_quantity},
                     {"transport_cost_vnd", e.transport_cost_vnd},
                     {"contracts_considered", e.contracts_considered},
                     {"offers_considered", e.offers_considered},
                     {"eligible_pairs", e.eligible_pairs},
                     {"min_lot_rounds", e.min_lot_rounds}};
}
inline void from_json(const nlohmann::json& j, MatchCompleted& e) {
  j.at("proposals").get_to(e.proposals);
  j.at("allocated_quantity").get_to(e.allocated_quantity);
  j.at("transport_cost_vnd").get_to(e.transport_cost_vnd);
  j.at("contracts_considered").get_to(e.contracts_considered);
  j.at("offers_considered").get_to(e.offers_considered);
  j.at("eligible_pairs").get_to(e.eligible_pairs);
  j.at("min_lot_rounds").get_to(e.min_lot_rounds);
}

// kProposalAccepted: one side accepted a pending proposal (kConsumptionSigned follows when it was
// the second).
// `buyer` and `seller` name both parties, so that the event stream brings it to the other side.
struct ProposalAccepted {
  std::string proposal_id;
  std::string side;  // "buyer" | "seller"
  std::string buyer, seller;
  bool operator==(const ProposalAccepted&) const = default;
};
inline void to_json(nlohmann::json& j, const ProposalAccepted& e) {
  j = nlohmann::json{
      {"proposal_id", e.proposal_id}, {"side", e.side}, {"buyer", e.buyer}, {"seller", e.seller}};
}
inline void from_json(const nlohmann::json& j, ProposalAccepted& e) {
  j.at("proposal_id").get_to(e.proposal_id);
  j.at("side").get_to(e.side);
  // Events recorded before both parties were named lack them.
  if (j.contains("buyer")) j.at("buyer").get_to(e.buyer);
  if (j.contains("seller")) j.at("seller").get_to(e.seller);
}

// kProposalRejected, kProposalExpired, kProposalCancelled: a pending proposal ended unsigned and
// its quantity is free again on both the contract and the offer.
struct ProposalEnded {
  std::string proposal_id, contract_id, offer_id, buyer, seller;
  std::string unit;
  std::int64_t quantity = 0;
  std::string reason;  // may be "" (a rejection without a reason)
  bool operator==(const ProposalEnded&) const = default;
};
using ProposalRejected = ProposalEnded;
using ProposalExpired = ProposalEnded;
using ProposalCancelled = ProposalEnded;
inline void to_json(nlohmann::json& j, const ProposalEnded& e) {
  j = nlohmann::json{{"proposal_id", e.proposal_id}, {"contract_id", e.contract_id},
                     {"offer_id", e.offer_id},       {"buyer", e.buyer},
                     {"seller", e.seller},           {"unit", e.unit},
                     {"quantity", e.quantity},       {"reason", e.reason}};
}
inline void from_json(const nlohmann::json& j, ProposalEnded& e) {
  j.at("proposal_id").get_to(e.proposal_id);
  j.at("contract_id").get_to(e.contract_id);
  j.at("offer_id").get_to(e.offer_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  j.at("reason").get_to(e.reason);
}

// ---- Consumption contracts -----------------------------------------------------------------

// kConsumptionSigned: both sides accepted a proposal; the consumption contract as signed.
struct ConsumptionSigned {
  ConsumptionContract consumption;
  bool operator==(const ConsumptionSigned&) const = default;
};
inline void to_json(nlohmann::json& j, const ConsumptionSigned& e) {
  j = nlohmann::json{{"consumption", e.consumption}};
}
inline void from_json(const nlohmann::json& j, ConsumptionSigned& e) {
  j.at("consumption").get_to(e.consumption);
}

// What every delivery event carries: the delivery and the contract it is under, enough to map it
// (e.g. to an EPCIS shipping or receiving event) without asking the plugin.
struct DeliveryEvent {
  std::string consumption_id;
  std::int64_t delivery_no = 0;  // 1, 2, ... within the consumption contract
  std::string buyer;             // who receives the goods
  std::string seller;            // who delivers them
  std::string product_id;
  std::string unit;                   // "g" | "ml" | "piece": the product's
  std::int64_t quantity = 0;          // of this delivery, in unit
  std::optional<std::string> lot_id;  // the traceability lot, when the seller gave one
  std::string date;                   // the day the seller delivered ("YYYY-MM-DD")
  bool operator==(const DeliveryEvent&) const = default;
};
inline void to_json(nlohmann::json& j, const DeliveryEvent& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"delivery_no", e.delivery_no},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"product_id", e.product_id},
                     {"unit", e.unit},
                     {"quantity", e.quantity},
                     {"date", e.date}};
  detail::write_optional(j, "lot_id", e.lot_id);
}
inline void from_json(const nlohmann::json& j, DeliveryEvent& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("delivery_no").get_to(e.delivery_no);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("product_id").get_to(e.product_id);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  detail::read_optional(j, "lot_id", e.lot_id);
  j.at("date").get_to(e.date);
}

// kDeliveryRecorded: the seller recorded a delivery (pending the buyer's answer).
struct DeliveryRecorded : DeliveryEvent {
  bool operator==(const DeliveryRecorded&) const = default;
};
inline void to_json(nlohmann::json& j, const DeliveryRecorded& e) {
  to_json(j, static_cast<const DeliveryEvent&>(e));
}
inline void from_json(const nlohmann::json& j, DeliveryRecorded& e) {
  from_json(j, static_cast<DeliveryEvent&>(e));
}

// kDeliveryAccepted: the buyer accepted a delivery (kConsumptionFulfilled may follow).
// Absent in events recorded before partial acceptance: then all of `quantity` was accepted.
struct DeliveryAccepted : DeliveryEvent {
  std::optional<std::string> grade;               // the buyer's quality grade, when given
  std::optional<std::int64_t> accepted_quantity;  // of quantity; the rest was rejected
  std::optional<std::int64_t> net_quantity;       // accepted less the deductions: what is paid
  std::optional<std::int64_t> deduction_bp;       // weight deducted for measured defects
  std::optional<std::int64_t> value_vnd;          // what the buyer owes for it
  std::optional<std::string> reason;              // why part was rejected
  bool operator==(const DeliveryAccepted&) const = default;
};
inline void to_json(nlohmann::json& j, const DeliveryAccepted& e) {
  to_json(j, static_cast<const DeliveryEvent&>(e));
  detail::write_optional(j, "grade", e.grade);
  detail::write_optional(j, "accepted_quantity", e.accepted_quantity);
  detail::write_optional(j, "net_quantity", e.net_quantity);
  detail::write_optional(j, "deduction_bp", e.deduction_bp);
  detail::write_optional(j, "value_vnd", e.value_vnd);
  detail::write_optional(j, "reason", e.reason);
}
inline void from_json(const nlohmann::json& j, DeliveryAccepted& e) {
  from_json(j, static_cast<DeliveryEvent&>(e));
  detail::read_optional(j, "grade", e.grade);
  detail::read_optional(j, "accepted_quantity", e.accepted_quantity);
  detail::read_optional(j, "net_quantity", e.net_quantity);
  detail::read_optional(j, "deduction_bp", e.deduction_bp);
  detail::read_optional(j, "value_vnd", e.value_vnd);
  detail::read_optional(j, "reason", e.reason);
}

// kDeliveryRejected: the buyer rejected a delivery; its quantity may be delivered again.
struct DeliveryRejected : DeliveryEvent {
  std::string reason;
  bool operator==(const DeliveryRejected&) const = default;
};
inline void to_json(nlohmann::json& j, const DeliveryRejected& e) {
  to_json(j, static_cast<const DeliveryEvent&>(e));
  j["reason"] = e.reason;
}
inline void from_json(const nlohmann::json& j, DeliveryRejected& e) {
  from_json(j, static_cast<DeliveryEvent&>(e));
  j.at("reason").get_to(e.reason);
}

// kPaymentRecorded: the buyer recorded a payment (kConsumptionFulfilled may follow).
struct PaymentRecorded {
  std::string consumption_id, buyer, seller;
  std::int64_t amount_vnd = 0;
  std::string date;
  std::optional<std::string> reference;
  std::int64_t paid_vnd = 0;   // all payments so far
  std::int64_t value_vnd = 0;  // the contract's value
  bool operator==(const PaymentRecorded&) const = default;
};
inline void to_json(nlohmann::json& j, const PaymentRecorded& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"amount_vnd", e.amount_vnd},
                     {"date", e.date},
                     {"paid_vnd", e.paid_vnd},
                     {"value_vnd", e.value_vnd}};
  detail::write_optional(j, "reference", e.reference);
}
inline void from_json(const nlohmann::json& j, PaymentRecorded& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("amount_vnd").get_to(e.amount_vnd);
  j.at("date").get_to(e.date);
  detail::read_optional(j, "reference", e.reference);
  j.at("paid_vnd").get_to(e.paid_vnd);
  j.at("value_vnd").get_to(e.value_vnd);
}

// kConsumptionFulfilled: all the quantity accepted and all the value paid; the contract is closed.
struct ConsumptionFulfilled {
  std::string consumption_id, buyer, seller, product_id;
  std::string unit;
  std::int64_t quantity = 0;
  std::int64_t value_vnd = 0;
  bool operator==(const ConsumptionFulfilled&) const = default;
};
inline void to_json(nlohmann::json& j, const ConsumptionFulfilled& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"product_id", e.product_id},
                     {"unit", e.unit},
                     {"quantity", e.quantity},
                     {"value_vnd", e.value_vnd}};
}
inline void from_json(const nlohmann::json& j, ConsumptionFulfilled& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("product_id").get_to(e.product_id);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  j.at("value_vnd").get_to(e.value_vnd);
}

// kConsumptionBreached: the delivery window (plus the grace days) passed with the contract open.
struct ConsumptionBreached {
  std::string consumption_id, buyer, seller;
  std::string at_fault;        // "seller" | "buyer"
  std::string party_at_fault;  // that side's party id
  std::string reason;
  std::string unit;
  std::int64_t quantity = 0, accepted = 0;
  std::int64_t paid_vnd = 0, value_vnd = 0;
  std::optional<std::int64_t> penalty_vnd;  // the agreed penalty charged to the side at fault
  bool operator==(const ConsumptionBreached&) const = default;
};
inline void to_json(nlohmann::json& j, const ConsumptionBreached& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"at_fault", e.at_fault},
                     {"party_at_fault", e.party_at_fault},
                     {"reason", e.reason},
                     {"unit", e.unit},
                     {"quantity", e.quantity},
                     {"accepted", e.accepted},
                     {"paid_vnd", e.paid_vnd},
                     {"value_vnd", e.value_vnd}};
  detail::write_optional(j, "penalty_vnd", e.penalty_vnd);
}
inline void from_json(const nlohmann::json& j, ConsumptionBreached& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("at_fault").get_to(e.at_fault);
  j.at("party_at_fault").get_to(e.party_at_fault);
  j.at("reason").get_to(e.reason);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  j.at("accepted").get_to(e.accepted);
  j.at("paid_vnd").get_to(e.paid_vnd);
  j.at("value_vnd").get_to(e.value_vnd);
  detail::read_optional(j, "penalty_vnd", e.penalty_vnd);
}

// ---- Changes to proposals and signed contracts (issue: contracts as really run) ------------
// kProposalCountered: One side changed a pending proposal's quantity or price (a partial acceptance
// is one); the other side's acceptance lapsed and it answers the new terms.
struct ProposalCountered {
  std::string proposal_id;
  std::string contract_id;
  std::string offer_id;
  std::string buyer;
  std::string seller;
  std::string side;
  std::string unit;
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;
  std::optional<std::string> reason;
  bool operator==(const ProposalCountered&) const = default;
};
inline void to_json(nlohmann::json& j, const ProposalCountered& e) {
  j = nlohmann::json{{"proposal_id", e.proposal_id},
                     {"contract_id", e.contract_id},
                     {"offer_id", e.offer_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"side", e.side},
                     {"unit", e.unit},
                     {"quantity", e.quantity},
                     {"unit_price_vnd", e.unit_price_vnd}};
  detail::write_optional(j, "reason", e.reason);
}
inline void from_json(const nlohmann::json& j, ProposalCountered& e) {
  j.at("proposal_id").get_to(e.proposal_id);
  j.at("contract_id").get_to(e.contract_id);
  j.at("offer_id").get_to(e.offer_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("side").get_to(e.side);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  j.at("unit_price_vnd").get_to(e.unit_price_vnd);
  detail::read_optional(j, "reason", e.reason);
}

// kProposalReconsidered: The side that rejected a proposal withdrew its rejection: the pair may be
// matched again.
struct ProposalReconsidered {
  std::string proposal_id;
  std::string contract_id;
  std::string offer_id;
  std::string buyer;
  std::string seller;
  std::string side;
  bool operator==(const ProposalReconsidered&) const = default;
};
inline void to_json(nlohmann::json& j, const ProposalReconsidered& e) {
  j = nlohmann::json{{"proposal_id", e.proposal_id}, {"contract_id", e.contract_id},
                     {"offer_id", e.offer_id},       {"buyer", e.buyer},
                     {"seller", e.seller},           {"side", e.side}};
}
inline void from_json(const nlohmann::json& j, ProposalReconsidered& e) {
  j.at("proposal_id").get_to(e.proposal_id);
  j.at("contract_id").get_to(e.contract_id);
  j.at("offer_id").get_to(e.offer_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("side").get_to(e.side);
}

// kAmendmentProposed: One side proposed a new version of a signed contract; the old version stands
// until the other side signs.
struct AmendmentProposed {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::int64_t version = 0;
  std::string proposed_by;
  std::string effective_from;
  std::optional<std::int64_t> quantity;
  std::optional<std::int64_t> unit_price_vnd;
  std::optional<std::string> deliver_from;
  std::optional<std::string> deliver_to;
  std::optional<nlohmann::json> place;
  std::optional<std::string> reason;
  bool operator==(const AmendmentProposed&) const = default;
};
inline void to_json(nlohmann::json& j, const AmendmentProposed& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"version", e.version},
                     {"proposed_by", e.proposed_by},
                     {"effective_from", e.effective_from}};
  detail::write_optional(j, "quantity", e.quantity);
  detail::write_optional(j, "unit_price_vnd", e.unit_price_vnd);
  detail::write_optional(j, "deliver_from", e.deliver_from);
  detail::write_optional(j, "deliver_to", e.deliver_to);
  detail::write_optional(j, "reason", e.reason);
  detail::write_optional(j, "place", e.place);
}
inline void from_json(const nlohmann::json& j, AmendmentProposed& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("version").get_to(e.version);
  j.at("proposed_by").get_to(e.proposed_by);
  j.at("effective_from").get_to(e.effective_from);
  detail::read_optional(j, "quantity", e.quantity);
  detail::read_optional(j, "unit_price_vnd", e.unit_price_vnd);
  detail::read_optional(j, "deliver_from", e.deliver_from);
  detail::read_optional(j, "deliver_to", e.deliver_to);
  detail::read_optional(j, "reason", e.reason);
  detail::read_optional(j, "place", e.place);
}

// kConsumptionAmended: Both sides signed a new version; deliveries from effective_from on are
// priced by it.
struct ConsumptionAmended {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::int64_t version = 0;
  std::string effective_from;
  std::string unit;
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;
  std::string deliver_from;
  std::string deliver_to;
  std::int64_t value_vnd = 0;
  std::optional<nlohmann::json> place;
  bool operator==(const ConsumptionAmended&) const = default;
};
inline void to_json(nlohmann::json& j, const ConsumptionAmended& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"version", e.version},
                     {"effective_from", e.effective_from},
                     {"unit", e.unit},
                     {"quantity", e.quantity},
                     {"unit_price_vnd", e.unit_price_vnd},
                     {"deliver_from", e.deliver_from},
                     {"deliver_to", e.deliver_to},
                     {"value_vnd", e.value_vnd}};
  detail::write_optional(j, "place", e.place);
}
inline void from_json(const nlohmann::json& j, ConsumptionAmended& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("version").get_to(e.version);
  j.at("effective_from").get_to(e.effective_from);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  j.at("unit_price_vnd").get_to(e.unit_price_vnd);
  j.at("deliver_from").get_to(e.deliver_from);
  j.at("deliver_to").get_to(e.deliver_to);
  j.at("value_vnd").get_to(e.value_vnd);
  detail::read_optional(j, "place", e.place);
}

// kAmendmentDeclined: A proposed version was declined by the other side or withdrawn by its
// proposer.
struct AmendmentDeclined {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::int64_t version = 0;
  std::string side;
  std::optional<std::string> reason;
  bool operator==(const AmendmentDeclined&) const = default;
};
inline void to_json(nlohmann::json& j, const AmendmentDeclined& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"version", e.version},
                     {"side", e.side}};
  detail::write_optional(j, "reason", e.reason);
}
inline void from_json(const nlohmann::json& j, AmendmentDeclined& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("version").get_to(e.version);
  j.at("side").get_to(e.side);
  detail::read_optional(j, "reason", e.reason);
}

// kTerminationRequested: One side asked to end the contract by mutual consent; the other side's
// same request ends it.
struct TerminationRequested {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::string side;
  std::string ground;
  std::string reason;
  bool operator==(const TerminationRequested&) const = default;
};
inline void to_json(nlohmann::json& j, const TerminationRequested& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"side", e.side},
                     {"ground", e.ground},
                     {"reason", e.reason}};
}
inline void from_json(const nlohmann::json& j, TerminationRequested& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("side").get_to(e.side);
  j.at("ground").get_to(e.ground);
  j.at("reason").get_to(e.reason);
}

// kConsumptionCancelled: The contract ended early with no one at fault: by mutual consent, force
// majeure or a dispute's ruling. What was accepted stays owed.
struct ConsumptionCancelled {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::string ground;
  std::string by;
  std::string reason;
  std::string unit;
  std::int64_t quantity = 0;
  std::int64_t accepted = 0;
  std::int64_t paid_vnd = 0;
  std::int64_t value_vnd = 0;
  bool operator==(const ConsumptionCancelled&) const = default;
};
inline void to_json(nlohmann::json& j, const ConsumptionCancelled& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"ground", e.ground},
                     {"by", e.by},
                     {"reason", e.reason},
                     {"unit", e.unit},
                     {"quantity", e.quantity},
                     {"accepted", e.accepted},
                     {"paid_vnd", e.paid_vnd},
                     {"value_vnd", e.value_vnd}};
}
inline void from_json(const nlohmann::json& j, ConsumptionCancelled& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("ground").get_to(e.ground);
  j.at("by").get_to(e.by);
  j.at("reason").get_to(e.reason);
  j.at("unit").get_to(e.unit);
  j.at("quantity").get_to(e.quantity);
  j.at("accepted").get_to(e.accepted);
  j.at("paid_vnd").get_to(e.paid_vnd);
  j.at("value_vnd").get_to(e.value_vnd);
}

// kConsumptionDisputed: One side opened a dispute: no automatic breach until it is resolved.
struct ConsumptionDisputed {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::string side;
  std::string reason;
  bool operator==(const ConsumptionDisputed&) const = default;
};
inline void to_json(nlohmann::json& j, const ConsumptionDisputed& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"side", e.side},
                     {"reason", e.reason}};
}
inline void from_json(const nlohmann::json& j, ConsumptionDisputed& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("side").get_to(e.side);
  j.at("reason").get_to(e.reason);
}

// kDisputeResolution: A side (or the union) asked for an outcome of a dispute; `settled` when it
// took effect.
struct DisputeResolution {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::string side;
  std::string outcome;
  std::optional<std::string> deliver_to;
  bool settled = false;
  bool operator==(const DisputeResolution&) const = default;
};
inline void to_json(nlohmann::json& j, const DisputeResolution& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"side", e.side},
                     {"outcome", e.outcome},
                     {"settled", e.settled}};
  detail::write_optional(j, "deliver_to", e.deliver_to);
}
inline void from_json(const nlohmann::json& j, DisputeResolution& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("side").get_to(e.side);
  j.at("outcome").get_to(e.outcome);
  detail::read_optional(j, "deliver_to", e.deliver_to);
  j.at("settled").get_to(e.settled);
}

// kCallOffMissed: A call-off's window (plus grace days) passed with less than its quantity (less
// the tolerance) delivered.
struct CallOffMissed {
  std::string consumption_id;
  std::string buyer;
  std::string seller;
  std::string unit;
  std::int64_t call_off = 0;
  std::string from;
  std::string to;
  std::int64_t quantity = 0;
  std::int64_t shortfall = 0;
  bool operator==(const CallOffMissed&) const = default;
};
inline void to_json(nlohmann::json& j, const CallOffMissed& e) {
  j = nlohmann::json{{"consumption_id", e.consumption_id},
                     {"buyer", e.buyer},
                     {"seller", e.seller},
                     {"unit", e.unit},
                     {"call_off", e.call_off},
                     {"from", e.from},
                     {"to", e.to},
                     {"quantity", e.quantity},
                     {"shortfall", e.shortfall}};
}
inline void from_json(const nlohmann::json& j, CallOffMissed& e) {
  j.at("consumption_id").get_to(e.consumption_id);
  j.at("buyer").get_to(e.buyer);
  j.at("seller").get_to(e.seller);
  j.at("unit").get_to(e.unit);
  j.at("call_off").get_to(e.call_off);
  j.at("from").get_to(e.from);
  j.at("to").get_to(e.to);
  j.at("quantity").get_to(e.quantity);
  j.at("shortfall").get_to(e.shortfall);
}

}  // namespace lienket::offtake::events
