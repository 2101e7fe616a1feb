// Test kit for integration tests: a real `lienket node` process on free loopback ports with a fresh
// temporary data directory, and real ZeroMQ clients. Link `lienket_testkit`.
//
//   lienket::testkit::Node node;                       // started and ready
//   auto r = node.call("party.register", {{"kind","cooperative"}, ...});
//   auto party = lienket::testkit::ok(r);              // fails the test unless r["ok"]
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "curve_keys.hpp"

namespace lienket::testkit {

using nlohmann::json;

// A DEALER client of the request endpoint; one request at a time, 10 s timeout.
class Client {
 public:
  // With `curve`, the client authenticates with CURVE; a call that gets no reply within `timeout`
  // throws std::runtime_error (a refused key never gets one).
  explicit Client(const std::string& endpoint,
                  std::optional<lienket::core::ClientCurve> curve = std::nullopt,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  // Sends a request envelope {"v":1,"id":...,"type":...,"as":...,"idempotency_key":...,"body":...}
  // ("as" and "idempotency_key" left out when empty) and returns the whole reply.
  json call(const std::string& type, const json& body = json::object(), const std::string& as = "",
            const std::string& idempotency_key = "");
  // Sends one frame as it is and returns the reply parsed as JSON.
  json send_raw(const std::string& frame);

 private:
  struct Impl;
  Impl* impl_;
};

// A SUB client of the event endpoint.
class Subscriber {
 public:
  Subscriber(const std::string& endpoint, const std::string& topic_prefix = "",
             std::optional<lienket::core::ClientCurve> curve = std::nullopt);
  ~Subscriber();
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;
  // The next event {"seq","type","at","by","data"}, or nullopt after timeout.
  std::optional<json> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

 private:
  struct Impl;
  Impl* impl_;
};

// A `lienket node` child process. The config is the test default (loopback, ephemeral ports for the
// node and for plugins' HTTP pages ("http_any_port"), temp data dir, the build's plugin directory,
// relaxed durability, manual clock at 2026-03-01T08:00:00+07:00) with `overrides` merged over it
// (e.g. {"plugins": {"offtake":
// {...}}}).
class Node {
 public:
  explicit Node(json overrides = json::object());
  ~Node();  // SIGTERM, wait, remove the data directory
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  void start();  // starts again on the same data directory (after stop or kill9)
  void stop();   // SIGTERM and wait for a clean exit
  void kill9();  // SIGKILL, as a crash would
  // Waits for the process to end by itself (a crash, the plugin watchdog); its exit code, or -1
  // when it is still running after `timeout`.
  int wait_for_exit(std::chrono::milliseconds timeout);
  bool running() const;

  const std::string& request_endpoint() const { return request_endpoint_; }
  const std::string& event_endpoint() const { return event_endpoint_; }
  const std::string& data_dir() const { return data_dir_; }
  // The node's HTTP server, "http://127.0.0.1:<port>" ("" when the config turns it off).
  const std::string& http_url() const { return http_url_; }
  const std::string& log_path() const { return log_path_; }
  // The node's CURVE public key ("" when CURVE is off).
  const std::string& server_key() const { return server_key_; }

  // One request through a client kept by this Node (recreated after a restart).
  // Successful calls are kept (type, body, result) for contract_violations().
  json call(const std::string& type, const json& body = json::object(), const std::string& as = "",
            const std::string& idempotency_key = "");
  Client& client();
  const json& answered() const { return answered_; }

 private:
  json answered_ = json::array();
  json config_;
  std::string dir_, data_dir_, config_path_, ready_path_, log_path_;
  std::string request_endpoint_, event_endpoint_, server_key_, http_url_;
  int pid_ = -1;
  std::optional<Client> client_;
};

// The contract test: every successful Node::call so far (its body and its result) and every event
// in the node's log, checked against the schemas the node declares (node.schema) by an independent
// validator (Debian's python3-jsonschema). One line per violation; empty when all conform.
//   CHECK(contract_violations(node).empty());  // at the end of a plugin's scenario
std::vector<std::string> contract_violations(Node& node);

// An API token for the node's HTTP server (token.create): acting for `party`, or an admin token
// when `party` is empty. `extra` adds to the body (scopes, read_only, expires_in_days).
std::string api_token(Node& node, const std::string& party, const json& extra = json::object());

// The path of the built `lienket` binary and of the build's plugin directory.
std::string lienket_binary();
std::string plugin_dir();

// Returns reply["result"] if reply["ok"] is true; otherwise fails the current Catch2 test with the
// reply printed.
json ok(const json& reply);
// Fails the current test unless reply is an error with this code (and field, when given).
void expect_error(const json& reply, const std::string& code, const std::string& field = "");

// The smallest market plugin tests start from: HTX Chè Thanh Nam (cooperative, Phú Thọ), Công ty
// CP Chè Tân Hiệp (enterprise, Hà Nội) and the cooperative's green tea "tea-thanhnam-green" (g, 4
// OCOP stars, VietGAP) with GTIN `gtin`.
void register_tea_market(Node& node, const std::string& gtin);

}  // namespace lienket::testkit
