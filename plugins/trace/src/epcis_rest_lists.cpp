// The binding's top-level lists: GET /epcis/epcs, /epcis/bizSteps, /epcis/bizLocations,
// /epcis/readPoints and /epcis/dispositions, each the distinct values the stored events name
// (EPCs and classes compared in canonical form), sorted, paged with perPage/nextPageToken (the
// last value of the page) and a Link rel="next". Computed from the events at each request.
#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "epcis_rest.hpp"
#include "epcis_rest_support.hpp"
#include "event_repository.hpp"
#include "gs1_keys.hpp"
#include "lienket/contract.hpp"

namespace lienket::trace::rest {
namespace {

using nlohmann::json;
// Values by the key they sort and compare by (canonical for identifiers), each in the spelling it
// was first captured in.
using Values = std::map<std::string, std::string>;
using Collect = std::function<void(const json& event, Values& out)>;

void add(Values& out, const std::string& raw, bool identifier) {
  out.emplace(identifier ? canonical_identifier(raw) : raw, raw);
}

void strings_of(const json& ev, const char* key, Values& out) {
  if (ev.contains(key) && ev[key].is_string()) add(out, ev[key].get<std::string>(), false);
}

void location_of(const json& ev, const char* key, Values& out) {
  if (ev.contains(key) && ev[key].is_object() && ev[key].contains("id") &&
      ev[key]["id"].is_string())
    add(out, ev[key]["id"].get<std::string>(), true);
}

void epcs_of(const json& ev, Values& out) {
  for (const char* l : {"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
    if (ev.contains(l) && ev[l].is_array())
      for (const auto& v : ev[l])
        if (v.is_string()) add(out, v.get<std::string>(), true);
  for (const char* l :
       {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"})
    if (ev.contains(l) && ev[l].is_array())
      for (const auto& q : ev[l])
        if (q.is_object() && q.contains("epcClass") && q["epcClass"].is_string())
          add(out, q["epcClass"].get<std::string>(), true);
  if (ev.contains("parentID") && ev["parentID"].is_string())
    add(out, ev["parentID"].get<std::string>(), true);
}

HttpResponse list(const Settings& s, const HttpRequest& req, Collect collect, bool identifiers) {
  if (auto no = refuse(req)) return *no;
  auto paging = paging_of(req);
  if (!paging.ok()) return problem_of(paging.status(), "QueryParameterException");
  for (const auto& [k, v] : req.query)
    if (k != "perPage" && k != "nextPageToken")
      return problem(400, "QueryParameterException", k + " is not a parameter of this list");
  std::string after = paging->token;
  std::int64_t n = paging->per_page;
  auto page = run(s, [collect, after, n](Context& cx) -> Result<json> {
    Values all;
    EventRepository repo(cx.store());
    auto st = repo.scan(0, [&](const json& rec) {
      if (rec.contains("event")) collect(rec["event"], all);
      return true;
    });
    if (!st.ok()) return st;
    json member = json::array();
    std::string next;
    for (auto it = after.empty() ? all.begin() : all.upper_bound(after); it != all.end(); ++it) {
      if (static_cast<std::int64_t>(member.size()) == n) {
        next = std::prev(it)->first;
        break;
      }
      member.push_back(it->second);
    }
    return json{{"member", member}, {"next", next}};
  });
  if (!page.ok()) return problem_of(page.status(), "ImplementationException");
  json member = (*page)["member"];
  if (identifiers) member = with_epc_format(json{{"epcList", member}}, epc_format(req))["epcList"];
  HttpResponse r =
      answer(200, {{"@context", kDefaultContext}, {"type", "Collection"}, {"member", member}});
  std::string next = (*page)["next"];
  if (!next.empty()) r.headers["Link"] = next_link(s, req, *paging, next);
  return r;
}

}  // namespace

std::vector<HttpRoute> list_routes(const Settings* s) {
  const std::vector<std::string> callers = {callers::kAdmin, callers::kParty};
  auto route = [s, callers](const std::string& collection, Collect collect, bool identifiers) {
    return HttpRoute{"GET",
                     "/epcis/" + collection,
                     "EPCIS 2.0: the " + collection + " the stored events name, paged.",
                     callers,
                     "",
                     [s, collect, identifiers](const HttpRequest& req) {
                       return list(*s, req, collect, identifiers);
                     }};
  };
  return {
      route("epcs", epcs_of, true),
      route(
          "bizSteps", [](const json& ev, Values& out) { strings_of(ev, "bizStep", out); }, false),
      route(
          "dispositions", [](const json& ev, Values& out) { strings_of(ev, "disposition", out); },
          false),
      route(
          "bizLocations", [](const json& ev, Values& out) { location_of(ev, "bizLocation", out); },
          false),
      route(
          "readPoints", [](const json& ev, Values& out) { location_of(ev, "readPoint", out); },
          false),
  };
}

}  // namespace lienket::trace::rest
