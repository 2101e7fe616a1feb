// The Lienket node: a ZeroMQ ROUTER for requests, a PUB for events, RocksDB for state, and the
// plugins that serve message types. One thread runs the loop, so plugins are never called
// concurrently. Group commit: each turn of the loop takes every request already waiting (up to
// max_batch), runs them one after another in one transaction, writes that transaction with one
// RocksDB write (one fsync under "durability":"sync"), and only then sends the replies and
// publishes the events. A crash before the write loses only unacknowledged requests.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "config.hpp"
#include "lienket/status.hpp"

namespace lienket::core {

class Node {
 public:
  // Opens the database, loads and configures the plugins, and binds both endpoints. Any failure
  // (a bad plugin section, a port in use, a locked database) is returned and nothing keeps running.
  static Result<std::unique_ptr<Node>> open(NodeConfig config, const std::string& exe_dir,
                                            std::shared_ptr<spdlog::logger> log);
  ~Node();  // closes sockets, shuts plugins down, closes RocksDB cleanly
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // The endpoints actually bound (a "tcp://127.0.0.1:*" in the config becomes a real port).
  const std::string& request_endpoint() const;
  const std::string& event_endpoint() const;
  // The node's CURVE public key (Z85), "" when CURVE is off. Clients need it to connect.
  const std::string& server_public_key() const;
  // The HTTP server's base URL ("http://127.0.0.1:7480"), "" when it is off.
  const std::string& http_url() const;

  // Serves until stop(): finishes the batch in hand, then returns.
  void run();
  // Asks run() to return. Safe from any thread and from a signal handler.
  void stop();

 private:
  struct Impl;
  explicit Node(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lienket::core
