#include "http_api.hpp"

#include "jsonld_feed.hpp"
#include "lienket/contract.hpp"
#include "tsv_feed.hpp"

namespace lienket::marketplace {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxOrderBytes = 64 * 1024;

HttpResponse send_json(int status, const json& body, const char* type = "application/json") {
  HttpResponse r;
  r.status = status;
  r.content_type = type;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

HttpResponse send_error(const Status& st) {
  HttpAnswer a = error_answer(st);
  return send_json(a.status, a.body);
}

// The buyer an order names must be the token's party; an admin token may order for anyone.
HttpResponse post_order(const HttpRequest& req, const OrderSink& orders) {
  if (req.body.size() > kMaxOrderBytes)
    return send_error(Status::InvalidArgument("body is over 64 KiB", "body"));
  auto order = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (order.is_discarded())
    return send_error(Status::InvalidArgument("body is not JSON (or not UTF-8)", "body"));
  if (!req.admin && order.is_object() && order.contains("buyer") && order["buyer"] != req.as)
    return send_error(Status::PermissionDenied(
        "the token of " + req.as + " may not order for another buyer", "body.buyer"));
  HttpAnswer a = orders(order);
  return send_json(a.status, a.body);
}

}  // namespace

std::vector<HttpRoute> http_routes(FeedSource feed, OrderSink orders, std::string currency) {
  using namespace callers;
  return {
      {"GET",
       kFeedPath,
       "The shop's product feed as a schema.org ItemList (JSON-LD).",
       {kAnyone},
       "",
       [feed, currency](const HttpRequest&) {
         auto items = feed();
         if (!items.ok()) return send_error(items.status());
         return send_json(200, render_jsonld(*items, currency),
                          "application/ld+json; charset=utf-8");
       }},
      {"GET",
       kTsvPath,
       "The same feed in Google Merchant Center's tab-delimited columns.",
       {kAnyone},
       "",
       [feed, currency](const HttpRequest&) {
         auto items = feed();
         if (!items.ok()) return send_error(items.status());
         HttpResponse r;
         r.content_type = "text/tab-separated-values; charset=utf-8";
         r.body = render_tsv(*items, currency);
         return r;
       }},
      {"POST",
       kOrdersPath,
       "A shop order, posted as the buyer's purchase contract (exactly once per order_id).",
       {kAdmin, "enterprise", "distributor", "retailer"},
       "",
       [orders](const HttpRequest& req) { return post_order(req, orders); }},
  };
}

}  // namespace lienket::marketplace
