// How the offtake plugin keeps its records in its store namespace, and the checks every handler
// shares (who is acting, what exists). Records are JSON objects:
//   contract/<ct-…>          purchase contract        offer/<of-…>        supply offer
//   proposal/<pr-…>          proposed allocation      consumption/<cc-…>  consumption contract
//   pending/<expires_ms>/<pr-…>  index of proposals awaiting acceptance, by expiry
//   due/<deliver_to_days>/<cc-…> index of open consumption contracts, by delivery deadline
//   rejected/<ct-…>/<of-…>   a pair a party refused; never proposed again
// Ids are a kind prefix and an 8-digit sequence number, so key order is creation order.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config.hpp"
#include "lienket/context.hpp"
#include "lienket/fields.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::offtake {

using nlohmann::json;

// What one handler call sees.
struct Call {
  const Request& req;
  Context& cx;
  const OfftakeConfig& config;
};
// A message handler of handlers.hpp; contract.cpp binds each to its message type.
using CallHandler = Result<json> (*)(Call&);

inline constexpr std::int64_t kMaxQuantity = 1'000'000'000'000;  // 1,000,000 t in grams
inline constexpr std::int64_t kMaxPrice = 1'000'000'000;         // VND per kg / litre / piece
inline constexpr std::int64_t kMaxListLimit = 500;

// Kinds of record: "contract", "offer", "proposal", "consumption".
Result<std::string> new_id(Context& cx, std::string_view kind);
std::string record_key(std::string_view kind, std::string_view id);
// Loads a record; not_found naming `field` (e.g. "body.contract_id") when absent.
Result<json> load(Context& cx, std::string_view kind, std::string_view id, std::string_view field);
Status save(Context& cx, std::string_view kind, const json& record);

// The acting party, which must be one of `kinds` (permission_denied, field "as", otherwise).
Result<json> acting_party(Call& c, std::initializer_list<std::string_view> kinds,
                          std::string_view action);
// The acting party must be `owner` (permission_denied, field "as", otherwise).
Status require_party(Call& c, const std::string& owner, std::string_view role);

// Reads {province, lat, lon} at body.<key>.
json read_place(Fields& f, std::string_view key);
// Reads the optional quality grade at body.grade ("loại 1", "W320"). Grades match by equality, so
// surrounding spaces, which no one sees on a form, are dropped rather than kept to break a match.
std::optional<std::string> read_grade(Fields& f);
std::string now_text(Context& cx);

// Pages over records of a kind, in id order, after the id `after`, keeping those `keep` accepts.
// Returns {"<plural>": [...], "next_after": id?}.
Result<json> list_records(Context& cx, std::string_view kind, std::string_view plural, Fields& f,
                          const std::function<bool(const json&)>& keep);

// Visits every record of a kind in id order (for matching and reports).
Status for_each(Context& cx, std::string_view kind,
                const std::function<Status(const json&)>& visit);

// Transport cost of moving `quantity` units over `distance_m`, in whole VND (see config.hpp).
std::int64_t transport_cost_vnd(std::int64_t distance_m, std::int64_t quantity,
                                const std::string& unit, std::int64_t vnd_per_kg_km);

}  // namespace lienket::offtake
