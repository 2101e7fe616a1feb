// The public trace page, a route on the node's HTTP server (PluginInfo::routes):
//   GET /01/{gtin}/10/{lot}   HTML for phones, in Vietnamese or English (?lang=vi|en, else the
//                             Accept-Language header, else Vietnamese); JSON with "Accept:
//                             application/json" or ?linkType=gs1:traceability; an unknown lot or an
//                             address that is no lot's Digital Link: a 404 page in the same style
//                             and language. The address is read by the Digital Link parser
//                             (digital_link.hpp, kNodeReading): a GTIN-13, "+" or "%2B" in the lot
//                             find the same lot as the canonical spelling.
// It never touches the store: the page is fetched with HostContext::submit({type:
// "trace.page.get"}), which runs on the node's thread like any client request.
#pragma once

#include "handlers.hpp"
#include "lienket/http.hpp"

namespace lienket::trace {

// `settings` outlives the route; its host and tiles are read at each request (configure() fills
// them in after the node reads the routes).
HttpRoute page_route(const Settings* settings);

}  // namespace lienket::trace
