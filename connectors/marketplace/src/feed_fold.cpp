#include "feed_fold.hpp"

#include <algorithm>
#include <string>

namespace lienket::marketplace {
namespace {

using nlohmann::json;

constexpr std::string_view kAppliedSeq = "applied_seq";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Copies `keys` of `from` that are present; the records keep only what the feed shows.
json pick(const json& from, std::initializer_list<const char*> keys) {
  json out = json::object();
  for (const char* k : keys)
    if (from.contains(k)) out[k] = from[k];
  return out;
}

Status require_object(const json& data, const char* key, std::string_view type) {
  if (!data.is_object() || !data.contains(key) || !data[key].is_object() || !data[key].contains("id") ||
      !data[key]["id"].is_string())
    return Status::InvalidArgument(std::string(type) + ": data." + key + ".id is missing");
  return Status::Ok();
}

Result<bool> put_record(Store& store, const std::string& kind, const json& record) {
  LIENKET_RETURN_IF_ERROR(store.put_json(kind + "/" + record["id"].get<std::string>(), record));
  return true;
}

std::int64_t int_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : 0;
}

// Moves `q` of an offer's quantity between proposed and signed and writes it back. An offer the
// feed never saw (posted before a cursor that started at the end) is skipped.
Result<bool> adjust_offer(Store& store, const json& offer_id, std::int64_t proposed_delta, std::int64_t signed_delta) {
  if (!offer_id.is_string()) return Status::InvalidArgument("offer event without an offer_id");
  std::string key = "offer/" + offer_id.get<std::string>();
  auto rec = store.get_json(key);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return false;
  json& o = **rec;
  o["proposed"] = std::max<std::int64_t>(0, int_of(o, "proposed") + proposed_delta);
  o["signed"] = int_of(o, "signed") + signed_delta;
  if (o.value("status", "") == "open" && int_of(o, "signed") >= int_of(o, "quantity")) o["status"] = "taken";
  LIENKET_RETURN_IF_ERROR(store.put_json(key, o));
  return true;
}

Result<bool> set_offer_status(Store& store, const json& offer_id, const char* status) {
  if (!offer_id.is_string()) return Status::InvalidArgument("offer event without an offer_id");
  std::string key = "offer/" + offer_id.get<std::string>();
  auto rec = store.get_json(key);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return false;
  (**rec)["status"] = status;
  LIENKET_RETURN_IF_ERROR(store.put_json(key, **rec));
  return true;
}

std::int64_t quantity_of(const json& j) { return j.is_object() ? int_of(j, "quantity") : 0; }

Result<bool> apply_data(Store& store, const Event& e) {
  const json& d = e.data;
  if (e.type == "party.registered") {
    LIENKET_RETURN_IF_ERROR(require_object(d, "party", e.type));
    return put_record(store, "party", pick(d["party"], {"id", "name", "kind", "province"}));
  }
  if (e.type == "product.registered") {
    LIENKET_RETURN_IF_ERROR(require_object(d, "product", e.type));
    return put_record(store, "product", pick(d["product"], {"id", "name", "category", "unit", "ocop_stars",
                                                            "certifications", "gtin", "owner"}));
  }
  if (e.type == "offtake.offer.posted") {
    LIENKET_RETURN_IF_ERROR(require_object(d, "offer", e.type));
    return put_record(store, "offer", pick(d["offer"], {"id", "product_id", "seller", "quantity", "proposed", "signed",
                                                        "status", "min_unit_price_vnd", "available_from",
                                                        "available_to"}));
  }
  if (e.type == "offtake.offer.withdrawn") return set_offer_status(store, d.value("offer_id", json()), "withdrawn");
  if (e.type == "offtake.proposal.created") {
    const json& p = d.value("proposal", json::object());
    return adjust_offer(store, p.value("offer_id", json()), quantity_of(p), 0);
  }
  if (e.type == "offtake.proposal.cancelled" || e.type == "offtake.proposal.rejected" ||
      e.type == "offtake.proposal.expired")
    return adjust_offer(store, d.value("offer_id", json()), -quantity_of(d), 0);
  if (e.type == "offtake.consumption.signed") {
    const json& c = d.value("consumption", json::object());
    return adjust_offer(store, c.value("offer_id", json()), -quantity_of(c), quantity_of(c));
  }
  return false;
}

}  // namespace

bool is_feed_event(std::string_view t) {
  return t == "party.registered" || t == "product.registered" || t == "offtake.offer.posted" ||
         t == "offtake.offer.withdrawn" || t == "offtake.consumption.signed" ||
         (starts_with(t, "offtake.proposal.") &&
          (t.ends_with(".created") || t.ends_with(".cancelled") || t.ends_with(".rejected") || t.ends_with(".expired")));
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
  if (!event.data.is_object()) return Status::InvalidArgument(event.type + ": data must be an object");
  auto changed = apply_data(store, event);
  if (!changed.ok()) return changed.status();
  LIENKET_RETURN_IF_ERROR(store.put(kAppliedSeq, std::to_string(event.seq)));
  return *changed;
}

}  // namespace lienket::marketplace
