#include "database.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <vector>

#include <rocksdb/options.h>

namespace lienket::core {

Status from_rocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsNotFound()) return Status::NotFound(what + ": " + s.ToString());
  return Status::Unavailable("storage failed (" + what + "): " + s.ToString());
}

namespace {

// Every column family shares one block cache, and each table keeps a Bloom filter: the node's reads
// are point lookups (a party, a record, an event hash that is usually absent) and short prefix
// scans, and a lookup of an absent key then costs no disk read. Memtables of all families together
// are bounded (db_write_buffer_size), so twenty families do not mean twenty 64 MiB buffers.
constexpr std::size_t kBlockCacheBytes = 64 << 20;
constexpr std::size_t kMemtablesBytes = 64 << 20;

rocksdb::ColumnFamilyOptions family_options(const rocksdb::Options& base) {
  rocksdb::ColumnFamilyOptions cf(base);
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.write_buffer_size = 16 << 20;
  return cf;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path, bool sync) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  options.db_write_buffer_size = kMemtablesBytes;
  auto cf_options = family_options(options);

  std::vector<std::string> names;
  auto listed = rocksdb::DB::ListColumnFamilies(options, path, &names);
  if (!listed.ok()) names = {rocksdb::kDefaultColumnFamilyName};  // a new database

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& n : names) descriptors.emplace_back(n, cf_options);
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  auto st = rocksdb::DB::Open(options, path, descriptors, &handles, &raw);
  if (!st.ok())
    return Status::Unavailable("cannot open database at " + path + ": " + st.ToString());

  std::unique_ptr<Database> db(new Database());
  db->path_ = path;
  db->sync_ = sync;
  db->family_options_ = cf_options;
  db->db_.reset(raw);
  for (std::size_t i = 0; i < names.size(); ++i) db->families_[names[i]] = handles[i];
  return db;
}

Database::~Database() {
  if (!db_) return;
  // Close() does not sync the log: a deferred write must not be left to the page cache.
  if (sync_) (void)db_->SyncWAL();
  for (auto& [name, h] : families_) db_->DestroyColumnFamilyHandle(h);
  db_->Close();
}

Result<rocksdb::ColumnFamilyHandle*> Database::family(const std::string& name) {
  auto it = families_.find(name);
  if (it != families_.end()) return it->second;
  rocksdb::ColumnFamilyHandle* h = nullptr;
  auto st = db_->CreateColumnFamily(family_options_, name, &h);
  if (!st.ok()) return from_rocks(st, "create column family " + name);
  families_[name] = h;
  return h;
}

Status Database::write(rocksdb::WriteBatch* batch, bool defer_sync) {
  rocksdb::WriteOptions wo;
  wo.sync = sync_ && !defer_sync;
  return from_rocks(db_->Write(wo, batch), "write");
}

Status Database::sync_wal() { return from_rocks(db_->SyncWAL(), "sync"); }

}  // namespace lienket::core
