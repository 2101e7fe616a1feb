#include <catch2/catch.hpp>

#include "testkit.hpp"

using namespace lienket::testkit;

TEST_CASE(
    "bad input gets a clear error naming the field, changes nothing, and the node keeps serving") {
  Node node(json{{"max_message_bytes", 4096}});
  auto& c = node.client();
  auto last_seq = [&] { return ok(node.call("node.info"))["node"]["last_seq"].get<long>(); };
  ok(node.call("party.register", {{"id", "htx-a"},
                                  {"kind", "cooperative"},
                                  {"name", "HTX A"},
                                  {"province", "Sơn La"},
                                  {"lat", 21.3},
                                  {"lon", 103.9}}));
  long before = last_seq();

  SECTION("malformed JSON") {
    auto r = c.send_raw(R"({"v":1,"id":"x","type":)");
    CHECK(r["error"]["code"] == "invalid_argument");
  }
  SECTION("invalid UTF-8") {
    auto r =
        c.send_raw("{\"v\":1,\"id\":\"x\",\"type\":\"party.get\",\"body\":{\"id\":\"\xff\xfe\"}}");
    CHECK(r["error"]["code"] == "invalid_argument");
  }
  SECTION("an oversize frame") {
    std::string big = R"({"v":1,"id":"big","type":"party.register","body":{"name":")" +
                      std::string(8000, 'x') + R"("}})";
    auto r = c.send_raw(big);
    CHECK(r["error"]["code"] == "too_large");
  }
  SECTION("an unknown message type") {
    expect_error(node.call("party.explode"), "unknown_type", "type");
    expect_error(node.call("nobody.home"), "unknown_type", "type");
  }
  SECTION("wrong types and values, each named") {
    json good = {{"kind", "cooperative"},
                 {"name", "HTX B"},
                 {"province", "Sơn La"},
                 {"lat", 21.3},
                 {"lon", 103.9}};
    struct Case {
      const char* key;
      json value;
    };
    Case cases[] = {{"kind", "farmer"},  {"kind", 3},      {"name", ""},    {"lat", "21.3"},
                    {"lat", 91},         {"lon", nullptr}, {"members", -1}, {"members", 1.5},
                    {"id", "has space"}, {"colour", "red"}};
    for (const auto& cs : cases) {
      auto body = good;
      if (cs.value.is_null())
        body.erase(cs.key);
      else
        body[cs.key] = cs.value;
      INFO(body.dump());
      expect_error(node.call("party.register", body), "invalid_argument",
                   std::string("body.") + cs.key);
    }
  }
  SECTION("an unknown acting party") {
    expect_error(node.call("party.get", {{"id", "htx-a"}}, "htx-ghost"), "unauthenticated", "as");
  }
  SECTION("a wrong type inside a read request") {
    expect_error(node.call("party.get", {{"id", 5}}), "invalid_argument", "body.id");
  }
  CHECK(last_seq() == before);
  CHECK(ok(node.call("party.get", {{"id", "htx-a"}}))["party"]["name"] == "HTX A");
}
