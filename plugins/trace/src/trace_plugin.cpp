// The `trace` plugin: GS1 EPCIS 2.0 traceability (docs/protocol-trace.md).
#include <memory>

#include "bus_mapper.hpp"
#include "config.hpp"
#include "handlers.hpp"
#include "http_server.hpp"
#include "lienket/plugin.hpp"

namespace lienket::trace {

class TracePlugin : public Plugin {
 public:
  PluginInfo info() const override {
    return {"trace", "0.1.0", {"trace."}, {"farming.", "offtake."}};
  }

  Status configure(const nlohmann::json& config, HostContext& host) override {
    auto c = parse_config(config);
    if (!c.ok()) return c.status();
    config_ = *c;
    if (config_.http_enabled) {
      http_ = std::make_unique<HttpServer>(host);
      auto st = http_->start(config_.http_host, config_.http_port);
      if (!st.ok()) return st;
      host.log().info("trace page on http://" + config_.http_host + ":" + std::to_string(http_->port()));
    }
    settings_.resolver = !config_.resolver.empty() ? config_.resolver
                         : http_ ? "http://" + config_.http_host + ":" + std::to_string(http_->port())
                                 : "https://id.gs1.org";
    return Status::Ok();
  }

  Result<nlohmann::json> handle(const Request& request, Context& cx) override {
    return handle_request(request, cx, settings_);
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
