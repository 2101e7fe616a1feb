// trace.digital_link.parse: the node's one Digital Link parser (digital_link.hpp) and its EPC URN
// translation (gs1_keys.hpp), as a message. Given a URI (`uri`), an EPC URN (`urn`) or a bracketed
// element string (`elements`), it answers the AI elements, the GS1 element string, the Digital Link
// written canonically (on `stem` when one is given), the identifier the node indexes, and the EPC
// URN when the key has one; or invalid_argument naming body.uri / body.urn / body.elements and
// saying why. `options` switch the parser's leniencies (default: how the node reads identifiers).
#pragma once

#include <nlohmann/json.hpp>

#include "lienket/contract.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

schema::Schema digital_link_parse_body();
schema::Schema digital_link_parse_result();
Result<nlohmann::json> handle_digital_link_parse(const Request& req, Context& cx);

}  // namespace lienket::trace
