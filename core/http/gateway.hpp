// The node's one HTTP server, in front of the same bus with the same rules (docs/http.md):
//   POST /api/v1/messages/{type}   any declared message; the body is the message body, the acting
//                                  party comes from the API token, Idempotency-Key is honoured
//   GET  /api/v1/events            the event log as Server-Sent Events (event_feed.hpp)
//   POST|GET|DELETE /api/v1/session  people sign in and out (session_desk.hpp)
//   GET  /api/v1/openapi.json, /api/v1/docs, /healthz, /readyz, /metrics
//   and every route the plugins declare (PluginInfo::routes).
// Requests reach the node's loop through the SubmitQueue, like a plugin's own submits, so they are
// batched, durable and idempotent exactly as ZeroMQ requests are. Errors are problem details
// (problem.hpp). Handlers run on the server's threads; nothing here runs on the node's loop except
// published().
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <rocksdb/db.h>
#include <spdlog/logger.h>

#include "../config.hpp"
#include "../metrics.hpp"
#include "../plugin_host.hpp"
#include "../submit_queue.hpp"
#include "lienket/context.hpp"

namespace lienket::core::http {

struct GatewayParts {
  HttpConfig config;
  bool any_port = false;  // bind a free port (the node config's http_any_port)
  PluginHost* host = nullptr;
  rocksdb::DB* db = nullptr;
  rocksdb::ColumnFamilyHandle* tokens = nullptr;    // the "token" plugin's family
  rocksdb::ColumnFamilyHandle* registry = nullptr;  // the registry's family (party kinds)
  rocksdb::ColumnFamilyHandle* accounts = nullptr;  // the "account" plugin's family (sessions)
  const void* account_plugin = nullptr;             // its LoadedPlugin: session writes run as it
  SubmitQueue* queue = nullptr;
  Clock* clock = nullptr;
  Metrics* metrics = nullptr;
  std::shared_ptr<spdlog::logger> log;
};

class Gateway {
 public:
  // Binds and serves; a taken port is an error naming host:port.
  static Result<std::unique_ptr<Gateway>> start(GatewayParts parts);
  ~Gateway();  // stop()
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Lets requests reach the plugins' route handlers (503 before: they are not configured yet).
  void open();
  // Ends the event streams, closes the port and waits for the requests in hand. Idempotent.
  void stop();
  // "http://host:port" (https with TLS), with the port actually bound.
  std::string url() const;
  // The node's loop, after each commit: wakes the event streams.
  void published(std::uint64_t last_seq);

 private:
  struct Impl;
  explicit Gateway(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lienket::core::http
