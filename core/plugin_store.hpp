// A plugin's Store: its own column family inside the current transaction. A plugin holds no other
// handle, so it cannot name another plugin's namespace.
#pragma once

#include "lienket/store.hpp"
#include "transaction.hpp"

namespace lienket::core {

class PluginStore final : public Store {
 public:
  // A read-only store (for messages declared read_only) refuses writes as the plugin's bug.
  PluginStore(Transaction& txn, rocksdb::ColumnFamilyHandle* cf, bool read_only = false)
      : txn_(txn), cf_(cf), read_only_(read_only) {}
  Result<std::optional<std::string>> get(std::string_view key) override {
    return txn_.get(cf_, key);
  }
  Status put(std::string_view key, std::string_view value) override {
    if (read_only_) return refused();
    return txn_.put(cf_, key, value);
  }
  Status erase(std::string_view key) override {
    if (read_only_) return refused();
    return txn_.erase(cf_, key);
  }
  Status scan(std::string_view prefix, std::string_view after, const Visitor& visit) override {
    return txn_.scan(cf_, prefix, after, visit);
  }

 private:
  static Status refused() {
    return Status::Internal("a message declared read_only wrote to its store");
  }
  Transaction& txn_;
  rocksdb::ColumnFamilyHandle* cf_;
  bool read_only_;
};

}  // namespace lienket::core
