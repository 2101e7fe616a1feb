#include "order_mapper.hpp"

#include <utility>

#include "lienket/fields.hpp"

namespace lienket::marketplace {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxQuantity = 1'000'000'000'000;  // offtake's limits
constexpr std::int64_t kMaxPrice = 1'000'000'000;

// The contract request's field paths and the order fields they came from.
const std::pair<const char*, const char*> kFieldMap[] = {
    {"body.quantity", "body.quantity_g"}, {"body.unit_price_vnd", "body.price_vnd_per_kg"},
    {"body.unit", "body.product_id"},     {"body.place", "body.ship_to"},
    {"body.note", "body.note"},           {"as", "body.buyer"},
    {"idempotency_key", "body.order_id"}};

// Rewrites a contract field path (and the same path inside the message) as the order's.
std::string order_field(const std::string& field) {
  for (const auto& [from, to] : kFieldMap) {
    std::string f = from;
    if (field == f || field.rfind(f + ".", 0) == 0) return to + field.substr(f.size());
  }
  return field;
}

bool is_path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// Replaces `from` where it stands as a whole field path, so that the field "as" renames `"as"` in
// a message but not the "as" inside "has" or inside a party id.
std::string replace_field(std::string s, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return s;
  for (auto pos = s.find(from); pos != std::string::npos;) {
    const auto end = pos + from.size();
    const bool whole =
        (pos == 0 || !is_path_char(s[pos - 1])) &&
        (end == s.size() || !is_path_char(s[end]) || (s[end] == '.' && end + 1 == s.size()));
    if (whole) s.replace(pos, from.size(), to);
    pos = s.find(from, pos + (whole ? to.size() : 1));
  }
  return s;
}

int http_status_of(Code code, const std::string& field) {
  switch (code) {
    case Code::kInvalidArgument:
      return field == "idempotency_key" ? 409 : 400;
    case Code::kNotFound:
    case Code::kUnauthenticated:
    case Code::kFailedPrecondition:
      return 400;  // the order names something that is not there, or not usable
    case Code::kPermissionDenied:
      return 403;
    case Code::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

json place_of(Fields& ship) {
  json place = {{"province", ship.str("province", 100)}};
  place["lat"] = ship.number("lat", -90, 90);
  place["lon"] = ship.number("lon", -180, 180);
  return place;
}

}  // namespace

Result<Request> order_to_request(const json& order) {
  Fields f(order);
  f.only({"order_id", "buyer", "product_id", "quantity_g", "price_vnd_per_kg", "deliver_from",
          "deliver_to", "ship_to", "note"});
  Request r;
  const auto order_id = f.id("order_id");
  // Sent acting for the buyer (the connector's declared acts_for right, never as an admin): the
  // node checks that the buyer is a registered party of a kind that may post purchase contracts.
  r.as = f.id("buyer");
  json body = {{"product_id", f.id("product_id")}, {"unit", "g"}};
  body["quantity"] = f.integer("quantity_g", 1, kMaxQuantity);
  body["unit_price_vnd"] = f.integer("price_vnd_per_kg", 1, kMaxPrice);
  body["deliver_from"] = f.date("deliver_from");
  body["deliver_to"] = f.date("deliver_to");
  Fields ship = f.object("ship_to");
  if (f.ok()) ship.only({"province", "lat", "lon"});
  json place = place_of(ship);
  auto note = f.opt_str("note", 400);
  if (!f.ok()) return f.status();
  body["place"] = place;
  body["note"] = "marketplace order " + order_id + (note ? ": " + *note : "");
  if (body["deliver_to"] < body["deliver_from"])
    return Status::InvalidArgument("body.deliver_to must not be before deliver_from",
                                   "body.deliver_to");
  r.id = "marketplace:" + order_id;
  r.type = std::string(kOrderMessage);
  r.idempotency_key = "marketplace:" + order_id;
  r.body = std::move(body);
  return r;
}

HttpAnswer error_answer(const Status& st) {
  const std::string field = order_field(st.field());
  std::string message = replace_field(st.message(), st.field(), field);
  if (st.field() == "idempotency_key")
    message = "body.order_id was already used for a different order";
  else if (st.field() == "body.unit")
    message = "body.product_id is not sold by weight (" + st.message() + ")";
  json error = {{"code", std::string(code_name(st.code()))}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return {http_status_of(st.code(), st.field()), {{"error", error}}};
}

HttpAnswer reply_to_answer(const json& reply, const std::string& order_id) {
  if (!reply.is_object()) return error_answer(Status::Internal("no reply from the node"));
  if (!reply.value("ok", false)) {
    const json e = reply.value("error", json::object());
    Code code = Code::kInternal;
    const std::string name = e.value("code", "internal");
    for (Code c : {Code::kInvalidArgument, Code::kNotFound, Code::kAlreadyExists,
                   Code::kFailedPrecondition, Code::kPermissionDenied, Code::kUnauthenticated,
                   Code::kUnknownType, Code::kTooLarge, Code::kUnavailable})
      if (code_name(c) == name) code = c;
    return error_answer(Status(code, e.value("message", ""), e.value("field", "")));
  }
  const json& result = reply.value("result", json::object());
  return {201,
          {{"order_id", order_id},
           {"contract_id", result.value("contract_id", "")},
           {"contract", result.value("contract", json::object())}}};
}

}  // namespace lienket::marketplace
