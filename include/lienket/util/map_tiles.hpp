// The map tiles behind plots and places, as a plugin's config gives them ("tiles": {"url",
// "attribution"}): the console's maps and the public trace page read them the same way.
//   url          a tile URL template holding {z}, {x} and {y}, on the web (http://, https://) or on
//                this node (/tiles/{z}/{x}/{y}.png); "" for none: outlines and points are drawn
//                on a plain background. OpenStreetMap's by default.
//   attribution  HTML the map shows in its corner, as the operator wrote it. A URL other than
//                OpenStreetMap's starts with none: another server's tiles are not OSM's to credit.
// Errors name the key ("plugins.trace.tiles.url"). Link Lienket::util.
#pragma once

#include <string>

#include "lienket/fields.hpp"

namespace lienket::util {

inline constexpr const char* kOsmTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
inline constexpr const char* kOsmAttribution =
    "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>";

struct MapTiles {
  std::string url = kOsmTiles;
  std::string attribution = kOsmAttribution;
};

// Reads section.tiles (absent or null: `tiles` stays as it is) into `tiles`; a problem is recorded
// in `section` (check section.ok()).
void read_map_tiles(Fields& section, MapTiles& tiles);

}  // namespace lienket::util
