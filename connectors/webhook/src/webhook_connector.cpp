#include "webhook_connector.hpp"

#include <string>

#include "lienket/fields.hpp"
#include "lienket/schema.hpp"

namespace lienket::webhook {

WebhookConnector::WebhookConnector() : Connector("webhook", "0.1.0") {}

Status WebhookConnector::configure_connector(const nlohmann::json& config, HostContext& host) {
  auto parsed = parse_config(config);
  if (!parsed.ok()) return parsed.status();
  for (const auto& e : parsed->endpoints)
    host.log().info("webhook: delivering to " + e.url +
                    (e.topics.empty() ? "" : " (filtered by topic)"));
  if (parsed->endpoints.empty())
    host.log().info("webhook: no endpoints configured; events are passed over without being sent");
  dispatcher_ = std::make_unique<Dispatcher>(std::move(parsed->endpoints), transport_);
  return Status::Ok();
}

Status WebhookConnector::deliver(const Event& event) {
  if (!dispatcher_) return Status::Unavailable("webhook connector is not configured yet");
  return dispatcher_->deliver(event);
}

std::vector<MessageSpec> WebhookConnector::connector_messages() const {
  using namespace schema;
  Schema endpoint = object({{"url", string(2000)},
                            {"topics", array(string(200), 50)},
                            {"timeout_ms", integer(100, 30000)}});
  return {{"connector.webhook.endpoints",
           "The configured endpoints (url, topics, timeout), never their secrets.",
           object({}),
           object({{"endpoints", array(endpoint, 20)}}),
           {callers::kAdmin},
           /*read_only=*/true,
           [this](const Request& r, Context& cx) { return endpoints(r, cx); }}};
}

Result<nlohmann::json> WebhookConnector::endpoints(const Request& request, Context&) const {
  Fields f(request.body);
  f.only({});
  if (!f.ok()) return f.status();
  nlohmann::json list = nlohmann::json::array();
  if (dispatcher_)
    for (const auto& e : dispatcher_->endpoints())
      list.push_back({{"url", e.url}, {"topics", e.topics}, {"timeout_ms", e.timeout_ms}});
  return nlohmann::json{{"endpoints", list}};
}

}  // namespace lienket::webhook
