// The `marketplace` connector (PROTOCOL.md): cooperatives' products as an online shop's product
// feed, and the shop's orders back as purchase contracts.
//  - deliver(): folds registry and offtake events into the feed's records in this connector's own
//    store (feed_fold), through HostContext::run so they are durable and survive restarts;
//  - its HTTP routes (http_api), on the node's HTTP server, serve the feed built from those records
//    (feed_model, cached until the next fold) and turn orders into offtake.contract.post requests
//    (order_mapper).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config.hpp"
#include "feed_cache.hpp"
#include "feed_fold.hpp"
#include "feed_model.hpp"
#include "http_api.hpp"
#include "lienket/connector.hpp"
#include "lienket/fields.hpp"
#include "lienket/schema.hpp"
#include "lienket/time.hpp"
#include "order_mapper.hpp"

namespace lienket::marketplace {
namespace {

using nlohmann::json;

// How long an HTTP request or a delivery waits for the node before answering "unavailable".
constexpr auto kNodeTimeout = std::chrono::seconds(10);

// Waits for a run()/submit() future within the timeout; a node that stops refuses with a broken
// promise, which is also "unavailable".
template <typename T>
Result<T> wait_for_node(std::future<T>& fut) {
  try {
    if (fut.wait_for(kNodeTimeout) != std::future_status::ready)
      return Status::Unavailable("the node is busy");
    return fut.get();
  } catch (...) {
    return Status::Unavailable("the node is stopping");
  }
}

}  // namespace

class MarketplaceConnector final : public Connector {
 public:
  MarketplaceConnector() : Connector("marketplace", "0.1.0") {}
  // Stops the runtime's thread while this object's members still exist (the base destructor would
  // do it only after they are gone); a no-op after the node's shutdown().
  ~MarketplaceConnector() override { shutdown(); }

 protected:
  Status configure_connector(const json& section, HostContext& host) override {
    auto c = parse_config(section);
    if (!c.ok()) return c.status();
    config_ = *c;
    host_ = &host;
    host.log().info("marketplace feed on " + host.http_url() + kFeedPath + " and " + kTsvPath +
                    ", orders at " + kOrdersPath);
    return Status::Ok();
  }

  Status deliver(const Event& event) override {
    if (!is_feed_event(event.type)) return Status::Ok();
    auto fut = host_->run([event](Context& cx) -> Result<json> {  // by value: we may stop waiting
      auto changed = apply_event(cx.store(), event);
      if (!changed.ok()) return changed.status();
      return json{{"changed", *changed}};
    });
    auto r = wait_for_node(fut);
    if (!r.ok()) return r.status();
    if (!r->ok()) return r->status();
    if ((**r)["changed"] == true) cache_.invalidate();
    return Status::Ok();
  }

  void stop_connector() override { stopped_ = true; }

  // Served by the node's HTTP server from configure() on; answer 503 once stopped.
  std::vector<HttpRoute> connector_routes() const override {
    auto* self = const_cast<MarketplaceConnector*>(this);
    return http_routes(
        [self]() -> Result<std::vector<FeedItem>> {
          if (self->stopped_ || !self->host_) return Status::Unavailable("the connector is off");
          return self->feed();
        },
        [self](const json& order) {
          if (self->stopped_ || !self->host_)
            return error_answer(Status::Unavailable("the connector is off"));
          return self->post_order(order);
        },
        "VND");
  }

  // An order is posted as offtake.contract.post acting for its buyer (HostContext::submit with
  // `as`): a right the node grants only for the types declared here, and publishes (node.schema).
  std::vector<std::string> connector_acts_for() const override {
    return {std::string(kOrderMessage)};
  }

  // connector.marketplace.info: where the feed and the order API listen, and how far the fold got.
  std::vector<MessageSpec> connector_messages() const override {
    using namespace schema;
    Schema result = object(
        {{"feed_url", string(300)},
         {"tsv_url", string(300)},
         {"orders_url", string(300)},
         {"applied_seq", integer(0, INT64_MAX).describe("the seq of the last event folded")}});
    return {{"connector.marketplace.info",
             "The feed and order URLs of the HTTP API, and the last event folded.",
             object({}),
             result,
             {callers::kAdmin},
             /*read_only=*/true,
             [this](const Request& r, Context& cx) { return info_message(r, cx); }}};
  }

 private:
  Result<json> info_message(const Request& r, Context& cx) const {
    Fields f(r.body);
    f.only({});
    if (!f.ok()) return f.status();
    auto seq = applied_seq(cx.store());
    if (!seq.ok()) return seq.status();
    return json{{"feed_url", host_->http_url() + kFeedPath},
                {"tsv_url", host_->http_url() + kTsvPath},
                {"orders_url", host_->http_url() + kOrdersPath},
                {"applied_seq", *seq}};
  }

  // The node's clocks are atomic reads, so the HTTP thread may ask for today's date.
  Result<std::vector<FeedItem>> feed() {
    const std::string today = local_date(host_->clock().now_ms());
    return cache_.get(today, [this](const std::string& day) -> Result<std::vector<FeedItem>> {
      FeedLinks links{config_.shop_base_url, config_.trace_base_url};
      // Shared, not on this stack: the node may still run the work after we gave up waiting.
      auto items = std::make_shared<std::vector<FeedItem>>();
      auto fut = host_->run([links, day, items](Context& cx) -> Result<json> {
        auto records = load_records(cx.store());
        if (!records.ok()) return records.status();
        *items = build_items(*records, day, links);
        return json::object();
      });
      auto r = wait_for_node(fut);
      if (!r.ok()) return r.status();
      if (!r->ok()) return r->status();
      return std::move(*items);
    });
  }

  HttpAnswer post_order(const json& order) {
    auto request = order_to_request(order);
    if (!request.ok()) return error_answer(request.status());
    const std::string order_id = order.value("order_id", "");
    auto fut = host_->submit(*request);
    auto reply = wait_for_node(fut);
    if (!reply.ok()) return error_answer(reply.status());
    return reply_to_answer(*reply, order_id);
  }

  Config config_;
  HostContext* host_ = nullptr;
  std::atomic<bool> stopped_{false};
  FeedCache cache_;
};

}  // namespace lienket::marketplace

LIENKET_PLUGIN(lienket::marketplace::MarketplaceConnector)
