#include "curve_keys.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <zmq.h>
#include <nlohmann/json.hpp>

namespace lienket::core {

namespace fs = std::filesystem;

bool valid_z85_key(std::string_view key) {
  if (key.size() != 40) return false;
  std::string text(key);
  std::uint8_t raw[32];
  return zmq_z85_decode(raw, text.c_str()) != nullptr;
}

Result<KeyPair> generate_key_pair() {
  char pub[41], sec[41];
  if (zmq_curve_keypair(pub, sec) != 0)
    return Status::Unavailable(std::string("cannot make a CURVE key pair: ") +
                               zmq_strerror(zmq_errno()));
  return KeyPair{pub, sec};
}

Status save_key_pair(const KeyPair& keys, const std::string& dir, const std::string& name) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Unavailable("cannot create " + dir + ": " + ec.message());
  auto key_path = fs::path(dir) / (name + ".key");
  if (fs::exists(key_path))
    return Status::AlreadyExists(key_path.string() + " exists; not overwriting a secret key");
  {
    // Created 0600 before the secret is written, so it is never readable by others.
    auto old = ::umask(077);
    std::ofstream out(key_path);
    ::umask(old);
    out << nlohmann::json{{"public", keys.public_key}, {"secret", keys.secret_key}}.dump(2) << '\n';
    if (!out) return Status::Unavailable("cannot write " + key_path.string());
  }
  std::ofstream pub(fs::path(dir) / (name + ".pub"));
  pub << keys.public_key << '\n';
  return pub ? Status::Ok() : Status::Unavailable("cannot write " + name + ".pub");
}

Result<KeyPair> load_key_pair(const std::string& key_file) {
  std::ifstream in(key_file);
  if (!in) return Status::NotFound("cannot read key file " + key_file);
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!j.is_object() || !j.contains("public") || !j.contains("secret") ||
      !j["public"].is_string() || !j["secret"].is_string())
    return Status::InvalidArgument(key_file + " is not a key file ({\"public\",\"secret\"})");
  KeyPair k{j["public"], j["secret"]};
  if (!valid_z85_key(k.public_key) || !valid_z85_key(k.secret_key))
    return Status::InvalidArgument(key_file + " holds keys that are not Z85 CURVE keys");
  return k;
}

Result<KeyPair> load_or_create_node_keys(const std::string& dir) {
  auto path = (fs::path(dir) / "node.key").string();
  if (fs::exists(path)) return load_key_pair(path);
  auto keys = generate_key_pair();
  if (!keys.ok()) return keys.status();
  LIENKET_RETURN_IF_ERROR(save_key_pair(*keys, dir, "node"));
  return keys;
}

Result<std::string> read_public_key(const std::string& key_or_file) {
  if (valid_z85_key(key_or_file)) return key_or_file;
  if (key_or_file.size() > 4 && key_or_file.substr(key_or_file.size() - 4) == ".key") {
    auto pair = load_key_pair(key_or_file);
    if (!pair.ok()) return pair.status();
    return pair->public_key;
  }
  std::ifstream in(key_or_file);
  std::string text;
  if (!in || !(in >> text) || !valid_z85_key(text))
    return Status::InvalidArgument(key_or_file +
                                   " is neither a Z85 public key nor a file holding one");
  return text;
}

void make_curve_client(zmq::socket_t& socket, const ClientCurve& curve) {
  socket.set(zmq::sockopt::curve_serverkey, curve.server_key);
  socket.set(zmq::sockopt::curve_publickey, curve.keys.public_key);
  socket.set(zmq::sockopt::curve_secretkey, curve.keys.secret_key);
}

}  // namespace lienket::core
