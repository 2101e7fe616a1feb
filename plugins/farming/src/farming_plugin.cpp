// The farming plugin: contract farming seasons between enterprises and cooperatives (plots,
// agreements, input advances, planting diaries, harvest deliveries, settlement, alerts). Serves
// the "farming." message types listed in kHandlers; docs/protocol-farming.md documents each.
#include <map>
#include <string>

#include "config.hpp"
#include "handlers.hpp"
#include "lienket/plugin.hpp"

namespace lienket::farming {

namespace {

const std::map<std::string, Handler, std::less<>>& handlers() {
  static const std::map<std::string, Handler, std::less<>> kHandlers = {
      {"farming.plot.register", plot_register},
      {"farming.plot.get", plot_get},
      {"farming.plot.list", plot_list},
      {"farming.agreement.propose", agreement_propose},
      {"farming.agreement.amend", agreement_amend},
      {"farming.agreement.sign", agreement_sign},
      {"farming.agreement.get", agreement_get},
      {"farming.agreement.list", agreement_list},
      {"farming.advance.record", advance_record},
      {"farming.advance.list", advance_list},
      {"farming.diary.record", diary_record},
      {"farming.diary.list", diary_list},
      {"farming.harvest.record", harvest_record},
      {"farming.harvest.list", harvest_list},
      {"farming.market_price.set", market_price_set},
      {"farming.settlement.compute", settlement_compute},
      {"farming.settlement.confirm", settlement_confirm},
      {"farming.settlement.get", settlement_get},
      {"farming.alerts", alerts_list},
  };
  return kHandlers;
}

class FarmingPlugin final : public Plugin {
 public:
  PluginInfo info() const override { return {"farming", "0.1.0", {"farming."}, {}}; }

  Status configure(const nlohmann::json& config, HostContext&) override {
    auto c = parse_config(config);
    if (!c.ok()) return c.status();
    config_ = *c;
    return Status::Ok();
  }

  Result<nlohmann::json> handle(const Request& r, Context& cx) override {
    auto it = handlers().find(r.type);
    if (it == handlers().end()) return Status::UnknownType("unknown message type " + r.type);
    return it->second(r, cx, config_);
  }

 private:
  Config config_;
};

}  // namespace

}  // namespace lienket::farming

LIENKET_PLUGIN(lienket::farming::FarmingPlugin)
