// Sending one webhook request to one endpoint, and what its outcome means for delivery.
// The Transport interface lets the dispatcher be tested without sockets; HttpTransport is the real
// one (cpp-httplib, http and https).
#pragma once

#include <string_view>

#include "config.hpp"
#include "lienket/status.hpp"
#include "webhook_request.hpp"

namespace lienket::webhook {

class Transport {
 public:
  virtual ~Transport() = default;
  // Ok when the receiver answered 2xx; Status::Unavailable when trying again may help; any other
  // error when it will not. Blocks for at most about 3 x endpoint.timeout_ms; thread-safe.
  virtual Status post(const Endpoint& endpoint, const WebhookRequest& request) = 0;
};

// The meaning of an HTTP answer: 2xx ok; 408, 429 and 5xx unavailable (the receiver is busy or
// broken, it may recover); any other status, redirects included, is permanent (a wrong URL, a
// rejected signature or body: resending the same bytes gets the same answer).
Status classify_response(int http_status, std::string_view url);

class HttpTransport final : public Transport {
 public:
  Status post(const Endpoint& endpoint, const WebhookRequest& request) override;
};

}  // namespace lienket::webhook
