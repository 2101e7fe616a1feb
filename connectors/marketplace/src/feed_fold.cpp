#include "feed_fold.hpp"

#include <algorithm>
#include <string>

#include "lienket/offtake/events.hpp"

namespace lienket::marketplace {
namespace {

using nlohmann::json;
namespace ev = lienket::offtake::events;

constexpr std::string_view kAppliedSeq = "applied_seq";

// Copies `keys` of `from` that are present; the records keep only what the feed shows.
json pick(const json& from, std::initializer_list<const char*> keys) {
  json out = json::object();
  for (const char* k : keys)
    if (from.contains(k)) out[k] = from[k];
  return out;
}

// The registry's events (docs/protocol.md) carry their record under `key`, with a string id.
Status require_object(const json& data, const char* key, std::string_view type) {
  if (!data.is_object() || !data.contains(key) || !data[key].is_object() ||
      !data[key].contains("id") || !data[key]["id"].is_string())
    return Status::InvalidArgument(std::string(type) + ": data." + key + ".id is missing");
  return Status::Ok();
}

// An offtake event's data as its typed struct (lienket/offtake/events.hpp); data of another shape
// is InvalidArgument (it can never be applied).
template <typename T>
Result<T> typed(const Event& e) {
  try {
    return e.data.get<T>();
  } catch (const json::exception& x) {
    return Status::InvalidArgument(e.type + " is not shaped as offtake emits it: " + x.what());
  }
}

Result<bool> put_record(Store& store, const std::string& kind, const json& record) {
  LIENKET_RETURN_IF_ERROR(store.put_json(kind + "/" + record["id"].get<std::string>(), record));
  return true;
}

std::int64_t int_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : 0;
}

// The feed's record of an offer: what the feed model reads of it (feed_model.hpp).
json offer_record(const ev::SupplyOffer& o) {
  return {{"id", o.id},
          {"product_id", o.product_id},
          {"seller", o.seller},
          {"quantity", o.quantity},
          {"proposed", o.proposed},
          {"signed", o.signed_quantity},
          {"status", o.status},
          {"min_unit_price_vnd", o.min_unit_price_vnd},
          {"available_from", o.available_from},
          {"available_to", o.available_to}};
}

// Moves `q` of an offer's quantity between proposed and signed and writes it back. An offer the
// feed never saw (posted before a cursor that started at the end) is skipped.
Result<bool> adjust_offer(Store& store, const std::string& offer_id, std::int64_t proposed_delta,
                          std::int64_t signed_delta) {
  std::string key = "offer/" + offer_id;
  auto rec = store.get_json(key);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return false;
  json& o = **rec;
  o["proposed"] = std::max<std::int64_t>(0, int_of(o, "proposed") + proposed_delta);
  o["signed"] = int_of(o, "signed") + signed_delta;
  if (o.value("status", "") == "open" && int_of(o, "signed") >= int_of(o, "quantity"))
    o["status"] = "taken";
  LIENKET_RETURN_IF_ERROR(store.put_json(key, o));
  return true;
}

Result<bool> set_offer_status(Store& store, const std::string& offer_id, const char* status) {
  std::string key = "offer/" + offer_id;
  auto rec = store.get_json(key);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return false;
  (**rec)["status"] = status;
  LIENKET_RETURN_IF_ERROR(store.put_json(key, **rec));
  return true;
}

bool is_proposal_end(std::string_view t) {
  return t == ev::kProposalCancelled || t == ev::kProposalRejected || t == ev::kProposalExpired;
}

Result<bool> apply_offtake(Store& store, const Event& e) {
  if (e.type == ev::kOfferPosted) {
    auto posted = typed<ev::OfferPosted>(e);
    if (!posted.ok()) return posted.status();
    return put_record(store, "offer", offer_record(posted->offer));
  }
  if (e.type == ev::kOfferWithdrawn) {
    auto withdrawn = typed<ev::OfferWithdrawn>(e);
    if (!withdrawn.ok()) return withdrawn.status();
    return set_offer_status(store, withdrawn->offer_id, "withdrawn");
  }
  if (e.type == ev::kProposalCreated) {
    auto created = typed<ev::ProposalCreated>(e);
    if (!created.ok()) return created.status();
    return adjust_offer(store, created->proposal.offer_id, created->proposal.quantity, 0);
  }
  if (is_proposal_end(e.type)) {
    auto ended = typed<ev::ProposalEnded>(e);
    if (!ended.ok()) return ended.status();
    return adjust_offer(store, ended->offer_id, -ended->quantity, 0);
  }
  if (e.type == ev::kConsumptionSigned) {
    auto signed_event = typed<ev::ConsumptionSigned>(e);
    if (!signed_event.ok()) return signed_event.status();
    const auto& c = signed_event->consumption;
    return adjust_offer(store, c.offer_id, -c.quantity, c.quantity);
  }
  return false;
}

Result<bool> apply_data(Store& store, const Event& e) {
  const json& d = e.data;
  if (e.type == "party.registered") {
    LIENKET_RETURN_IF_ERROR(require_object(d, "party", e.type));
    return put_record(store, "party", pick(d["party"], {"id", "name", "kind", "province"}));
  }
  if (e.type == "product.registered") {
    LIENKET_RETURN_IF_ERROR(require_object(d, "product", e.type));
    return put_record(store, "product",
                      pick(d["product"], {"id", "name", "category", "unit", "ocop_stars",
                                          "certifications", "gtin", "owner"}));
  }
  return apply_offtake(store, e);
}

}  // namespace

bool is_feed_event(std::string_view t) {
  return t == "party.registered" || t == "product.registered" || t == ev::kOfferPosted ||
         t == ev::kOfferWithdrawn || t == ev::kProposalCreated || is_proposal_end(t) ||
         t == ev::kConsumptionSigned;
}

Result<std::uint64_t> applied_seq(Store& store) {
  auto raw = store.get(kAppliedSeq);
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::uint64_t{0};
  try {
    return static_cast<std::uint64_t>(std::stoull(**raw));
  } catch (...) {
    return Status::Internal("corrupt applied_seq");
  }
}

Result<bool> apply_event(Store& store, const Event& event) {
  if (!is_feed_event(event.type)) return false;
  auto last = applied_seq(store);
  if (!last.ok()) return last.status();
  if (event.seq <= *last) return false;  // a redelivery: already folded
  if (!event.data.is_object())
    return Status::InvalidArgument(event.type + ": data must be an object");
  auto changed = apply_data(store, event);
  if (!changed.ok()) return changed.status();
  LIENKET_RETURN_IF_ERROR(store.put(kAppliedSeq, std::to_string(event.seq)));
  return *changed;
}

}  // namespace lienket::marketplace
