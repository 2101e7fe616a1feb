// An in-memory plugin Context for handler unit tests and fuzz targets: a MemoryStore with the
// node's rollback rule (transaction(): a failed call keeps none of its writes or events), a
// registry of parties and products the test fills in, a manual clock, the events emitted, and calls
// to other message types answered by handlers the test registers (on_call). Like the node, it
// refuses what a contract forbids once told the contract (declared_events, store_.read_only):
// an emit of an undeclared event type, and any write or emit while a read_only message runs (both
// `internal`). No node, no threads, no files.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/testing/manual_clock.hpp"
#include "lienket/testing/memory_store.hpp"

namespace lienket::testing {

class MapRegistry : public Registry {
 public:
  Result<nlohmann::json> party(std::string_view id) override { return find(parties, "party", id); }
  Result<nlohmann::json> product(std::string_view id) override {
    return find(products, "product", id);
  }
  std::map<std::string, nlohmann::json, std::less<>> parties, products;

 private:
  static Result<nlohmann::json> find(const std::map<std::string, nlohmann::json, std::less<>>& m,
                                     const char* what, std::string_view id) {
    auto it = m.find(id);
    if (it == m.end())
      return Status::NotFound(std::string(what) + " " + std::string(id) + " is not registered",
                              "body.id");
    return it->second;
  }
};

// Keeps what it is told, so tests can assert on warnings.
class RecordingLogger : public Logger {
 public:
  void info(std::string_view m) override { infos.emplace_back(m); }
  void warn(std::string_view m) override { warnings.emplace_back(m); }
  void error(std::string_view m) override { errors.emplace_back(m); }
  std::vector<std::string> infos, warnings, errors;
};

class MemoryContext : public Context {
 public:
  using CallHandler =
      std::function<Result<nlohmann::json>(const nlohmann::json& body, std::string_view party)>;

  Store& store() override { return store_; }
  Registry& registry() override { return registry_; }
  Status emit(std::string_view type, const nlohmann::json& data) override {
    if (store_.read_only)
      return Status::Internal("a message declared read_only emitted " + std::string(type));
    if (!declared_events.empty() && declared_events.count(type) == 0)
      return Status::Internal("emitted " + std::string(type) +
                              ", which the contract does not declare");
    (void)data.dump();  // the node writes events as text: data that cannot be dumped is a bug
    emitted.push_back({{"type", std::string(type)}, {"data", data}});
    return Status::Ok();
  }
  Result<nlohmann::json> call(std::string_view type, const nlohmann::json& body) override {
    return call_for(type, "", body);
  }
  Result<nlohmann::json> call_for(std::string_view type, std::string_view party,
                                  const nlohmann::json& body) override {
    auto it = handlers_.find(type);
    if (it == handlers_.end())
      return Status::UnknownType("no message " + std::string(type) + " in this test context");
    return it->second(body, party);
  }
  std::int64_t now_ms() const override { return clock.now_ms(); }
  Logger& log() override { return log_; }

  // Answers Context::call(type, ...) with `handler`.
  void on_call(std::string type, CallHandler handler) {
    handlers_[std::move(type)] = std::move(handler);
  }

  // Runs one call the way the node does: on error, the store and the events are as before it.
  template <typename Fn>
  auto transaction(Fn&& fn) -> decltype(fn()) {
    auto saved = store_.data;
    auto saved_events = emitted.size();
    auto result = fn();
    if (!result.ok()) {
      store_.data = std::move(saved);
      emitted.resize(saved_events);
    }
    return result;
  }

  MemoryStore store_;
  MapRegistry registry_;
  RecordingLogger log_;
  ManualClock clock;
  std::vector<nlohmann::json> emitted;
  // The event types the plugin's contract declares (PluginInfo::events); empty: any.
  std::set<std::string, std::less<>> declared_events;

 private:
  std::map<std::string, CallHandler, std::less<>> handlers_;
};

}  // namespace lienket::testing
