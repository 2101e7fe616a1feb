// The node's ZAP handler (ZeroMQ RFC 27): libzmq asks it, during each CURVE handshake on the node's
// sockets, whether a client key may connect. An admin key (config security.admin_keys) connects as
// user "admin"; a key registered with a party (party.register public_key) as "party:<id>"; any
// other key is refused, so the connection never carries a request. The node then reads the user of
// every request frame ("User-Id") instead of trusting the request's `as`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

namespace lienket::core {

class ZapHandler {
 public:
  // `party_of_key` looks a Z85 public key up in the registry (committed state).
  using PartyOfKey = std::function<std::optional<std::string>(const std::string& z85_key)>;
  // `refused(address, key)` hears of every refused handshake, for the audit log.
  using Refused = std::function<void(const std::string& address, const std::string& z85_key)>;
  ZapHandler(zmq::context_t& ctx, std::vector<std::string> admin_keys, PartyOfKey party_of_key,
             Refused refused = nullptr);

  zmq::socket_t& socket() { return socket_; }
  // Answers every request waiting on the socket; never blocks.
  void answer_pending();

  static constexpr const char* kDomain = "lienket";
  static constexpr const char* kAdminUser = "admin";
  static constexpr const char* kPartyUserPrefix = "party:";

 private:
  // The user id for a client's Z85 key, or nullopt to refuse it.
  std::optional<std::string> user_of(const std::string& z85_key) const;
  zmq::socket_t socket_;
  std::vector<std::string> admin_keys_;
  PartyOfKey party_of_key_;
  Refused refused_;
};

}  // namespace lienket::core
