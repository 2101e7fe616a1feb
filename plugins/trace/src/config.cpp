#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::trace {

Result<Config> parse_config(const nlohmann::json& section) {
  Config c;
  Fields f(section, "plugins.trace");
  f.only({"http_endpoint", "resolver"});
  if (section.is_object() && section.contains("http_endpoint") && section["http_endpoint"] == "") {
    c.http_enabled = false;
  } else if (auto ep = f.opt_str("http_endpoint", 200)) {
    auto colon = ep->rfind(':');
    int port = -1;
    if (colon != std::string::npos && colon > 0) {
      try {
        port = std::stoi(ep->substr(colon + 1));
      } catch (...) {
        port = -1;
      }
    }
    if (port < 0 || port > 65535) {
      f.fail("http_endpoint", "must be host:port, e.g. 127.0.0.1:7480 (port 0: any free port)");
    } else {
      c.http_host = ep->substr(0, colon);
      c.http_port = port;
    }
  }
  if (auto r = f.opt_str("resolver", 200)) {
    if (r->rfind("http://", 0) != 0 && r->rfind("https://", 0) != 0)
      f.fail("resolver", "must start with http:// or https://");
    c.resolver = *r;
    while (!c.resolver.empty() && c.resolver.back() == '/') c.resolver.pop_back();
  }
  if (!f.ok()) return f.status();
  return c;
}

}  // namespace lienket::trace
