#include "zap_handler.hpp"

#include <algorithm>

namespace lienket::core {

ZapHandler::ZapHandler(zmq::context_t& ctx, std::vector<std::string> admin_keys,
                       PartyOfKey party_of_key, Refused refused)
    : socket_(ctx, zmq::socket_type::rep),
      admin_keys_(std::move(admin_keys)),
      party_of_key_(std::move(party_of_key)),
      refused_(std::move(refused)) {
  socket_.set(zmq::sockopt::linger, 0);
  // The fixed address libzmq sends ZAP requests to; bound before any CURVE socket so that no
  // handshake ever finds it missing (libzmq would then let the client in).
  socket_.bind("inproc://zeromq.zap.01");
}

std::optional<std::string> ZapHandler::user_of(const std::string& key) const {
  if (std::find(admin_keys_.begin(), admin_keys_.end(), key) != admin_keys_.end())
    return std::string(kAdminUser);
  if (auto party = party_of_key_(key)) return kPartyUserPrefix + *party;
  return std::nullopt;
}

void ZapHandler::answer_pending() {
  while (true) {
    // Request: version, request id, domain, address, identity, mechanism, credentials...
    std::vector<zmq::message_t> frames;
    zmq::message_t first;
    if (!socket_.recv(first, zmq::recv_flags::dontwait)) return;
    frames.push_back(std::move(first));
    while (frames.back().more()) {
      zmq::message_t next;
      (void)socket_.recv(next, zmq::recv_flags::none);
      frames.push_back(std::move(next));
    }
    std::string request_id = frames.size() > 1 ? frames[1].to_string() : "";
    std::optional<std::string> user;
    std::string key;
    if (frames.size() >= 7 && frames[0].to_string() == "1.0" && frames[2].to_string() == kDomain &&
        frames[5].to_string() == "CURVE" && frames[6].size() == 32) {
      char z85[41];
      zmq_z85_encode(z85, static_cast<const std::uint8_t*>(frames[6].data()), 32);
      key = z85;
      user = user_of(z85);
    }
    if (!user && refused_) refused_(frames.size() > 3 ? frames[3].to_string() : "", key);
    const std::string code = user ? "200" : "400";
    const std::string text = user ? "OK" : "unknown key";
    for (const std::string& f : {std::string("1.0"), request_id, code, text, user.value_or("")})
      (void)socket_.send(zmq::buffer(f), zmq::send_flags::sndmore);
    (void)socket_.send(zmq::message_t(), zmq::send_flags::none);  // metadata: none
  }
}

}  // namespace lienket::core
