#include "openapi.hpp"

#include "lienket/util/html.hpp"
#include "route_pattern.hpp"

namespace lienket::core::http {

namespace {

using nlohmann::json;

json problem_schema() {
  return {{"type", "object"},
          {"description", "RFC 9457 problem details; code and field come from the bus's error."},
          {"required", {"type", "title", "status", "detail", "code"}},
          {"properties",
           {{"type", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"status", {{"type", "integer"}}},
            {"detail", {{"type", "string"}}},
            {"code", {{"type", "string"}}},
            {"field", {{"type", "string"}}},
            {"instance", {{"type", "string"}}}}}};
}

json problem_response(const char* what) {
  return {
      {"description", what},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool open_to_anyone(const std::vector<std::string>& callers) {
  for (const auto& c : callers)
    if (c == callers::kAnyone) return true;
  return false;
}

// Bearer token always allowed; no credentials too when anyone may call.
json security(const std::vector<std::string>& callers) {
  json s = json::array({{{"bearer", json::array()}}});
  if (open_to_anyone(callers)) s.push_back(json::object());
  return s;
}

std::string operation_id(std::string s) {
  for (auto& c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
  return s;
}

json message_operation(const std::string& plugin, const MessageSpec& m) {
  return {{"operationId", operation_id(m.type)},
          {"summary", m.summary},
          {"description",
           "Message " + m.type + ". Callers: " + joined(m.callers) + "." +
               (m.read_only ? " Read-only." : " Send Idempotency-Key to retry it safely.")},
          {"tags", {plugin}},
          {"security", security(m.callers)},
          {"parameters", json::array({{{"name", "Idempotency-Key"},
                                       {"in", "header"},
                                       {"required", false},
                                       {"schema", {{"type", "string"}, {"maxLength", 128}}}}})},
          {"requestBody",
           {{"required", true}, {"content", {{"application/json", {{"schema", m.body.json()}}}}}}},
          {"responses",
           {{"200",
             {{"description", "the message's result"},
              {"content", {{"application/json", {{"schema", m.result.json()}}}}}}},
            {"default", problem_response("the bus's error as problem details")}}}};
}

// A query or path parameter typed from the message body's member, a string otherwise.
json parameter(const std::string& name, const char* in, const json& body_schema) {
  json schema = {{"type", "string"}};
  if (body_schema.contains("properties") && body_schema["properties"].contains(name))
    schema = body_schema["properties"][name];
  bool required = std::string(in) == "path";
  return {{"name", name}, {"in", in}, {"required", required}, {"schema", schema}};
}

json route_operation(const std::string& plugin, const HttpRoute& r, const MessageSpec* spec) {
  auto pattern = RoutePattern::parse(r.pattern);
  std::vector<std::string> names = pattern.ok() ? pattern->names() : std::vector<std::string>{};
  json params = json::array();
  json body_schema = spec ? spec->body.json() : json::object();
  for (const auto& n : names) params.push_back(parameter(n, "path", body_schema));
  if (spec && body_schema.contains("properties"))
    for (const auto& member : body_schema["properties"].items())
      if (std::find(names.begin(), names.end(), member.key()) == names.end())
        params.push_back(parameter(member.key(), "query", body_schema));
  json ok = spec ? json{{"description", "the result of " + spec->type},
                        {"content", {{"application/json", {{"schema", spec->result.json()}}}}}}
                 : json{{"description", "the route's answer"}};
  const auto& callers = spec ? spec->callers : r.callers;
  json op = {{"operationId", operation_id(r.method + "_" + r.pattern)},
             {"summary", r.summary},
             {"description", "Callers: " + joined(callers) + "." +
                                 (spec ? " Runs " + spec->type + "." : std::string())},
             {"tags", {plugin}},
             {"security", security(callers)},
             {"responses", {{"200", ok}, {"default", problem_response("an error")}}}};
  if (!params.empty()) op["parameters"] = params;
  return op;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

json node_paths() {
  json text = {{"description", "plain text"},
               {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}};
  json status_json = {{"description", "status"},
                      {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  return {
      {"/api/v1/events",
       {{"get",
         {{"operationId", "events_stream"},
          {"summary", "The event log as Server-Sent Events: replay from Last-Event-ID, then live."},
          {"tags", {"node"}},
          {"security", json::array({{{"bearer", json::array()}}})},
          {"parameters", json::array({{{"name", "Last-Event-ID"},
                                       {"in", "header"},
                                       {"required", false},
                                       {"schema", {{"type", "string"}}}},
                                      {{"name", "after"},
                                       {"in", "query"},
                                       {"required", false},
                                       {"schema", {{"type", "integer"}, {"minimum", 0}}}},
                                      {{"name", "topic"},
                                       {"in", "query"},
                                       {"required", false},
                                       {"schema", {{"type", "string"}}}}})},
          {"responses",
           {{"200",
             {{"description", "an endless stream of events"},
              {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}}},
            {"default", problem_response("an error")}}}}}}},
      {"/api/v1/session",
       {{"post",
         {{"operationId", "session_login"},
          {"summary",
           "Signs a person in: {login, password} -> the lk_session cookie and a CSRF token."},
          {"tags", {"node"}},
          {"security", json::array({json::object()})},
          {"requestBody",
           {{"required", true},
            {"content",
             {{"application/json",
               {{"schema",
                 {{"type", "object"},
                  {"required", {"login", "password"}},
                  {"properties",
                   {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}}}}}}}}},
          {"responses", {{"200", status_json}, {"default", problem_response("refused")}}}}},
        {"get",
         {{"operationId", "session_current"},
          {"summary", "The signed-in person and the session's CSRF token."},
          {"tags", {"node"}},
          {"security", json::array({{{"session", json::array()}}})},
          {"responses", {{"200", status_json}, {"default", problem_response("not signed in")}}}}},
        {"delete",
         {{"operationId", "session_logout"},
          {"summary", "Signs out (X-CSRF-Token required)."},
          {"tags", {"node"}},
          {"security", json::array({{{"session", json::array()}}})},
          {"responses", {{"200", status_json}, {"default", problem_response("refused")}}}}}}},
      {"/healthz",
       {{"get",
         {{"operationId", "healthz"},
          {"summary", "Liveness: the process serves HTTP."},
          {"tags", {"node"}},
          {"security", json::array({json::object()})},
          {"responses", {{"200", status_json}}}}}}},
      {"/readyz",
       {{"get",
         {{"operationId", "readyz"},
          {"summary", "Readiness: the store is open, the plugins are loaded and the node answers."},
          {"tags", {"node"}},
          {"security", json::array({json::object()})},
          {"responses", {{"200", status_json}, {"503", problem_response("not ready")}}}}}}},
      {"/metrics",
       {{"get",
         {{"operationId", "metrics"},
          {"summary", "Prometheus metrics (loopback clients, or an admin token)."},
          {"tags", {"node"}},
          {"security", json::array({{{"bearer", json::array()}}, json::object()})},
          {"responses", {{"200", text}, {"default", problem_response("an error")}}}}}}},
      {"/api/v1/openapi.json",
       {{"get",
         {{"operationId", "openapi"},
          {"summary", "This document."},
          {"tags", {"node"}},
          {"security", json::array({json::object()})},
          {"responses", {{"200", status_json}}}}}}},
  };
}

}  // namespace

json openapi_document(PluginHost& host) {
  json paths = node_paths();
  for (const auto& p : host.plugins()) {
    for (const auto& m : p->info.messages)
      paths["/api/v1/messages/" + m.type]["post"] = message_operation(p->info.name, m);
    for (const auto& r : p->info.routes) {
      const MessageSpec* spec = r.message.empty() ? nullptr : host.route(r.message).spec;
      paths[r.pattern][lower(r.method)] = route_operation(p->info.name, r, spec);
    }
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Lienket node"},
            {"version", LIENKET_VERSION},
            {"description",
             "Every message the node serves, over HTTP. Errors are RFC 9457 problem details. "
             "Programs authenticate with an API token (Authorization: Bearer lk_...)."}}},
          {"servers", json::array({{{"url", "/"}}})},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
              {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "lk_session"}}}}},
            {"schemas", {{"Problem", problem_schema()}}}}}};
}

