// The plugin contract. A plugin is a shared library that the node loads at run time (Boost.DLL)
// from its plugin directories. It exports, through LIENKET_PLUGIN(Class):
//   - lienket_abi_version(): must equal the node's kAbiVersion (a hash of these headers), or the
//     library is skipped;
//   - lienket_build_id(): the compiler, C++ library ABI and nlohmann/json version it was built
//   with;
//     a plugin built otherwise than the node is refused at load, as a different std::string or json
//     layout would corrupt memory at the first call;
//   - lienket_create_plugin(): a new instance; OWNERSHIP: the node owns it and destroys it before
//     unloading the library.
// info() is the plugin's contract (lienket/contract.hpp): the node serves each declared message
// with its handler, accepts only declared event types from emit(), and delivers subscribed events
// to on_event() as each subscription says. Calls never overlap. Nothing may throw out of a plugin;
// if something does, the node turns it into an `internal` error reply and keeps serving.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/alias.hpp>
#include <nlohmann/json.hpp>

#include "lienket/abi_version.hpp"
#include "lienket/context.hpp"
#include "lienket/contract.hpp"
#include "lienket/http.hpp"
#include "lienket/status.hpp"

namespace lienket {

struct PluginInfo {
  std::string name;                   // also the store namespace: [a-z][a-z0-9_]*
  std::string version;                // the plugin's own, e.g. "0.1.0"
  std::vector<std::string> prefixes;  // its namespaces, e.g. {"offtake."}: every declared message
                                      // and event type starts with one of them
  std::vector<MessageSpec> messages;  // what it serves, each with its handler
  std::vector<EventSpec> events;      // what it emits
  std::vector<Subscription> subscriptions;  // the events it wants, e.g. {"farming.harvest."}
  // Message types it may run acting for a party it names (Context::call_for), e.g. an import that
  // posts purchase contracts for the buyers in a file. Published by node.schema, for audit.
  std::vector<std::string> acts_for;
  // HTTP routes it serves on the node's HTTP server (lienket/http.hpp).
  std::vector<HttpRoute> routes;
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual PluginInfo info() const = 0;
  // Called once after loading. `config` is the plugin's own section of the node config
  // ("plugins": {"<name>": {...}}), an empty object when absent; reject unknown keys by name.
  virtual Status configure(const nlohmann::json& config, HostContext& host) = 0;
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
#define LIENKET_PLUGIN(PluginClass)                                         \
  namespace lienket_plugin_exports {                                        \
  inline int abi_version() { return ::lienket::kAbiVersion; }               \
  inline const char* build_id() { return ::lienket::build_id(); }           \
  inline ::lienket::Plugin* create_plugin() { return new PluginClass(); }   \
  }                                                                         \
  BOOST_DLL_ALIAS(lienket_plugin_exports::abi_version, lienket_abi_version) \
  BOOST_DLL_ALIAS(lienket_plugin_exports::build_id, lienket_build_id)       \
  BOOST_DLL_ALIAS(lienket_plugin_exports::create_plugin, lienket_create_plugin)
