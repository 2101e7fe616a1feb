// Season agreements as stored: a head record per agreement and every version kept for ever.
// A version is "proposed" until both the enterprise and the cooperative have signed it, then
// "in_force"; signing a newer version makes the older one "superseded", and proposing a newer one
// before the pending one is signed makes that one "withdrawn". Deliveries and advances are recorded
// against, and settled under, the version in force.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/farming/events.hpp"
#include "lienket/message.hpp"

namespace lienket::farming {

using nlohmann::json;

std::string agreement_key(const std::string& id);
std::string agreement_version_key(const std::string& id, std::int64_t version);

Result<json> load_agreement_head(Store& store, const std::string& id, std::string_view field);
Result<json> load_agreement_version(Store& store, const std::string& id, std::int64_t version);
// The same version, typed; and storing one (under its id and version).
Result<events::Agreement> load_agreement(Store& store, const std::string& id, std::int64_t version);
Status save_agreement(Store& store, const events::Agreement& version);

// The version in force, for recording deliveries and advances. failed_precondition (naming
// `field`) when no version has been signed by both sides yet or when the season is settled.
Result<json> agreement_in_force(Store& store, const json& head, std::string_view field);

// permission_denied (field "as") unless the acting party is the agreement's `role`
// ("enterprise" or "cooperative"), or either of them when role is empty.
Status require_agreement_party(const Request& r, const json& head, std::string_view role);

// Records that deliveries or advances changed: bumps the head's revision so that a settlement
// computed before is known to be stale, and saves the head.
Status touch_agreement(Store& store, json& head);

}  // namespace lienket::farming
