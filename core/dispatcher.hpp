// Runs commands against the plugins inside a group transaction. Each command runs under its own
// savepoint: on success its writes, its events, the events' subscriber calls and its idempotency
// record stay in the group; on failure all of them vanish and only an error reply remains.
// Each message runs only when the plugin declares it, for a caller it names (MessageSpec::callers),
// and a read_only message can neither write nor emit. Required subscribers receive the command's
// events after its handler returns, inside the command: one that fails fails the command. Durable
// subscribers are served later, from the log (durable_subscribers.hpp).
// Single-threaded: the node's loop is its only caller.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "authority.hpp"
#include "event_log.hpp"
#include "idempotency.hpp"
#include "lienket/context.hpp"
#include "plugin_host.hpp"
#include "transaction.hpp"
#include "visibility.hpp"
#include "watchdog.hpp"

namespace lienket::core {

class Dispatcher {
 public:
  Dispatcher(PluginHost& host, EventLog& log, Idempotency& idempotency, Clock& clock,
             spdlog::logger& node_log)
      : host_(host), log_(log), idempotency_(idempotency), clock_(clock), node_log_(node_log) {}

  // Executes a decoded client request and returns its whole reply envelope.
  nlohmann::json execute(Transaction& txn, const Request& r);
  // Routes one message to its plugin (no idempotency), for execute() and Context::call.
  Result<nlohmann::json> call(Transaction& txn, const Request& r, int depth);
  // One event to one subscriber, under a savepoint, shielded; for the durable subscribers.
  Status deliver_one(Transaction& txn, LoadedPlugin& plugin, const Event& event);
  // Runs a plugin's own work (HostContext::run) under a savepoint, delivering its events.
  Result<nlohmann::json> run_work(Transaction& txn, LoadedPlugin& plugin,
                                  const HostContext::Work& work);
  // Gives every plugin its on_tick, each under its own savepoint.
  void tick(Transaction& txn);
  // Delivery::kNotify: tells each such subscriber about the last of `published` it wants. `scratch`
  // is never committed.
  void notify(Transaction& scratch, const std::vector<Event>& published);
  // Times every plugin call against the deadline from now on (null: no deadline).
  void set_watchdog(Watchdog* watchdog) { watchdog_ = watchdog; }

 private:
  // The acting party's registry record, or an error when it is not registered.
  Result<nlohmann::json> acting_party(Transaction& txn, const std::string& as);
  Status check_caller(Transaction& txn, const MessageSpec& spec, const Request& r);
  // What `as` may read (visibility.hpp); valid while `txn` is.
  MaySee viewer(Transaction& txn, const std::string& as);
  Status deliver_events(Transaction& txn, std::size_t from, const Authority& authority);
  rocksdb::ColumnFamilyHandle* registry_family();

  PluginHost& host_;
  EventLog& log_;
  Idempotency& idempotency_;
  Clock& clock_;
  spdlog::logger& node_log_;
  Watchdog* watchdog_ = nullptr;
};

}  // namespace lienket::core
