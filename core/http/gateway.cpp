#include "gateway.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "../api_tokens.hpp"
#include "../logger.hpp"
#include "event_feed.hpp"
#include "lienket/util/http_listener.hpp"
#include "lienket/util/static_files.hpp"
#include "openapi.hpp"
#include "problem.hpp"
#include "rate_limiter.hpp"
#include "route_pattern.hpp"
#include "session_desk.hpp"

namespace lienket::core::http {

namespace {

using nlohmann::json;

constexpr int kKeepAliveMs = 15000;
constexpr int kEventPage = 500;

// Who is calling, from the credentials (never from the body).
struct Caller {
  std::string as;
  bool admin = false;
  std::optional<TokenGrant> token;
  std::optional<Session> session;
  std::string address;
  std::string key() const {
    return token ? "token:" + token->id : session ? "user:" + session->login : "addr:" + address;
  }
};

bool is_json(const std::string& content_type) {
  auto semi = content_type.find(';');
  std::string base = content_type.substr(0, semi);
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (auto& c : base) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return base == "application/json";
}

bool is_loopback_address(const std::string& a) {
  return a.rfind("127.", 0) == 0 || a == "::1" || a.rfind("::ffff:127.", 0) == 0;
}

// A value from a query string or a path, typed by the body schema's member.
Result<json> typed(const std::string& name, const std::string& text, const json& body_schema,
                   const std::string& where) {
  json member = body_schema.contains("properties") && body_schema["properties"].contains(name)
                    ? body_schema["properties"][name]
                    : json::object();
  json type = member.value("type", json("string"));
  auto is = [&](const char* t) {
    return type == t || (type.is_array() && std::find(type.begin(), type.end(), t) != type.end());
  };
  auto bad = [&](const char* what) {
    return Status::InvalidArgument(name + " must be " + what, where + "." + name);
  };
  if (is("integer")) {
    try {
      std::size_t used = 0;
      long long v = std::stoll(text, &used);
      if (used != text.size()) return bad("an integer");
      return json(v);
    } catch (...) {
      return bad("an integer");
    }
  }
  if (is("boolean")) {
    if (text == "true") return json(true);
    if (text == "false") return json(false);
    return bad("true or false");
  }
  if (is("number")) {
    try {
      std::size_t used = 0;
      double v = std::stod(text, &used);
      if (used != text.size()) return bad("a number");
      return json(v);
    } catch (...) {
      return bad("a number");
    }
  }
  if (is("array")) {
    json items = json::array();
    std::size_t start = 0;
    while (start <= text.size()) {
      auto comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      items.push_back(text.substr(start, comma - start));
      start = comma + 1;
    }
    return items;
  }
  return json(text);
}

// The path as sent, still percent-encoded: cpp-httplib's req.path is decoded already, and a
// decoded "%2F" in a lot would split it into two segments (and "%25" would decode twice).
std::string raw_path(const httplib::Request& req) {
  return req.target.substr(0, req.target.find('?'));
}

HttpResponse json_response(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

}  // namespace

// A plugin's route, its pattern parsed and (for a resource-style read) its message found.
struct PluginRoute {
  std::string plugin;
  const HttpRoute* route;
  RoutePattern pattern;
  const MessageSpec* spec;  // null for a handler route
};

struct Gateway::Impl {
  GatewayParts parts;
  std::unique_ptr<util::HttpListener> listener;
  RateLimiter limiter;
  EventFeed feed;
  json openapi;
  std::string openapi_text;
  std::atomic<std::uint64_t> next_id{1};
  std::atomic<bool> routes_open{false};
  std::unique_ptr<SessionDesk> desk;
  std::vector<PluginRoute> routes;  // every plugin's, parsed once (contracts do not change)
  bool tls = false;

  // Debian's packaged browser libraries, versioned by the package: cached for a day.
  util::StaticFiles vendor;

  explicit Impl(GatewayParts p)
      : parts(std::move(p)),
        limiter(parts.config.rate_per_second),
        vendor(parts.config.vendor_dir, "public, max-age=86400") {}

  void audit(const std::string& what, const std::string& address, const std::string& reason) {
    parts.log->warn("{}", structured(json{{"event", "auth_refused"},
                                          {"via", "http"},
                                          {"what", what},
                                          {"address", address},
                                          {"reason", reason}}));
  }

