// The EPCIS event hash ("ni:///sha-256;<hex>?ver=CBV2.0", CBV 2.0 section 8.9): a
// syntax-independent identity of an event. The event is flattened into a "pre-hash" string - its
// fields in the canonical property order, list items sorted, times in UTC to the millisecond, CBV
// values as web URIs, EPC URIs and Digital Links as constrained canonical Digital Links
// (hash_identifier.hpp), extension names as "{namespace}local", extensions of readPoint,
// bizLocation and the sensor elements at the end of their parent, the event's other extensions
// after the standard fields - and hashed with SHA-256.
//
// It reproduces the reference implementation RalphTro/epcis-event-hash-generator on its test
// documents (tests/data/gs1/event-hash/, checked by event_hash_test.cpp). eventID, recordTime,
// errorDeclaration (so a corrected event keeps its original's ID) and comments do not take part;
// certificationInfo does. The input is the JSON-LD form of an event, so that an XML reader only
// has to produce that form to get the same hash.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lienket::trace {

// `context` is the document's "@context" (a string, object or list): its prefixes expand
// extension names and CURIE values ("example:myField" -> "{https://ns.example.com/epcis/}myField").
// The standard context's own prefixes (gs1, cbv, cbvmda, epcis, ...) are always known.
std::string event_prehash(const nlohmann::json& event, const nlohmann::json& context);
std::string event_hash_id(const nlohmann::json& event, const nlohmann::json& context);
// "ni:///sha-256;<sha256 of prehash>?ver=CBV2.0"
std::string hash_id_of_prehash(const std::string& prehash);

// The events of an EPCISDocument or EPCISQueryDocument (epcisBody.eventList,
// epcisBody.queryResults.resultsBody.eventList or a single epcisBody.event), each without the
// fields the document declares not part of its events (the reference's "ignoreFields": a
// document- or queryResults-level "<prefix>:ignoreFields" list of event field names, with which a
// repository marks what it added itself, such as its own hash). Empty for anything else.
std::vector<nlohmann::json> document_events(const nlohmann::json& document);

// A timestamp as the hash writes it: UTC, milliseconds, "Z" ("2022-02-17T02:33:31.116Z"); the
// input unchanged when it is not a date-time.
std::string utc_millis(const std::string& timestamp);

}  // namespace lienket::trace
