// The plugin's configuration section ("plugins": {"trace": {...}}):
//   http_endpoint  "host:port" of the public trace page, default "127.0.0.1:7480"; port 0 picks a
//                  free port; "" turns the page off.
//   resolver       the Digital Link resolver (scheme://host[:port]) written into QR codes; default
//                  "http://<http_endpoint>", so that a scan opens this node's page.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::trace {

struct Config {
  std::string http_host = "127.0.0.1";
  int http_port = 7480;
  bool http_enabled = true;
  std::string resolver;  // empty: derived from the page's actual address
};

Result<Config> parse_config(const nlohmann::json& section);

}  // namespace lienket::trace
