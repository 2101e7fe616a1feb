// What is sent for one event to one endpoint: the body and the headers, ready for any HTTP client.
//   body: the event as compact JSON {"at","by","data","seq","type"} (keys sorted)
//   Content-Type: application/json
//   X-Lienket-Delivery: the event's seq; the same on every retry, so receivers de-duplicate by it
//   X-Lienket-Event: the event type
//   X-Lienket-Signature: "sha256=" + hex HMAC-SHA256(secret, body)
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "lienket/message.hpp"

namespace lienket::webhook {

inline constexpr const char* kDeliveryHeader = "X-Lienket-Delivery";
inline constexpr const char* kEventHeader = "X-Lienket-Event";
inline constexpr const char* kSignatureHeader = "X-Lienket-Signature";

struct WebhookRequest {
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // without Content-Type
};

// The event's JSON body; never throws (invalid UTF-8, which the node never stores, is replaced).
std::string event_body(const Event& event);

WebhookRequest build_request(const Event& event, const std::string& secret);

}  // namespace lienket::webhook
