#include "hostile.hpp"

#include <catch2/catch.hpp>
#include <zmq.hpp>

namespace lienket::testkit {

Row call_row(std::string name, std::string type, std::string as, json body, std::string code,
             std::string field) {
  return Row{std::move(name), std::move(type),  std::move(as), std::move(body),
             std::move(code), std::move(field), std::nullopt};
}
Row raw_row(std::string name, std::string frame, std::string code, std::string field) {
  return Row{std::move(name), "", "", json(), std::move(code), std::move(field), std::move(frame)};
}

json with(json base, const std::string& pointer, const json& value) {
  json::json_pointer p(pointer);
  if (value.is_discarded())
    base[p.parent_pointer()].erase(p.back());
  else
    base[p] = value;
  return base;
}
const json kRemove = json(json::value_t::discarded);

namespace {

// Sends two frames as one multipart message from a DEALER and returns the parsed reply.
json send_two_frames(const std::string& endpoint, const std::string& a, const std::string& b) {
  zmq::context_t ctx;
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  s.set(zmq::sockopt::linger, 0);
  s.set(zmq::sockopt::rcvtimeo, 10000);
  s.connect(endpoint);
  s.send(zmq::buffer(a), zmq::send_flags::sndmore);
  s.send(zmq::buffer(b), zmq::send_flags::none);
  zmq::message_t reply;
  if (!s.recv(reply)) return json{{"ok", false}, {"error", {{"code", "timeout"}}}};
  return json::parse(reply.to_string(), nullptr, false);
}

json send(Node& node, const Row& row) {
  if (row.two_frames) return send_two_frames(node.request_endpoint(), *row.raw, *row.raw);
  if (row.raw) return node.client().send_raw(*row.raw);
  return node.call(row.type, row.body, row.as);
}

std::int64_t last_seq(Node& node) {
  return ok(node.call("node.info"))["node"]["last_seq"].get<std::int64_t>();
}

}  // namespace

json event_log(Node& node) {
  json events = json::array();
  std::int64_t after = 0;
  for (;;) {
    auto page = ok(node.call("events.since", {{"after_seq", after}, {"limit", 1000}}));
    for (auto& e : page["events"]) events.push_back(e);
    after = page["next_after"];
    if (after == page["last_seq"].get<std::int64_t>()) break;
  }
  return events;
}

void expect_all_refused(Node& node, const std::vector<Row>& rows,
                        const std::function<json(Node&)>& snapshot) {
  json before = snapshot(node);
  before["events"] = event_log(node);
  const std::int64_t seq = last_seq(node);
  for (const auto& row : rows) {
    INFO("row: " << row.name);
    const json reply = send(node, row);
    INFO("reply: " << reply.dump());
    REQUIRE(reply.is_object());
    CHECK(reply.value("ok", true) == false);
    CHECK(reply["error"].value("code", "") == row.code);
    CHECK(reply["error"].value("field", "") == row.field);
    CHECK(!reply["error"].value("message", "").empty());
    CHECK(last_seq(node) == seq);
  }

  json after = snapshot(node);
  after["events"] = event_log(node);
  for (auto it = before.begin(); it != before.end(); ++it) {
    INFO("list: " << it.key());
    CHECK(after[it.key()] == it.value());
  }
}

void register_value_chain(Node& node) {
  register_tea_market(node, kTeaGtin);
  ok(node.call("party.register", {{"id", "htx-toi-phumai"},
                                  {"kind", "cooperative"},
                                  {"name", "HTX Nông nghiệp sinh thái Tỏi Phù Mai"},
                                  {"province", "Sơn La"},
                                  {"lat", 21.33},
                                  {"lon", 103.91},
                                  {"members", 85}}));
  ok(node.call("party.register", {{"id", "npp-ocop-hanoi"},
                                  {"kind", "distributor"},
                                  {"name", "Chuỗi cửa hàng OCOP Hà Nội"},
                                  {"province", "Hà Nội"},
                                  {"lat", 21.02},
                                  {"lon", 105.83}}));
  ok(node.call("product.register",
               {{"id", "garlic-black-phumai"},
                {"name", "Tỏi đen Phù Mai"},
                {"category", "garlic"},
                {"unit", "g"},
                {"ocop_stars", 3},
                {"gtin", kGarlicGtin}},
               "htx-toi-phumai"));
}

}  // namespace lienket::testkit
