// A plugin's contract as data: every message type it serves (with the handler the node calls, its
// body and result schemas, who may send it, whether it only reads), every event type it emits (with
// its data schema), and the events it wants (with their delivery semantics). Returned by
// Plugin::info(); the node checks it at load, serves messages from it, refuses undeclared event
// types at emit, and publishes it (node.schema). Docs, fuzzers and contract tests read the same
// table.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"
#include "lienket/schema.hpp"
#include "lienket/status.hpp"

namespace lienket {

class Context;

// The one handler signature. Called on the node's thread inside the command's transaction; an error
// rolls back everything it wrote or emitted. OWNERSHIP: the function (and anything it captures)
// belongs to the plugin and is destroyed with it, before its library is unloaded.
using Handler = std::function<Result<nlohmann::json>(const Request&, Context&)>;

// Who may send a message; the node refuses anyone else with permission_denied (field "as") before
// the handler runs. The handler still checks finer rules (a buyer acts only on its own contract).
namespace callers {
inline constexpr const char* kAdmin = "admin";  // a client holding an admin key
inline constexpr const char* kParty = "party";  // any registered party, whatever its kind
inline constexpr const char* kPlugin =
    "plugin";  // a plugin's own work (on_tick, run, durable events)
inline constexpr const char* kAnyone = "anyone";  // no credentials needed (public reads)
// Otherwise a party kind: "cooperative", "cooperative_group", "cooperative_union", "enterprise",
// "distributor", "retailer".
}  // namespace callers

struct MessageSpec {
  std::string type;                  // starts with one of the plugin's prefixes
  std::string summary;               // one line, for people (docs, OpenAPI)
  schema::Schema body;               // the request body
  schema::Schema result;             // the reply's "result"
  std::vector<std::string> callers;  // see lienket::callers
  bool read_only = false;            // writes nothing and emits nothing (the node enforces it)
  Handler handler;
};

struct EventSpec {
  std::string type;  // starts with one of the plugin's prefixes
  std::string summary;
  schema::Schema data;
};

// How a subscriber receives events.
enum class Delivery {
  // Inside the command that emitted the event: the subscriber's failure fails the command and rolls
  // it all back (the caller gets the subscriber's error). For what must hold with the event.
  kRequired,
  // After the command, through the subscriber's own durable cursor (kept by the node): retried on
  // `unavailable`, dead-lettered after repeated failures or at once on any other error, listed and
  // replayed with node.subscriber.* messages. Never blocks the emitter; nothing is dropped
  // silently.
  kDurable,
  // A wake-up, not a delivery: once per batch, after the batch is durable and published, with the
  // batch's last matching event, outside any command (what the subscriber writes is not kept, and
  // its failure is only logged). For a subscriber that reads the log itself and only needs to know
  // there is something new, such as a connector's worker; it costs nothing per event.
  kNotify,
};

struct Subscription {
  std::string prefix;  // an event type or a prefix ending in '.'
  Delivery delivery = Delivery::kRequired;
};

}  // namespace lienket
