#include "page_route.hpp"

#include <chrono>

#include "digital_link.hpp"
#include "gs1_keys.hpp"
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

// The lot the page's address names, read by the Digital Link parser as the node reads every
// identifier: "/01/9520123456788/10/ABC+123" and "/01/09520123456788/10/ABC%2B123" are one lot.
Result<DigitalLink> lot_of_path(const std::string& raw_path) {
  auto dl = parse_digital_link(std::string(kCanonicalResolver) + raw_path, kNodeReading);
  if (!dl.ok()) return dl.status();
  if (dl->primary_ai != "01" || dl->path.size() != 2 || dl->path[1].first != "10")
    return Status::NotFound("a lot's address is /01/<gtin>/10/<lot>");
  return dl;
}

HttpResponse page(int status, const std::string& content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = content_type;
  r.body = std::move(body);
  r.headers["Vary"] = "Accept, Accept-Language";  // one address, several forms and languages
  return r;
}

PageOptions options_of(const HttpRequest& req, const Settings& settings) {
  auto lang = req.query.find("lang");
  auto accept = req.headers.find("accept-language");
  PageOptions o;
  o.lang = choose_lang(lang == req.query.end() ? "" : lang->second,
                       accept == req.headers.end() ? "" : accept->second);
  o.tiles = settings.tiles;
  return o;
}

HttpResponse html(int status, std::string body) {
  return page(status, "text/html; charset=utf-8", std::move(body));
}

HttpResponse not_found(const HttpRequest& req, const Settings& settings, bool as_json,
                       const json& error) {
  if (as_json) return page(404, "application/json", json{{"error", error}}.dump());
  // What was asked is shown back (escaped) only when it is short enough to be a lot number.
  std::string gtin = req.params.at("gtin"), lot = req.params.at("lot");
  if (gtin.size() > 14) gtin.clear();
  if (lot.size() > 200) lot.clear();
  return html(404, render_not_found_html(gtin, lot, options_of(req, settings)));
}

HttpResponse serve(const HttpRequest& req, const Settings& settings) {
  bool as_json = wants_json(req);
  HostContext* host = settings.host;
  auto dl = lot_of_path(req.path);
  if (!dl.ok())
    return not_found(
        req, settings, as_json,
        {{"code", "not_found"}, {"message", "No page at this address: " + dl.status().message()}});
  if (!host) return page(503, "text/plain", "unavailable");
  Request r;
  r.id = "http";
  r.type = "trace.page.get";
  r.body = {{"gtin", dl->get("01")}, {"lot", dl->get("10")}};
  auto fut = host->submit(std::move(r));
  if (fut.wait_for(kPageTimeout) != std::future_status::ready)
    return page(503, "text/plain", "busy");
  json reply = fut.get();
  if (!reply.value("ok", false)) {
    auto code = reply["error"].value("code", "");
    if (code == "not_found" || code == "invalid_argument")
      return not_found(req, settings, as_json, reply["error"]);
    return page(500, "text/plain", "internal error");
  }
  const json& result = reply["result"];
  if (as_json) return page(200, "application/json", result.dump());
  return html(200, render_page_html(result, options_of(req, settings)));
}

}  // namespace

HttpRoute page_route(const Settings* settings) {
  return {"GET",
          "/01/{gtin}/10/{lot}",
          "The public trace page of a lot (GS1 Digital Link): HTML, or JSON on request.",
          {callers::kAnyone},
          "",
          [settings](const HttpRequest& req) { return serve(req, *settings); }};
}

}  // namespace lienket::trace
