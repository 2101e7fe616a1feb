// The shapes of the offtake plugin's records and events as schemas (lienket/schema.hpp), for its
// declared contract (contract.cpp). The records and event data are those of the typed structs in
// include/lienket/offtake/events.hpp; the contract test checks what the plugin really sends
// against these.
#pragma once

#include <vector>

#include "lienket/contract.hpp"
#include "lienket/schema.hpp"

namespace lienket::offtake::schemas {

schema::Schema unit();   // "g" | "ml" | "piece"
schema::Schema place();  // {province, lat, lon}
schema::Schema grade();  // a quality grade as people write it: "loại 1", "W320"
schema::Schema terms();  // a purchase contract's terms (contract_terms.hpp)
schema::Schema contract_record();
schema::Schema offer_record();
schema::Schema proposal_record();
schema::Schema consumption_record();
schema::Schema report();  // the result of offtake.report

// Every event type the plugin emits, with its data.
std::vector<EventSpec> events();

}  // namespace lienket::offtake::schemas
