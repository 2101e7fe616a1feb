// Lot genealogy over the stored EPCIS history: walks the transformation and packing edges upstream
// (back: inputs down to the harvests, their plots, households and diary) or downstream (forward:
// outputs, cases, pallets, shipments and who received them), and the recall question built on
// forward: every party that received anything derived from a plot or lot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_repository.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

inline constexpr std::size_t kMaxGenealogyNodes = 20000;

// The identifiers a request's `lot` names: a URI/URN (canonicalised) or a bare lot number.
// not_found (field `field`) when nothing stored names it.
Result<std::vector<std::string>> resolve_lot(EventRepository& repo, const std::string& lot,
                                             const std::string& field);

Result<nlohmann::json> trace_back(EventRepository& repo, const std::vector<std::string>& start);
Result<nlohmann::json> trace_forward(EventRepository& repo, const std::vector<std::string>& start);
// Parties that received (destinationList) anything in the forward closure of `start`, from events
// whose eventTime lies in [from_ms, to_ms].
Result<nlohmann::json> recall(EventRepository& repo, const std::vector<std::string>& start,
                              std::optional<std::int64_t> from_ms,
                              std::optional<std::int64_t> to_ms);

// Every identifier reachable from `start` (included), upstream or downstream, breadth first.
Result<std::vector<std::pair<std::string, int>>> closure(EventRepository& repo,
                                                         const std::vector<std::string>& start,
                                                         bool upstream);
// A short summary of a stored record for query results and timelines.
nlohmann::json event_summary(const nlohmann::json& record);

}  // namespace lienket::trace
