// HTTP routes a plugin declares (PluginInfo::routes). The node runs one HTTP server (config
// "http"); it authenticates each request (API token, or anonymous), checks the route's callers, and
// then either runs a declared read-only message (a resource-style read) or calls the route's
// handler. Plugins never open ports of their own.
//
//   {"GET", "/api/v1/offtake/contracts/{contract_id}", "One purchase contract.", {},
//    "offtake.contract.get"}              path segments and query parameters become the body
//   {"GET", "/01/{gtin}/10/{lot}", "The public trace page.", {callers::kAnyone}, "",
//    [this](const HttpRequest& r) { ... }}
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lienket/status.hpp"

namespace lienket {

// A request as a route handler sees it, after the host has authenticated it.
struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // percent-encoded, as sent, without the query
  std::map<std::string, std::string> params;   // the pattern's {name} segments, decoded
  std::map<std::string, std::string> query;    // decoded query parameters (the last of repeats)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string as;      // the party the credentials name; "" for an admin or anonymous caller
  bool admin = false;  // the credentials are an admin token
  // The credentials' own limits (an API token's scopes and read-only flag, a session's role) for
  // a handler that runs messages for the caller through HostContext::submit, which knows no
  // tokens: ask before each message, e.g. may_run("trace.event.capture", false). The node always
  // sets it; unset (a request built by a test) means no limits.
  std::function<Status(const std::string& type, bool read_only)> may_run;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

// Runs on one of the HTTP server's threads, never the node's: do node work through
// HostContext::submit or HostContext::run, and never block for long. May run concurrently with
// itself and with the plugin's other handlers. Anything it throws becomes a 500.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpRoute {
  std::string method;   // GET, POST, PUT, DELETE or OPTIONS
  std::string pattern;  // literal segments and {name} segments: "/01/{gtin}/10/{lot}"
  std::string summary;  // one line, for people (docs, OpenAPI)
  // Who may call a handler route (lienket::callers); checked before the handler runs. Ignored
  // for a message route, where the message's own callers apply.
  std::vector<std::string> callers;
  // A GET that runs this read-only message of the same plugin: the {name} segments and the query
  // parameters become the body's members (converted to the types its body schema declares).
  std::string message;
  HttpHandler handler;  // otherwise: the handler; exactly one of `message` and `handler`
};

// A resource-style read: GET `pattern` runs the read-only `message`.
inline HttpRoute message_route(std::string pattern, std::string message, std::string summary) {
  HttpRoute r;
  r.method = "GET";
  r.pattern = std::move(pattern);
  r.summary = std::move(summary);
  r.message = std::move(message);
  return r;
}

}  // namespace lienket
