#include "webhook_connector.hpp"

#include <string>

namespace lienket::webhook {

WebhookConnector::WebhookConnector() : Connector("webhook", "0.1.0") {}

Status WebhookConnector::configure_connector(const nlohmann::json& config, HostContext& host) {
  auto parsed = parse_config(config);
  if (!parsed.ok()) return parsed.status();
  for (const auto& e : parsed->endpoints)
    host.log().info("webhook: delivering to " + e.url + (e.topics.empty() ? "" : " (filtered by topic)"));
  if (parsed->endpoints.empty())
    host.log().info("webhook: no endpoints configured; events are passed over without being sent");
  dispatcher_ = std::make_unique<Dispatcher>(std::move(parsed->endpoints), transport_);
  return Status::Ok();
}

Status WebhookConnector::deliver(const Event& event) {
  if (!dispatcher_) return Status::Unavailable("webhook connector is not configured yet");
  return dispatcher_->deliver(event);
}

Result<nlohmann::json> WebhookConnector::handle_other(const Request& request, Context& cx) {
  if (request.type != "connector.webhook.endpoints") return Connector::handle_other(request, cx);
  if (!request.body.empty()) return Status::InvalidArgument("body must be empty", "body");
  nlohmann::json list = nlohmann::json::array();
  if (dispatcher_)
    for (const auto& e : dispatcher_->endpoints())
      list.push_back({{"url", e.url}, {"topics", e.topics}, {"timeout_ms", e.timeout_ms}});
  return nlohmann::json{{"endpoints", list}};
}

}  // namespace lienket::webhook
