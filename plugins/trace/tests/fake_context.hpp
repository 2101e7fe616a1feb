// An in-memory Context for unit tests of the handlers: a std::map store, a fixed registry, a manual
// clock and a list of emitted events. No node, no threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lienket/context.hpp"
#include "lienket/time.hpp"

namespace lienket::trace::testing {

class MemoryStore : public Store {
 public:
  Result<std::optional<std::string>> get(std::string_view key) override {
    auto it = data.find(std::string(key));
    if (it == data.end()) return std::optional<std::string>{};
    return std::optional<std::string>{it->second};
  }
  Status put(std::string_view key, std::string_view value) override {
    data[std::string(key)] = std::string(value);
    return Status::Ok();
  }
  Status erase(std::string_view key) override {
    data.erase(std::string(key));
    return Status::Ok();
  }
  Status scan(std::string_view prefix, std::string_view after, const Visitor& visit) override {
    auto it = after.empty() ? data.lower_bound(std::string(prefix)) : data.upper_bound(std::string(after));
    for (; it != data.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      if (!visit(it->first, it->second)) break;
    return Status::Ok();
  }
  std::map<std::string, std::string> data;
};

class FixedRegistry : public Registry {
 public:
  Result<nlohmann::json> party(std::string_view id) override {
    auto it = parties.find(std::string(id));
    if (it == parties.end()) return Status::NotFound("no party");
    return it->second;
  }
  Result<nlohmann::json> product(std::string_view id) override {
    auto it = products.find(std::string(id));
    if (it == products.end()) return Status::NotFound("no product");
    return it->second;
  }
  std::map<std::string, nlohmann::json> parties, products;
};

class NullLogger : public Logger {
 public:
  void info(std::string_view) override {}
  void warn(std::string_view m) override { warnings.emplace_back(m); }
  void error(std::string_view) override {}
  std::vector<std::string> warnings;
};

class FakeContext : public Context {
 public:
  Store& store() override { return store_; }
  Registry& registry() override { return registry_; }
  Status emit(std::string_view type, const nlohmann::json& data) override {
    emitted.push_back({{"type", std::string(type)}, {"data", data}});
    return Status::Ok();
  }
  Result<nlohmann::json> call(std::string_view type, const nlohmann::json&) override {
    if (type == "product.list") {
      nlohmann::json list = nlohmann::json::array();
      for (auto& [id, p] : registry_.products) list.push_back(p);
      return nlohmann::json{{"products", list}, {"next_after", nullptr}};
    }
    return Status::UnknownType("not in the fake");
  }
  Result<nlohmann::json> call_for(std::string_view type, std::string_view, const nlohmann::json&) override {
    return Status::PermissionDenied("the trace plugin acts for no party: " + std::string(type), "as");
  }
  std::int64_t now_ms() const override { return now; }
  Logger& log() override { return log_; }

  MemoryStore store_;
  FixedRegistry registry_;
  NullLogger log_;
  std::vector<nlohmann::json> emitted;
  std::int64_t now = *parse_time("2026-03-01T08:00:00+07:00");
};

}  // namespace lienket::trace::testing
