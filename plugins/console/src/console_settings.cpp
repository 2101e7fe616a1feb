#include "console_settings.hpp"

#include "lienket/fields.hpp"

namespace lienket::console {

Result<ConsoleSettings> parse_settings(const nlohmann::json& section, std::string default_web_dir) {
  ConsoleSettings s;
  s.web_dir = std::move(default_web_dir);
  Fields f(section, "plugins.console");
  f.only({"web_dir", "tiles", "language"});
  if (auto dir = f.opt_str("web_dir", 4096)) s.web_dir = *dir;
  util::read_map_tiles(f, s.tiles);
  if (auto lang = f.opt_str("language", 8)) {
    if (*lang != "vi" && *lang != "en") f.fail("language", "must be \"vi\" or \"en\"");
    s.language = *lang;
  }
  if (!f.ok()) return f.status();
  return s;
}

nlohmann::json public_config(const ConsoleSettings& s) {
  return {{"tiles", {{"url", s.tiles.url}, {"attribution", s.tiles.attribution}}},
          {"language", s.language},
          {"vendor", {{"leaflet", "/vendor/leaflet/"}, {"chart", "/vendor/chart.js/"}}}};
}

}  // namespace lienket::console
