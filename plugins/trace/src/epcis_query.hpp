// trace.events.query in its EPCIS form: with an `epcis` member (the standard's query parameters,
// epcis_query_filter.hpp) the query follows EPCIS 2.0 (section 8.2.7.1) rather than the node's
// own filters: every parameter is evaluated on the node, inside the paging, so a page is never
// filtered after it was cut. Body: {"epcis": {...}, "limit"?: 1-1000 (default 30),
// "page_token"?: string}. Result: {"events": [...], "next_page_token"?: string}.
//
// Paging is by key, not by offset: without orderBy a token is the last record's seq; with
// orderBy eventTime/recordTime it is the last event's (time, seq), and the next page starts
// strictly after it in that order. So paging to the end gives every match once, with no gap,
// even while events are captured meanwhile (new ones may appear on later pages).
#pragma once

#include <nlohmann/json.hpp>

#include "epcis_query_filter.hpp"
#include "lienket/context.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

// The EPCIS form of trace.events.query. Errors: invalid_argument naming `body.epcis.<param>` (an
// unknown, unsupported or malformed parameter), `body.page_token`; too_large when maxEventCount
// is exceeded.
Result<nlohmann::json> handle_epcis_query(const Request& req, Context& cx);

// Turns a filter's WD_readPoint / WD_bizLocation into location tests: the ids named and their
// descendants in the master data (master_data.hpp). Whoever runs a parsed filter calls it first.
Status resolve_within(EpcisFilter& filter, Context& cx);

}  // namespace lienket::trace
