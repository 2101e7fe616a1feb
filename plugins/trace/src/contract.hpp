// The trace plugin's contract as data (docs/protocol-trace.md): every message it serves, with its
// handler, body and result schemas, callers and read_only flag; every event it emits, with its
// data schema; and the events of other plugins it records. The plugin module returns it from
// Plugin::info() and the node serves from it; the unit tests and the fuzz target dispatch through
// the same table.
#pragma once

#include <string_view>

#include "handlers.hpp"
#include "lienket/plugin.hpp"

namespace lienket::trace {

inline constexpr const char* kPluginVersion = "0.2.0";

// `settings` is read when a handler runs (it is filled in by Plugin::configure); it must outlive
// the returned table.
PluginInfo contract(const Settings* settings);

// The declared message `type`, or nullptr.
const MessageSpec* find_message(const PluginInfo& info, std::string_view type);

}  // namespace lienket::trace
