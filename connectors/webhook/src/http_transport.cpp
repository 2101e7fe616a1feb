#include <httplib.h>

#include <chrono>
#include <string>

#include "transport.hpp"

namespace lienket::webhook {
namespace {

// httplib's error names are terse ("Read"); status and logs are read by operators.
std::string describe(httplib::Error e, std::int64_t timeout_ms) {
  switch (e) {
    case httplib::Error::Connection:
      return "cannot connect (refused or unreachable)";
    case httplib::Error::ConnectionTimeout:
      return "cannot connect within " + std::to_string(timeout_ms) + " ms";
    case httplib::Error::Read:
      return "no answer within " + std::to_string(timeout_ms) + " ms (or connection closed)";
    case httplib::Error::Write:
      return "could not send the request";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "cannot load the trusted CA certificates";
    case httplib::Error::SSLServerVerification:
      return "the server's certificate is not trusted";
    default:
      return "HTTP client error " + httplib::to_string(e);
  }
}

}  // namespace

Status classify_response(int http_status, std::string_view url) {
  std::string where = " from " + std::string(url);
  if (http_status >= 200 && http_status < 300) return Status::Ok();
  if (http_status == 408 || http_status == 429 || (http_status >= 500 && http_status < 600))
    return Status::Unavailable("HTTP " + std::to_string(http_status) + where);
  if (http_status >= 300 && http_status < 400)
    return Status::FailedPrecondition("HTTP " + std::to_string(http_status) + where +
                                      ": redirects are not followed, configure the final URL");
  return Status::FailedPrecondition("HTTP " + std::to_string(http_status) + where +
                                    " (rejected; it will not succeed unchanged)");
}

Status HttpTransport::post(const Endpoint& endpoint, const WebhookRequest& request) {
  try {
    httplib::Client client(endpoint.origin);
    auto timeout = std::chrono::milliseconds(endpoint.timeout_ms);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);
    client.set_keep_alive(false);
    if (endpoint.https) {
      client.enable_server_certificate_verification(true);
      if (!endpoint.ca_file.empty()) client.set_ca_cert_path(endpoint.ca_file.c_str());
    }
    httplib::Headers headers = {{"User-Agent", "lienket-webhook/0.1.0"}};
    for (const auto& [k, v] : request.headers) headers.emplace(k, v);
    auto res = client.Post(endpoint.path.c_str(), headers, request.body, "application/json");
    if (!res) {
      // Connection refused, reset, timed out, TLS failure: the network or the receiver may recover.
      return Status::Unavailable(describe(res.error(), endpoint.timeout_ms) + " posting to " +
                                 endpoint.url);
    }
    return classify_response(res->status, endpoint.url);
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("posting to ") + endpoint.url + ": " + e.what());
  }
}

}  // namespace lienket::webhook
