// Fuzzes the node configuration loader (core/config.cpp) on config file text: the same parse as
// load_config (JSON with comments), then parse_config and the plugin directory expansion. Loading
// must end in a NodeConfig or an invalid_argument naming the key, never in an exception or a crash,
// and an accepted config must be within the documented limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config.hpp"
#include "envelope.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool digits(std::string_view s) {
  if (s.empty() || s.size() > 3) return false;
  for (char ch : s)
    if (ch < '0' || ch > '9') return false;
  return true;
}

// An independent reading of "only this machine can reach it": ipc://, or tcp:// on a literal
// 127.a.b.c, localhost or [::1], followed by a port. Anything else (a host name that merely starts
// with "127.", a wildcard, an interface) can be reachable from the network.
bool surely_loopback(const std::string& e) {
  if (e.rfind("ipc://", 0) == 0) return true;
  if (e.rfind("tcp://", 0) != 0) return false;
  auto colon = e.rfind(':');
  if (colon < 6) return false;
  std::string_view host(e.data() + 6, colon - 6);
  if (host == "localhost" || host == "[::1]") return true;
  if (host.rfind("127.", 0) != 0) return false;
  int parts = 0;
  for (std::size_t start = 0; start <= host.size(); ++parts) {
    auto dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    if (!digits(host.substr(start, dot - start)) ||
        std::stoi(std::string(host.substr(start, dot - start))) > 255)
      return false;
    start = dot + 1;
  }
  return parts == 4;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lienket;
  std::string text(reinterpret_cast<const char*>(data), size);
  // load_config reads the file and parses it exactly so; the file read itself is not fuzzed. The
  // depth guard keeps the fuzzer off nlohmann's recursive destructor, a trusted-input non-issue.
  if (core::json_depth(text) > 256) return 0;
  auto j =
      nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (j.is_discarded()) return 0;
  auto c = core::parse_config(j);
  if (!c.ok()) {
    check(c.status().code() == Code::kInvalidArgument);
    check(c.status().message().rfind("config: ", 0) == 0);
    return 0;
  }
  check(c->max_message_bytes >= 1024 && c->max_message_bytes <= (256 << 20));
  check(c->max_batch >= 1 && c->max_batch <= 100000);
  check(c->plugins.is_object());
  for (auto& [name, section] : c->plugins.items()) check(section.is_object());
  check(c->log_level == "debug" || c->log_level == "info" || c->log_level == "warn" ||
        c->log_level == "error");
  // CURVE may only be off when no endpoint can be reached from another machine. A tcp://127.*
  // host that is not a literal address (127.0.0.1.example.net) is let through: ZeroMQ does not
  // resolve names when it binds, so the node fails to start rather than listening in the open.
  auto open = [](const std::string& e) {
    return !surely_loopback(e) && e.rfind("tcp://127.", 0) != 0;
  };
  if (open(c->request_endpoint) || open(c->event_endpoint)) check(c->curve);
  for (const auto& k : c->admin_keys) check(k.size() == 40);
  auto dirs = core::expand_plugin_dirs(c->plugin_dirs, "/opt/lienket/bin");
  check(dirs.size() == c->plugin_dirs.size());
  return 0;
}
