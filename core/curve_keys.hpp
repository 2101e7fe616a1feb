// CURVE key pairs (libzmq's CurveZMQ, Curve25519 via libsodium), as Z85 text of 40 characters.
// Files: <name>.key holds {"public","secret"} (mode 0600), <name>.pub the public key alone, so the
// .pub can be handed to the node's admin and the .key never leaves its owner.
#pragma once

#include <string>
#include <string_view>

#include <zmq.hpp>

#include "lienket/status.hpp"

namespace lienket::core {

struct KeyPair {
  std::string public_key;  // Z85
  std::string secret_key;  // Z85
};

bool valid_z85_key(std::string_view key);
Result<KeyPair> generate_key_pair();
// Writes <dir>/<name>.key and <dir>/<name>.pub; refuses to overwrite an existing .key.
Status save_key_pair(const KeyPair& keys, const std::string& dir, const std::string& name);
Result<KeyPair> load_key_pair(const std::string& key_file);
// The node's own pair in `dir` (node.key), created on first start.
Result<KeyPair> load_or_create_node_keys(const std::string& dir);
// A public key given as the key itself or as a .pub / .key file.
Result<std::string> read_public_key(const std::string& key_or_file);

// What a client needs to reach a node with CURVE on: the node's public key and its own pair.
struct ClientCurve {
  std::string server_key;
  KeyPair keys;
};
// Makes `socket` (not yet connected) a CURVE client. Throws zmq::error_t like any socket option.
void make_curve_client(zmq::socket_t& socket, const ClientCurve& curve);

}  // namespace lienket::core
