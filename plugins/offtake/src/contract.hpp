// The offtake plugin's contract as data: every message type it serves, with its body and result
// schemas, who may send it and its handler, and every event type it emits
// (docs/protocol-offtake.md). The plugin module returns it from Plugin::info() and the fuzz target
// dispatches through the same table, so there is no second route map to drift.
#pragma once

#include "config.hpp"
#include "lienket/plugin.hpp"

namespace lienket::offtake {

// The plugin's contract. The handlers read `config` when they run: it must outlive the table (the
// plugin passes its own member, the fuzz target a local of the input being run).
PluginInfo contract(const OfftakeConfig* config);

// The time-driven work of on_tick: pending proposals past their expiry end, then consumption
// contracts past their window are declared breached.
Status tick(Context& cx, const OfftakeConfig& config);

}  // namespace lienket::offtake
