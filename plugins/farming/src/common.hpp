// Helpers shared by the request handlers: who is acting, what kind of party they are, the store
// keys of the plugin's records, and loading a record or answering not_found naming the field.
//
// Store layout (the plugin's own namespace):
//   plot/<plot_id>                         plot
//   agr/<agreement_id>                     agreement head {id, latest, active, revision, settled,
//   ...} agrv/<agreement_id>/<version:20>       each agreement version, kept for ever
//   adv/<agreement_id>/<n:20>              advance
//   diary/<plot_id>/<n:20>                 diary entry
//   harvest/<agreement_id>/<n:20>          harvest delivery
//   lot/<lot_id>                           lot id -> harvest id (lot ids are unique)
//   mkt/<enterprise>/<product_id>/<date>   market reference price
//   stl/<settlement_id>                    settlement
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/farming/events.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::farming {

using nlohmann::json;

// The acting party's registry record; unauthenticated (field "as") when the request has none.
Result<json> acting_party(const Request& r, Context& cx);
// The acting party, who must be of one of `kinds`; permission_denied (field "as") otherwise.
Result<json> acting_party_of_kind(const Request& r, Context& cx,
                                  std::span<const std::string_view> kinds, std::string_view role);
bool is_kind(const json& party, std::span<const std::string_view> kinds);

inline constexpr std::array<std::string_view, 2> kCooperativeKinds = {"cooperative",
                                                                      "cooperative_group"};
inline constexpr std::array<std::string_view, 1> kEnterpriseKinds = {"enterprise"};

// A stored JSON record, or not_found "<what> <id> is not known" naming `field`.
Result<json> load(Store& store, const std::string& key, std::string_view what, std::string_view id,
                  std::string_view field);

std::string number_key(const std::string& prefix, std::int64_t n);

// Every record under a key prefix, in key order.
Result<std::vector<json>> scan_all(Store& store, const std::string& prefix);

// A stored record read as its typed value; internal when it is not one (the store is ours, so a
// record that does not decode is corruption, never the caller's fault).
template <typename T>
Result<T> decode_record(const json& j, std::string_view what) {
  auto v = events::decode<T>(j);
  if (!v) return Status::Internal("corrupt " + std::string(what) + " record");
  return std::move(*v);
}

// Where a plot lies, as events about it carry it: its point and its outline when known.
inline events::PlotLocation plot_location(const events::Plot& p) {
  return {p.location.lat, p.location.lon, p.polygon};
}

// Emits a typed event (lienket/farming/events.hpp) under its declared type.
template <typename E>
Status emit_event(Context& cx, const E& event) {
  return cx.emit(E::kType, json(event));
}

}  // namespace lienket::farming
