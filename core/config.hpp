// The node's configuration (config/node.json is the embedded default). Loading is strict: an
// unknown key, a wrong type or a missing required value is an error naming the key, and the node
// does not start. Relative paths are taken from the working directory; "{exe_dir}" in a plugin
// directory is the directory of the running `lienket` binary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::core {

// "http": the node's one HTTP server (core/http_gateway.hpp).
struct HttpConfig {
  bool enabled = true;             // "endpoint": "off" turns the server off
  std::string host = "127.0.0.1";  // "endpoint": "host:port" (port 0: any free port)
  int port = 7480;
  std::string tls_cert, tls_key;  // "tls": {"cert": PEM file, "key": PEM file}
  bool insecure = false;          // plain HTTP on a public address, behind a TLS proxy
  std::int64_t max_body_bytes = 1 << 20;
  std::int64_t timeout_ms = 10000;     // reading a request, writing a response, a node reply
  std::int64_t threads = 32;           // requests served at once (live event streams included)
  std::int64_t rate_per_second = 200;  // per token and per address, with a burst of as many
  std::int64_t session_hours = 12;     // a person's sign-in lasts this long
  // Browser libraries served at /vendor/ (Debian's libjs-* packages install them here).
  std::string vendor_dir = "/usr/share/javascript";
};

struct NodeConfig {
  std::string request_endpoint = "tcp://127.0.0.1:7400";
  std::string event_endpoint = "tcp://127.0.0.1:7401";
  std::string data_dir = "./data";
  bool sync = true;  // "durability": "sync" | "relaxed"
  std::int64_t max_message_bytes = 1 << 20;
  std::int64_t max_batch = 1024;  // commands per group commit at most
  std::vector<std::string> plugin_dirs = {"{exe_dir}/../plugins",
                                          "{exe_dir}/../lib/lienket/plugins"};
  nlohmann::json plugins = nlohmann::json::object();  // per-plugin sections, by plugin name
  std::string log_level = "info";                     // debug | info | warn | error
  bool json_log = false;  // "log_format": "text" | "json" (one JSON object per line)
  // A plugin call running longer quarantines it (watchdog.hpp).
  std::int64_t plugin_deadline_ms = 30000;
  // Plugins' HTTP listeners bind free ports instead of their configured ones (HostContext).
  bool http_any_port = false;
  HttpConfig http;
  bool manual_clock = false;  // "clock": {"mode": "manual", "start": RFC 3339}
  std::int64_t clock_start_ms = 0;
  // "security": {"curve": "auto"|"on"|"off", "key_dir"?, "admin_keys"?: [Z85 public keys]}.
  // auto = on whenever an endpoint is not loopback; off on a non-loopback endpoint is refused.
  bool curve = false;
  std::string key_dir;                  // default <data_dir>/keys: the node's own key pair
  std::vector<std::string> admin_keys;  // clients holding these keys manage the registry
};

// True for tcp:// on 127.0.0.0/8, [::1] or localhost, and for ipc:// (guarded by file permissions).
bool is_loopback_endpoint(const std::string& endpoint);

Result<NodeConfig> parse_config(const nlohmann::json& j);
Result<NodeConfig> load_config(const std::string& path);
// Expands "{exe_dir}" in plugin directories.
std::vector<std::string> expand_plugin_dirs(const std::vector<std::string>& dirs,
                                            const std::string& exe_dir);

}  // namespace lienket::core
