#include "console_settings.hpp"

#include "lienket/fields.hpp"

namespace lienket::console {

Result<ConsoleSettings> parse_settings(const nlohmann::json& section, std::string default_web_dir) {
  ConsoleSettings s;
  s.web_dir = std::move(default_web_dir);
  Fields f(section, "plugins.console");
  f.only({"web_dir", "tiles", "language"});
  if (auto dir = f.opt_str("web_dir", 4096)) s.web_dir = *dir;
  if (f.has("tiles")) {
    Fields tiles = f.object("tiles");
    tiles.only({"url", "attribution"});
    // "" is allowed: no tiles (an offline node, or a province without a tile server).
    const auto& raw = tiles.raw();
    if (raw.contains("url") && raw["url"] == "") {
      s.tile_url.clear();
    } else if (auto url = tiles.opt_str("url", 500)) {
      bool web = url->rfind("https://", 0) == 0 || url->rfind("http://", 0) == 0;
      if (!web || url->find("{z}") == std::string::npos)
        tiles.fail("url", "must be \"\" or an http(s) URL with {z}, {x} and {y}");
      s.tile_url = *url;
    }
    if (raw.contains("attribution") && raw["attribution"] == "")
      s.tile_attribution.clear();
    else if (auto a = tiles.opt_str("attribution", 500))
      s.tile_attribution = *a;
  }
  if (auto lang = f.opt_str("language", 8)) {
    if (*lang != "vi" && *lang != "en") f.fail("language", "must be \"vi\" or \"en\"");
    s.language = *lang;
  }
  if (!f.ok()) return f.status();
  return s;
}

nlohmann::json public_config(const ConsoleSettings& s) {
  return {{"tiles", {{"url", s.tile_url}, {"attribution", s.tile_attribution}}},
          {"language", s.language},
          {"vendor", {{"leaflet", "/vendor/leaflet/"}, {"chart", "/vendor/chart.js/"}}}};
}

}  // namespace lienket::console
