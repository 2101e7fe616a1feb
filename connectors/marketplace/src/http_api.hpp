// The connector's HTTP routes, served by the node's HTTP server (PluginInfo::routes):
//   GET  /marketplace/feed.jsonld  schema.org ItemList (application/ld+json), open to anyone
//   GET  /marketplace/feed.tsv     Merchant Center tab-delimited feed, open to anyone
//   POST /marketplace/orders       an order (JSON) -> a purchase contract; 201, or 4xx/5xx
//                                  {"error": {...}}. Needs an API token: a buyer's token posts its
//                                  own orders only, an admin token any buyer's.
// The handlers only call the two functions they are given, which do the node work
// (HostContext::run / submit) and may block for a few seconds.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "feed_model.hpp"
#include "lienket/http.hpp"
#include "lienket/status.hpp"
#include "order_mapper.hpp"

namespace lienket::marketplace {

inline constexpr const char* kFeedPath = "/marketplace/feed.jsonld";
inline constexpr const char* kTsvPath = "/marketplace/feed.tsv";
inline constexpr const char* kOrdersPath = "/marketplace/orders";

using FeedSource = std::function<Result<std::vector<FeedItem>>()>;
using OrderSink = std::function<HttpAnswer(const nlohmann::json& order)>;

std::vector<HttpRoute> http_routes(FeedSource feed, OrderSink orders, std::string currency);

}  // namespace lienket::marketplace
