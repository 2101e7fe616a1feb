// What the node's built-in "party-owned records" (API tokens, user accounts) share: a list request
// {party?} read as "whose records" (a party lists only its own; an admin every party's, or one's),
// and a scan of JSON records by their "party" member.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"

namespace lienket::core {

// Whose records a list request asks for ("" = every party's): PermissionDenied naming body.party
// when a party asks for another's; the body's other members are refused by name.
Result<std::string> listed_party(const Request& r, const char* what);

// The JSON records under `prefix` whose "party" is `party` ("" = all), at most `max`, each passed
// through `view` (e.g. to drop secrets). A record that is not JSON is an internal error.
Result<nlohmann::json> party_records(Store& store, std::string_view prefix,
                                     const std::string& party, std::size_t max,
                                     const std::function<nlohmann::json(nlohmann::json)>& view);

}  // namespace lienket::core
