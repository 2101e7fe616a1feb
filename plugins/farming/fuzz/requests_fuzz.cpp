// Fuzzes the farming plugin's request decoding and handling (plugins/farming/src: plots, agreements
// and their price terms, advances, diary, harvests, market prices, settlements, alerts). The
// decoders are file-local helpers of handlers that need a Context, so the target runs scenarios of
// several requests (support/scenario.hpp) through the plugin's declared contract (contract.cpp:
// the same message table the node serves, with its callers and read_only rules) against an
// in-memory context (support/province_context.hpp), plus the config section parser.
#include "config.hpp"
#include "contract.hpp"
#include "support/scenario.hpp"

using namespace lienket;
using namespace lienket::farming;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto steps = fuzz::parse_scenario(data, size);
  if (steps.is_discarded()) return 0;
  fuzz::ProvinceContext cx;
  Config config;  // the handlers read it through the contract, as in the plugin
  const PluginInfo info = contract(&config);
  fuzz::declare_events(cx, info);
  std::size_t n = 0;
  for (const auto& step : steps) {
    if (++n > fuzz::kMaxSteps) break;
    Request r;
    if (fuzz::request_of(step, r)) {
      fuzz::run_declared(cx, info, r);
    } else if (step.is_object() && step.contains("config")) {
      if (auto c = parse_config(step["config"]); c.ok()) config = *c;
    } else if (step.is_object() && step.contains("advance_hours") && step["advance_hours"].is_number_integer()) {
      auto hours = step["advance_hours"].get<std::int64_t>();
      if (hours >= 0 && hours <= 24 * 3650) cx.clock.advance_ms(hours * 3600000);
    }
  }
  return 0;
}
