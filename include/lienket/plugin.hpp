// The plugin contract. A plugin is a shared library that the node loads at run time (Boost.DLL)
// from its plugin directories. It exports, through LIENKET_PLUGIN(Class):
//   - lienket_abi_version(): must equal the node's kAbiVersion, or the library is skipped;
//   - lienket_create_plugin(): a new instance; OWNERSHIP: the node owns it and destroys it before
//     unloading the library.
// The node routes every request whose type starts with one of info().prefixes to handle(), and every
// event whose type starts with one of info().subscriptions to on_event() (within the transaction of
// the command that emitted it). Calls never overlap. Nothing may throw out of a plugin; if something
// does, the node turns it into an `internal` error reply and keeps serving.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/alias.hpp>
#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/status.hpp"

namespace lienket {

// Bumped whenever anything in include/lienket/ changes layout or meaning.
inline constexpr int kAbiVersion = 2;

struct PluginInfo {
  std::string name;     // also the store namespace: [a-z][a-z0-9_]*
  std::string version;  // the plugin's own, e.g. "0.1.0"
  std::vector<std::string> prefixes;       // message types served, e.g. {"offtake."}
  std::vector<std::string> subscriptions;  // event type prefixes wanted, e.g. {"farming.diary."}
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual PluginInfo info() const = 0;
  // Called once after loading. `config` is the plugin's own section of the node config
  // ("plugins": {"<name>": {...}}), an empty object when absent; reject unknown keys by name.
  virtual Status configure(const nlohmann::json& config, HostContext& host) = 0;
  // Serves one request. The returned JSON is the reply's "result"; an error Status rolls back
  // everything this call wrote or emitted.
  virtual Result<nlohmann::json> handle(const Request& request, Context& cx) = 0;
  // An event this plugin subscribed to. An error rolls back this call's own writes only.
  virtual Status on_event(const Event& /*event*/, Context& /*cx*/) { return Status::Ok(); }
  // Called about once a second (and after every node.clock.advance) for time-driven work such as
  // expiries, in a transaction of its own.
  virtual Status on_tick(Context& /*cx*/) { return Status::Ok(); }
  virtual void shutdown() {}
};

}  // namespace lienket

// Exports the two symbols the node looks for. Use once per plugin library, at namespace scope:
//   LIENKET_PLUGIN(lienket_offtake::OfftakePlugin)
#define LIENKET_PLUGIN(PluginClass)                                                   \
  namespace lienket_plugin_exports {                                                  \
  inline int abi_version() { return ::lienket::kAbiVersion; }                         \
  inline ::lienket::Plugin* create_plugin() { return new PluginClass(); }             \
  }                                                                                   \
  BOOST_DLL_ALIAS(lienket_plugin_exports::abi_version, lienket_abi_version)           \
  BOOST_DLL_ALIAS(lienket_plugin_exports::create_plugin, lienket_create_plugin)
