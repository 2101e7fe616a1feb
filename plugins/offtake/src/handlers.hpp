// Every request type the offtake plugin serves (docs/protocol-offtake.md), and the time-driven work
// of on_tick. Each handler validates its whole input before it writes anything, so an error changes
// nothing (and the node rolls the transaction back anyway).
#pragma once

#include <functional>
#include <string>

#include "repository.hpp"

namespace lienket::offtake {

// contract_handlers.cpp
Result<json> contract_post(Call& c);
Result<json> contract_get(Call& c);
Result<json> contract_list(Call& c);
Result<json> contract_cancel(Call& c);
Result<json> contract_amend(Call& c);

// offer_handlers.cpp
Result<json> offer_post(Call& c);
Result<json> offer_get(Call& c);
Result<json> offer_list(Call& c);
Result<json> offer_withdraw(Call& c);

// matching_handlers.cpp
Result<json> match_run(Call& c);

// proposal_handlers.cpp
Result<json> proposal_get(Call& c);
Result<json> proposal_list(Call& c);
Result<json> proposal_accept(Call& c);
Result<json> proposal_reject(Call& c);
Result<json> proposal_counter(Call& c);
Result<json> proposal_reconsider(Call& c);
// Ends every pending proposal that `which` selects, freeing its quantity; status e.g. "cancelled".
// Returns how many it ended.
Result<int> end_pending_proposals(Context& cx, const std::function<bool(const json&)>& which,
                                  const std::string& status, const std::string& reason);
// Expires pending proposals whose expiry has passed.
Status expire_proposals(Context& cx);

// consumption_handlers.cpp
Result<json> consumption_get(Call& c);
Result<json> consumption_list(Call& c);
Result<json> delivery_record(Call& c);
Result<json> delivery_accept(Call& c);
Result<json> delivery_reject(Call& c);
Result<json> payment_record(Call& c);
// Declares breached every open consumption contract past deliver_to + grace days (and fulfils
// those complete within their tolerance).
Status mark_breaches(Context& cx, const OfftakeConfig& config);
// Marks met or missed the call-offs whose window (plus grace days) has passed.
Status check_call_offs(Context& cx, const OfftakeConfig& config);

// consumption_change_handlers.cpp
Result<json> consumption_amend(Call& c);
Result<json> consumption_amend_sign(Call& c);
Result<json> consumption_amend_decline(Call& c);
Result<json> consumption_terminate(Call& c);
Result<json> consumption_dispute(Call& c);
Result<json> consumption_resolve(Call& c);

// report.cpp
Result<json> report(Call& c);

}  // namespace lienket::offtake
