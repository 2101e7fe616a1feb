#include "transaction.hpp"

#include <algorithm>
#include <memory>

namespace lienket::core {

namespace {
constexpr std::size_t kScanChunk = 256;

// The smallest key after every key that starts with `prefix`; "" when there is none.
std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}
}  // namespace

Transaction::Transaction(Database& db)
    : db_(db), batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true) {}

Result<std::optional<std::string>> Transaction::get(rocksdb::ColumnFamilyHandle* cf,
                                                    std::string_view key) {
  std::string value;
  auto st = batch_.GetFromBatchAndDB(db_.db(), rocksdb::ReadOptions(), cf,
                                     rocksdb::Slice(key.data(), key.size()), &value);
  if (st.IsNotFound()) return std::optional<std::string>{};
  if (!st.ok()) return from_rocks(st, "get");
  return std::optional<std::string>{std::move(value)};
}

Status Transaction::put(rocksdb::ColumnFamilyHandle* cf, std::string_view key,
                        std::string_view value) {
  return from_rocks(batch_.Put(cf, rocksdb::Slice(key.data(), key.size()),
                               rocksdb::Slice(value.data(), value.size())),
                    "put");
}

Status Transaction::erase(rocksdb::ColumnFamilyHandle* cf, std::string_view key) {
  return from_rocks(batch_.Delete(cf, rocksdb::Slice(key.data(), key.size())), "delete");
}

Status Transaction::scan(rocksdb::ColumnFamilyHandle* cf, std::string_view prefix,
                         std::string_view after, const Visitor& visit) {
  // Start at whichever of prefix and after sorts later; skip `after` itself.
  std::string cursor(after.empty() || after < prefix ? prefix : after);
  bool skip_cursor = !after.empty() && cursor == after;
  const std::string end = prefix_end(prefix);
  while (true) {
    std::vector<std::pair<std::string, std::string>> chunk;
    {
      // The database's iterator stops at the prefix's end instead of reading the next key family.
      rocksdb::ReadOptions ro;
      rocksdb::Slice bound(end);
      if (!end.empty()) ro.iterate_upper_bound = &bound;
      std::unique_ptr<rocksdb::Iterator> it(
          batch_.NewIteratorWithBase(cf, db_.db()->NewIterator(ro, cf)));
      for (it->Seek(cursor); it->Valid() && chunk.size() < kScanChunk; it->Next()) {
        auto k = it->key().ToStringView();
        if (k.substr(0, prefix.size()) != prefix) break;
        if (skip_cursor && k == cursor) continue;
        chunk.emplace_back(std::string(k), it->value().ToString());
      }
      if (!it->status().ok()) return from_rocks(it->status(), "scan");
    }
    for (const auto& [k, v] : chunk)
      if (!visit(k, v)) return Status::Ok();
    if (chunk.size() < kScanChunk) return Status::Ok();
    cursor = chunk.back().first;
    skip_cursor = true;
  }
}

void Transaction::savepoint() {
  batch_.SetSavePoint();
  event_marks_.push_back(events_.size());
}

void Transaction::rollback() {
  batch_.RollbackToSavePoint();
  events_.resize(event_marks_.back());
  event_records_.resize(std::min(event_records_.size(), event_marks_.back()));
  event_marks_.pop_back();
}

void Transaction::release() {
  batch_.PopSavePoint();
  event_marks_.pop_back();
}

Status Transaction::commit(bool defer_sync, bool* wrote) {
  Status st = Status::Ok();
  bool any = batch_.GetWriteBatch()->Count() > 0;
  if (wrote) *wrote = any;
  if (any) st = db_.write(batch_.GetWriteBatch(), defer_sync);
  batch_.Clear();
  events_.clear();
  event_records_.clear();
  event_marks_.clear();
  return st;
}

}  // namespace lienket::core
