// The binding's event resources: GET /epcis/events (the standard query parameters, paged with
// perPage/nextPageToken and a Link header), GET and POST of one event, and the events of one
// event type, EPC, business step, location, read point or disposition.
#include <algorithm>
#include <cstdint>
#include <string>

#include "epcis_query_filter.hpp"
#include "epcis_rest.hpp"
#include "epcis_rest_support.hpp"
#include "epcis_xml.hpp"
#include "event_repository.hpp"
#include "lienket/contract.hpp"
#include "lienket/time.hpp"

namespace lienket::trace::rest {
namespace {

using nlohmann::json;

const std::vector<std::string> kCallers = {callers::kAdmin, callers::kParty};

json context_of(const json& result) {
  return result.contains("context") ? result["context"] : json::array({kDefaultContext});
}

// The query's result: the events in the GS1-EPC-Format asked, as an EPCISQueryDocument.
json query_document(const Settings& s, const HttpRequest& req, const json& result,
                    const std::string& query_name) {
  json list = json::array();
  EpcFormat format = epc_format(req);
  for (const auto& ev : result["events"]) list.push_back(with_epc_format(ev, format));
  return {
      {"@context", context_of(result)},
      {"type", "EPCISQueryDocument"},
      {"schemaVersion", "2.0"},
      {"creationDate", format_time(s.host ? s.host->clock().now_ms() : 0)},
      {"epcisBody",
       {{"queryResults", {{"queryName", query_name}, {"resultsBody", {{"eventList", list}}}}}}}};
}

}  // namespace

HttpResponse query_events(const Settings& s, const HttpRequest& req, const json& params,
                          const std::string& query_name) {
  if (auto no = refuse(req)) return *no;
  auto paging = paging_of(req);
  if (!paging.ok()) return problem_of(paging.status(), "QueryParameterException");
  json body{{"epcis", params}, {"limit", paging->per_page}};
  if (!paging->token.empty()) body["page_token"] = paging->token;
  if (auto ext = extensions_of(req); !ext.empty()) body["extensions"] = ext;
  auto result = read(s, req, "trace.events.query", body);
  if (!result.ok()) return problem_of(result.status(), "QueryParameterException");
  HttpResponse r = answer(200, query_document(s, req, *result, query_name));
  if (result->contains("next_page_token"))
    r.headers["Link"] = next_link(s, req, *paging, (*result)["next_page_token"]);
  return r;
}

namespace {

// The matching events (the path's own parameter added to the query's) as an EPCISQueryDocument.
HttpResponse query(const Settings& s, const HttpRequest& req, const json& from_path) {
  json params = json::object();
  for (const auto& [k, v] : req.query)
    if (k != "perPage" && k != "nextPageToken") params[k] = v;
  for (auto it = from_path.begin(); it != from_path.end(); ++it) params[it.key()] = *it;
  return query_events(s, req, params, "SimpleEventQuery");
}

// GET /epcis/events/{eventID}: an EPCISQueryDocument enclosing the event (with its error
// declaration, if any), as the binding says.
HttpResponse one_event(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  const std::string& id = req.params.at("event_id");
  json body{{"epcis", {{"EQ_eventID", json::array({id})}}}, {"limit", 1}};
  auto result = read(s, req, "trace.events.query", body);
  if (!result.ok()) return problem_of(result.status(), "QueryParameterException");
  if ((*result)["events"].empty())
    return problem(404, "NoSuchNameException", "no event " + id + " is stored here");
  (*result).erase("next_page_token");
  return answer(200, query_document(s, req, *result, "SimpleEventQuery"));
}

// The one event of an XML body: an EPCISDocument holding exactly one (the XSD has no root for a
// lone event), with its document's @context so its extensions keep their namespaces.
Result<json> xml_event(const std::string& xml) {
  auto doc = epcis_xml_to_json(xml);
  if (!doc.ok()) return doc.status();
  json list = (*doc)["epcisBody"].value("eventList", json::array());
  if ((*doc)["type"] != "EPCISDocument" || list.size() != 1)
    return Status::InvalidArgument("an XML body must be an EPCISDocument holding one event");
  json ev = list[0];
  ev["@context"] = (*doc)["@context"];
  return ev;
}

// POST /epcis/events: one event, captured at once (201 with its Location; 409 when stored).
HttpResponse post_event(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  if (auto no = refuse_body(req)) return *no;
  json ev;
  if (xml_body(req)) {
    auto one = xml_event(req.body);
    if (!one.ok()) return problem_of(one.status(), "ValidationException");
    ev = std::move(*one);
  } else {
    ev = json::parse(req.body, nullptr, false);
    if (ev.is_discarded() || !ev.is_object())
      return problem(400, "ValidationException", "the body must be one EPCIS event in JSON-LD");
  }
  auto result = capture_for(s, req, {{"event", ev}});
  if (!result.ok()) return problem_of(result.status(), "ValidationException");
  const json& one = (*result)["events"][0];
  std::string id = one.value("eventID", "");
  if (one.value("duplicate", false))
    return problem(409, "ResourceAlreadyExistsException", "event " + id + " is already stored");
  HttpResponse r = answer(201, json::object());
  r.headers["Location"] = "/epcis/events/" + url_encode(id);
  return r;
}

HttpRoute get(std::string pattern, std::string summary, HttpHandler h) {
  return {"GET", std::move(pattern), std::move(summary), kCallers, "", std::move(h)};
}

// The events of one value of a resource: /epcis/<resource>/{value}/events, and the resource
// itself, whose only sub-resource is its events.
void resource(std::vector<HttpRoute>& out, const Settings* s, const std::string& collection,
              const std::string& name, std::function<json(const std::string&)> to_query) {
  std::string base = "/epcis/" + collection + "/{value}";
  out.push_back(
      get(base, "EPCIS 2.0: one " + name + " (its sub-resources).", [](const HttpRequest& req) {
        if (auto no = refuse(req)) return *no;
        return answer(
            200, {{"@context", kDefaultContext}, {"type", "Collection"}, {"member", {"events"}}});
      }));
  out.push_back(get(base + "/events", "EPCIS 2.0: the events of one " + name + ", queried.",
                    [s, to_query](const HttpRequest& req) {
                      return query(*s, req, to_query(req.params.at("value")));
                    }));
}

json event_types() {
  return {{"@context", kDefaultContext},
          {"type", "Collection"},
          {"member",
           {"AggregationEvent", "AssociationEvent", "ObjectEvent", "TransactionEvent",
            "TransformationEvent"}}};
}

}  // namespace

std::vector<HttpRoute> event_routes(const Settings* s) {
  std::vector<HttpRoute> out = {
      get("/epcis/events", "EPCIS 2.0: events matching the standard query parameters, paged.",
          [s](const HttpRequest& req) { return query(*s, req, json::object()); }),
      get("/epcis/events/{event_id}", "EPCIS 2.0: one event by its eventID.",
          [s](const HttpRequest& req) { return one_event(*s, req); }),
      {"POST", "/epcis/events", "EPCIS 2.0: captures one event.", kCallers, "",
       [s](const HttpRequest& req) { return post_event(*s, req); }},
      get("/epcis/eventTypes", "EPCIS 2.0: the event types.",
          [](const HttpRequest& req) {
            if (auto no = refuse(req)) return *no;
            return answer(200, event_types());
          }),
  };
  auto list = [](const char* param) {
    return [param](const std::string& v) { return json{{param, json::array({v})}}; };
  };
  resource(out, s, "eventTypes", "eventType", list("eventType"));
  resource(out, s, "epcs", "epc", [](const std::string& v) {
    return json{{is_epc_class(v) ? "MATCH_anyEPCClass" : "MATCH_anyEPC", json::array({v})}};
  });
  resource(out, s, "bizSteps", "bizStep", list("EQ_bizStep"));
  resource(out, s, "bizLocations", "bizLocation", list("EQ_bizLocation"));
  resource(out, s, "readPoints", "readPoint", list("EQ_readPoint"));
  resource(out, s, "dispositions", "disposition", list("EQ_disposition"));
  return out;
}

}  // namespace lienket::trace::rest
