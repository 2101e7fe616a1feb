#include "http_api.hpp"

#include <httplib.h>

#include "jsonld_feed.hpp"
#include "tsv_feed.hpp"

namespace lienket::marketplace {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxOrderBytes = 64 * 1024;

void send_json(httplib::Response& res, int status, const json& body,
               const char* type = "application/json") {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), type);
}

void send_error(httplib::Response& res, const Status& st) {
  HttpAnswer a = error_answer(st);
  send_json(res, a.status, a.body);
}

}  // namespace

HttpApi::HttpApi(FeedSource feed, OrderSink orders, std::string currency)
    : feed_(std::move(feed)), orders_(std::move(orders)), currency_(std::move(currency)) {}

void HttpApi::routes() {
  httplib::Server& server = listener_.server();
  server.Get("/feed.jsonld", [this](const httplib::Request&, httplib::Response& res) {
    auto items = feed_();
    if (!items.ok()) return send_error(res, items.status());
    send_json(res, 200, render_jsonld(*items, currency_), "application/ld+json; charset=utf-8");
  });
  server.Get("/feed.tsv", [this](const httplib::Request&, httplib::Response& res) {
    auto items = feed_();
    if (!items.ok()) return send_error(res, items.status());
    res.set_content(render_tsv(*items, currency_), "text/tab-separated-values; charset=utf-8");
  });
  server.Post("/orders", [this](const httplib::Request& req, httplib::Response& res) {
    if (req.body.size() > kMaxOrderBytes)
      return send_error(res, Status::InvalidArgument("body is over 64 KiB", "body"));
    auto order = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (order.is_discarded())
      return send_error(res, Status::InvalidArgument("body is not JSON (or not UTF-8)", "body"));
    HttpAnswer a = orders_(order);
    send_json(res, a.status, a.body);
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404 && res.body.empty())
      send_json(res, 404, {{"error", {{"code", "not_found"}, {"message", "no such resource"}}}});
  });
  // Nothing may throw out of a handler into cpp-httplib's thread; answer 500 instead.
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_json(res, 500, {{"error", {{"code", "internal"}, {"message", "internal error"}}}});
      });
}

Status HttpApi::start(const std::string& host, int port) {
  routes();
  listener_.server().set_payload_max_length(kMaxOrderBytes + 1);
  auto st = listener_.start(host, port);
  if (!st.ok()) return Status(st.code(), "marketplace: " + st.message(), st.field());
  return Status::Ok();
}

}  // namespace lienket::marketplace
