// The JSON Schemas of the farming plugin's records, as its results and its events carry them. They
// describe the same fields as the structs of lienket/farming/events.hpp (tests/events_test.cpp
// checks each struct against its schema); contract.cpp composes them into message and event specs.
#pragma once

#include "lienket/schema.hpp"

namespace lienket::farming::schemas {

schema::Schema point();
schema::Schema polygon();
schema::Schema plot_location();  // a plot's point and, when known, its outline
schema::Schema unit();           // a product unit: g, ml, piece
schema::Schema period();
schema::Schema certification();
schema::Schema price_terms();     // also the body's "price": exactly what the decoder accepts
schema::Schema quality_terms();   // also the body's "quality"
schema::Schema interest_terms();  // also the body's "advance_interest"
schema::Schema penalty_terms();   // also the body's "penalties"
schema::Schema plot();
schema::Schema agreement();
schema::Schema agreement_head();
schema::Schema market_price();
schema::Schema advance();
schema::Schema diary_entry();
schema::Schema harvest();
schema::Schema settlement_totals();
schema::Schema settlement();
schema::Schema payment();
schema::Schema carried_debt();
schema::Schema member();
schema::Schema alert();
schema::Schema waiting();  // a plot behind only because a pre-harvest interval still runs

}  // namespace lienket::farming::schemas
