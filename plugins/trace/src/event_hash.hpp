// The EPCIS event hash ("ni:///sha-256;<hex>?ver=CBV2.0", CBV 2.0 section 8.9): a
// syntax-independent identity of an event. The event is flattened into a "pre-hash" string - its
// fields in the canonical property order, list items sorted, times in UTC to the millisecond, CBV
// values as web URIs, EPC URNs as canonical Digital Links, user extensions after the standard
// fields - and hashed with SHA-256. Follows the reference implementation
// RalphTro/epcis-event-hash-generator. eventID, recordTime and certificationInfo do not take part,
// so a stored event hashes to its own ID.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lienket::trace {

// `context` is the document's "@context" (a string, object or list), used to expand prefixed
// user-extension names ("example:myField" -> "http://ns.example.com/epcis/myField").
std::string event_prehash(const nlohmann::json& event, const nlohmann::json& context);
std::string event_hash_id(const nlohmann::json& event, const nlohmann::json& context);

// A timestamp as the hash writes it: UTC, milliseconds, "Z" ("2022-02-17T02:33:31.116Z"); the
// input unchanged when it is not an RFC 3339 date-time.
std::string utc_millis(const std::string& timestamp);

}  // namespace lienket::trace
