#include <catch2/catch.hpp>

#include "envelope.hpp"

using lienket::Code;
using lienket::core::decode_request;

TEST_CASE("a request envelope is decoded strictly, naming the field at fault") {
  SECTION("a well-formed request keeps every part") {
    auto d = decode_request(
        R"({"v":1,"id":"c1","type":"party.get","as":"htx-a","idempotency_key":"k","body":{"id":"x"}})",
        1024);
    REQUIRE(d.status.ok());
    CHECK(d.request.id == "c1");
    CHECK(d.request.type == "party.get");
    CHECK(d.request.as == "htx-a");
    CHECK(d.request.idempotency_key == "k");
    CHECK(d.request.body["id"] == "x");
  }
  SECTION("a missing body is an empty object") {
    auto d = decode_request(R"({"v":1,"id":"c1","type":"node.info"})", 1024);
    REQUIRE(d.status.ok());
    CHECK(d.request.body.is_object());
  }
  SECTION("malformed JSON is invalid_argument") {
    auto d = decode_request(R"({"v":1,"id":)", 1024);
    CHECK(d.status.code() == Code::kInvalidArgument);
  }
  SECTION("a frame over the limit is too_large, before any parsing") {
    auto d = decode_request(std::string(2000, ' '), 1024);
    CHECK(d.status.code() == Code::kTooLarge);
  }
  SECTION("deep nesting is refused") {
    std::string deep = R"({"v":1,"id":"c","type":"a.b","body":{"x":)" + std::string(100, '[') +
                       std::string(100, ']') + "}}";
    CHECK(decode_request(deep, 1 << 20).status.code() == Code::kInvalidArgument);
  }
  SECTION("each wrong field is named, and the id survives for the reply") {
    struct Case {
      const char* frame;
      const char* field;
    };
    Case cases[] = {
        {R"({"v":2,"id":"c1","type":"a.b"})", "v"},
        {R"({"v":"1","id":"c1","type":"a.b"})", "v"},
        {R"({"v":1,"id":"c1"})", "type"},
        {R"({"v":1,"id":"c1","type":"Party Register"})", "type"},
        {R"({"v":1,"id":"c1","type":"a.b","body":[1]})", "body"},
        {R"({"v":1,"id":"c1","type":"a.b","as":"no spaces"})", "as"},
        {R"({"v":1,"id":"c1","type":"a.b","idempotency_key":7})", "idempotency_key"},
        {R"({"v":1,"id":"c1","type":"a.b","extra":true})", "extra"},
    };
    for (const auto& c : cases) {
      INFO(c.frame);
      auto d = decode_request(c.frame, 1024);
      CHECK(d.status.code() == Code::kInvalidArgument);
      CHECK(d.status.field() == c.field);
      CHECK(d.request.id == "c1");
    }
  }
  SECTION("a missing id is named") {
    auto d = decode_request(R"({"v":1,"type":"a.b"})", 1024);
    CHECK(d.status.field() == "id");
  }
}
