// The input format of the plugin request fuzzers: a JSON array of steps run in order against one
// fresh ProvinceContext, so that later requests reach states earlier ones built (a contract, an
// offer, a proposal, a delivery...):
//   {"type": "offtake.contract.post", "as": "dn-phutho-tea", "body": {...}}   one request
//   {"config": {...}}                                                         the plugin's section
//   {"advance_hours": 80}                                                     clock forward + tick
// Steps that are not objects of these shapes are skipped; at most kMaxSteps run. A request with an
// "as" acts for that party, one without acts as an admin (the node's rule without CURVE).
// run_declared() dispatches a request through the plugin's declared contract (PluginInfo) as the
// node does: an undeclared type is skipped, a caller the message's `callers` refuse is refused
// before the handler, and the handler runs under the contract's rules (see
// lienket/testing/memory_context.hpp). Each request must end in a result or a Status (no exception
// escapes a handler, whatever the body), an error must not be `internal` (the memory store never
// fails, so internal can only mean a handler bug or a broken contract), and a result must serialise
// as the node serialises a reply.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"
#include "lienket/plugin.hpp"
#include "province_context.hpp"

namespace lienket::fuzz {

inline constexpr std::size_t kMaxSteps = 24;

// Aborts (a crash for libFuzzer) with the reason on stderr.
[[noreturn]] inline void fail(std::string_view what, const std::string& detail) {
  std::fprintf(stderr, "FUZZ ORACLE: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               detail.c_str());
  std::abort();
}

// Parses the fuzzer's bytes as a scenario; nullptr-like (discarded) json when it is not one.
inline nlohmann::json parse_scenario(const std::uint8_t* data, std::size_t size) {
  auto j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_array()) return nlohmann::json(nlohmann::json::value_t::discarded);
  return j;
}

// A request step as the envelope decoder would have produced it; false if the step is not one.
inline bool request_of(const nlohmann::json& step, Request& r) {
  if (!step.is_object() || !step.contains("type") || !step["type"].is_string()) return false;
  r.id = "fuzz";
  r.type = step["type"].get<std::string>();
  r.as = step.contains("as") && step["as"].is_string() ? step["as"].get<std::string>() : "";
  r.body = step.contains("body") ? step["body"] : nlohmann::json::object();
  r.admin = r.as.empty();
  return r.body.is_object();  // the envelope guarantees an object body
}

// Runs a handler call under the oracles above, rolling back on error as the node does.
template <typename Fn>
void run_checked(ProvinceContext& cx, const Request& r, Fn&& handler) {
  try {
    auto res = cx.transaction([&] { return handler(); });
    if (res.ok()) {
      (void)res->dump();
    } else if (res.status().code() == Code::kInternal) {
      fail("internal error", r.type + " " + r.body.dump() + " -> " + res.status().message());
    }
  } catch (const std::exception& e) {
    fail("exception escaped", r.type + " " + r.body.dump() + " -> " + e.what());
  }
}

// Whether the node would let `r`'s caller send `spec` (MessageSpec::callers), judged against the
// context's registry the way the node's dispatcher judges it.
inline bool caller_allowed(const MessageSpec& spec, const Request& r, Registry& registry) {
  auto names = [&](std::string_view who) {
    for (const auto& c : spec.callers)
      if (c == who) return true;
    return false;
  };
  if (!r.as.empty()) {
    auto party = registry.party(r.as);
    if (!party.ok()) return false;  // unauthenticated
    return names(callers::kAnyone) || names(callers::kParty) || names(party->value("kind", ""));
  }
  if (names(callers::kAnyone)) return true;
  if (!r.plugin.empty()) return names(callers::kPlugin);
  return r.admin && names(callers::kAdmin);
}

// Makes `cx` refuse, as the node does, events the contract does not declare.
inline void declare_events(ProvinceContext& cx, const PluginInfo& info) {
  for (const auto& e : info.events) cx.declared_events.insert(e.type);
}

// Runs `r` through the declared message table of `info`, under the oracles of run_checked and the
// contract's rules (callers, read_only). A type the contract does not declare is skipped.
inline void run_declared(ProvinceContext& cx, const PluginInfo& info, const Request& r) {
  const MessageSpec* spec = nullptr;
  for (const auto& m : info.messages)
    if (m.type == r.type) spec = &m;
  if (!spec || !caller_allowed(*spec, r, cx.registry())) return;
  cx.store_.read_only = spec->read_only;
  run_checked(cx, r, [&] { return spec->handler(r, cx); });
  cx.store_.read_only = false;
}

// What a plugin's scenario fuzzer adds to the steps: how a {"config": ...} step changes the
// plugin's config, and its clock work after an {"advance_hours": N} step (empty: none).
struct ScenarioHooks {
  std::function<void(const nlohmann::json& section)> config;
  std::function<Status()> tick;
};

// Runs at most kMaxSteps steps of `steps` in order against `cx`, requests through `info`'s
// contract.
inline void run_scenario(ProvinceContext& cx, const PluginInfo& info, const nlohmann::json& steps,
                         const ScenarioHooks& hooks) {
  declare_events(cx, info);
  std::size_t n = 0;
  for (const auto& step : steps) {
    if (++n > kMaxSteps) break;
    Request r;
    if (request_of(step, r)) {
      run_declared(cx, info, r);
    } else if (step.is_object() && step.contains("config")) {
      if (hooks.config) hooks.config(step["config"]);
    } else if (step.is_object() && step.contains("advance_hours") &&
               step["advance_hours"].is_number_integer()) {
      auto hours = step["advance_hours"].get<std::int64_t>();
      if (hours < 0 || hours > 24 * 3650) continue;
      cx.clock.advance_ms(hours * 3600000);
      if (!hooks.tick) continue;
      Request on_tick;
      on_tick.type = "on_tick";
      on_tick.plugin = info.name;
      run_checked(cx, on_tick, [&]() -> Result<nlohmann::json> {
        LIENKET_RETURN_IF_ERROR(hooks.tick());
        return nlohmann::json::object();
      });
    }
  }
}

}  // namespace lienket::fuzz
