#include "epcis_rest.hpp"

#include <map>
#include <string>

#include "contract.hpp"
#include "epcis_rest_support.hpp"
#include "epcis_subscription_routes.hpp"
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

// OPTIONS on a path of the binding: its methods and what the node speaks (204, no body).
HttpRoute options(const std::string& pattern, const std::string& allow) {
  return {"OPTIONS",
          pattern,
          "EPCIS 2.0: the methods and versions of " + pattern + ".",
          {callers::kAdmin, callers::kParty},
          "",
          [allow](const HttpRequest&) {
            HttpResponse r = rest::answer(204, json::object());
            r.body.clear();
            r.headers["Allow"] = allow;
            r.headers["GS1-EPCIS-Min"] = rest::kEpcisVersion;
            r.headers["GS1-EPCIS-Max"] = rest::kEpcisVersion;
            r.headers["GS1-CBV-Min"] = rest::kCbvVersion;
            r.headers["GS1-CBV-Max"] = rest::kCbvVersion;
            r.headers["GS1-CBV-XML-Format"] = "No_Preference, Always_Web_URI, Always_URN";
            r.headers["GS1-EPC-Format"] =
                "No_Preference, Always_GS1_Digital_Link, Always_EPC_URN, Never_Translates";
            r.headers["GS1-Vendor-Version"] = std::string("lienket-trace ") + kPluginVersion;
            return r;
          }};
}

// Every path of the binding answers OPTIONS with the methods it serves.
void add_options(std::vector<HttpRoute>& routes) {
  std::map<std::string, std::string> allow;
  for (const auto& r : routes) {
    auto& a = allow[r.pattern];
    a += (a.empty() ? "OPTIONS, " : ", ") + r.method;
  }
  for (const auto& [pattern, methods] : allow) routes.push_back(options(pattern, methods));
}

// Every answer in the media the client prefers (JSON-LD, or XML for documents, capture jobs and
// problems): one place, so no route can forget it.
void speak_xml_too(std::vector<HttpRoute>& routes) {
  for (auto& r : routes)
    r.handler = [h = std::move(r.handler)](const HttpRequest& req) {
      return rest::in_media(req, h(req));
    };
}

}  // namespace

std::vector<HttpRoute> epcis_rest_routes(const Settings* settings) {
  std::vector<HttpRoute> routes = {top_level(settings)};
  for (auto part : {rest::event_routes, rest::capture_routes, rest::query_routes,
                    rest::subscription_routes, rest::list_routes})
    for (auto& r : part(settings)) routes.push_back(std::move(r));
  add_options(routes);
  speak_xml_too(routes);
  return routes;
}

}  // namespace lienket::trace
