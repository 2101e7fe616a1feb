// A std::map Store for plugin unit tests and fuzz targets: the SDK's Store contract (ordered scan
// by prefix, after a key) with no node and no RocksDB. Like the node while a message declared
// read_only runs, it refuses writes when `read_only` is set. Tests that must show real persistence
// use a real node (tests/support/testkit.hpp) instead.
#pragma once

#include <map>
#include <string>

#include "lienket/store.hpp"

namespace lienket::testing {

class MemoryStore : public Store {
 public:
  Result<std::optional<std::string>> get(std::string_view key) override {
    auto it = data.find(std::string(key));
    if (it == data.end()) return std::optional<std::string>{};
    return std::optional<std::string>{it->second};
  }
  Status put(std::string_view key, std::string_view value) override {
    if (read_only) return refused(key);
    data[std::string(key)] = std::string(value);
    return Status::Ok();
  }
  Status erase(std::string_view key) override {
    if (read_only) return refused(key);
    data.erase(std::string(key));
    return Status::Ok();
  }
  Status scan(std::string_view prefix, std::string_view after, const Visitor& visit) override {
    auto it = after.empty() ? data.lower_bound(std::string(prefix))
                            : data.upper_bound(std::string(after));
    for (; it != data.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      if (!visit(it->first, it->second)) break;
    return Status::Ok();
  }
  std::map<std::string, std::string> data;
  bool read_only = false;  // set while a message declared read_only runs

 private:
  static Status refused(std::string_view key) {
    return Status::Internal("a message declared read_only wrote " + std::string(key));
  }
};

}  // namespace lienket::testing
