// How the consumption handlers load, save and index a consumption contract. Two time indexes drive
// on_tick, each holding an open, undisputed contract once:
//   due/<deadline days>/<cc-…>       its deliver_to plus grace days (the breach check)
//   calloff/<deadline days>/<cc-…>   the earliest open call-off's end plus grace days
// Every save moves the contract's index entries from the deadlines it had when loaded to the
// ones it has now, so an amendment, a dispute or a closing keeps the indexes exact.
#pragma once

#include <optional>
#include <string>

#include "consumption_rules.hpp"
#include "handlers.hpp"
#include "lienket/offtake/events.hpp"

namespace lienket::offtake {

struct Deadlines {
  std::optional<std::int64_t> contract, call_off;
};
Deadlines deadlines(const Consumption& cc, const OfftakeConfig& config);

std::string due_key(std::int64_t deadline_days, const std::string& id);
std::string call_off_key(std::int64_t deadline_days, const std::string& id);
std::int64_t today(Context& cx);

Result<Consumption> load_consumption(Context& cx, const std::string& id);
// Reads body.consumption_id, loads it, and tells which side the acting party is ("buyer" or
// "seller"); permission_denied when it is neither, or not `role` when a role is required.
struct Loaded {
  Consumption cc;
  std::string side;
  Deadlines before;
};
Result<Loaded> load_for(Call& c, Fields& f, std::optional<std::string_view> role);

// Writes the record and moves its index entries (see above).
Status save_consumption(Context& cx, const Consumption& cc, const Deadlines& before,
                        const OfftakeConfig& config);
Status emit_fulfilled(Context& cx, const Consumption& cc);
// The data of offtake.consumption.breached for a contract declare_breach has closed.
events::ConsumptionBreached breached_event(const Consumption& cc);
// Closes the contract if now complete, saves it, emits `event` (then fulfilled when it closed),
// and returns {"consumption": record}.
Result<json> commit(Call& c, Loaded& l, std::string_view event, const json& data);

}  // namespace lienket::offtake
