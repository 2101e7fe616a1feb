// Folds the node's events into the feed's records, kept in the connector's own store namespace:
//   product/<id>  {id, name, category, unit, ocop_stars, certifications, gtin, owner}
//   party/<id>    {id, name, kind, province}
//   offer/<id>    {id, product_id, seller, quantity, proposed, signed, status, min_unit_price_vnd,
//                  available_from, available_to}
//   applied_seq   the seq of the last event folded
// The runtime delivers at least once; an event whose seq is not above applied_seq is skipped, and
// since the records and applied_seq are written in the same transaction, a redelivered event after
// a crash changes nothing. Offer quantities follow offtake's own bookkeeping
// (docs/protocol-offtake.md): proposals hold quantity (`proposed`), signing moves it to `signed`.
#pragma once

#include <string_view>

#include "lienket/message.hpp"
#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket::marketplace {

// True for the event types the feed is built from; other events need not be folded at all.
bool is_feed_event(std::string_view type);

// Applies one event. Returns true when it changed the records, false when it was skipped (already
// applied, or of no interest, or about an offer the feed never saw). Malformed data of a known type
// is InvalidArgument (it can never be applied; the runtime dead-letters it).
Result<bool> apply_event(Store& store, const Event& event);

// The seq of the last event folded (0 when none).
Result<std::uint64_t> applied_seq(Store& store);

}  // namespace lienket::marketplace
