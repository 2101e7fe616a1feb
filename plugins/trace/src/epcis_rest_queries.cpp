// The binding's named queries: POST /epcis/queries {"name", "query"} keeps a query (its standard
// parameters, checked when it is made), GET /epcis/queries lists them, GET and DELETE
// /epcis/queries/{query_name} read and remove one, and GET /epcis/queries/{query_name}/events runs
// it, paged like GET /epcis/events. A query belongs to the party that made it (the admin sees
// every one); names are unique on the node. Kept in the plugin's store, so they survive a
// restart:
//   rest/query/<name>   {"name","query","owner","createdAt"}
#include <algorithm>
#include <cctype>
#include <string>

#include "epcis_query_filter.hpp"
#include "epcis_rest.hpp"
#include "epcis_rest_support.hpp"
#include "epcis_subscription.hpp"
#include "lienket/contract.hpp"
#include "lienket/time.hpp"

namespace lienket::trace::rest {
namespace {

using nlohmann::json;

const std::vector<std::string> kCallers = {callers::kAdmin, callers::kParty};
constexpr const char* kQueries = "rest/query/";

bool valid_name(const std::string& n) {
  if (n.empty() || n.size() > 100) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool visible(const json& q, bool admin, const std::string& as) {
  return admin || q.value("owner", "") == as;
}

json public_query(const json& q) { return {{"name", q["name"]}, {"query", q["query"]}}; }

// The stored query `name` when the caller may see it, null otherwise.
Result<json> find(const Settings& s, const HttpRequest& req, const std::string& name) {
  if (!valid_name(name)) return json();
  auto q = run(s, [key = kQueries + name](Context& cx) -> Result<json> {
    auto j = cx.store().get_json(key);
    if (!j.ok()) return j.status();
    return j->has_value() ? **j : json();
  });
  if (!q.ok()) return q.status();
  if (q->is_null() || !visible(*q, req.admin, req.as)) return json();
  return q;
}

HttpResponse create(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  if (auto no = refuse_body(req)) return *no;
  json def = json::parse(req.body, nullptr, false);
  if (def.is_discarded() || !def.is_object() || !def.contains("name") || !def["name"].is_string() ||
      !def.contains("query") || !def["query"].is_object())
    return problem(400, "QueryParameterException",
                   "the body must be {\"name\": string, \"query\": {standard query parameters}}");
  std::string name = def["name"];
  if (!valid_name(name))
    return problem(400, "QueryParameterException",
                   "name must be 1-100 letters, digits, '-', '_' or '.'");
  if (auto f = parse_epcis_filter(def["query"], "query"); !f.ok())
    return problem_of(f.status(), "QueryParameterException");
  if (req.may_run)
    if (auto st = req.may_run("trace.events.query", true); !st.ok())
      return problem_of(st, "QueryParameterException");
  json record{{"name", name}, {"query", def["query"]}, {"owner", req.admin ? "" : req.as}};
  auto made = run(s, [record](Context& cx) mutable -> Result<json> {
    std::string key = kQueries + record["name"].get<std::string>();
    auto existing = cx.store().get(key);
    if (!existing.ok()) return existing.status();
    if (existing->has_value())
      return Status::AlreadyExists("a query named " + record["name"].get<std::string>() +
                                   " already exists");
    record["createdAt"] = format_time(cx.now_ms());
    LIENKET_RETURN_IF_ERROR(cx.store().put_json(key, record));
    return record;
  });
  if (!made.ok()) return problem_of(made.status(), "QueryParameterException");
  HttpResponse r = answer(201, public_query(*made));
  r.headers["Location"] = "/epcis/queries/" + name;
  return r;
}

HttpResponse list(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  auto paging = paging_of(req);
  if (!paging.ok()) return problem_of(paging.status(), "QueryParameterException");
  const std::string after = paging->token;
  if (!after.empty() && !valid_name(after))
    return problem(400, "QueryParameterException", "nextPageToken is not a token this node gave");
  auto page = run(s,
                  [after, per_page = paging->per_page, admin = req.admin,
                   as = req.as](Context& cx) -> Result<json> {
                    return stored_page(
                        cx.store(), kQueries, after.empty() ? "" : kQueries + after, per_page,
                        [&](const json& q) -> std::optional<json> {
                          if (!visible(q, admin, as)) return std::nullopt;
                          return public_query(q);
                        },
                        "name");
                  });
  if (!page.ok()) return problem_of(page.status(), "ImplementationException");
  return list_answer(s, req, *paging, *page);
}

HttpResponse one(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  const std::string& name = req.params.at("query_name");
  auto q = find(s, req, name);
  if (!q.ok()) return problem_of(q.status(), "ImplementationException");
  if (q->is_null()) return problem(404, "NoSuchNameException", "no query named " + name);
  return answer(200, public_query(*q));
}

HttpResponse drop(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  const std::string& name = req.params.at("query_name");
  auto q = find(s, req, name);
  if (!q.ok()) return problem_of(q.status(), "ImplementationException");
  if (q->is_null()) return problem(404, "NoSuchNameException", "no query named " + name);
  auto gone = run(s, [name](Context& cx) -> Result<json> {
    LIENKET_RETURN_IF_ERROR(cx.store().erase(kQueries + name));
    LIENKET_RETURN_IF_ERROR(erase_subscriptions(cx.store(), name));  // the OpenAPI says so
    return json::object();
  });
  if (!gone.ok()) return problem_of(gone.status(), "ImplementationException");
  HttpResponse r = answer(204, json::object());
  r.body.clear();
  return r;
}

HttpResponse events(const Settings& s, const HttpRequest& req) {
  const std::string& name = req.params.at("query_name");
  // A WebSocket stream of the query is not served (no WebSocket server): say so rather than
  // answer one page as if it were the stream.
  if (req.query.count("stream") || req.headers.count("upgrade"))
    return problem(400, "QueryParameterException",
                   "streaming a query over WebSocket is not served here; subscribe with a "
                   "webhook (POST /epcis/queries/" +
                       name + "/subscriptions with \"stream\": true)");
  auto q = find(s, req, name);
  if (!q.ok()) return problem_of(q.status(), "ImplementationException");
  if (q->is_null()) return problem(404, "NoSuchNameException", "no query named " + name);
  return query_events(s, req, (*q)["query"], name);
}

}  // namespace

std::vector<HttpRoute> query_routes(const Settings* s) {
  auto route = [s](const char* method, const char* pattern, const char* summary,
                   HttpResponse (*h)(const Settings&, const HttpRequest&)) {
    return HttpRoute{method,   pattern, summary,
                     kCallers, "",      [s, h](const HttpRequest& req) { return h(*s, req); }};
  };
  return {
      route("POST", "/epcis/queries", "EPCIS 2.0: keeps a named query.", create),
      route("GET", "/epcis/queries", "EPCIS 2.0: the caller's named queries, paged.", list),
      route("GET", "/epcis/queries/{query_name}", "EPCIS 2.0: one named query.", one),
      route("DELETE", "/epcis/queries/{query_name}", "EPCIS 2.0: removes a named query.", drop),
      route("GET", "/epcis/queries/{query_name}/events", "EPCIS 2.0: runs a named query, paged.",
            events),
  };
}

}  // namespace lienket::trace::rest
