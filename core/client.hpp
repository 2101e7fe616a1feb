// A blocking client of a node's request endpoint (a ZeroMQ DEALER), for the CLI, the demo, tests
// and benchmarks. One request at a time; replies are matched by id, so a late answer to a request
// that timed out is skipped, never taken for the next one. Not thread-safe: one per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <optional>

#include "curve_keys.hpp"
#include "lienket/status.hpp"

namespace lienket::core {

class Client {
 public:
  // With `curve`, the connection authenticates with CURVE (a node with security.curve on).
  explicit Client(std::string endpoint,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10),
                  std::optional<ClientCurve> curve = std::nullopt);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends {"v":1,"id":<fresh>,"type","as"?,"idempotency_key"?,"body"} and returns the whole reply
  // envelope, or `unavailable` when no reply came within the timeout.
  Result<nlohmann::json> call(const std::string& type,
                              const nlohmann::json& body = nlohmann::json::object(),
                              const std::string& as = "", const std::string& idempotency_key = "");
  // Sends one frame exactly as given and returns the next reply frame, parsed.
  Result<nlohmann::json> send_raw(std::string_view frame);
  const std::string& endpoint() const { return endpoint_; }

 private:
  Result<nlohmann::json> receive(const std::string& want_id);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string endpoint_;
  std::chrono::milliseconds timeout_;
  std::uint64_t next_id_ = 0;
};

}  // namespace lienket::core
