// A household's negative net carries over to its next season with the same enterprise and
// cooperative (docs/protocol-farming.md, "Debts carried over"). When a settlement is computed, the
// unpaid debts of the agreement's households are looked up in the confirmed settlements of the
// pair's earlier agreements (whose season ended before this one started) and shown as a
// deduction; when the new settlement is confirmed by both, each old household statement is marked
// carried_to it, so a debt is carried once.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "lienket/farming/events.hpp"
#include "lienket/store.hpp"

namespace lienket::farming {

// household -> the debts it carries in, for the households in `households`.
Result<std::map<std::string, std::vector<events::CarriedDebt>>> debts_to_carry(
    Store& store, const events::Agreement& in_force, const std::set<std::string>& households);

// Marks the old statements whose debts `s` carries in. failed_precondition (body.settlement_id)
// when one of them was carried by another settlement since `s` was computed.
Result<std::vector<events::CarriedDebt>> mark_carried(Store& store, const events::Settlement& s);

}  // namespace lienket::farming
