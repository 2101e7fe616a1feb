// The offtake plugin: purchase contracts, supply offers, optimal matching, consumption contracts
// (README.md, docs/protocol-offtake.md). This file only routes: each message type to its handler,
// and on_tick to the proposal expiry and the breach check.
#include <map>
#include <string>

#include "config.hpp"
#include "handlers.hpp"
#include "lienket/plugin.hpp"

namespace lienket::offtake {

class OfftakePlugin final : public Plugin {
 public:
  PluginInfo info() const override { return {"offtake", "0.1.0", {"offtake."}, {}}; }

  Status configure(const nlohmann::json& config, HostContext&) override {
    auto parsed = parse_config(config);
    if (!parsed.ok()) return parsed.status();
    config_ = *parsed;
    return Status::Ok();
  }

  Result<nlohmann::json> handle(const Request& request, Context& cx) override {
    static const std::map<std::string, Handler, std::less<>> kRoutes = {
        {"offtake.contract.post", contract_post},     {"offtake.contract.get", contract_get},
        {"offtake.contract.list", contract_list},     {"offtake.contract.cancel", contract_cancel},
        {"offtake.offer.post", offer_post},           {"offtake.offer.get", offer_get},
        {"offtake.offer.list", offer_list},           {"offtake.offer.withdraw", offer_withdraw},
        {"offtake.match.run", match_run},             {"offtake.proposal.get", proposal_get},
        {"offtake.proposal.list", proposal_list},     {"offtake.proposal.accept", proposal_accept},
        {"offtake.proposal.reject", proposal_reject}, {"offtake.consumption.get", consumption_get},
        {"offtake.consumption.list", consumption_list}, {"offtake.delivery.record", delivery_record},
        {"offtake.delivery.accept", delivery_accept}, {"offtake.delivery.reject", delivery_reject},
        {"offtake.payment.record", payment_record},   {"offtake.report", report},
    };
    auto route = kRoutes.find(request.type);
    if (route == kRoutes.end()) return Status::UnknownType("unknown message type " + request.type);
    Call call{request, cx, config_};
    try {
      return route->second(call);
    } catch (const std::exception& e) {  // a corrupt record; nothing may escape the plugin
      return Status::Internal(std::string("offtake: ") + e.what());
    }
  }

  Status on_tick(Context& cx) override {
    try {
      LIENKET_RETURN_IF_ERROR(expire_proposals(cx));
      return mark_breaches(cx, config_);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("offtake tick: ") + e.what());
    }
  }

 private:
  OfftakeConfig config_;
};

}  // namespace lienket::offtake

LIENKET_PLUGIN(lienket::offtake::OfftakePlugin)
