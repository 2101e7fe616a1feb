// Hostile and malformed requests to the core (the envelope and the registry) against one real
// node, seeded with a small but realistic value chain. Each row names the error code and field it
// must get; after every row the event log must not have grown, and after the whole table the
// parties, products and events must read exactly as before. Each plugin keeps its own rows in its
// tests/ folder (hostile.hpp); bad_input_test.cpp covers the envelope basics.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hostile.hpp"

using namespace lienket::testkit;

namespace {

constexpr int kMaxMessageBytes = 4096;

std::vector<Row> envelope_rows() {
  const std::string good_body = R"({"id":"htx-thanhnam"})";
  auto frame = [&](const std::string& keys) { return "{" + keys + "}"; };
  std::string deep_open, deep_close;
  for (int i = 0; i < 100; ++i) deep_open += "{\"a\":", deep_close += "}";
  std::string nest65_open, nest65_close;  // 1 (envelope) + 1 (body) + 63 = 65 levels: one too many
  for (int i = 0; i < 63; ++i) nest65_open += "[", nest65_close += "]";
  const std::string big_name(kMaxMessageBytes, 'x');
  return {
      raw_row("not JSON at all", "party.get htx-thanhnam", "invalid_argument", ""),
      raw_row("truncated JSON", R"({"v":1,"id":"x","type":"party.get","body":{"id":)",
              "invalid_argument", ""),
      raw_row("a JSON array, not an object", R"([1,"party.get",{"id":"htx-thanhnam"}])",
              "invalid_argument", ""),
      raw_row("a bare JSON string", R"("party.get")", "invalid_argument", ""),
      raw_row("JSON null", "null", "invalid_argument", ""),
      raw_row("missing v", frame(R"("id":"x","type":"party.get","body":)" + good_body),
              "invalid_argument", "v"),
      raw_row("v is 2", frame(R"("v":2,"id":"x","type":"party.get","body":)" + good_body),
              "invalid_argument", "v"),
      raw_row("v is a string", frame(R"("v":"1","id":"x","type":"party.get","body":)" + good_body),
              "invalid_argument", "v"),
      raw_row("v is 1.5 (not an integer)",
              frame(R"("v":1.5,"id":"x","type":"party.get","body":)" + good_body),
              "invalid_argument", "v"),
      raw_row("missing id", frame(R"("v":1,"type":"party.get","body":)" + good_body),
              "invalid_argument", "id"),
      raw_row("id is a number", frame(R"("v":1,"id":7,"type":"party.get","body":)" + good_body),
              "invalid_argument", "id"),
      raw_row("id of 129 bytes",
              frame(R"("v":1,"id":")" + std::string(129, 'i') + R"(","type":"party.get","body":)" +
                    good_body),
              "invalid_argument", "id"),
      raw_row("missing type", frame(R"("v":1,"id":"x","body":)" + good_body), "invalid_argument",
              "type"),
      raw_row("type is a number", frame(R"("v":1,"id":"x","type":42,"body":)" + good_body),
              "invalid_argument", "type"),
      raw_row("type in capitals", frame(R"("v":1,"id":"x","type":"Party.Get","body":)" + good_body),
              "invalid_argument", "type"),
      raw_row("type with a slash",
              frame(R"("v":1,"id":"x","type":"party/get","body":)" + good_body), "invalid_argument",
              "type"),
      raw_row("body is a list",
              frame(R"("v":1,"id":"x","type":"party.get","body":["htx-thanhnam"])"),
              "invalid_argument", "body"),
      raw_row("body is a string",
              frame(R"("v":1,"id":"x","type":"party.get","body":"htx-thanhnam")"),
              "invalid_argument", "body"),
      raw_row("as is a number",
              frame(R"("v":1,"id":"x","type":"party.get","as":12,"body":)" + good_body),
              "invalid_argument", "as"),
      raw_row(
          "as is not an id",
          frame(R"("v":1,"id":"x","type":"party.get","as":"htx thanh nam","body":)" + good_body),
          "invalid_argument", "as"),
      raw_row("idempotency_key of 129 bytes",
              frame(R"("v":1,"id":"x","type":"party.get","idempotency_key":")" +
                    std::string(129, 'k') + R"(","body":)" + good_body),
              "invalid_argument", "idempotency_key"),
      raw_row("idempotency_key is an object",
              frame(R"("v":1,"id":"x","type":"party.get","idempotency_key":{"k":1},"body":)" +
                    good_body),
              "invalid_argument", "idempotency_key"),
      raw_row("an unknown envelope key",
              frame(R"("v":1,"id":"x","type":"party.get","colour":"red","body":)" + good_body),
              "invalid_argument", "colour"),
      raw_row(
          "100 levels of nesting in the body",
          frame(R"("v":1,"id":"x","type":"party.register","body":)" + deep_open + "1" + deep_close),
          "invalid_argument", ""),
      raw_row("65 levels of nesting (one past the limit)",
              frame(R"("v":1,"id":"x","type":"party.register","body":{"id":)" + nest65_open +
                    nest65_close + "}"),
              "invalid_argument", ""),
      raw_row("invalid UTF-8 bytes in a string",
              frame("\"v\":1,\"id\":\"x\",\"type\":\"party.register\",\"body\":{\"id\":\"htx-x\","
                    "\"kind\":\"cooperative\","
                    "\"name\":\"HTX \xff\xfe\",\"province\":\"S\xc6\xa1n "
                    "La\",\"lat\":21.3,\"lon\":103.9}"),
              "invalid_argument", ""),
      raw_row("an overlong UTF-8 encoding of '/'",
              frame("\"v\":1,\"id\":\"x\",\"type\":\"party.get\",\"body\":{\"id\":"
                    "\"htx\xc0\xafthanhnam\"}"),
              "invalid_argument", ""),
      raw_row("a lone UTF-16 surrogate escape",
              frame(R"("v":1,"id":"x","type":"party.get","body":{"id":"htx\ud800"})"),
              "invalid_argument", ""),
      raw_row("a frame over max_message_bytes",
              frame(R"("v":1,"id":"big","type":"party.register","body":{"name":")" + big_name +
                    R"("})"),
              "too_large", ""),
      [] {
        Row r = raw_row("two frames in one message", R"({"v":1,"id":"x","type":"node.info"})",
                        "invalid_argument", "frame");
        r.two_frames = true;
        return r;
      }(),
      call_row("an unknown namespace", "bank.transfer", "", {{"amount_vnd", 1'000'000}},
               "unknown_type", "type"),
      call_row("an unknown acting party", "party.get", "htx-ma", {{"id", "htx-thanhnam"}},
               "unauthenticated", "as"),
  };
}

