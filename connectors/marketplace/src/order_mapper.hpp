// Orders posted back by the shop become purchase contracts (offtake.contract.post, acting as the
// buyer), and the node's reply becomes the HTTP answer. An order (PROTOCOL.md, "POST /orders"):
//   {"order_id", "buyer", "product_id", "quantity_g", "price_vnd_per_kg", "deliver_from",
//    "deliver_to", "ship_to": {"province", "lat", "lon"}, "note"?}
// The request carries idempotency_key "marketplace:<order_id>", so a retried order (same body)
// gets the first contract back and nothing is posted twice; the same order_id with another body is
// a conflict. Errors name the order's own field (body.quantity_g, not the contract's
// body.quantity).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::marketplace {

// The message type an order becomes, which the connector runs acting for the order's buyer (its
// PluginInfo::acts_for).
inline constexpr std::string_view kOrderMessage = "offtake.contract.post";

// The offtake.contract.post request for an order, or InvalidArgument naming the order's field.
Result<Request> order_to_request(const nlohmann::json& order);

struct HttpAnswer {
  int status = 500;
  nlohmann::json body;
};

// The node's reply envelope to an order's request, as the HTTP answer: 201 {order_id, contract_id,
// contract} on success (the first time and on every retry); errors as {"error": {code, message,
// field}} with 400 (bad or unknown input), 403 (the buyer may not buy), 409 (order_id reused with
// another body), 503 (node unavailable) or 500.
HttpAnswer reply_to_answer(const nlohmann::json& reply, const std::string& order_id);

// An error Status as the HTTP answer (same codes as above).
HttpAnswer error_answer(const Status& status);

}  // namespace lienket::marketplace
