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
  fuzz::ScenarioHooks hooks;
  hooks.config = [&](const nlohmann::json& section) {
    if (auto c = parse_config(section); c.ok()) config = *c;
  };
  fuzz::run_scenario(cx, info, steps, hooks);
  return 0;
}
