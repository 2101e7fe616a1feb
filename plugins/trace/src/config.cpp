#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::trace {
namespace {

bool is_web_url(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

void parse_tiles(Fields& f, const nlohmann::json& section, Tiles& tiles) {
  if (!section.contains("tiles") || section["tiles"].is_null()) return;
  Fields t = f.object("tiles");
  t.only({"url", "attribution"});
  if (!t.ok()) return;
  const auto& raw = t.raw();
  for (const char* key : {"url", "attribution"})
    if (raw.contains(key) && !raw[key].is_string()) t.fail(key, "must be a string");
  if (!t.ok()) return;
  if (raw.contains("url")) {
    std::string url = raw["url"];
    if (url.size() > 500) t.fail("url", "is longer than 500 bytes");
    if (!url.empty() && !is_web_url(url) && url.rfind('/', 0) != 0)
      t.fail("url", "must start with http://, https:// or / (or be \"\" for no tiles)");
    if (!url.empty() &&
        (url.find("{z}") == std::string::npos || url.find("{x}") == std::string::npos ||
         url.find("{y}") == std::string::npos))
      t.fail("url", "must contain {z}, {x} and {y}");
    // Another server's tiles are not OpenStreetMap's: their attribution is the operator's to give.
    if (url != tiles.url) tiles.attribution = "";
    tiles.url = url;
  }
  if (raw.contains("attribution")) {
    std::string a = raw["attribution"];
    if (a.size() > 500) t.fail("attribution", "is longer than 500 bytes");
    tiles.attribution = a;
  }
}

}  // namespace

Result<Config> parse_config(const nlohmann::json& section) {
  Config c;
  Fields f(section, "plugins.trace");
  f.only({"resolver", "tiles"});
  if (auto r = f.opt_str("resolver", 200)) {
    if (!is_web_url(*r)) f.fail("resolver", "must start with http:// or https://");
    c.resolver = *r;
    while (!c.resolver.empty() && c.resolver.back() == '/') c.resolver.pop_back();
  }
  if (f.ok()) parse_tiles(f, section, c.tiles);
  if (!f.ok()) return f.status();
  return c;
}

bool is_loopback_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  std::string host = url.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  if (host.rfind("[::1]", 0) == 0) return true;
  host = host.substr(0, host.find(':'));
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "0.0.0.0";
}

}  // namespace lienket::trace
