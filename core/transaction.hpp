// The writes of one group of commands, committed together with one RocksDB write (group commit).
// Reads see the group's own earlier writes (WriteBatchWithIndex over the database). Savepoints
// nest: each command, and each subscriber call inside it, runs under one, so a failure rolls back
// exactly its own writes and events. A crash before commit() loses the whole group, none of which
// had been acknowledged; commit() is atomic, so no command is ever half-applied.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/utilities/write_batch_with_index.h>

#include "database.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::core {

class Transaction {
 public:
  explicit Transaction(Database& db);

  Result<std::optional<std::string>> get(rocksdb::ColumnFamilyHandle* cf, std::string_view key);
  Status put(rocksdb::ColumnFamilyHandle* cf, std::string_view key, std::string_view value);
  Status erase(rocksdb::ColumnFamilyHandle* cf, std::string_view key);
  // Visits keys with `prefix` after `after`, in order, until `visit` returns false. Safe to write
  // from inside `visit`: entries are read in chunks with no iterator open during the visit.
  using Visitor = std::function<bool(std::string_view, std::string_view)>;
  Status scan(rocksdb::ColumnFamilyHandle* cf, std::string_view prefix, std::string_view after,
              const Visitor& visit);

  void savepoint();
  void rollback();  // to the latest savepoint, which is removed
  void release();   // keeps the writes since the latest savepoint, which is removed

  // Events appended in this group, in seq order; rolled back with their savepoint.
  std::vector<Event>& events() { return events_; }
  // The stored JSON of each event in events(), same order: written once by the event log and
  // published as is, so an event is serialised once.
  std::vector<std::string>& event_records() { return event_records_; }

  bool empty() { return batch_.GetWriteBatch()->Count() == 0; }
  // Writes the whole group atomically; the transaction is then empty again. With `defer_sync` the
  // write is durable only once a later Database::sync_wal() returns. *wrote tells whether there
  // was anything to write.
  Status commit(bool defer_sync = false, bool* wrote = nullptr);

 private:
  Database& db_;
  rocksdb::WriteBatchWithIndex batch_;
  std::vector<Event> events_;
  std::vector<std::string> event_records_;
  std::vector<std::size_t> event_marks_;
};

}  // namespace lienket::core
