// Who may read what, declared in the contracts: a record schema annotated
//   "x-lienket-owners": ["buyer", "seller"]
// is visible only to the parties its named members hold, to the cooperative union of the province
// of an owner that is a cooperative (or cooperative group), to the node's admin and to plugins. The
// node applies it to every read-only message's result for a party or an anonymous caller, on
// ZeroMQ and HTTP alike: records in a list that the caller may not see are dropped; a result whose
// own record is hidden is `not_found` (the caller learns nothing of its existence).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::core {

inline constexpr const char* kOwnersKeyword = "x-lienket-owners";

// Whether the viewer may see a record whose owner parties are `owners` (the values of its owner
// members; some may be empty).
using MaySee = std::function<bool(const std::vector<std::string>& owners)>;

// Filters `result` in place by `schema` (the message's declared result schema). Ok, or NotFound
// when a record the result is made of (not an element of a list) is hidden.
Status filter_visible(const nlohmann::json& schema, nlohmann::json& result, const MaySee& may_see);

}  // namespace lienket::core
