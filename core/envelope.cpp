#include "envelope.hpp"

#include "lienket/fields.hpp"
#include "lienket/util/nfc.hpp"

namespace lienket::core {

std::size_t json_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

static bool is_type_name(std::string_view s) {
  if (s.empty() || s.size() > 96) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_')) return false;
  return true;
}

Decoded decode_request(std::string_view frame, std::size_t max_bytes) {
  Decoded d;
  if (frame.size() > max_bytes) {
    d.status = Status::TooLarge("request of " + std::to_string(frame.size()) +
                                " bytes exceeds max_message_bytes " + std::to_string(max_bytes));
    return d;
  }
  if (json_depth(frame) > kMaxJsonDepth) {
    d.status =
        Status::InvalidArgument("JSON nested deeper than " + std::to_string(kMaxJsonDepth), "");
    return d;
  }
  auto j = nlohmann::json::parse(frame, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    d.status = Status::InvalidArgument("request is not valid JSON (UTF-8)", "");
    return d;
  }
  if (!j.is_object()) {
    d.status = Status::InvalidArgument("request must be a JSON object", "");
    return d;
  }
  if (auto it = j.find("id");
      it != j.end() && it->is_string() && it->get_ref<const std::string&>().size() <= 128)
    d.request.id = it->get<std::string>();

  Fields f(j, "");
  f.only({"v", "id", "type", "as", "idempotency_key", "body"});
  auto v = f.integer("v", 0, 1000);
  if (f.ok() && v != kProtocolVersion) f.fail("v", "must be 1");
  d.request.id = f.str("id", 128);
  d.request.type = f.str("type", 96);
  if (f.ok() && !is_type_name(d.request.type))
    f.fail("type", "must be lowercase words joined by dots");
  d.request.as = f.opt_id("as").value_or("");
  d.request.idempotency_key = f.opt_str("idempotency_key", 128).value_or("");
  if (f.has("body")) {
    if (!j["body"].is_object())
      f.fail("body", "must be an object");
    else
      d.request.body = std::move(j["body"]);
    // One spelling of every text: Vietnamese typed with combining accents (NFD) must equal the
    // precomposed form (NFC) in every comparison, key and list a plugin makes (docs/protocol.md).
    util::normalize_strings_nfc(d.request.body);
  }
  d.status = f.status();
  // Fields paths start with "." at the top level; the envelope's own keys are named bare.
  if (!d.status.ok() && !d.status.field().empty() && d.status.field()[0] == '.') {
    std::string name = d.status.field().substr(1);
    std::string msg = d.status.message().substr(1);
    d.status = Status::InvalidArgument(msg, name);
  }
  return d;
}

nlohmann::json encode_request(const Request& r) {
  nlohmann::json j = {{"v", kProtocolVersion}, {"id", r.id}, {"type", r.type}, {"body", r.body}};
  if (!r.as.empty()) j["as"] = r.as;
  if (!r.idempotency_key.empty()) j["idempotency_key"] = r.idempotency_key;
  return j;
}

nlohmann::json reply_ok(const std::string& id, nlohmann::json result) {
  return {{"v", kProtocolVersion}, {"id", id}, {"ok", true}, {"result", std::move(result)}};
}

nlohmann::json reply_error(const std::string& id, const Status& status) {
  nlohmann::json err = {{"code", code_name(status.code())}, {"message", status.message()}};
  if (!status.field().empty()) err["field"] = status.field();
  return {{"v", kProtocolVersion},
          {"id", id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id)},
          {"ok", false},
          {"error", std::move(err)}};
}

}  // namespace lienket::core
