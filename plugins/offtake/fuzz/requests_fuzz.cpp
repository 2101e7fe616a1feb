// Fuzzes the offtake plugin's request decoding and handling (plugins/offtake/src/*_handlers.cpp).
// Its decoders are not separate functions: each handler reads its body with lienket::Fields and
// needs a Context for the registry and the store, so the target runs the real handlers against an
// in-memory context (support/memory_context.hpp) on scenarios of several requests
// (support/scenario.hpp), plus the config section parser and the time-driven work of on_tick.
// The routing table mirrors offtake_plugin.cpp (the plugin module itself is never linked).
#include <map>
#include <string>

#include "config.hpp"
#include "handlers.hpp"
#include "support/scenario.hpp"

namespace {

using namespace lienket;
using namespace lienket::offtake;

const std::map<std::string, Handler, std::less<>>& routes() {
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
  return kRoutes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto steps = fuzz::parse_scenario(data, size);
  if (steps.is_discarded()) return 0;
  fuzz::MemoryContext cx;
  OfftakeConfig config;
  std::size_t n = 0;
  for (const auto& step : steps) {
    if (++n > fuzz::kMaxSteps) break;
    Request r;
    if (fuzz::request_of(step, r)) {
      auto route = routes().find(r.type);
      if (route == routes().end()) continue;
      fuzz::run_checked(cx, r, [&] {
        Call call{r, cx, config};
        return route->second(call);
      });
    } else if (step.is_object() && step.contains("config")) {
      if (auto c = parse_config(step["config"]); c.ok()) config = *c;
    } else if (step.is_object() && step.contains("advance_hours") && step["advance_hours"].is_number_integer()) {
      auto hours = step["advance_hours"].get<std::int64_t>();
      if (hours < 0 || hours > 24 * 3650) continue;
      cx.now += hours * 3600000;
      Request tick;
      tick.type = "on_tick";
      fuzz::run_checked(cx, tick, [&]() -> Result<nlohmann::json> {
        LIENKET_RETURN_IF_ERROR(expire_proposals(cx));
        LIENKET_RETURN_IF_ERROR(mark_breaches(cx, config));
        return nlohmann::json::object();
      });
    }
  }
  return 0;
}
