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
      if (hours < 0 || hours > 24 * 3650) continue;
      cx.clock.advance_ms(hours * 3600000);
      Request on_tick;
      on_tick.type = "on_tick";
      on_tick.plugin = "offtake";
      fuzz::run_checked(cx, on_tick, [&]() -> Result<nlohmann::json> {
        LIENKET_RETURN_IF_ERROR(tick(cx, config));
        return nlohmann::json::object();
      });
    }
  }
  return 0;
}