std::string openapi_html(const json& doc) {
  std::string html =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Lienket HTTP API</title><style>body{font-family:sans-serif;max-width:60rem;"
      "margin:auto;padding:1rem}code,pre{background:#f4f4f4}pre{padding:.5rem;overflow:auto}"
      "h3{margin-bottom:.2rem}.m{font-weight:bold;color:#064}</style></head><body>"
      "<h1>Lienket HTTP API " +
      util::html_escape(doc["info"].value("version", "")) + "</h1><p>" +
      util::html_escape(doc["info"].value("description", "")) +
      " The machine-readable document is <a href=\"/api/v1/openapi.json\">openapi.json</a>.</p>";
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      html += "<section><h3><span class=\"m\">" + util::html_escape(method) + "</span> <code>" +
              util::html_escape(path) + "</code></h3><p>" +
              util::html_escape(op.value("summary", "")) + " " +
              util::html_escape(op.value("description", "")) + "</p>";
      if (op.contains("requestBody"))
        html +=
            "<details><summary>Request body</summary><pre>" +
            util::html_escape(op["requestBody"]["content"]["application/json"]["schema"].dump(2)) +
            "</pre></details>";
      if (op["responses"].contains("200") && op["responses"]["200"].contains("content") &&
          op["responses"]["200"]["content"].contains("application/json"))
        html += "<details><summary>Result</summary><pre>" +
                util::html_escape(
                    op["responses"]["200"]["content"]["application/json"]["schema"].dump(2)) +
                "</pre></details>";
      html += "</section>";
    }
  return html + "</body></html>";
}

}  // namespace lienket::core::http
