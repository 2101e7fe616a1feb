// The offtake plugin: purchase contracts, supply offers, optimal matching, consumption contracts
// (README.md, docs/protocol-offtake.md). Its messages and events are declared, with their handlers,
// in contract.cpp; this file holds the config and runs the time-driven work of on_tick.
#include "config.hpp"
#include "contract.hpp"
#include "lienket/plugin.hpp"

namespace lienket::offtake {

class OfftakePlugin final : public Plugin {
 public:
  // The handlers read config_ through its address, which stays valid for the plugin's life.
  PluginInfo info() const override { return contract(&config_); }

  Status configure(const nlohmann::json& config, HostContext&) override {
    auto parsed = parse_config(config);
    if (!parsed.ok()) return parsed.status();
    config_ = *parsed;
    return Status::Ok();
  }

  Status on_tick(Context& cx) override { return tick(cx, config_); }

 private:
  OfftakeConfig config_;
};

}  // namespace lienket::offtake

LIENKET_PLUGIN(lienket::offtake::OfftakePlugin)
