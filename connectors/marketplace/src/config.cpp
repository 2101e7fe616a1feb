#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::marketplace {
namespace {

// An absolute http(s) URL without a trailing slash, so that paths can be appended.
bool read_base_url(Fields& f, const char* key, std::string& out) {
  auto v = f.opt_str(key, 200);
  if (!v) return true;
  if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)
    return f.fail(key, "must start with http:// or https://");
  out = *v;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return true;
}

}  // namespace

Result<Config> parse_config(const nlohmann::json& section) {
  Config c;
  Fields f(section, "plugins.marketplace");
  f.only({"shop_base_url", "trace_base_url", "currency"});
  read_base_url(f, "shop_base_url", c.shop_base_url);
  read_base_url(f, "trace_base_url", c.trace_base_url);
  if (auto cur = f.opt_str("currency", 3); cur && *cur != "VND")
    f.fail("currency", "must be VND (prices are integer dong)");
  if (!f.ok()) return f.status();
  return c;
}

}  // namespace lienket::marketplace
