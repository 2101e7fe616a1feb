// The console plugin's settings ("plugins": {"console": {...}}), read once at configure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"
#include "lienket/util/map_tiles.hpp"

namespace lienket::console {

struct ConsoleSettings {
  // The folder of the console's pages; by default the one built or installed beside the module.
  std::string web_dir;
  // The maps' tiles (OpenStreetMap's by default; url "" for none: outlines and points are still
  // drawn on a plain background, with a scale).
  util::MapTiles tiles;
  std::string language = "vi";  // the console's default language: "vi" or "en"
};

// Unknown keys and bad values are refused by name ("plugins.console.tiles.url").
Result<ConsoleSettings> parse_settings(const nlohmann::json& section, std::string default_web_dir);

// What the pages read from GET /app/config.json.
nlohmann::json public_config(const ConsoleSettings& s);

}  // namespace lienket::console
