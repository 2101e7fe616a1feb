// Orders to offtake.contract.post requests, and the node's replies to HTTP answers.
#include <catch2/catch.hpp>

#include "order_mapper.hpp"

using namespace lienket::marketplace;
using nlohmann::json;

namespace {

json order() {
  return {{"order_id", "shop-2026-0001"},
          {"buyer", "dn-tanhiep"},
          {"product_id", "tea-thanhnam-green"},
          {"quantity_g", 50'000},
          {"price_vnd_per_kg", 180'000},
          {"deliver_from", "2026-03-05"},
          {"deliver_to", "2026-03-10"},
          {"ship_to", {{"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.85}}}};
}

void expect_bad(const json& o, const std::string& field) {
  auto r = order_to_request(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == lienket::Code::kInvalidArgument);
  CHECK(r.status().field() == field);
}

}  // namespace

TEST_CASE("an order becomes a purchase contract request") {
  auto r = order_to_request(order());
  REQUIRE(r.ok());
  CHECK(r->type == "offtake.contract.post");
  CHECK(r->as == "dn-tanhiep");
  CHECK(r->idempotency_key == "marketplace:shop-2026-0001");
  CHECK(r->body["product_id"] == "tea-thanhnam-green");
  CHECK(r->body["unit"] == "g");
  CHECK(r->body["quantity"] == 50'000);
  CHECK(r->body["unit_price_vnd"] == 180'000);
  CHECK(r->body["deliver_from"] == "2026-03-05");
  CHECK(r->body["place"]["province"] == "Hà Nội");
  CHECK(r->body["note"] == "marketplace order shop-2026-0001");

  SECTION("the same order maps to the same request (so the node's idempotency holds)") {
    CHECK(order_to_request(order())->body == r->body);
  }
}

TEST_CASE("a bad order is refused naming its field") {
  json o = order();
  SECTION("missing") {
    o.erase("quantity_g");
    expect_bad(o, "body.quantity_g");
  }
  SECTION("a float quantity") {
    o["quantity_g"] = 1.5;
    expect_bad(o, "body.quantity_g");
  }
  SECTION("a zero price") {
    o["price_vnd_per_kg"] = 0;
    expect_bad(o, "body.price_vnd_per_kg");
  }
  SECTION("an unknown field") {
    o["colour"] = "green";
    expect_bad(o, "body.colour");
  }
  SECTION("a bad ship_to latitude") {
    o["ship_to"]["lat"] = 123;
    expect_bad(o, "body.ship_to.lat");
  }
  SECTION("dates out of order") {
    o["deliver_to"] = "2026-03-01";
    expect_bad(o, "body.deliver_to");
  }
  SECTION("an order id that is not an id") {
    o["order_id"] = "đơn hàng 1";
    expect_bad(o, "body.order_id");
  }
  SECTION("not an object") { expect_bad(json::array(), "body"); }
}

TEST_CASE("the node's replies as HTTP answers") {
  SECTION("success is 201 with the contract id") {
    json reply = {
        {"v", 1},
        {"id", "x"},
        {"ok", true},
        {"result", {{"contract_id", "ct-00000001"}, {"contract", {{"id", "ct-00000001"}}}}}};
    auto a = reply_to_answer(reply, "shop-1");
    CHECK(a.status == 201);
    CHECK(a.body["contract_id"] == "ct-00000001");
    CHECK(a.body["order_id"] == "shop-1");
  }
  auto error = [](const std::string& code, const std::string& message, const std::string& field) {
    return json{{"v", 1},
                {"id", "x"},
                {"ok", false},
                {"error", {{"code", code}, {"message", message}, {"field", field}}}};
  };
  SECTION("contract fields are renamed to the order's") {
    auto a =
        reply_to_answer(error("not_found", "product p is not registered", "body.product_id"), "o");
    CHECK(a.status == 400);
    CHECK(a.body["error"]["field"] == "body.product_id");
    a = reply_to_answer(
        error("invalid_argument", "body.quantity x unit_price_vnd is too large", "body.quantity"),
        "o");
    CHECK(a.status == 400);
    CHECK(a.body["error"]["field"] == "body.quantity_g");
    CHECK(a.body["error"]["message"] == "body.quantity_g x unit_price_vnd is too large");
    a = reply_to_answer(
        error("invalid_argument", "body.unit must be the product's unit ml", "body.unit"), "o");
    CHECK(a.body["error"]["field"] == "body.product_id");
  }
  SECTION("an unknown or wrong buyer") {
    auto a = reply_to_answer(error("unauthenticated", "unknown party x", "as"), "o");
    CHECK(a.status == 400);
    CHECK(a.body["error"]["field"] == "body.buyer");
    a = reply_to_answer(
        error("permission_denied", "a cooperative may not post a purchase contract", "as"), "o");
    CHECK(a.status == 403);
    CHECK(a.body["error"]["field"] == "body.buyer");
  }
  SECTION(
      "only the field itself is renamed in the message, not the same letters in a word or an id") {
    auto a = reply_to_answer(
        error("permission_denied",
              "offtake.contract.post may be sent by enterprise, distributor, retailer; "
              "htx-asean is a cooperative (\"as\")",
              "as"),
        "o");
    CHECK(a.status == 403);
    CHECK(a.body["error"]["message"] ==
          "offtake.contract.post may be sent by enterprise, distributor, retailer; htx-asean is a "
          "cooperative "
          "(\"body.buyer\")");
    a = reply_to_answer(
        error("invalid_argument", "body.place.lat has to be a number", "body.place.lat"), "o");
    CHECK(a.body["error"]["message"] == "body.ship_to.lat has to be a number");
  }
  SECTION("an order id reused for another order is a conflict") {
    auto a = reply_to_answer(error("invalid_argument", "idempotency key reused", "idempotency_key"),
                             "o");
    CHECK(a.status == 409);
    CHECK(a.body["error"]["field"] == "body.order_id");
  }
  SECTION("an unavailable node is 503") {
    CHECK(reply_to_answer(error("unavailable", "stopping", ""), "o").status == 503);
  }
}
