// Validation of EPCIS 2.0 events and documents (JSON-LD, as in the standard's examples) against the
// rules of the GS1 EPCIS 2.0 JSON schema and standard: event types and their required fields
// (extension event types - a prefixed name such as "example:CustomEvent" or a URI - with the
// standard's fields they use checked as usual),
// action, CBV bizStep/disposition/transaction/source-destination types (bare names, URNs or web
// URIs; private vocabularies as absolute URIs), date-times and time zone offsets, quantity lists
// and units, readPoint/bizLocation, ilmd only where the standard allows it, and user extensions
// only as prefixed names. The first problem is returned with the offending field's full path
// ("body.event.eventTimeZoneOffset", "body.document.epcisBody.eventList[2].bizStep").
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::trace {

inline constexpr std::size_t kMaxEventsPerDocument = 10000;

Status validate_event(const nlohmann::json& event, const std::string& path);
// A whole EPCISDocument: its header and every event in epcisBody.eventList.
Status validate_document(const nlohmann::json& document, const std::string& path);

// "+07:00", "-06:00", "Z" is not allowed (the standard wants a numeric offset).
bool valid_time_zone_offset(const std::string& s);

}  // namespace lienket::trace
