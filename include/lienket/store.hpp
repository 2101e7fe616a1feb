// A plugin's view of the node's state: a key-value namespace of its own (one RocksDB column family
// that no other plugin can name), read and written inside the current command's transaction.
// Writes become visible to later reads of the same command at once and reach disk, together with
// the command's events and idempotency record, in one atomic batch; if the command fails, they
// vanish.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket {

class Store {
 public:
  virtual ~Store() = default;

  // The value at key, or nullopt when there is none.
  virtual Result<std::optional<std::string>> get(std::string_view key) = 0;
  virtual Status put(std::string_view key, std::string_view value) = 0;
  virtual Status erase(std::string_view key) = 0;

  // Visits, in key order, the entries whose key starts with `prefix` and sorts after `after`
  // (empty: from the first). Stops early when `visit` returns false.
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;
  virtual Status scan(std::string_view prefix, std::string_view after, const Visitor& visit) = 0;

  // JSON conveniences over get/put. A stored value that is not JSON is an `internal` error.
  Result<std::optional<nlohmann::json>> get_json(std::string_view key) {
    auto raw = get(key);
    if (!raw.ok()) return raw.status();
    if (!raw->has_value()) return std::optional<nlohmann::json>{};
    auto j = nlohmann::json::parse(**raw, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Status::Internal("corrupt JSON at key " + std::string(key));
    return std::optional<nlohmann::json>{std::move(j)};
  }
  Status put_json(std::string_view key, const nlohmann::json& value) {
    return put(key, value.dump());
  }

  // A per-namespace counter: returns 1, 2, 3, ... on successive calls (stored under "#seq/<name>").
  Result<std::int64_t> next_id(std::string_view name) {
    std::string key = "#seq/" + std::string(name);
    auto cur = get(key);
    if (!cur.ok()) return cur.status();
    std::int64_t next = cur->has_value() ? std::stoll(**cur) + 1 : 1;
    auto st = put(key, std::to_string(next));
    if (!st.ok()) return st;
    return next;
  }
};

// Fixed-width decimal so that numeric keys sort in numeric order ("00000000000000000042").
inline std::string key_number(std::uint64_t n) {
  std::string s = std::to_string(n);
  return std::string(20 - s.size(), '0') + s;
}

}  // namespace lienket
