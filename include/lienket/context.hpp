// What a plugin sees of the node. Two lifetimes:
//  - HostContext: handed to Plugin::configure; valid until Plugin::shutdown returns.
//  - Context: handed to one handle/on_event/on_tick call; valid only during that call, and bound to
//    that command's transaction (its store writes and events commit or vanish together).
// Neither is thread-safe: the node calls a plugin from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"
#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket {

class Context;

// Milliseconds since the Unix epoch. Injected so tests can run a manual clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;
};

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void info(std::string_view msg) = 0;
  virtual void warn(std::string_view msg) = 0;
  virtual void error(std::string_view msg) = 0;
};

// Read-only view of the core registry of parties and products. Both return the stored JSON object
// (see docs/protocol.md, party.get / product.get) or not_found.
class Registry {
 public:
  virtual ~Registry() = default;
  virtual Result<nlohmann::json> party(std::string_view id) = 0;
  virtual Result<nlohmann::json> product(std::string_view id) = 0;
};

class HostContext {
 public:
  virtual ~HostContext() = default;
  virtual Clock& clock() = 0;
  virtual Logger& log() = 0;
  // The node's data directory, for plugins that keep files (exports, drop folders).
  virtual std::string data_dir() const = 0;
  // The base URL of the node's HTTP server, where the plugin's routes (PluginInfo::routes) are
  // served, e.g. "http://127.0.0.1:7480"; "" when the server is off. Known from configure() on.
  virtual std::string http_url() const { return ""; }
  // Thread-safe: queues a request exactly as if a client had sent it (same validation, idempotency
  // and durability) and resolves to the whole reply envelope once it is durable. For a plugin's own
  // threads (an HTTP page, a connector); never wait on it from inside handle/on_event/on_tick,
  // which run on the node's thread and would deadlock.
  virtual std::future<nlohmann::json> submit(Request request) = 0;
  // Thread-safe: runs `work` on the node's thread, in a transaction of its own, with a Context of
  // this plugin (its store, emit, call) as handle() gets; the future resolves once that transaction
  // is durable, or with the error (and nothing kept) when `work` fails. For a plugin's own threads
  // that keep state: a connector's cursor, an import applied whole or not at all. Not reachable by
  // any client. Same deadlock rule as submit().
  using Work = std::function<Result<nlohmann::json>(Context&)>;
  virtual std::future<Result<nlohmann::json>> run(Work work) = 0;
};

class Context {
 public:
  virtual ~Context() = default;
  // This plugin's namespace, inside the current transaction.
  virtual Store& store() = 0;
  virtual Registry& registry() = 0;
  // Appends an event to the node's log in this transaction; published once the batch is durable.
  // `type` should start with the plugin's prefix ("offtake.contract.posted").
  virtual Status emit(std::string_view type, const nlohmann::json& data) = 0;
  // Runs another message type (any plugin's or the core's) inside this same transaction, with this
  // call's authority: the acting party (and admin right) of the command being served, or, in a
  // plugin's own work (on_tick, HostContext::run, durable events), the plugin itself as caller
  // "plugin". Lets plugins cooperate through messages without linking to each other.
  virtual Result<nlohmann::json> call(std::string_view type, const nlohmann::json& body) = 0;
  // Runs it acting for `party`; allowed only for the types the plugin declares in
  // PluginInfo::acts_for (permission_denied otherwise).
  virtual Result<nlohmann::json> call_for(std::string_view type, std::string_view party,
                                          const nlohmann::json& body) = 0;
  virtual std::int64_t now_ms() const = 0;
  virtual Logger& log() = 0;
};

}  // namespace lienket
