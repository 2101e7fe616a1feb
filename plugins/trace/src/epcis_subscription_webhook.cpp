#include "epcis_subscription_webhook.hpp"

#include <httplib.h>

#include <exception>

#include "epcis_rest_support.hpp"
#include "event_repository.hpp"
#include "lienket/util/webhook_signature.hpp"

namespace lienket::trace {

WebhookAnswer post_query_document(const Destination& dest, const std::string& body,
                                  const std::string& signature_token,
                                  std::chrono::milliseconds timeout) {
  WebhookAnswer a;
  try {
    httplib::Client client(dest.origin);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);
    client.set_keep_alive(false);
    if (dest.origin.rfind("https://", 0) == 0) client.enable_server_certificate_verification(true);
    httplib::Headers headers = {{"GS1-EPCIS-Version", rest::kEpcisVersion},
                                {"GS1-CBV-Version", rest::kCbvVersion},
                                {"GS1-Extensions", std::string("lk=") + kLienketNamespace},
                                {"User-Agent", "lienket-trace"}};
    if (!signature_token.empty())
      headers.emplace(kSignatureHeader, util::signature_header(signature_token, body));
    auto res = client.Post(dest.path, headers, body, "application/ld+json");
    if (!res) {
      a.error = "no answer from " + dest.origin + ": " + httplib::to_string(res.error());
      return a;
    }
    a.status = res->status;
    a.delivered = res->status >= 200 && res->status < 300;
    if (a.delivered) return a;
    a.rejected = res->status < 500 && res->status != 408 && res->status != 429;
    a.error = "HTTP " + std::to_string(res->status) + " from " + dest.origin +
              (a.rejected ? " (the receiver refuses the document; retried, but it will not pass "
                            "until the receiver changes)"
                          : "");
  } catch (const std::exception& e) {
    a.error = std::string("posting to ") + dest.origin + ": " + e.what();
  }
  return a;
}

}  // namespace lienket::trace
