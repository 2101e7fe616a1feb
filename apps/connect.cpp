// How the CLI reaches a node: plain on loopback, or with CURVE when given a key pair and the
// node's public key (--key/--server-key or LIENKET_KEY/LIENKET_SERVER_KEY).
#include <iostream>

#include "commands.hpp"
#include "curve_keys.hpp"

namespace lienket::apps {

std::optional<core::ClientCurve> client_curve(const Globals& g) {
  if (g.key_file.empty() && g.server_key.empty()) return std::nullopt;
  if (g.key_file.empty() || g.server_key.empty()) {
    std::cerr << "error: CURVE needs both --key and --server-key\n";
    return std::nullopt;
  }
  auto keys = core::load_key_pair(g.key_file);
  auto server = core::read_public_key(g.server_key);
  if (!keys.ok() || !server.ok()) {
    std::cerr << "error: " << (keys.ok() ? server.status().message() : keys.status().message())
              << "\n";
    return std::nullopt;
  }
  return core::ClientCurve{*server, *keys};
}

std::unique_ptr<core::Client> connect(const Globals& g) {
  auto curve = client_curve(g);
  bool wanted = !g.key_file.empty() || !g.server_key.empty();
  if (wanted && !curve) return nullptr;
  return std::make_unique<core::Client>(g.endpoint, std::chrono::milliseconds(g.timeout_ms), curve);
}

}  // namespace lienket::apps
