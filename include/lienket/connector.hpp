// The connector runtime: the part every connector shares. A connector is a plugin that carries the
// node's events to the outside world (a webhook, a file, a shop) and may bring orders back.
//
// Derive from Connector, implement configure_connector() and deliver(), export with
// LIENKET_PLUGIN. The runtime then, on a thread of its own (never the node's):
//  - reads the event log after this connector's durable cursor (kept in its store namespace),
//    in log order, skipping events outside `delivery.topics`;
//  - calls deliver(event) and moves the cursor past the event only once deliver returned Ok, with
//    the cursor written durably before the next event is tried: at-least-once, and after a crash or
//    restart only the unconfirmed event is delivered again (receivers de-duplicate by event.seq);
//  - retries an `unavailable` error with exponential back-off and jitter; after
//    `delivery.max_attempts` tries, or at once for any other error (the event can never succeed),
//    the event goes to the dead-letter list and the cursor moves on;
//  - serves connector.<name>.status, connector.<name>.deadletter.list and
//    connector.<name>.deadletter.replay (docs/protocol.md, "Connectors"); the node's
//    connector.status and connector.deadletter.* forward to them.
//
// Config section of a connector: {"delivery": {...runtime settings...}, ...its own keys...}.
// configure_connector() receives the section without "delivery". Connectors are opt-in: without a
// section (or with an empty one) a loaded connector stays disabled: no thread, no cursor movement,
// status "disabled"; {"delivery": {}} runs one with every default.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/plugin.hpp"

namespace lienket {

struct DeliverySettings {
  std::vector<std::string> topics;      // event type prefixes to deliver; empty: every event
  int max_attempts = 10;                // tries of one event before it is dead-lettered
  std::int64_t backoff_first_ms = 500;  // wait after the first failure; doubles per failure...
  std::int64_t backoff_max_ms = 60000;  // ...up to this; each wait is jittered to 50-100 %
  std::int64_t idle_poll_ms = 1000;     // an idle worker looks for new events at least this often
  bool start_at_end = false;            // a new cursor starts after the last event ("start": "end")
                                        // instead of at the beginning of the log ("beginning")

  // Reads the "delivery" object; unknown keys and wrong types are errors naming the key.
  static Result<DeliverySettings> parse(const nlohmann::json& delivery);
};

class Connector : public Plugin {
 public:
  // `name` is the plugin name (its store namespace) and the middle of its message types.
  Connector(std::string name, std::string version);
  ~Connector() override;

  // The runtime's messages (status, deadletter.*) and the connector's own (connector_messages()).
  PluginInfo info() const final;
  Status configure(const nlohmann::json& config, HostContext& host) final;
  Status on_event(const Event& event, Context& cx) final;
  void shutdown() final;

 protected:
  // Reads the connector's own config keys and prepares (binds servers, creates folders). An error
  // stops the node's start-up with the message.
  virtual Status configure_connector(const nlohmann::json& config, HostContext& host) = 0;
  // Hands one event to the other side. Called on the runtime's thread, one event at a time, in log
  // order. Ok: the other side has it. Status::Unavailable: try again later. Anything else: it
  // will never succeed (dead letter). May block (a network call) but should give up within seconds.
  virtual Status deliver(const Event& event) = 0;
  // Stops the connector's own threads; called after the runtime's thread has stopped (only if
  // configure_connector ran). The node always calls Plugin::shutdown() before destroying a plugin;
  // code that destroys a connector itself must call shutdown() first, as a base destructor can no
  // longer reach the derived stop_connector().
  virtual void stop_connector() {}
  // The connector's own messages under connector.<name>. besides the runtime's (e.g. a manual
  // "sync"), its events, and the message types it runs for parties (PluginInfo::acts_for).
  virtual std::vector<MessageSpec> connector_messages() const { return {}; }
  virtual std::vector<EventSpec> connector_events() const { return {}; }
  virtual std::vector<std::string> connector_acts_for() const { return {}; }
  // Its HTTP routes on the node's server (lienket/http.hpp); their handlers run on the server's
  // threads, possibly before configure_connector() and after stop_connector(): guard for both.
  virtual std::vector<HttpRoute> connector_routes() const { return {}; }

  const std::string& name() const { return name_; }
  const DeliverySettings& settings() const { return settings_; }
  HostContext& host() { return *host_; }

 private:
  class Worker;
  Result<nlohmann::json> status(const Request& request, Context& cx);
  Result<nlohmann::json> dead_letters(const Request& request, Context& cx);
  Result<nlohmann::json> replay(const Request& request, Context& cx);

  std::string name_, version_;
  DeliverySettings settings_;
  HostContext* host_ = nullptr;
  std::unique_ptr<Worker> worker_;
};

}  // namespace lienket
