// A webhook receiver for tests: a real cpp-httplib server on 127.0.0.1 that records every POST,
// checks its signature, and can be told to fail (any status), to answer too late, to reject one
// delivery, or be stopped (port closed) and started again on the same port.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace lienket::webhook::test {

struct Delivery {
  std::string delivery_id;  // X-Lienket-Delivery
  std::string event_type;   // X-Lienket-Event
  std::string content_type;
  std::string body;
  std::uint64_t seq = 0;  // from the body
  std::string type;       // from the body
  bool signature_ok = false;
  int answered = 0;  // the status the receiver answers (a slow answer may come too late)
};

class Receiver {
 public:
  enum class Mode { kAccept, kFail, kSlow };
  // With cert and key files it serves https.
  explicit Receiver(std::string secret, std::string cert_file = "", std::string key_file = "");
  ~Receiver();
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  void start();  // the first start picks a free port; later starts reuse it
  void stop();   // the server is destroyed and the port closed
  int port() const { return port_; }
  std::string url(const std::string& path = "/hook") const;

  // kAccept: 200. kFail: answer `value` (e.g. 503). kSlow: sleep `value` ms, then 200.
  void set_mode(Mode mode, int value = 0);
  // Answers `status` to this one delivery id whatever the mode; nullopt: no longer.
  void reject(std::optional<std::uint64_t> seq, int status = 400);

  std::vector<Delivery> received() const;  // every request, in arrival order
  // The first accepted copy of each delivery id, in arrival order: what a de-duplicating receiver
  // keeps.
  std::vector<Delivery> kept() const;
  std::size_t requests() const;

 private:
  void handle(const std::string& body, Delivery d, int& status, int& delay_ms);

  std::string secret_, cert_, key_;
  int port_ = 0;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  mutable std::mutex mu_;
  Mode mode_ = Mode::kAccept;
  int value_ = 0;
  std::optional<std::uint64_t> reject_seq_;
  int reject_status_ = 400;
  std::vector<Delivery> received_;
};

}  // namespace lienket::webhook::test
