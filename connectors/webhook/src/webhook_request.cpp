#include "webhook_request.hpp"

#include <nlohmann/json.hpp>

#include "lienket/util/webhook_signature.hpp"

namespace lienket::webhook {

std::string event_body(const Event& event) {
  nlohmann::json j = {{"seq", event.seq},
                      {"type", event.type},
                      {"at", event.at},
                      {"by", event.by},
                      {"data", event.data}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

WebhookRequest build_request(const Event& event, const std::string& secret) {
  WebhookRequest r;
  r.body = event_body(event);
  r.headers = {{kDeliveryHeader, std::to_string(event.seq)},
               {kEventHeader, event.type},
               {kSignatureHeader, util::signature_header(secret, r.body)}};
  return r;
}

}  // namespace lienket::webhook
