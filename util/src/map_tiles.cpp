#include "lienket/util/map_tiles.hpp"

namespace lienket::util {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Where a browser may fetch tiles from: the web, or a path on the node that serves the page.
bool fetchable(const std::string& url) {
  return starts_with(url, "http://") || starts_with(url, "https://") || starts_with(url, "/");
}

bool has_placeholders(const std::string& url) {
  for (const char* p : {"{z}", "{x}", "{y}"})
    if (url.find(p) == std::string::npos) return false;
  return true;
}

}  // namespace

void read_map_tiles(Fields& section, MapTiles& tiles) {
  const auto& raw = section.raw();
  if (!raw.is_object() || !raw.contains("tiles") || raw["tiles"].is_null()) return;
  Fields t = section.object("tiles");
  t.only({"url", "attribution"});
  if (!t.ok()) return;
  // "" is a value here (no tiles, no credit), so the strings are read as they are rather than
  // through opt_str, which refuses an empty one.
  for (const char* key : {"url", "attribution"})
    if (t.raw().contains(key) && !t.raw()[key].is_string()) t.fail(key, "must be a string");
  if (!t.ok()) return;
  if (t.raw().contains("url")) {
    const std::string url = t.raw()["url"];
    if (url.size() > 500) t.fail("url", "is longer than 500 bytes");
    if (!url.empty() && !fetchable(url))
      t.fail("url", "must start with http://, https:// or / (or be \"\" for no tiles)");
    if (!url.empty() && !has_placeholders(url)) t.fail("url", "must contain {z}, {x} and {y}");
    if (url != tiles.url) tiles.attribution.clear();
    tiles.url = url;
  }
  if (t.raw().contains("attribution")) {
    const std::string attribution = t.raw()["attribution"];
    if (attribution.size() > 500) t.fail("attribution", "is longer than 500 bytes");
    tiles.attribution = attribution;
  }
}

}  // namespace lienket::util
