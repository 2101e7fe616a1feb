// trace.event.hash: the EPCIS event hash (event_hash.hpp) as a message, so that another system can
// check its own implementation against the node's, or learn an event's ID before capturing it.
// Given one event (`event`, hashed under its own "@context" or the standard's) or a document
// (`document`: an EPCISDocument or EPCISQueryDocument, under its "@context", without the fields it
// declares ignoreFields) or a document in XML (`xml`, read as epcis_xml.hpp reads it), it answers
// each event's canonical pre-hash string and hash, in order. It validates nothing and stores
// nothing: the hash is defined for any JSON-LD event.
#pragma once

#include <nlohmann/json.hpp>

#include "lienket/contract.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

schema::Schema event_hash_body();
schema::Schema event_hash_result();
Result<nlohmann::json> handle_event_hash(const Request& req, Context& cx);

}  // namespace lienket::trace
