// The plugin's configuration section ("plugins": {"trace": {...}}):
//   resolver       the Digital Link resolver (scheme://host[:port]) written into QR codes; default
//                  the node's own HTTP server (its "http" config), so that a scan opens this
//                  node's page (GET /01/{gtin}/10/{lot}).
//   tiles          the map tiles behind the plots on the public page (lienket/util/map_tiles.hpp):
//                  {"url": "https://.../{z}/{x}/{y}.png", "attribution": "..."}, OpenStreetMap's
//                  by default; "url": "" draws the plots on a plain background.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"
#include "lienket/util/map_tiles.hpp"

namespace lienket::trace {

using util::kOsmAttribution;
using util::kOsmTiles;
using Tiles = util::MapTiles;

struct Config {
  std::string resolver;  // empty: the node's HTTP server
  Tiles tiles;
};

Result<Config> parse_config(const nlohmann::json& section);

// True for a URL whose host is this computer (127.0.0.1, localhost, [::1]): a QR code holding it
// opens nothing on a phone.
bool is_loopback_url(const std::string& url);

}  // namespace lienket::trace
