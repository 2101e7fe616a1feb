// The map tiles setting, read the same way by every plugin that draws a map.
#include <catch2/catch.hpp>

#include "lienket/util/map_tiles.hpp"

using lienket::Fields;
using lienket::util::kOsmAttribution;
using lienket::util::kOsmTiles;
using lienket::util::MapTiles;
using lienket::util::read_map_tiles;
using nlohmann::json;

namespace {

// The tiles a section gives, or the error it gets ("" when none).
std::pair<MapTiles, std::string> read(const json& section) {
  Fields f(section, "plugins.x");
  MapTiles tiles;
  read_map_tiles(f, tiles);
  return {tiles, f.ok() ? "" : f.status().message()};
}

}  // namespace

TEST_CASE("map tiles: OpenStreetMap by default, another server with its own credit, or none") {
  auto [defaults, e1] = read(json::object());
  CHECK(e1.empty());
  CHECK(defaults.url == kOsmTiles);
  CHECK(defaults.attribution == kOsmAttribution);

  auto [none, e2] = read({{"tiles", {{"url", ""}}}});
  CHECK(e2.empty());
  CHECK(none.url.empty());
  CHECK(none.attribution.empty());

  auto [own, e3] = read({{"tiles", {{"url", "/tiles/{z}/{x}/{y}.png"}}}});
  CHECK(e3.empty());
  CHECK(own.url == "/tiles/{z}/{x}/{y}.png");
  CHECK(own.attribution.empty());  // not OpenStreetMap's tiles: not its credit

  auto [credited, e4] =
      read({{"tiles",
             {{"url", "https://maps.example.vn/{z}/{x}/{y}.png"}, {"attribution", "Sở TN&MT"}}}});
  CHECK(e4.empty());
  CHECK(credited.attribution == "Sở TN&MT");

  auto [null_tiles, e5] = read({{"tiles", nullptr}});
  CHECK(e5.empty());
  CHECK(null_tiles.url == kOsmTiles);
}

TEST_CASE("map tiles: a bad setting is refused naming the key") {
  auto error = [](const json& tiles) { return read({{"tiles", tiles}}).second; };
  CHECK_THAT(error({{"url", "ftp://x/{z}/{x}/{y}"}}),
             Catch::Contains("plugins.x.tiles.url") && Catch::Contains("http://"));
  CHECK_THAT(error({{"url", "https://maps.example.vn/{z}/{x}.png"}}),
             Catch::Contains("plugins.x.tiles.url") && Catch::Contains("{y}"));
  CHECK_THAT(error({{"url", 7}}), Catch::Contains("plugins.x.tiles.url"));
  CHECK_THAT(error({{"attribution", std::string(501, 'a')}}),
             Catch::Contains("plugins.x.tiles.attribution"));
  CHECK_THAT(error({{"colour", "green"}}), Catch::Contains("colour"));
  CHECK_THAT(read({{"tiles", "osm"}}).second, Catch::Contains("plugins.x.tiles"));
}
