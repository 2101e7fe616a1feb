#include "client.hpp"

#include <zmq.hpp>

#include "envelope.hpp"

namespace lienket::core {

struct Client::Impl {
  zmq::context_t zmq{1};
  zmq::socket_t socket{zmq, zmq::socket_type::dealer};
};

Client::Client(std::string endpoint, std::chrono::milliseconds timeout,
               std::optional<ClientCurve> curve)
    : impl_(std::make_unique<Impl>()), endpoint_(std::move(endpoint)), timeout_(timeout) {
  impl_->socket.set(zmq::sockopt::linger, 0);
  if (curve) make_curve_client(impl_->socket, *curve);
  impl_->socket.connect(endpoint_);
}

Client::~Client() = default;

Result<nlohmann::json> Client::call(const std::string& type, const nlohmann::json& body,
                                    const std::string& as, const std::string& idempotency_key) {
  Request r;
  r.id = "c" + std::to_string(++next_id_);
  r.type = type;
  r.as = as;
  r.idempotency_key = idempotency_key;
  r.body = body;
  auto text = encode_request(r).dump();
  if (!impl_->socket.send(zmq::buffer(text), zmq::send_flags::dontwait))
    return Status::Unavailable("cannot send to " + endpoint_);
  return receive(r.id);
}

Result<nlohmann::json> Client::send_raw(std::string_view frame) {
  if (!impl_->socket.send(zmq::buffer(frame.data(), frame.size()), zmq::send_flags::dontwait))
    return Status::Unavailable("cannot send to " + endpoint_);
  return receive("");
}

Result<nlohmann::json> Client::receive(const std::string& want_id) {
  auto deadline = std::chrono::steady_clock::now() + timeout_;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return Status::Unavailable("no reply from " + endpoint_ + " (is the node running?)");
    zmq::pollitem_t item{impl_->socket.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, left);
    if (!(item.revents & ZMQ_POLLIN)) continue;
    zmq::message_t msg;
    if (!impl_->socket.recv(msg, zmq::recv_flags::dontwait)) continue;
    while (msg.more()) {  // a reply is one frame; skip anything unexpected after it
      zmq::message_t extra;
      (void)impl_->socket.recv(extra, zmq::recv_flags::none);
    }
    auto reply = nlohmann::json::parse(msg.to_string_view(), nullptr, false);
    if (reply.is_discarded() || !reply.is_object())
      return Status::Internal("the node sent a reply that is not JSON");
    if (!want_id.empty() && reply.value("id", nlohmann::json()) != want_id)
      continue;  // a stale answer
    return reply;
  }
}

}  // namespace lienket::core
