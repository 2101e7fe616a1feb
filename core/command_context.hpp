// The Context a plugin gets for one handle/on_event/on_tick call: its own store namespace, the
// registry, event emission and nested calls, all bound to the current transaction.
#pragma once

#include <string>

#include "authority.hpp"
#include "dispatcher.hpp"
#include "plugin_store.hpp"
#include "registry.hpp"

namespace lienket::core {

class CommandContext final : public Context {
 public:
  CommandContext(Dispatcher& dispatcher, EventLog& log, Transaction& txn, LoadedPlugin& plugin,
                 rocksdb::ColumnFamilyHandle* registry_cf, Authority authority, std::int64_t now_ms,
                 int depth, bool read_only = false)
      : dispatcher_(dispatcher),
        log_(log),
        txn_(txn),
        plugin_(plugin),
        store_(txn, plugin.family, read_only),
        registry_(txn, registry_cf),
        authority_(std::move(authority)),
        now_ms_(now_ms),
        depth_(depth),
        read_only_(read_only) {}

  Store& store() override { return store_; }
  Registry& registry() override { return registry_; }
  Status emit(std::string_view type, const nlohmann::json& data) override;
  Result<nlohmann::json> call(std::string_view type, const nlohmann::json& body) override;
  Result<nlohmann::json> call_for(std::string_view type, std::string_view party,
                                  const nlohmann::json& body) override;
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
  Authority authority_;
  std::int64_t now_ms_;
  int depth_;
  bool read_only_;
};

}  // namespace lienket::core