  Result<Caller> authenticate(const httplib::Request& req);
  Result<json> call(const Caller& c, const std::string& type, json body,
                    const std::string& idempotency_key, const std::string& id);
  HttpResponse serve(const httplib::Request& req, httplib::Response& res, const std::string& id);
  HttpResponse post_message(const httplib::Request& req, const Caller& c, const std::string& type,
                            const std::string& id);
  std::optional<HttpResponse> plugin_route(const httplib::Request& req, const Caller& c,
                                           const std::string& id, bool& method_mismatch);
  HttpResponse message_read(const httplib::Request& req, const Caller& c, const PluginRoute& r,
                            const std::map<std::string, std::string>& params,
                            const std::string& id);
  HttpResponse handler_call(const httplib::Request& req, const Caller& c, const PluginRoute& r,
                            std::map<std::string, std::string> params, const std::string& id);
  HttpResponse answer(const Caller& c, const std::string& type, json body,
                      const std::string& idempotency_key, const std::string& id);
  Status check_callers(const std::vector<std::string>& callers, const Caller& c);
  HttpResponse metrics(const Caller& c, const std::string& id);
  HttpResponse session_route(const httplib::Request& req, const Caller& c, const std::string& id);
  HttpResponse readyz(const std::string& id);
  HttpResponse vendor_file(const httplib::Request& req, const std::string& raw_name);
  void stream_events(const httplib::Request& req, httplib::Response& res, const Caller& c);
  void install();
};

Result<Caller> Gateway::Impl::authenticate(const httplib::Request& req) {
  Caller c;
  c.address = req.remote_addr;
  auto header = req.get_header_value("Authorization");
  if (header.empty()) {
    // A cookie that no longer works is ignored: public pages stay reachable with a stale one.
    if (auto s = desk->authenticate(req.get_header_value("Cookie"))) {
      c.session = *s;
      c.as = s->party;
      c.admin = s->admin;
    }
    return c;
  }
  if (header.rfind("Bearer ", 0) != 0)
    return Status::Unauthenticated("Authorization must be \"Bearer <token>\"", "authorization");
  auto grant = find_token(*parts.db, parts.tokens, header.substr(7), parts.clock->now_ms());
  if (!grant.ok()) return grant.status();
  c.token = *grant;
  c.as = grant->party;
  c.admin = grant->admin;
  return c;
}

// Runs one message through the node's loop and waits for its durable reply.
Result<json> Gateway::Impl::call(const Caller& c, const std::string& type, json body,
                                 const std::string& idempotency_key, const std::string& id) {
  Request r;
  r.id = id;
  r.type = type;
  r.as = c.as;
  r.admin = c.admin;
  r.idempotency_key = idempotency_key;
  r.body = std::move(body);
  auto reply = parts.queue->push(std::move(r), "http");
  if (reply.wait_for(std::chrono::milliseconds(parts.config.timeout_ms)) !=
      std::future_status::ready)
    return Status::Unavailable(
        "the node did not answer in time; retry with the same Idempotency-Key");
  return reply.get();
}

Status Gateway::Impl::check_callers(const std::vector<std::string>& callers, const Caller& c) {
  auto names = [&](std::string_view who) {
    return std::find(callers.begin(), callers.end(), who) != callers.end();
  };
  if (names(callers::kAnyone)) return Status::Ok();
  if (c.admin) {
    if (names(callers::kAdmin)) return Status::Ok();
    return Status::PermissionDenied("an admin token does not act for a party here", "as");
  }
  if (c.as.empty())
    return Status::Unauthenticated("this route needs an API token (Authorization: Bearer)",
                                   "authorization");
  if (names(callers::kParty)) return Status::Ok();
  std::string record;
  if (!parts.db->Get(rocksdb::ReadOptions(), parts.registry, "party/" + c.as, &record).ok())
    return Status::Unauthenticated("party " + c.as + " is not registered", "as");
  auto kind = json::parse(record, nullptr, false).value("kind", "");
  if (names(kind)) return Status::Ok();
  return Status::PermissionDenied("this route is not open to a " + kind, "as");
}

HttpResponse Gateway::Impl::post_message(const httplib::Request& req, const Caller& c,
                                         const std::string& type, const std::string& id) {
  auto route = parts.host->route(type);
  if (!route.plugin) return problem(Status::UnknownType("unknown message type " + type), id);
  if (!req.body.empty() && !is_json(req.get_header_value("Content-Type")))
    return problem(415, "unsupported_media_type", "the body must be application/json", id);
  json body = req.body.empty() ? json::object() : json::parse(req.body, nullptr, false);
  if (body.is_discarded())
    return problem(Status::InvalidArgument("the body is not JSON (or not UTF-8)", "body"), id);
  if (!body.is_object())
    return problem(Status::InvalidArgument("the body must be a JSON object", "body"), id);
  if (c.token)
    if (auto st = token_allows(*c.token, type, route.spec->read_only); !st.ok())
      return problem(st, id);
  if (c.session)
    if (auto st = role_allows(c.session->role, type, route.spec->read_only); !st.ok())
      return problem(st, id);
  auto key = req.get_header_value("Idempotency-Key");
  if (key.size() > 128)
    return problem(Status::InvalidArgument("is longer than 128 bytes", "idempotency_key"), id);
  return answer(c, type, std::move(body), key, id);
}

// The node's reply as HTTP: the result with 200, or problem details.
HttpResponse Gateway::Impl::answer(const Caller& c, const std::string& type, json body,
                                   const std::string& idempotency_key, const std::string& id) {
  auto reply = call(c, type, std::move(body), idempotency_key, id);
  if (!reply.ok()) return problem(reply.status(), id);
  if (!reply->value("ok", false)) return problem(status_of_reply(*reply), id);
  return json_response(200, (*reply)["result"]);
}

// A resource-style read: the {name} segments and the query become the message's body.
HttpResponse Gateway::Impl::message_read(const httplib::Request& req, const Caller& c,
                                         const PluginRoute& r,
                                         const std::map<std::string, std::string>& params,
                                         const std::string& id) {
  const json& schema = r.spec->body.json();
  json body = json::object();
  for (const auto& [name, value] : params) {
    auto v = typed(name, value, schema, "path");
    if (!v.ok()) return problem(v.status(), id);
    body[name] = *v;
  }
  for (const auto& [name, value] : req.params) {
    if (body.contains(name)) continue;
    auto v = typed(name, value, schema, "query");
    if (!v.ok()) return problem(v.status(), id);
    body[name] = *v;
  }
  if (c.token)
    if (auto st = token_allows(*c.token, r.spec->type, true); !st.ok()) return problem(st, id);
  return answer(c, r.spec->type, std::move(body), "", id);
}

HttpResponse Gateway::Impl::handler_call(const httplib::Request& req, const Caller& c,
                                         const PluginRoute& r,
                                         std::map<std::string, std::string> params,
                                         const std::string& id) {
  if (auto st = check_callers(r.route->callers, c); !st.ok()) return problem(st, id);
  if (c.session && c.session->role == "viewer" && r.route->method != "GET" &&
      r.route->method != "OPTIONS")
    return problem(Status::PermissionDenied("a viewer only reads", "as"), id);
  if (!routes_open)
    return problem(Status::Unavailable("the node is starting; try again in a moment"), id);
  HttpRequest hr;
  hr.method = req.method;
  hr.path = raw_path(req);
  hr.params = std::move(params);
  for (const auto& [k, v] : req.params) hr.query[k] = v;
  for (const auto& [k, v] : req.headers) {
    std::string name = k;
    for (auto& ch : name) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    hr.headers[name] = v;
  }
  hr.body = req.body;
  hr.as = c.as;
  hr.admin = c.admin;
  hr.may_run = [token = c.token, session = c.session](const std::string& type, bool read_only) {
    if (token)
      if (auto st = token_allows(*token, type, read_only); !st.ok()) return st;
    if (session) return role_allows(session->role, type, read_only);
    return Status::Ok();
  };
  try {
    return r.route->handler(hr);
  } catch (const std::exception& e) {
    parts.log->error("plugin {} route {} {} threw: {}", r.plugin, r.route->method, r.route->pattern,
                     e.what());
  } catch (...) {
    parts.log->error("plugin {} route {} {} threw", r.plugin, r.route->method, r.route->pattern);
  }
  return problem(Status::Internal("route threw"), id);
}

std::optional<HttpResponse> Gateway::Impl::plugin_route(const httplib::Request& req,
                                                        const Caller& c, const std::string& id,
                                                        bool& method_mismatch) {
  for (const auto& r : routes) {
    auto params = r.pattern.match(raw_path(req));
    if (!params) continue;
    if (r.route->method != req.method) {
      method_mismatch = true;
      continue;
    }
    return r.spec ? message_read(req, c, r, *params, id)
                  : handler_call(req, c, r, std::move(*params), id);
  }
  return std::nullopt;
}

HttpResponse Gateway::Impl::session_route(const httplib::Request& req, const Caller& c,
                                          const std::string& id) {
  if (req.method == "POST")
    return desk->login(req.body, req.remote_addr, id,
                       [&](const std::string& reason) { audit("login", req.remote_addr, reason); });
  if (!c.session) return problem(Status::Unauthenticated("nobody is signed in here", "cookie"), id);
  if (req.method == "GET") return desk->current(*c.session);
  if (req.method == "DELETE") {
    if (req.get_header_value(kCsrfHeader) != c.session->csrf)
      return problem(Status::PermissionDenied("missing or wrong CSRF token", "csrf"), id);
    return desk->logout(*c.session, id);
  }
  auto p = problem(405, "method_not_allowed", "sign in with POST, out with DELETE", id);
  p.headers["Allow"] = "GET, POST, DELETE";
  return p;
}

HttpResponse Gateway::Impl::metrics(const Caller& c, const std::string& id) {
  if (!c.admin && !(c.as.empty() && !c.token && is_loopback_address(c.address)))
    return problem(Status::PermissionDenied("metrics are for loopback clients or an admin token",
                                            "authorization"),
                   id);
  Caller admin;
  admin.admin = true;
  auto info = call(admin, "node.info", json::object(), "", id);
  auto connectors = call(admin, "connector.status", json::object(), "", id);
  auto result = [](const Result<json>& r) {
    return r.ok() && r->value("ok", false) ? (*r)["result"] : json();
  };
  HttpResponse res;
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  res.body = parts.metrics->render(result(info), result(connectors));
  return res;
}

// Ready when the node's loop answers a read of its store (plugins are loaded before the server
// starts).
// GET /vendor/<package>/<file>: Leaflet, Chart.js and the like, for the plugins' pages, from
// the folder Debian's libjs-* packages install into; never from a CDN.
HttpResponse Gateway::Impl::vendor_file(const httplib::Request& req, const std::string& raw_name) {
  auto name = percent_decode(raw_name);
  HttpRequest r;
  r.method = req.method;
  auto etag = req.get_header_value("If-None-Match");
  if (!etag.empty()) r.headers["if-none-match"] = etag;
  return vendor.serve(r, name ? *name : std::string());
}

HttpResponse Gateway::Impl::readyz(const std::string& id) {
  Caller anyone;
  auto info = call(anyone, "node.info", json::object(), "", id);
  if (!info.ok() || !info->value("ok", false))
    return problem(Status::Unavailable("the node is not serving requests"), id);
  const auto& node = (*info)["result"]["node"];
  return json_response(200, {{"status", "ready"},
                             {"last_seq", node.value("last_seq", 0)},
                             {"plugins", (*info)["result"]["plugins"].size()}});
}

void Gateway::Impl::stream_events(const httplib::Request& req, httplib::Response& res,
                                  const Caller& c) {
  std::uint64_t after = 0;
  bool from_now = true;
  auto cursor = req.has_header("Last-Event-ID") ? req.get_header_value("Last-Event-ID")
                                                : req.get_param_value("after");
  if (!cursor.empty()) {
    try {
      after = std::stoull(cursor);
      from_now = false;
    } catch (...) {
      auto p = problem(Status::InvalidArgument("must be an event seq", "after"), "");
      res.status = p.status;
      res.set_content(p.body, p.content_type);
      return;
    }
  }
  std::string topic = req.get_param_value("topic");
  bool everything = c.admin;
  auto party_of = [this](const std::string& id) -> json {
    std::string record;
    if (!parts.db->Get(rocksdb::ReadOptions(), parts.registry, "party/" + id, &record).ok())
      return json();
    return json::parse(record, nullptr, false);
  };
  json me = c.as.empty() ? json() : party_of(c.as);
  std::string union_province =
      me.is_object() && me.value("kind", "") == "cooperative_union" ? me.value("province", "") : "";
  auto reader = std::make_shared<EventReader>(c.as, union_province, party_of);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider(
      "text/event-stream", [this, after, from_now, topic, reader, everything](
                               std::size_t, httplib::DataSink& sink) mutable {
        Caller admin;
        admin.admin = true;
        if (from_now) {
          auto info = call(admin, "node.info", json::object(), "", "sse");
          if (!info.ok() || !info->value("ok", false)) return false;
          after = (*info)["result"]["node"].value("last_seq", std::uint64_t{0});
          from_now = false;
          std::string hello = "retry: 2000\n: from " + std::to_string(after) + "\n\n";
          if (!sink.write(hello.data(), hello.size())) return false;
        }
        while (!feed.closed()) {
          json body = {{"after_seq", after}, {"limit", kEventPage}};
          if (!topic.empty()) body["topic_prefix"] = topic;
          auto page = call(admin, "events.since", body, "", "sse");
          if (!page.ok() || !page->value("ok", false)) return false;
          const auto& result = (*page)["result"];
          std::string chunk;
          for (const auto& e : result["events"])
            if (everything || reader->sees(e))
              chunk += "id: " + std::to_string(e.value("seq", std::uint64_t{0})) +
                       "\nevent: " + e.value("type", "") +
                       "\ndata: " + e.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
          std::uint64_t next = result.value("next_after", after);
          std::uint64_t last = result.value("last_seq", after);
          if (next > after && chunk.empty() && next < last) {
            after = next;  // a page of events this caller may not see: read on
            continue;
          }
          if (!chunk.empty()) {
            after = std::max(after, next);
            return sink.write(chunk.data(), chunk.size());
          }
          after = std::max(after, next);
          if (!feed.wait_beyond(after, kKeepAliveMs)) {
            if (feed.closed()) return false;
            static const std::string ping = ": keep-alive\n\n";
            return sink.write(ping.data(), ping.size());
          }
        }
        return false;
      });
}

HttpResponse Gateway::Impl::serve(const httplib::Request& req, httplib::Response& res,
                                  const std::string& id) {
  auto caller = authenticate(req);
  if (!caller.ok()) {
    audit("token", req.remote_addr, caller.status().message());
    if (!limiter.allow("addr:" + req.remote_addr))
      return problem(429, "rate_limited", "too many requests; slow down", id);
    auto p = problem(caller.status(), id);
    p.headers["WWW-Authenticate"] = "Bearer";
    return p;
  }
  if (!limiter.allow(caller->key())) {
    auto p = problem(429, "rate_limited", "too many requests; slow down", id);
    p.headers["Retry-After"] = "1";
    return p;
  }
  const std::string path = raw_path(req);
  if (path == "/api/v1/session") return session_route(req, *caller, id);
  // A session's state-changing requests must carry its CSRF token: a page of another site can
  // make the browser send the cookie, but cannot read the token.
  if (caller->session && req.method != "GET" && req.method != "OPTIONS" &&
      req.get_header_value(kCsrfHeader) != caller->session->csrf) {
    audit("csrf", req.remote_addr, "missing or wrong CSRF token for " + caller->session->login);
    return problem(
        Status::PermissionDenied(
            "missing or wrong " + std::string(kCsrfHeader) + " header for this session", "csrf"),
        id);
  }
  static const std::string kMessages = "/api/v1/messages/";
  if (path.rfind(kMessages, 0) == 0) {
    if (req.method != "POST") {
      auto p = problem(405, "method_not_allowed", "messages are sent with POST", id);
      p.headers["Allow"] = "POST";
      return p;
    }
    auto type = percent_decode(path.substr(kMessages.size()));
    if (!type || type->empty() || type->size() > 96)
      return problem(Status::UnknownType("no message type in the path"), id);
    return post_message(req, *caller, *type, id);
  }
  if (req.method == "GET") {
    if (path == "/healthz") return json_response(200, {{"status", "ok"}});
    if (path == "/readyz") return readyz(id);
    if (path == "/metrics") return metrics(*caller, id);
    if (path == "/api/v1/openapi.json") {
      HttpResponse r;
      r.body = openapi_text;
      return r;
    }
    if (path == "/api/v1/docs") {
      HttpResponse r;
      r.content_type = "text/html; charset=utf-8";
      r.body = openapi_html(openapi);
      return r;
    }
    static const std::string kVendor = "/vendor/";
    if (path.rfind(kVendor, 0) == 0) return vendor_file(req, path.substr(kVendor.size()));
    if (path == "/api/v1/events") {
      if (!caller->admin && caller->as.empty())
        return problem(
            Status::Unauthenticated("the event stream needs an API token", "authorization"), id);
      if (caller->token)
        if (auto st = token_allows(*caller->token, "events.since", true); !st.ok())
          return problem(st, id);
      stream_events(req, res, *caller);
      HttpResponse streaming;
      streaming.status = -1;  // the content provider answers
      return streaming;
    }
  }
  bool method_mismatch = false;
  if (auto r = plugin_route(req, *caller, id, method_mismatch)) return *r;
  if (method_mismatch) return problem(405, "method_not_allowed", "not with this method", id);
  return problem(Status::NotFound("no route for " + req.method + " " + path, "path"), id);
}

void Gateway::Impl::install() {
  httplib::Server& server = listener->server();
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    std::string id = "http-" + std::to_string(next_id++);
    auto given = req.get_header_value("X-Request-Id");
    if (!given.empty() && given.size() <= 64) id = given;
    HttpResponse r = serve(req, res, id);
    if (r.status != -1) {
      res.status = r.status;
      for (const auto& [k, v] : r.headers) res.set_header(k, v);
      res.set_content(r.body, r.content_type);
    }
    res.set_header("X-Request-Id", id);
    parts.metrics->http_response(r.status == -1 ? 200 : r.status);
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);  // routes that describe themselves (the EPCIS binding's)
  // cpp-httplib's own refusals (413 over the body limit, 400 for a malformed request, 414 for a
  // long URI) come without a body; give them one in the same format.
  server.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    auto p = res.status == 413
                 ? problem(Status::TooLarge("the body is over the node's limit"), "")
                 : problem(res.status, "http_" + std::to_string(res.status),
                           "the request was refused as malformed or too large (HTTP " +
                               std::to_string(res.status) + ")",
                           "");
    res.set_content(p.body, p.content_type);
    parts.metrics->http_response(res.status);
  });
  server.set_exception_handler(
      [this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        auto p = problem(Status::Internal("handler threw"), "");
        res.status = p.status;
        res.set_content(p.body, p.content_type);
        parts.log->error("an HTTP handler threw");
      });
  server.set_payload_max_length(static_cast<std::size_t>(parts.config.max_body_bytes));
  auto timeout = std::chrono::milliseconds(parts.config.timeout_ms);
  server.set_read_timeout(timeout);
  server.set_write_timeout(timeout);
  server.set_keep_alive_max_count(1000);
  // Without it Nagle's algorithm and the client's delayed ACK hold every small reply ~40 ms.
  server.set_tcp_nodelay(true);
  auto threads = static_cast<std::size_t>(parts.config.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

Result<std::unique_ptr<Gateway>> Gateway::start(GatewayParts parts) {
  auto impl = std::make_unique<Impl>(std::move(parts));
  const HttpConfig& config = impl->parts.config;
  impl->tls = !config.tls_cert.empty();
  impl->listener = impl->tls ? std::make_unique<util::HttpListener>(config.tls_cert, config.tls_key)
                             : std::make_unique<util::HttpListener>();
  impl->desk = std::make_unique<SessionDesk>(SessionDesk::Parts{
      impl->parts.db, impl->parts.accounts, impl->parts.account_plugin, impl->parts.queue,
      impl->parts.clock, impl->tls, config.session_hours * 3600 * 1000, config.timeout_ms});
  for (const auto& p : impl->parts.host->plugins())
    for (const auto& r : p->info.routes) {
      auto pattern = RoutePattern::parse(r.pattern);  // checked when the plugin was loaded
      if (!pattern.ok()) continue;
      const MessageSpec* spec =
          r.message.empty() ? nullptr : impl->parts.host->route(r.message).spec;
      impl->routes.push_back({p->info.name, &r, std::move(*pattern), spec});
    }
  impl->openapi = openapi_document(*impl->parts.host);
  impl->openapi_text = impl->openapi.dump();
  impl->install();
  auto st = impl->listener->start(config.host, impl->parts.any_port ? 0 : config.port);
  if (!st.ok()) return Status(st.code(), "http: " + st.message(), "http.endpoint");
  return std::unique_ptr<Gateway>(new Gateway(std::move(impl)));
}

Gateway::Gateway(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gateway::~Gateway() { stop(); }

void Gateway::stop() {
  impl_->feed.close();
  impl_->listener->stop();
}

std::string Gateway::url() const {
  const auto& host = impl_->parts.config.host;
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return (impl_->tls ? "https://" : "http://") + h + ":" + std::to_string(impl_->listener->port());
}

void Gateway::open() { impl_->routes_open = true; }

void Gateway::published(std::uint64_t last_seq) { impl_->feed.published(last_seq); }

}  // namespace lienket::core::http
