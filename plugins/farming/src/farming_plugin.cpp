// The farming plugin: contract farming seasons between enterprises and cooperatives (plots,
// agreements, input advances, planting diaries, harvest deliveries, settlement, alerts). Its
// contract (contract.cpp) lists every "farming." message type it serves and every event it emits;
// docs/protocol-farming.md documents each.
#include "config.hpp"
#include "contract.hpp"
#include "lienket/plugin.hpp"

namespace lienket::farming {

namespace {

class FarmingPlugin final : public Plugin {
 public:
  // The handlers read config_ through a pointer: configure() updates it in place.
  PluginInfo info() const override { return contract(&config_); }

  Status configure(const nlohmann::json& config, HostContext&) override {
    auto c = parse_config(config);
    if (!c.ok()) return c.status();
    config_ = *c;
    return Status::Ok();
  }

 private:
  Config config_;
};

}  // namespace

}  // namespace lienket::farming

LIENKET_PLUGIN(lienket::farming::FarmingPlugin)
