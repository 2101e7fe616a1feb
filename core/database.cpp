#include "database.hpp"

#include <vector>

#include <rocksdb/options.h>

namespace lienket::core {

Status from_rocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsNotFound()) return Status::NotFound(what + ": " + s.ToString());
  return Status::Unavailable("storage failed (" + what + "): " + s.ToString());
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, bool sync) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);

  std::vector<std::string> names;
  auto listed = rocksdb::DB::ListColumnFamilies(options, path, &names);
  if (!listed.ok()) names = {rocksdb::kDefaultColumnFamilyName};  // a new database

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& n : names) descriptors.emplace_back(n, rocksdb::ColumnFamilyOptions(options));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  auto st = rocksdb::DB::Open(options, path, descriptors, &handles, &raw);
  if (!st.ok())
    return Status::Unavailable("cannot open database at " + path + ": " + st.ToString());

  std::unique_ptr<Database> db(new Database());
  db->path_ = path;
  db->sync_ = sync;
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
  auto st = db_->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), name, &h);
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
