// Loads plugins and owns them. A library is loaded from the plugin directories when it exports the
// SDK's symbols with the node's ABI version and build id; anything else (no symbols, another
// version or build, a factory that throws or returns null, a bad or duplicate name, a prefix
// another plugin serves, a contract that declares a type outside its prefixes or twice) is skipped
// with a log line and the node runs on. Destruction order is the safety rule: each plugin object is
// destroyed before its library is unloaded.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <rocksdb/db.h>
#include <boost/dll/shared_library.hpp>

#include "lienket/plugin.hpp"
#include "logger.hpp"

namespace lienket::core {

struct LoadedPlugin {
  // Declared first so that it is destroyed last.
  std::shared_ptr<boost::dll::shared_library> library;  // null for built-in plugins
  std::unique_ptr<Plugin> plugin;
  PluginInfo info;
  std::string path;                               // "" for built-in plugins
  rocksdb::ColumnFamilyHandle* family = nullptr;  // the plugin's store namespace "p.<name>"
  std::unique_ptr<SpdLogger> log;
  std::string quarantined;  // why it gets no calls (core/watchdog.hpp), "" when it does

  ~LoadedPlugin() { plugin.reset(); }  // before `library`, whatever the member order
};

class PluginHost {
 public:
  explicit PluginHost(std::shared_ptr<spdlog::logger> log) : log_(std::move(log)) {}
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Tries every *.so in each existing directory, in name order.
  void load_directories(const std::vector<std::string>& dirs);
  // Loads one library; a clear Status saying why when it is skipped.
  Status load_library(const std::string& path);
  // Adds a plugin object (built-in plugins, and loaded ones after their checks).
  Status add(std::unique_ptr<Plugin> plugin, std::shared_ptr<boost::dll::shared_library> lib,
             const std::string& path);

  std::vector<std::unique_ptr<LoadedPlugin>>& plugins() { return plugins_; }
  // A declared message type, with the plugin that serves it.
  struct Route {
    LoadedPlugin* plugin = nullptr;
    const MessageSpec* spec = nullptr;
  };
  // The route of `type`, or a null plugin when no plugin declares it.
  Route route(std::string_view type) const;
  // The declared event type, or null.
  const EventSpec* event_spec(std::string_view type) const;
  // Calls shutdown() on every plugin, newest first; idempotent.
  void shutdown();

 private:
  std::shared_ptr<spdlog::logger> log_;
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::map<std::string, Route, std::less<>> routes_;
  std::map<std::string, const EventSpec*, std::less<>> events_;
  bool shut_down_ = false;
};

}  // namespace lienket::core
