#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::trace {
namespace {

bool is_web_url(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
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
  if (f.ok()) util::read_map_tiles(f, c.tiles);
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
