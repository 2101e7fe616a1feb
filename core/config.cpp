#include "config.hpp"

#include <fstream>
#include <sstream>

#include "curve_keys.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"

namespace lienket::core {

namespace {

// Fields speaks in "body.x" paths; config errors name the key path without a prefix.
Status config_error(const Status& s) {
  std::string field = s.field();
  std::string msg = s.message();
  if (!field.empty() && field[0] == '.') field.erase(0, 1);
  if (!msg.empty() && msg[0] == '.') msg.erase(0, 1);
  return Status::InvalidArgument("config: " + msg, field);
}

bool is_endpoint(const std::string& e) {
  return e.rfind("tcp://", 0) == 0 || e.rfind("ipc://", 0) == 0;
}

// CURVE is required the moment anything but this machine can reach an endpoint: without it every
// client could claim any party.
void parse_security(Fields& f, NodeConfig& c) {
  std::string curve = "auto";
  bool any_public =
      !is_loopback_endpoint(c.request_endpoint) || !is_loopback_endpoint(c.event_endpoint);
  if (f.has("security")) {
    Fields sec = f.object("security");
    sec.only({"curve", "key_dir", "admin_keys"});
    curve = sec.opt_str("curve", 10).value_or("auto");
    if (f.ok() && curve != "auto" && curve != "on" && curve != "off")
      sec.fail("curve", "must be \"auto\", \"on\" or \"off\"");
    c.key_dir = sec.opt_str("key_dir", 4096).value_or("");
    c.admin_keys = sec.str_list("admin_keys", 100);
    for (const auto& k : c.admin_keys)
      if (f.ok() && !valid_z85_key(k))
        sec.fail("admin_keys",
                 "must be Z85 CURVE public keys (40 characters), as `lienket keygen` writes");
    if (f.ok() && curve == "off" && any_public)
      sec.fail("curve", "must not be off while an endpoint binds to a non-loopback address");
  }
  c.curve = curve == "on" || (curve == "auto" && any_public);
  if (c.key_dir.empty()) c.key_dir = c.data_dir + "/keys";
}

bool is_loopback_host(const std::string& host) {
  return host == "::1" || is_loopback_endpoint("tcp://" + host + ":1");
}

// The HTTP server. Tokens and session cookies cross it, so a public address needs TLS (or an
// explicit "insecure": true for a server behind a TLS-terminating proxy), as a public ZeroMQ
// endpoint needs CURVE.
void parse_http(Fields& f, NodeConfig& c) {
  HttpConfig& h = c.http;
  if (!f.has("http")) return;
  Fields http = f.object("http");
  http.only({"endpoint", "tls", "insecure", "max_body_bytes", "timeout_ms", "threads",
             "rate_per_second", "session_hours", "vendor_dir"});
  auto endpoint = http.opt_str("endpoint", 200).value_or("127.0.0.1:7480");
  if (endpoint == "off") {
    h.enabled = false;
  } else {
    auto colon = endpoint.rfind(':');
    std::string port = colon == std::string::npos ? "" : endpoint.substr(colon + 1);
    bool digits = !port.empty() && port.size() <= 5 &&
                  port.find_first_not_of("0123456789") == std::string::npos;
    if (f.ok() && (!digits || colon == 0 || std::stoi(port) > 65535))
      http.fail("endpoint", "must be \"host:port\" (port 0-65535) or \"off\"");
    if (f.ok()) {
      h.host = endpoint.substr(0, colon);
      if (h.host.size() > 2 && h.host.front() == '[' && h.host.back() == ']')
        h.host = h.host.substr(1, h.host.size() - 2);
      h.port = std::stoi(port);
    }
  }
  if (http.has("tls")) {
    Fields tls = http.object("tls");
    tls.only({"cert", "key"});
    h.tls_cert = tls.str("cert", 4096);
    h.tls_key = tls.str("key", 4096);
  }
  h.insecure = http.opt_bool("insecure").value_or(false);
  h.max_body_bytes = http.opt_integer("max_body_bytes", 1024, 256 << 20).value_or(h.max_body_bytes);
  h.timeout_ms = http.opt_integer("timeout_ms", 100, 600000).value_or(h.timeout_ms);
  h.threads = http.opt_integer("threads", 2, 1024).value_or(h.threads);
  h.rate_per_second = http.opt_integer("rate_per_second", 1, 1000000).value_or(h.rate_per_second);
  h.session_hours = http.opt_integer("session_hours", 1, 720).value_or(h.session_hours);
  h.vendor_dir = http.opt_str("vendor_dir", 4096).value_or(h.vendor_dir);
  if (f.ok() && h.enabled && h.tls_cert.empty() && !h.insecure && !is_loopback_host(h.host))
    http.fail("endpoint",
              "a non-loopback address needs \"tls\" (or \"insecure\": true behind a TLS proxy)");
}

}  // namespace

bool is_loopback_endpoint(const std::string& e) {
  if (e.rfind("ipc://", 0) == 0) return true;
  if (e.rfind("tcp://", 0) != 0) return false;
  std::string host =
      e.substr(6, e.rfind(':') == std::string::npos || e.rfind(':') < 6 ? std::string::npos
                                                                        : e.rfind(':') - 6);
  if (host == "localhost" || host == "[::1]") return true;
  // A literal 127.a.b.c only: "127.0.0.1.example.org" is a name that may resolve anywhere.
  int dots = 0;
  for (char ch : host) {
    if (ch == '.')
      ++dots;
    else if (ch < '0' || ch > '9')
      return false;
  }
  return dots == 3 && host.rfind("127.", 0) == 0;
}

Result<NodeConfig> parse_config(const nlohmann::json& j) {
  NodeConfig c;
  Fields f(j, "");
  f.only({"request_endpoint", "event_endpoint", "data_dir", "durability", "max_message_bytes",
          "max_batch", "plugin_dirs", "plugins", "log_level", "log_format", "clock", "security",
          "plugin_deadline_ms", "http_any_port", "http"});
  c.request_endpoint = f.opt_str("request_endpoint", 200).value_or(c.request_endpoint);
  c.event_endpoint = f.opt_str("event_endpoint", 200).value_or(c.event_endpoint);
  if (f.ok() && !is_endpoint(c.request_endpoint))
    f.fail("request_endpoint", "must start with tcp:// or ipc://");
  if (f.ok() && !is_endpoint(c.event_endpoint))
    f.fail("event_endpoint", "must start with tcp:// or ipc://");
  c.data_dir = f.opt_str("data_dir", 4096).value_or(c.data_dir);
  auto durability = f.opt_str("durability", 20).value_or("sync");
  if (f.ok() && durability != "sync" && durability != "relaxed")
    f.fail("durability", "must be \"sync\" or \"relaxed\"");
  c.sync = durability == "sync";
  c.max_message_bytes =
      f.opt_integer("max_message_bytes", 1024, 256 << 20).value_or(c.max_message_bytes);
  c.max_batch = f.opt_integer("max_batch", 1, 100000).value_or(c.max_batch);
  c.plugin_deadline_ms =
      f.opt_integer("plugin_deadline_ms", 100, 3600000).value_or(c.plugin_deadline_ms);
  c.http_any_port = f.opt_bool("http_any_port").value_or(false);
  if (f.has("plugin_dirs")) c.plugin_dirs = f.str_list("plugin_dirs", 32);
  if (f.has("plugins")) {
    if (!j["plugins"].is_object())
      f.fail("plugins", "must be an object of plugin sections");
    else
      c.plugins = j["plugins"];
    for (auto it = c.plugins.begin(); f.ok() && it != c.plugins.end(); ++it)
      if (!it->is_object()) f.fail("plugins." + it.key(), "must be an object");
  }
  c.log_level = f.opt_str("log_level", 10).value_or(c.log_level);
  if (f.ok() && c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" &&
      c.log_level != "error")
    f.fail("log_level", "must be debug, info, warn or error");
  auto format = f.opt_str("log_format", 10).value_or("text");
  if (f.ok() && format != "text" && format != "json")
    f.fail("log_format", "must be \"text\" or \"json\"");
  c.json_log = format == "json";
  if (f.has("clock")) {
    Fields clock = f.object("clock");
    clock.only({"mode", "start"});
    auto mode = clock.str("mode", 10);
    if (f.ok() && mode != "system" && mode != "manual")
      clock.fail("mode", "must be \"system\" or \"manual\"");
    c.manual_clock = mode == "manual";
    auto start = clock.opt_str("start", 40);
    if (start) {
      auto ms = parse_time(*start);
      if (!ms)
        clock.fail("start", "must be an RFC 3339 time such as 2026-03-01T08:00:00+07:00");
      else
        c.clock_start_ms = *ms;
    }
  }
  parse_security(f, c);
  parse_http(f, c);
  if (!f.ok()) return config_error(f.status());
  return c;
}

Result<NodeConfig> load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("config: cannot read " + path, "config");
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false, /*ignore_comments=*/true);
  if (j.is_discarded())
    return Status::InvalidArgument("config: " + path + " is not valid JSON", "config");
  return parse_config(j);
}

std::vector<std::string> expand_plugin_dirs(const std::vector<std::string>& dirs,
                                            const std::string& exe_dir) {
  std::vector<std::string> out;
  for (auto d : dirs) {
    auto pos = d.find("{exe_dir}");
    if (pos != std::string::npos) d.replace(pos, 9, exe_dir);
    out.push_back(d);
  }
  return out;
}

}  // namespace lienket::core
