#include "http_server.hpp"

#include <httplib.h>

#include <chrono>

#include "trace_page.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

bool wants_json(const httplib::Request& req) {
  if (req.has_param("linkType") && req.get_param_value("linkType") == "gs1:traceability")
    return true;
  return req.get_header_value("Accept").find("application/json") != std::string::npos;
}

}  // namespace

HttpServer::HttpServer(HostContext& host) : host_(host) {}

void HttpServer::routes() {
  httplib::Server& server = listener_.server();
  server.Get(R"(/01/([0-9]{14})/10/([^/?#]{1,200}))",
             [this](const httplib::Request& req, httplib::Response& res) {
               Request r;
               r.id = "http";
               r.type = "trace.page.get";
               r.body = {{"gtin", req.matches[1].str()},
                         {"lot", httplib::detail::decode_url(req.matches[2].str(), false)}};
               json reply;
               try {
                 auto fut = host_.submit(std::move(r));
                 if (fut.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
                   res.status = 503;
                   res.set_content("busy", "text/plain");
                   return;
                 }
                 reply = fut.get();
               } catch (...) {
                 res.status = 503;
                 res.set_content("unavailable", "text/plain");
                 return;
               }
               bool as_json = wants_json(req);
               if (!reply.value("ok", false)) {
                 res.status = reply["error"].value("code", "") == "not_found" ||
                                      reply["error"].value("code", "") == "invalid_argument"
                                  ? 404
                                  : 500;
                 if (as_json)
                   res.set_content(json{{"error", reply["error"]}}.dump(), "application/json");
                 else
                   res.set_content(render_not_found_html(reply["error"].value("message", "")),
                                   "text/html; charset=utf-8");
                 return;
               }
               const json& page = reply["result"];
               if (as_json)
                 res.set_content(page.dump(), "application/json");
               else
                 res.set_content(render_page_html(page), "text/html; charset=utf-8");
             });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404 && res.body.empty())
      res.set_content(render_not_found_html("No page at this address."),
                      "text/html; charset=utf-8");
  });
}

Status HttpServer::start(const std::string& host, int port) {
  routes();
  auto st = listener_.start(host, port);
  if (!st.ok()) return Status(st.code(), "trace page: " + st.message(), st.field());
  return Status::Ok();
}

}  // namespace lienket::trace
