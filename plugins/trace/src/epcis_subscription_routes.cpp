#include "epcis_subscription_routes.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include "epcis_rest_support.hpp"
#include "epcis_subscription.hpp"
#include "lienket/contract.hpp"
#include "lienket/time.hpp"

namespace lienket::trace::rest {
namespace {

using nlohmann::json;

const std::vector<std::string> kCallers = {callers::kAdmin, callers::kParty};
constexpr const char* kQueryKeys = "rest/query/";  // the named queries (epcis_rest_queries.cpp)
constexpr std::size_t kMaxPerQuery = 100;          // subscriptions of one named query

bool visible(const json& record, const HttpRequest& req) {
  return req.admin || record.value("owner", "") == req.as;
}

std::string header(const HttpRequest& req, const std::string& name) {
  auto it = req.headers.find(name);
  return it == req.headers.end() ? "" : it->second;
}

// A random (version 4) UUID: subscription IDs are not guessable nor reused.
std::string new_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("0123456789abcdef-") == std::string::npos;
}

bool valid_query_name(const std::string& n) {
  return !n.empty() && n.size() <= 100 && std::all_of(n.begin(), n.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// Reads the named query inside a work: not_found unless it exists and the caller may see it.
Status check_query(Context& cx, const std::string& name, bool admin, const std::string& as) {
  auto q = cx.store().get_json(kQueryKeys + name);
  if (!q.ok()) return q.status();
  if (!q->has_value() || !(admin || (**q).value("owner", "") == as))
    return Status::NotFound("no query named " + name);
  return Status::Ok();
}

HttpResponse not_found_query(const std::string& name) {
  return problem(404, "NoSuchNameException", "no query named " + name);
}

HttpResponse create(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  if (auto no = refuse_body(req)) return *no;
  const std::string& name = req.params.at("query_name");
  if (!valid_query_name(name)) return not_found_query(name);
  if (req.may_run)
    if (auto st = req.may_run("trace.events.query", true); !st.ok())
      return problem_of(st, "SubscriptionControlsException");
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return problem(400, "ValidationException",
                   "the body must be {\"dest\", \"signatureToken\"?, \"stream\": true or "
                   "\"schedule\": {...}, \"reportIfEmpty\"?, \"initialRecordTime\"?}");
  auto parsed = parse_subscription_request(body);
  if (!parsed.ok()) return problem_of(parsed.status(), "SubscriptionControlsException");
  json record = std::move(*parsed);
  record["subscriptionID"] = new_id();
  record["queryName"] = name;
  record["owner"] = req.admin ? "" : req.as;
  std::string format = header(req, "gs1-epc-format");
  record["epcFormat"] = format.empty() ? "Always_GS1_Digital_Link" : format;
  auto made = run(s, [record, admin = req.admin, as = req.as](Context& cx) mutable -> Result<json> {
    std::string name = record["queryName"];
    LIENKET_RETURN_IF_ERROR(check_query(cx, name, admin, as));
    std::size_t existing = 0;
    LIENKET_RETURN_IF_ERROR(cx.store().scan(
        subscriptions_of(name), "",
        [&](std::string_view, std::string_view) { return ++existing < kMaxPerQuery; }));
    if (existing >= kMaxPerQuery)
      return Status::FailedPrecondition("query " + name + " has " + std::to_string(kMaxPerQuery) +
                                        " subscriptions already, the most it may have");
    // Without initialRecordTime a subscription reports what is captured from now on.
    auto head = cx.store().get_json("#head");  // the repository's last seq
    if (!head.ok()) return head.status();
    std::int64_t head_seq = head->has_value() ? (**head).value("seq", std::int64_t{0}) : 0;
    record["cursor"] = record.contains("initialRecordTime") ? std::int64_t{0} : head_seq;
    record["createdMs"] = cx.now_ms();
    record["createdAt"] = format_time(cx.now_ms());
    if (record.contains("initialRecordTime")) record["minRecordTime"] = record["initialRecordTime"];
    record["delivery"] = {{"delivered", 0}, {"attempts", 0}, {"lastError", nullptr}};
    LIENKET_RETURN_IF_ERROR(cx.store().put_json(
        subscription_key(name, record["subscriptionID"].get<std::string>()), record));
    return record;
  });
  if (!made.ok()) return problem_of(made.status(), "SubscriptionControlsException");
  HttpResponse r = answer(201, public_subscription(*made));
  r.headers["Location"] =
      "/epcis/queries/" + name + "/subscriptions/" + (*made)["subscriptionID"].get<std::string>();
  return r;
}

HttpResponse list(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  const std::string& name = req.params.at("query_name");
  if (!valid_query_name(name)) return not_found_query(name);
  auto paging = paging_of(req);
  if (!paging.ok()) return problem_of(paging.status(), "QueryParameterException");
  const std::string after = paging->token;
  if (!after.empty() && !valid_id(after))
    return problem(400, "QueryParameterException", "nextPageToken is not a token this node gave");
  auto page = run(s, [name, after, per_page = paging->per_page, req](Context& cx) -> Result<json> {
    LIENKET_RETURN_IF_ERROR(check_query(cx, name, req.admin, req.as));
    return stored_page(
        cx.store(), subscriptions_of(name), after.empty() ? "" : subscription_key(name, after),
        per_page,
        [&](const json& sub) -> std::optional<json> {
          if (!visible(sub, req)) return std::nullopt;
          return public_subscription(sub);
        },
        "subscriptionID");
  });
  if (!page.ok()) return problem_of(page.status(), "QueryParameterException");
  return list_answer(s, req, *paging, *page);
}

// The subscription of the path when the caller may see it: its record, or not_found.
Result<json> find(const Settings& s, const HttpRequest& req, bool erase) {
  const std::string& name = req.params.at("query_name");
  const std::string& id = req.params.at("subscription_id");
  if (!valid_query_name(name)) return Status::NotFound("no query named " + name);
  if (!valid_id(id)) return Status::NotFound("no subscription " + id);
  return run(s, [name, id, erase, req](Context& cx) -> Result<json> {
    LIENKET_RETURN_IF_ERROR(check_query(cx, name, req.admin, req.as));
    std::string key = subscription_key(name, id);
    auto sub = cx.store().get_json(key);
    if (!sub.ok()) return sub.status();
    if (!sub->has_value() || !visible(**sub, req))
      return Status::NotFound("no subscription " + id + " of query " + name);
    if (erase) LIENKET_RETURN_IF_ERROR(cx.store().erase(key));
    return **sub;
  });
}

HttpResponse one(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  auto sub = find(s, req, false);
  if (!sub.ok()) return problem_of(sub.status(), "QueryParameterException");
  return answer(200, public_subscription(*sub));
}

HttpResponse drop(const Settings& s, const HttpRequest& req) {
  if (auto no = refuse(req)) return *no;
  auto sub = find(s, req, true);
  if (!sub.ok()) return problem_of(sub.status(), "QueryParameterException");
  HttpResponse r = answer(204, json::object());
  r.body.clear();
  return r;
}

}  // namespace

std::vector<HttpRoute> subscription_routes(const Settings* s) {
  auto route = [s](const char* method, const char* pattern, const char* summary,
                   HttpResponse (*h)(const Settings&, const HttpRequest&)) {
    return HttpRoute{method,   pattern, summary,
                     kCallers, "",      [s, h](const HttpRequest& req) { return h(*s, req); }};
  };
  const char* base = "/epcis/queries/{query_name}/subscriptions";
  const std::string one_path = std::string(base) + "/{subscription_id}";
  return {
      route("POST", base, "EPCIS 2.0: subscribes a webhook to a named query.", create),
      route("GET", base, "EPCIS 2.0: the caller's subscriptions to a named query, paged.", list),
      route("GET", one_path.c_str(), "EPCIS 2.0: one query subscription and its delivery state.",
            one),
      route("DELETE", one_path.c_str(), "EPCIS 2.0: removes a query subscription.", drop),
  };
}

}  // namespace lienket::trace::rest
