// The console plugin's settings ("plugins": {"console": {...}}), read once at configure.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::console {

struct ConsoleSettings {
  // The folder of the console's pages; by default the one built or installed beside the module.
  std::string web_dir;
  // Map tiles: an {z}/{x}/{y} URL template (OpenStreetMap by default), "" for none (outlines and
  // points are still drawn on a plain background, with a scale).
  std::string tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  std::string tile_attribution = "© OpenStreetMap contributors";
  std::string language = "vi";  // the console's default language: "vi" or "en"
};

// Unknown keys and bad values are refused by name ("plugins.console.tiles.url").
Result<ConsoleSettings> parse_settings(const nlohmann::json& section, std::string default_web_dir);

// What the pages read from GET /app/config.json.
nlohmann::json public_config(const ConsoleSettings& s);

}  // namespace lienket::console
