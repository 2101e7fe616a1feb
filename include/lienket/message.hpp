// The two messages of the node: a request (docs/protocol.md, "Requests") and an event of its log.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace lienket {

// One decoded request (docs/protocol.md): `as` is the acting party ("" when none was given),
// `body` is always a JSON object. With CURVE on, `as` is the party whose key sent the request;
// `admin` is set for a client holding an admin key, and, without CURVE (loopback only), for a
// client that names no party; an admin never acts for a party. Nested calls (Context::call) carry
// the authority of the command they serve.
struct Request {
  std::string id;
  std::string type;
  std::string as;
  std::string idempotency_key;
  nlohmann::json body = nlohmann::json::object();
  bool admin = false;
  // The plugin whose own work sent it (Context::call from on_tick, HostContext::run or a durable
  // subscriber), "" otherwise; such a request may run only messages open to callers "plugin".
  std::string plugin;
};

// One entry of the node's event log.
struct Event {
  std::uint64_t seq = 0;
  std::string type;
  std::string at;  // RFC 3339 with the node's UTC offset
  std::string by;  // acting party of the command that caused it ("" for the node itself)
  nlohmann::json data;
};

}  // namespace lienket
