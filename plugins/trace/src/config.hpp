// The plugin's configuration section ("plugins": {"trace": {...}}):
//   resolver       the Digital Link resolver (scheme://host[:port]) written into QR codes; default
//                  the node's own HTTP server (its "http" config), so that a scan opens this
//                  node's page (GET /01/{gtin}/10/{lot}).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::trace {

struct Config {
  std::string resolver;  // empty: the node's HTTP server
};

Result<Config> parse_config(const nlohmann::json& section);

}  // namespace lienket::trace
