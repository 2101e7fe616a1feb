#include "config.hpp"

#include <filesystem>

#include "lienket/fields.hpp"

namespace lienket::webhook {
namespace {

constexpr const char* kSection = "plugins.webhook";

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

// Splits "scheme://host[:port][/path]" into the endpoint's origin and path. Only what a webhook
// needs: no user info, no fragment, no IPv6 literal.
bool split_url(const std::string& url, Endpoint& e, std::string& why) {
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    rest = url.substr(8);
    e.https = true;
  } else {
    return why = "must start with http:// or https://", false;
  }
  auto slash = rest.find_first_of("/?");
  std::string authority = rest.substr(0, slash);
  e.path = slash == std::string::npos ? "/" : rest.substr(slash);
  if (e.path[0] == '?') e.path = "/" + e.path;
  if (url.find('#') != std::string::npos) return why = "must not have a #fragment", false;
  for (char c : e.path)
    if (static_cast<unsigned char>(c) <= ' ')
      return why = "must not contain spaces or control characters", false;
  auto colon = authority.rfind(':');
  std::string host = authority.substr(0, colon);
  if (host.empty()) return why = "must name a host", false;
  for (char c : host)
    if (!is_host_char(c))
      return why = "has a host with a character other than A-Z a-z 0-9 . - _", false;
  if (colon != std::string::npos) {
    std::string port = authority.substr(colon + 1);
    bool digits = !port.empty() && port.size() <= 5 &&
                  port.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535)
      return why = "has a port outside 1-65535", false;
  }
  e.origin = (e.https ? "https://" : "http://") + authority;
  return true;
}

Endpoint parse_endpoint(Fields& f) {
  Endpoint e;
  f.only({"url", "secret", "topics", "timeout_ms", "ca_file"});
  e.url = f.str("url", 2000);
  std::string why;
  if (f.ok() && !split_url(e.url, e, why)) f.fail("url", why);
  e.secret = f.str("secret", 256);
  if (f.ok() && e.secret.size() < 16) f.fail("secret", "must be at least 16 bytes");
  e.topics = f.str_list("topics");
  e.timeout_ms = f.opt_integer("timeout_ms", 100, 30000).value_or(5000);
  e.ca_file = f.opt_str("ca_file", 1000).value_or("");
  if (f.ok() && !e.ca_file.empty()) {
    std::error_code ec;
    if (!e.https)
      f.fail("ca_file", "is only for https:// URLs");
    else if (!std::filesystem::is_regular_file(e.ca_file, ec))
      f.fail("ca_file", "is not a readable file");
  }
  return e;
}

}  // namespace

bool Endpoint::wants(const std::string& type) const {
  if (topics.empty()) return true;
  for (const auto& t : topics)
    if (type.rfind(t, 0) == 0) return true;
  return false;
}

Result<Config> parse_config(const nlohmann::json& section) {
  Config c;
  Fields f(section, kSection);
  f.only({"endpoints"});
  if (!f.ok()) return f.status();
  if (!f.has("endpoints")) return c;
  const auto& list = section["endpoints"];
  if (!list.is_array()) return f.fail("endpoints", "must be a list of objects"), f.status();
  if (list.size() > 20) return f.fail("endpoints", "has more than 20 items"), f.status();
  for (std::size_t i = 0; i < list.size(); ++i) {
    Fields ef(list[i], f.path("endpoints") + "[" + std::to_string(i) + "]");
    c.endpoints.push_back(parse_endpoint(ef));
    if (!ef.ok()) return ef.status();
  }
  return c;
}

}  // namespace lienket::webhook
