// A plugin's Store: its own column family inside the current transaction. A plugin holds no other
// handle, so it cannot name another plugin's namespace.
#pragma once

#include "lienket/store.hpp"
#include "transaction.hpp"

namespace lienket::core {

class PluginStore final : public Store {
 public:
  PluginStore(Transaction& txn, rocksdb::ColumnFamilyHandle* cf) : txn_(txn), cf_(cf) {}
  Result<std::optional<std::string>> get(std::string_view key) override { return txn_.get(cf_, key); }
  Status put(std::string_view key, std::string_view value) override { return txn_.put(cf_, key, value); }
  Status erase(std::string_view key) override { return txn_.erase(cf_, key); }
  Status scan(std::string_view prefix, std::string_view after, const Visitor& visit) override {
    return txn_.scan(cf_, prefix, after, visit);
  }

 private:
  Transaction& txn_;
  rocksdb::ColumnFamilyHandle* cf_;
};

}  // namespace lienket::core
