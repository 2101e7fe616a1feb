// The `trace` plugin: GS1 EPCIS 2.0 traceability (docs/protocol-trace.md).
#include <memory>

#include "config.hpp"
#include "contract.hpp"
#include "epcis_subscription_delivery.hpp"
#include "handlers.hpp"
#include "lienket/plugin.hpp"

namespace lienket::trace {

class TracePlugin : public Plugin {
 public:
  // Handlers read settings_ when they run: configure() fills it in after the node reads info().
  PluginInfo info() const override { return contract(&settings_); }

  Status configure(const nlohmann::json& config, HostContext& host) override {
    auto c = parse_config(config);
    if (!c.ok()) return c.status();
    settings_.host = &host;
    settings_.tiles = c->tiles;
    // QR codes point at this node's page unless a public resolver is configured.
    settings_.resolver = !c->resolver.empty()       ? c->resolver
                         : !host.http_url().empty() ? host.http_url()
                                                    : "https://id.gs1.org";
    if (c->resolver.empty() && is_loopback_url(settings_.resolver))
      host.log().warn(
          "QR codes will hold " + settings_.resolver +
          ", this computer's own address: a phone that scans a printed code cannot open it. Set "
          "plugins.trace.resolver to the address people reach this node at (https://...).");
    // The EPCIS query subscriptions' webhooks, on a thread of the plugin's own.
    deliveries_ = std::make_unique<SubscriptionDelivery>(host);
    deliveries_->start();
    return Status::Ok();
  }

  Status on_event(const Event& event, Context& cx) override { return record_bus_event(event, cx); }

  void shutdown() override {
    if (deliveries_) deliveries_->stop();
    settings_.host = nullptr;
  }

 private:
  Settings settings_;
  std::unique_ptr<SubscriptionDelivery> deliveries_;
};

}  // namespace lienket::trace

LIENKET_PLUGIN(lienket::trace::TracePlugin)
