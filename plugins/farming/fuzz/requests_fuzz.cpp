// Fuzzes the farming plugin's request decoding and handling (plugins/farming/src: plots, agreements
// and their price terms, advances, diary, harvests, market prices, settlements, alerts). The
// decoders (decode_point/decode_polygon/decode_terms/decode_price_terms...) are file-local helpers
// of handlers that need a Context, so the target runs the real handlers against an in-memory context
// (support/memory_context.hpp) on scenarios of several requests (support/scenario.hpp), plus the
// config section parser. The routing table mirrors farming_plugin.cpp.
#include <map>
#include <string>

#include "config.hpp"
#include "handlers.hpp"
#include "support/scenario.hpp"

namespace {

using namespace lienket;
using namespace lienket::farming;

const std::map<std::string, Handler, std::less<>>& routes() {
  static const std::map<std::string, Handler, std::less<>> kRoutes = {
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
  return kRoutes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto steps = fuzz::parse_scenario(data, size);
  if (steps.is_discarded()) return 0;
  fuzz::MemoryContext cx;
  Config config;
  std::size_t n = 0;
  for (const auto& step : steps) {
    if (++n > fuzz::kMaxSteps) break;
    Request r;
    if (fuzz::request_of(step, r)) {
      auto route = routes().find(r.type);
      if (route == routes().end()) continue;
      fuzz::run_checked(cx, r, [&] { return route->second(r, cx, config); });
    } else if (step.is_object() && step.contains("config")) {
      if (auto c = parse_config(step["config"]); c.ok()) config = *c;
    } else if (step.is_object() && step.contains("advance_hours") && step["advance_hours"].is_number_integer()) {
      auto hours = step["advance_hours"].get<std::int64_t>();
      if (hours >= 0 && hours <= 24 * 3650) cx.now += hours * 3600000;
    }
  }
  return 0;
}
