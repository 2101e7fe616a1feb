#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::trace {

Result<Config> parse_config(const nlohmann::json& section) {
  Config c;
  Fields f(section, "plugins.trace");
  f.only({"resolver"});
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
