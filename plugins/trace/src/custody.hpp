// Who may record EPCIS events about a lot: the parties with custody of it. The first party to
// record an event about an identifier takes custody of it (a cooperative's harvest, recorded from
// the farming plugin's event, gives it to that cooperative); a delivery recorded by offtake adds
// the buyer. Any other party naming the identifier in what an event acts on (epcList, parentID,
// childEPCs, inputs, outputs) is refused with permission_denied, and nothing is stored.
// An admin (no acting party) records without custody, for corrections and imports.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/store.hpp"

namespace lienket::trace {

// Checks `party`'s custody of every identifier `event` acts on; claims those nobody holds yet.
Status check_and_claim_custody(Store& store, const nlohmann::json& event, const std::string& party,
                               const std::string& field);
// Gives `party` custody of every identifier `event` acts on (bus events: harvests, deliveries).
Status grant_custody(Store& store, const nlohmann::json& event, const std::string& party);

}  // namespace lienket::trace
