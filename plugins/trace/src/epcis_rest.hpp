// The EPCIS 2.0 REST binding (GS1's OpenAPI "EPCIS 2.0 REST Bindings" 2.0.0), served under /epcis
// on the node's HTTP server as routes of this plugin; docs/epcis-rest.md lists what it supports.
// Every route needs an API token or a session (anonymous callers get 401), runs the plugin's
// messages for the caller through the node's request queue (trace.events.query for reads,
// trace.event.capture for captures, with their authorisation and custody rules) and answers in
// JSON-LD with the GS1-EPCIS-Version, GS1-CBV-Version and GS1-Extensions headers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "handlers.hpp"
#include "lienket/http.hpp"

namespace lienket::trace {

// `settings` outlives the routes; its host is read at each request.
std::vector<HttpRoute> epcis_rest_routes(const Settings* settings);

namespace rest {
// The routes of each part of the binding (epcis_rest_events.cpp, epcis_rest_capture.cpp,
// epcis_rest_queries.cpp, epcis_rest_lists.cpp).
std::vector<HttpRoute> event_routes(const Settings* settings);
std::vector<HttpRoute> capture_routes(const Settings* settings);
std::vector<HttpRoute> query_routes(const Settings* settings);
std::vector<HttpRoute> list_routes(const Settings* settings);
// The events matching `params` (the standard query parameters), one page of them as the
// request's perPage and nextPageToken say, as an EPCISQueryDocument named `query_name`, with the
// Link to the next page.
HttpResponse query_events(const Settings& s, const HttpRequest& req, const nlohmann::json& params,
                          const std::string& query_name);
}  // namespace rest

}  // namespace lienket::trace
