// The connector's HTTP side: cpp-httplib on a thread of its own, never the node's.
//   GET  /feed.jsonld  schema.org ItemList (application/ld+json)
//   GET  /feed.tsv     Merchant Center tab-delimited feed (text/tab-separated-values)
//   POST /orders       an order (JSON) -> a purchase contract; 201, or 4xx/5xx {"error": {...}}
// Anything else is 404. The server only calls the two functions it is given; they do the node work
// (HostContext::run / submit) and may block for a few seconds.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "feed_model.hpp"
#include "lienket/status.hpp"
#include "lienket/util/http_listener.hpp"
#include "order_mapper.hpp"

namespace lienket::marketplace {

class HttpApi {
 public:
  using FeedSource = std::function<Result<std::vector<FeedItem>>()>;
  using OrderSink = std::function<HttpAnswer(const nlohmann::json& order)>;

  HttpApi(FeedSource feed, OrderSink orders, std::string currency);
  // Binds (port 0: any free port) and starts serving; returns once the socket is bound. A port in
  // use is an error naming it (util::HttpListener).
  Status start(const std::string& host, int port);
  void stop() { listener_.stop(); }
  int port() const { return listener_.port(); }

 private:
  void routes();
  FeedSource feed_;
  OrderSink orders_;
  std::string currency_;
  util::HttpListener listener_;  // last: stopped before the members its handlers use go
};

}  // namespace lienket::marketplace
