// The farming plugin's contract: every message it serves (with its handler, schemas, callers and
// whether it only reads) and every event it emits (docs/protocol-farming.md). The plugin module
// returns it from Plugin::info() and the fuzz target dispatches through it: there is no other
// table.
#pragma once

#include "config.hpp"
#include "lienket/plugin.hpp"

namespace lienket::farming {

inline constexpr const char* kPluginVersion = "0.3.0";

// The handlers read the configuration through `config`, which must outlive the returned info (the
// plugin passes its own member, updated in place by configure()).
PluginInfo contract(const Config* config);

}  // namespace lienket::farming
