// The public trace page, a route on the node's HTTP server (PluginInfo::routes):
//   GET /01/{gtin}/10/{lot}   HTML for phones; JSON with "Accept: application/json" or
//                             ?linkType=gs1:traceability; an unknown lot or a malformed GTIN: a
//                             404 page.
// It never touches the store: the page is fetched with HostContext::submit({type:
// "trace.page.get"}), which runs on the node's thread like any client request.
#pragma once

#include "lienket/context.hpp"
#include "lienket/http.hpp"

namespace lienket::trace {

HttpRoute page_route(HostContext* const* host);

}  // namespace lienket::trace
