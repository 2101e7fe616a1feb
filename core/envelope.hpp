// The wire format of requests and replies (docs/protocol.md):
//   request  {"v":1, "id":"c1", "type":"party.register", "as":"htx-x", "idempotency_key":"k",
//   "body":{}} reply    {"v":1, "id":"c1", "ok":true, "result":{...}}
//            {"v":1, "id":"c1", "ok":false, "error":{"code":"...", "message":"...", "field":"..."}}
// Decoding never throws; every problem is an invalid_argument (or too_large) naming the field.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::core {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kMaxJsonDepth = 64;

struct Decoded {
  Request request;  // `id` is filled whenever the frame had a readable one, even on error
  Status status;
};

Decoded decode_request(std::string_view frame, std::size_t max_bytes);
// Request -> envelope JSON (for clients and for the idempotency fingerprint).
nlohmann::json encode_request(const Request& r);

nlohmann::json reply_ok(const std::string& id, nlohmann::json result);
nlohmann::json reply_error(const std::string& id, const Status& status);

// Largest nesting depth of arrays/objects in a JSON text, counted without parsing (strings
// skipped).
std::size_t json_depth(std::string_view text);

}  // namespace lienket::core
