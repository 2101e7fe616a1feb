// One POST of a query subscription's EPCISQueryDocument to its `dest` (cpp-httplib's client, a few
// seconds of timeout): Content-Type application/ld+json, the binding's version headers, and with a
// signatureToken a GS1-Signature header, "sha256=" + hex HMAC-SHA256(token, body)
// (lienket/util/webhook_signature.hpp, the webhook connector's scheme). Blocks the calling thread
// (the delivery thread, never the node's). Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "epcis_subscription.hpp"

namespace lienket::trace {

inline constexpr const char* kSignatureHeader = "GS1-Signature";

struct WebhookAnswer {
  bool delivered = false;  // a 2xx
  int status = 0;          // the HTTP status, 0 when none came back
  bool rejected = false;   // a 3xx or a 4xx other than 408/429: it will not pass unchanged
  std::string error;       // what went wrong, for the subscription's state
};

WebhookAnswer post_query_document(const Destination& dest, const std::string& body,
                                  const std::string& signature_token,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(3));

}  // namespace lienket::trace
