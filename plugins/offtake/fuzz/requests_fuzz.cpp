// Fuzzes the offtake plugin's request decoding and handling (plugins/offtake/src/*_handlers.cpp)
// through its declared contract (src/contract.cpp), the same table the plugin module serves from:
// each request goes to its MessageSpec's handler, after the callers check the node would make,
// against an in-memory context (support/province_context.hpp) that refuses undeclared events and
// writes from read_only messages, on scenarios of several requests (support/scenario.hpp), plus the
// config section parser and the time-driven work of on_tick.
#include "config.hpp"
#include "contract.hpp"
#include "support/scenario.hpp"

using namespace lienket;
using namespace lienket::offtake;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto steps = fuzz::parse_scenario(data, size);
  if (steps.is_discarded()) return 0;
  OfftakeConfig config;
  const PluginInfo info = contract(&config);  // the handlers read `config` as the steps change it
  fuzz::ProvinceContext cx;
  fuzz::ScenarioHooks hooks;
  hooks.config = [&](const nlohmann::json& section) {
    if (auto c = parse_config(section); c.ok()) config = *c;
  };
  hooks.tick = [&] { return tick(cx, config); };
  fuzz::run_scenario(cx, info, steps, hooks);
  return 0;
}
