// The `webhook` connector: POSTs the node's events as signed JSON to configured URLs. The runtime
// (lienket::Connector) keeps the cursor, retries and dead letters; this class only sends.
// Messages of its own (connector_messages(), PROTOCOL.md): connector.webhook.endpoints ->
// {"endpoints":[{"url","topics","timeout_ms"}]} (secrets are never shown). It emits no events.
#pragma once

#include <memory>

#include "config.hpp"
#include "dispatcher.hpp"
#include "lienket/connector.hpp"
#include "transport.hpp"

namespace lienket::webhook {

class WebhookConnector final : public Connector {
 public:
  WebhookConnector();

 protected:
  Status configure_connector(const nlohmann::json& config, HostContext& host) override;
  Status deliver(const Event& event) override;
  std::vector<MessageSpec> connector_messages() const override;

 private:
  Result<nlohmann::json> endpoints(const Request& request, Context& cx) const;

  HttpTransport transport_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

}  // namespace lienket::webhook
