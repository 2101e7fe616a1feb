// The Context a plugin gets for one handle/on_event/on_tick call: its own store namespace, the
// registry, event emission and nested calls, all bound to the current transaction.
#pragma once

#include <string>

#include "dispatcher.hpp"
#include "plugin_store.hpp"
#include "registry.hpp"

namespace lienket::core {

class CommandContext final : public Context {
 public:
  CommandContext(Dispatcher& dispatcher, EventLog& log, Transaction& txn, LoadedPlugin& plugin,
                 rocksdb::ColumnFamilyHandle* registry_cf, std::string by, std::int64_t now_ms, int depth)
      : dispatcher_(dispatcher), log_(log), txn_(txn), plugin_(plugin), store_(txn, plugin.family),
        registry_(txn, registry_cf), by_(std::move(by)), now_ms_(now_ms), depth_(depth) {}

  Store& store() override { return store_; }
  Registry& registry() override { return registry_; }
  Status emit(std::string_view type, const nlohmann::json& data) override;
  Result<nlohmann::json> call(std::string_view type, std::string_view as, const nlohmann::json& body) override;
  std::int64_t now_ms() const override { return now_ms_; }
  Logger& log() override { return *plugin_.log; }
  // For the node's built-in messages, which read the core's own families (events.since).
  Transaction& transaction() { return txn_; }

 private:
  Dispatcher& dispatcher_;
  EventLog& log_;
  Transaction& txn_;
  LoadedPlugin& plugin_;
  PluginStore store_;
  RegistryView registry_;
  std::string by_;
  std::int64_t now_ms_;
  int depth_;
};

}  // namespace lienket::core
