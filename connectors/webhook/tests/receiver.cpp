#include "receiver.hpp"

#include "lienket/testing/eventually.hpp"

#include <httplib.h>

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "lienket/util/webhook_signature.hpp"
#include "webhook_request.hpp"

namespace lienket::webhook::test {

Receiver::Receiver(std::string secret, std::string cert_file, std::string key_file)
    : secret_(std::move(secret)), cert_(std::move(cert_file)), key_(std::move(key_file)) {}

Receiver::~Receiver() { stop(); }

std::string Receiver::url(const std::string& path) const {
  return std::string(cert_.empty() ? "http" : "https") + "://127.0.0.1:" + std::to_string(port_) +
         path;
}

void Receiver::start() {
  if (server_) return;
  if (cert_.empty())
    server_ = std::make_unique<httplib::Server>();
  else
    server_ = std::make_unique<httplib::SSLServer>(cert_.c_str(), key_.c_str());
  server_->Post(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    Delivery d;
    d.delivery_id = req.get_header_value(kDeliveryHeader);
    d.event_type = req.get_header_value(kEventHeader);
    d.content_type = req.get_header_value("Content-Type");
    d.signature_ok = util::signatures_equal(req.get_header_value(kSignatureHeader),
                                            util::signature_header(secret_, req.body));
    int status = 200, delay_ms = 0;
    handle(req.body, std::move(d), status, delay_ms);
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    res.status = status;
    res.set_content(status < 300 ? "ok" : "no", "text/plain");
  });
  // The port stays the same across restarts, as a real receiver's would.
  bool bound = false;
  for (int i = 0; i < 100 && !bound; ++i) {
    if (port_ == 0) {
      port_ = server_->bind_to_any_port("127.0.0.1");
      bound = port_ > 0;
    } else {
      bound = server_->bind_to_port("127.0.0.1", port_);
    }
    if (!bound) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!bound) throw std::runtime_error("receiver cannot bind 127.0.0.1:" + std::to_string(port_));
  httplib::Server* s = server_.get();
  thread_ = std::thread([s] { s->listen_after_bind(); });
  if (!lienket::testing::eventually([s] { return s->is_running(); }, std::chrono::seconds(20),
                                    std::chrono::milliseconds(1)))
    throw std::runtime_error("receiver did not start on 127.0.0.1:" + std::to_string(port_));
}

void Receiver::stop() {
  if (!server_) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void Receiver::handle(const std::string& body, Delivery d, int& status, int& delay_ms) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object()) {
    d.seq = j.value("seq", std::uint64_t{0});
    d.type = j.value("type", "");
  }
  d.body = body;
  std::lock_guard lock(mu_);
  if (reject_seq_ && d.seq == *reject_seq_) {
    status = reject_status_;
  } else if (mode_ == Mode::kFail) {
    status = value_;
  } else if (mode_ == Mode::kSlow) {
    delay_ms = value_;
  }
  d.answered = status;
  received_.push_back(std::move(d));
}

void Receiver::set_mode(Mode mode, int value) {
  std::lock_guard lock(mu_);
  mode_ = mode;
  value_ = value;
}

void Receiver::reject(std::optional<std::uint64_t> seq, int status) {
  std::lock_guard lock(mu_);
  reject_seq_ = seq;
  reject_status_ = status;
}

std::vector<Delivery> Receiver::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

std::size_t Receiver::requests() const {
  std::lock_guard lock(mu_);
  return received_.size();
}

std::vector<Delivery> Receiver::kept() const {
  std::vector<Delivery> out;
  std::set<std::string> seen;
  for (auto& d : received())
    if (d.answered >= 200 && d.answered < 300 && seen.insert(d.delivery_id).second)
      out.push_back(d);
  return out;
}

}  // namespace lienket::webhook::test
