#include "epcis_rest.hpp"

#include "epcis_rest_support.hpp"
#include "event_repository.hpp"
#include "lienket/contract.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

// GET /epcis: the top-level resources this node serves (TopLevelResourceCollection).
HttpRoute top_level(const Settings*) {
  return {"GET",
          "/epcis",
          "EPCIS 2.0 REST binding: the top-level resources.",
          {callers::kAdmin, callers::kParty},
          "",
          [](const HttpRequest& req) {
            if (auto no = rest::refuse(req)) return *no;
            return rest::answer(200, {{"@context", kDefaultContext},
                                      {"type", "Collection"},
                                      {"member",
                                       {"capture", "events", "eventTypes", "epcs", "bizSteps",
                                        "bizLocations", "readPoints", "dispositions", "queries"}}});
          }};
}

}  // namespace

std::vector<HttpRoute> epcis_rest_routes(const Settings* settings) {
  std::vector<HttpRoute> routes = {top_level(settings)};
  for (auto part :
       {rest::event_routes, rest::capture_routes, rest::query_routes, rest::list_routes})
    for (auto& r : part(settings)) routes.push_back(std::move(r));
  return routes;
}

}  // namespace lienket::trace
