// Durable subscriptions (lienket::Delivery::kDurable): each subscribing plugin reads the event log
// through a cursor the node keeps for it (column family "subscribers"), on the node's thread, one
// event per savepoint, with the event, the plugin's writes and the cursor's move in one batch. A
// failure never reaches the emitter: `unavailable` is retried with back-off; after kMaxAttempts, or
// at once for any other error, the event becomes a dead letter (listed and replayed through
// node.subscriber.*) and the cursor moves on. Nothing is dropped without a record.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "dispatcher.hpp"
#include "event_log.hpp"
#include "plugin_host.hpp"
#include "transaction.hpp"

namespace lienket::core {

class DurableSubscribers {
 public:
  static constexpr int kMaxAttempts = 5;
  static constexpr std::size_t kEventsPerPass = 256;

  DurableSubscribers(PluginHost& host, EventLog& log, rocksdb::ColumnFamilyHandle* family)
      : host_(host), log_(log), family_(family) {}
  void set_dispatcher(Dispatcher* d) { dispatcher_ = d; }

  // Delivers what is waiting, at most kEventsPerPass events per subscriber; true when more remains
  // that is not waiting out a back-off (the node then polls again at once).
  bool pump(Transaction& txn, std::int64_t steady_now_ms);

  // node.subscriber.status: per durable subscriber, cursor, lag, dead letters, retry state.
  Result<nlohmann::json> status(Transaction& txn);
  Result<nlohmann::json> dead_letters(Transaction& txn, const std::string& plugin,
                                      std::size_t limit);
  // Delivers one dead letter again now; removed when it succeeds, kept with the new error if not.
  Result<nlohmann::json> replay(Transaction& txn, const std::string& plugin, std::uint64_t seq);

 private:
  struct Retry {
    std::uint64_t seq = 0;
    int attempts = 0;
    std::int64_t not_before_ms = 0;
    std::string last_error;
  };
  bool durable(const LoadedPlugin& p) const;
  bool wanted(const LoadedPlugin& p, const std::string& type) const;
  LoadedPlugin* find(const std::string& name) const;
  Result<std::uint64_t> cursor(Transaction& txn, const std::string& plugin);
  // One subscriber's pass; true when it stopped with events left to deliver now.
  Result<bool> pump_one(Transaction& txn, LoadedPlugin& p, std::int64_t now);
  Status bury(Transaction& txn, const std::string& plugin, const Event& e, const Status& why,
              int attempts);

  PluginHost& host_;
  EventLog& log_;
  rocksdb::ColumnFamilyHandle* family_;
  Dispatcher* dispatcher_ = nullptr;
  std::map<std::string, Retry> retries_;
};

}  // namespace lienket::core
