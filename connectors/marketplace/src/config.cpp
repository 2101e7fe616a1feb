#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::marketplace {
namespace {

// "host:port" with 0 <= port <= 65535; false when malformed.
bool split_endpoint(const std::string& ep, std::string& host, int& port) {
  auto colon = ep.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == ep.size() || colon + 6 < ep.size())
    return false;
  int p = 0;
  for (char ch : ep.substr(colon + 1)) {
    if (ch < '0' || ch > '9') return false;
    p = p * 10 + (ch - '0');
  }
  if (p > 65535) return false;
  host = ep.substr(0, colon);
  port = p;
  return true;
}

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
  f.only({"http_endpoint", "shop_base_url", "trace_base_url", "currency"});
  if (auto ep = f.opt_str("http_endpoint", 200);
      ep && !split_endpoint(*ep, c.http_host, c.http_port))
    f.fail("http_endpoint", "must be host:port, e.g. 127.0.0.1:7490 (port 0: any free port)");
  read_base_url(f, "shop_base_url", c.shop_base_url);
  read_base_url(f, "trace_base_url", c.trace_base_url);
  if (auto cur = f.opt_str("currency", 3); cur && *cur != "VND")
    f.fail("currency", "must be VND (prices are integer dong)");
  if (!f.ok()) return f.status();
  return c;
}

}  // namespace lienket::marketplace