std::vector<Row> registry_rows() {
  const json coop = {{"id", "htx-longcoc"},   {"kind", "cooperative"}, {"name", "HTX Chè Long Cốc"},
                     {"province", "Phú Thọ"}, {"lat", 21.17},          {"lon", 104.98},
                     {"members", 60}};
  const json product = {{"id", "tea-longcoc"}, {"name", "Chè Long Cốc"},
                        {"category", "tea"},   {"unit", "g"},
                        {"ocop_stars", 4},     {"gtin", "08935001000136"}};
  std::string long_name;
  for (int i = 0; i < 67; ++i) long_name += "ệ";  // 67 x 3 bytes = 201 bytes, 67 characters
  return {
      call_row("party.register with a taken id", "party.register", "",
               with(coop, "/id", "htx-thanhnam"), "already_exists", "body.id"),
      call_row("party.register kind in capitals", "party.register", "",
               with(coop, "/kind", "Cooperative"), "invalid_argument", "body.kind"),
      call_row("party.register lat just below -90", "party.register", "",
               with(coop, "/lat", -90.0001), "invalid_argument", "body.lat"),
      call_row("party.register lon as a string", "party.register", "", with(coop, "/lon", "104.98"),
               "invalid_argument", "body.lon"),
      call_row("party.register name of 201 bytes (67 characters)", "party.register", "",
               with(coop, "/name", long_name), "invalid_argument", "body.name"),
      call_row("party.register members beyond 10 million", "party.register", "",
               with(coop, "/members", 1'000'000'000'000LL), "invalid_argument", "body.members"),
      call_row("party.register members = 2^64-1", "party.register", "",
               with(coop, "/members", 18446744073709551615ULL), "invalid_argument", "body.members"),
      call_row("product.register GTIN with a bad check digit", "product.register", "htx-thanhnam",
               with(product, "/gtin", "08935001000137"), "invalid_argument", "body.gtin"),
      call_row("product.register GTIN of 13 digits", "product.register", "htx-thanhnam",
               with(product, "/gtin", "8935001000136"), "invalid_argument", "body.gtin"),
      call_row("product.register without an owner", "product.register", "", product,
               "unauthenticated", "as"),
      call_row("product.register for another owner", "product.register", "htx-thanhnam",
               with(product, "/owner", "htx-toi-phumai"), "invalid_argument", "body.owner"),
      call_row("product.register with unit kg", "product.register", "htx-thanhnam",
               with(product, "/unit", "kg"), "invalid_argument", "body.unit"),
      call_row("product.register with 6 OCOP stars", "product.register", "htx-thanhnam",
               with(product, "/ocop_stars", 6), "invalid_argument", "body.ocop_stars"),
      call_row("product.register over another's product id", "product.register", "htx-toi-phumai",
               with(product, "/id", "tea-thanhnam-green"), "already_exists", "body.id"),
      call_row("party.get of an unknown party", "party.get", "", {{"id", "htx-ma"}}, "not_found",
               "body.id"),
      call_row("events.since with a negative after_seq", "events.since", "", {{"after_seq", -1}},
               "invalid_argument", "body.after_seq"),
      call_row("node.clock.advance backwards", "node.clock.advance", "", {{"seconds", -3600}},
               "invalid_argument", "body.seconds"),
  };
}

}  // namespace

TEST_CASE("hostile requests to the core: each gets its error code and field, and nothing changes") {
  Node node(json{{"max_message_bytes", kMaxMessageBytes}});
  register_value_chain(node);
  std::vector<Row> rows;
  for (auto part : {envelope_rows(), registry_rows()})
    rows.insert(rows.end(), part.begin(), part.end());
  REQUIRE(rows.size() >= 40);
  expect_all_refused(node, rows, [](Node& n) {
    return json{{"parties", ok(n.call("party.list", {{"limit", 500}}))},
                {"products", ok(n.call("product.list", {{"limit", 500}}))}};
  });
  // The node still serves: a good request succeeds.
  ok(node.call("party.get", {{"id", "htx-thanhnam"}}));
}
