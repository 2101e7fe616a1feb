// The `trace` plugin: GS1 EPCIS 2.0 traceability (docs/protocol-trace.md).
#include <memory>

#include "config.hpp"
#include "contract.hpp"
#include "handlers.hpp"
#include "http_server.hpp"
#include "lienket/plugin.hpp"

namespace lienket::trace {

class TracePlugin : public Plugin {
 public:
  // Handlers read settings_ when they run: configure() fills it in after the node reads info().
  PluginInfo info() const override { return contract(&settings_); }

  Status configure(const nlohmann::json& config, HostContext& host) override {
    auto c = parse_config(config);
    if (!c.ok()) return c.status();
    config_ = *c;
    if (config_.http_enabled) {
      http_ = std::make_unique<HttpServer>(host);
      auto st = http_->start(config_.http_host, host.http_any_port() ? 0 : config_.http_port);
      if (!st.ok()) return st;
      host.log().info("trace page on http://" + config_.http_host + ":" +
                      std::to_string(http_->port()));
    }
    settings_.resolver = !config_.resolver.empty() ? config_.resolver
                         : http_
                             ? "http://" + config_.http_host + ":" + std::to_string(http_->port())
                             : "https://id.gs1.org";
    return Status::Ok();
  }

  Status on_event(const Event& event, Context& cx) override { return record_bus_event(event, cx); }

  void shutdown() override {
    if (http_) http_->stop();
    http_.reset();
  }

 private:
  Config config_;
  Settings settings_;
  std::unique_ptr<HttpServer> http_;
};

}  // namespace lienket::trace

LIENKET_PLUGIN(lienket::trace::TracePlugin)
