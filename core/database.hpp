// The node's RocksDB database: one directory, one column family per namespace ("meta", "events",
// "idempotency", "registry", and "p.<plugin>" for each plugin). Families are created on first use
// and reopened on every start. Not thread-safe for family creation; the node calls it from one
// thread.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <rocksdb/db.h>

#include "lienket/status.hpp"

namespace lienket::core {

class Database {
 public:
  // Opens (creating if needed) the database at `path`. `sync` makes every commit fsync.
  static Result<std::unique_ptr<Database>> open(const std::string& path, bool sync);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The handle of a column family, created if it does not exist yet.
  Result<rocksdb::ColumnFamilyHandle*> family(const std::string& name);
  rocksdb::DB* db() { return db_.get(); }
  // Writes a batch atomically, and durably when opened with sync, unless `defer_sync`: then its
  // writes are visible at once and durable when a later sync_wal() returns (WalSyncer).
  Status write(rocksdb::WriteBatch* batch, bool defer_sync = false);
  // Makes every write made before the call durable (fsync of the write-ahead log).
  Status sync_wal();
  bool sync() const { return sync_; }
  const std::string& path() const { return path_; }

 private:
  Database() = default;
  std::string path_;
  bool sync_ = true;
  rocksdb::ColumnFamilyOptions family_options_;  // every family's, new ones included
  std::unique_ptr<rocksdb::DB> db_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> families_;
};

Status from_rocks(const rocksdb::Status& s, const std::string& what);

}  // namespace lienket::core
