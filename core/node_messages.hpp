// The node's own messages, served like any plugin's: node.info, node.schema (the declared
// contracts), node.clock.advance (manual clock only), node.backup, node.subscriber.* (durable
// subscribers) and events.since (replay of the event log from the store).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "clock.hpp"
#include "config.hpp"
#include "database.hpp"
#include "durable_subscribers.hpp"
#include "event_log.hpp"
#include "plugin_host.hpp"

namespace lienket::core {

struct NodeFacts {
  PluginHost* host;
  Database* db;
  EventLog* log;
  ManualClock* manual_clock;  // null when the node runs on the system clock
  const NodeConfig* config;
  std::function<void()> request_tick;  // ticks every plugin once the current batch is done
  DurableSubscribers* subscribers;
  // The endpoints as bound ("tcp://127.0.0.1:*" in the config becomes a real port). Owned by the
  // node and filled in when it binds, which is after this is made but before any request is served.
  const std::string* request_endpoint;
  const std::string* event_endpoint;
  const std::string* http_url;  // "" when the HTTP server is off
};

std::unique_ptr<Plugin> make_node_messages(NodeFacts facts);

}  // namespace lienket::core
