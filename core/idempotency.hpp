// Idempotency records: the first successful reply to a request carrying an idempotency key, kept
// under (acting party, key) and written in the same batch as the command's effects. A retry gets
// that reply back and applies nothing; the same key reused for a different request is refused.
// Error replies are not recorded: they changed nothing, so a retry may simply run again.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "lienket/message.hpp"
#include "transaction.hpp"

namespace lienket::core {

class Idempotency {
 public:
  static Result<Idempotency> open(Database& db);
  // The stored reply for this request's key (with the request's own id), nullopt if none, or
  // invalid_argument if the key was first used with another type or body.
  Result<std::optional<nlohmann::json>> lookup(Transaction& txn, const Request& r);
  Status record(Transaction& txn, const Request& r, const nlohmann::json& reply);

 private:
  static std::string key(const Request& r) { return r.as + '\x1f' + r.idempotency_key; }
  static std::string fingerprint(const Request& r);
  rocksdb::ColumnFamilyHandle* cf_ = nullptr;
};

}  // namespace lienket::core
