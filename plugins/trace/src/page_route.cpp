#include "page_route.hpp"

#include <chrono>

#include "lienket/contract.hpp"
#include "trace_page.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr auto kPageTimeout = std::chrono::seconds(10);

bool wants_json(const HttpRequest& req) {
  auto link = req.query.find("linkType");
  if (link != req.query.end() && link->second == "gs1:traceability") return true;
  auto accept = req.headers.find("accept");
  return accept != req.headers.end() &&
         accept->second.find("application/json") != std::string::npos;
}

bool is_gtin14(const std::string& s) {
  return s.size() == 14 && s.find_first_not_of("0123456789") == std::string::npos;
}

HttpResponse page(int status, const std::string& content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = content_type;
  r.body = std::move(body);
  return r;
}

HttpResponse not_found(bool as_json, const json& error) {
  if (as_json) return page(404, "application/json", json{{"error", error}}.dump());
  return page(404, "text/html; charset=utf-8", render_not_found_html(error.value("message", "")));
}

HttpResponse serve(const HttpRequest& req, HostContext* host) {
  bool as_json = wants_json(req);
  const std::string& gtin = req.params.at("gtin");
  const std::string& lot = req.params.at("lot");
  if (!is_gtin14(gtin) || lot.size() > 200)
    return not_found(as_json, {{"code", "not_found"}, {"message", "No page at this address."}});
  if (!host) return page(503, "text/plain", "unavailable");
  Request r;
  r.id = "http";
  r.type = "trace.page.get";
  r.body = {{"gtin", gtin}, {"lot", lot}};
  auto fut = host->submit(std::move(r));
  if (fut.wait_for(kPageTimeout) != std::future_status::ready)
    return page(503, "text/plain", "busy");
  json reply = fut.get();
  if (!reply.value("ok", false)) {
    auto code = reply["error"].value("code", "");
    if (code == "not_found" || code == "invalid_argument")
      return not_found(as_json, reply["error"]);
    return page(500, "text/plain", "internal error");
  }
  const json& result = reply["result"];
  if (as_json) return page(200, "application/json", result.dump());
  return page(200, "text/html; charset=utf-8", render_page_html(result));
}

}  // namespace

HttpRoute page_route(HostContext* const* host) {
  return {"GET",
          "/01/{gtin}/10/{lot}",
          "The public trace page of a lot (GS1 Digital Link): HTML, or JSON on request.",
          {callers::kAnyone},
          "",
          [host](const HttpRequest& req) { return serve(req, *host); }};
}

}  // namespace lienket::trace
