// The webhook connector's own configuration ("plugins": {"webhook": {...}}, without the runtime's
// "delivery" object, which lienket::Connector reads):
//   endpoints   list of receivers, each
//     url         "http://host[:port]/path" or "https://..." (certificate and host name verified)
//     secret      16-256 bytes; the key of the X-Lienket-Signature HMAC-SHA256 over the body
//     topics      optional event type prefixes this endpoint wants, within delivery.topics
//                 (absent or empty: all of them)
//     timeout_ms  optional 100-30000 (default 5000): connect, send and wait for the answer each
//     ca_file     optional PEM file of the CA (or self-signed certificate) to trust for https
// An absent section is valid and means no endpoints: nothing is sent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::webhook {

struct Endpoint {
  std::string url;     // as configured, for messages
  std::string origin;  // "http://host:port", what httplib::Client takes
  std::string path;    // "/hook?x=1", at least "/"
  bool https = false;
  std::string secret;
  std::vector<std::string> topics;
  std::int64_t timeout_ms = 5000;
  std::string ca_file;

  // True when the endpoint wants events of this type.
  bool wants(const std::string& type) const;
};

struct Config {
  std::vector<Endpoint> endpoints;
};

// Parses the section; an unknown key, a wrong type or a bad URL is invalid_argument naming the
// key, e.g. "plugins.webhook.endpoints[0].url".
Result<Config> parse_config(const nlohmann::json& section);

}  // namespace lienket::webhook
