// The marketplace connector inside a real `lienket node` with the offtake plugin: the feed over
// real HTTP on loopback follows the offers as their events arrive, orders posted back become
// purchase contracts exactly once, bad orders are refused by field, and the feed survives a
// restart.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <functional>
#include <thread>

#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

using lienket::testkit::api_token;
using lienket::testkit::contract_violations;
using lienket::testkit::Node;
using lienket::testkit::ok;
using nlohmann::json;

namespace {

const std::string kGtin = "09520123456788";
const std::string kTraceBase = "http://127.0.0.1:7480";

json node_config() {
  return {{"plugins",
           {{"marketplace",
             {{"shop_base_url", "https://shop.example.vn"},
              {"trace_base_url", kTraceBase},
              {"delivery",
               {{"idle_poll_ms", 20}, {"backoff_first_ms", 20}, {"backoff_max_ms", 200}}}}}}}};
}

std::string post_offer(Node& node, std::int64_t kg, std::int64_t price) {
  json offer = {{"product_id", "tea-thanhnam-green"},
                {"quantity", kg * 1000},
                {"available_from", "2026-03-01"},
                {"available_to", "2026-04-15"},
                {"place", {{"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}}},
                {"min_unit_price_vnd", price}};
  return ok(node.call("offtake.offer.post", offer, "htx-thanhnam"))["offer_id"];
}

// The node's HTTP server, where the connector's routes are, as connector.marketplace.info says.
std::string feed_base(Node& node) {
  std::string feed = ok(node.call("connector.marketplace.info"))["feed_url"];
  CHECK(feed == node.http_url() + "/marketplace/feed.jsonld");
  return node.http_url();
}

json get_jsonld(const std::string& base) {
  httplib::Client http(base);
  auto res = http.Get("/marketplace/feed.jsonld");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type").find("application/ld+json") == 0);
  return json::parse(res->body);
}

// The feed's first product once `ready` holds for it (the connector folds events on its own
// thread).
json wait_for_product(const std::string& base, const std::function<bool(const json&)>& ready) {
  json last;
  if (lienket::testing::eventually([&] {
        last = get_jsonld(base);
        return !last["itemListElement"].empty() && ready(last["itemListElement"][0]["item"]);
      }))
    return last["itemListElement"][0]["item"];
  FAIL("the feed never got there; last: " << last.dump());
  return {};
}

std::function<bool(const json&)> stock_is(std::int64_t grams) {
  return [grams](const json& p) { return p["offers"]["inventoryLevel"]["value"] == grams; };
}

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

// Posted with the buyer's API token (the shop's credentials for it).
std::pair<int, json> post_order(const std::string& base, const std::string& token,
                                const json& body) {
  httplib::Client http(base);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  auto res = http.Post("/marketplace/orders", auth, body.dump(), "application/json");
  REQUIRE(res);
  return {res->status, json::parse(res->body)};
}

}  // namespace

TEST_CASE("marketplace connector in a running node") {
  Node node(node_config());
  register_tea_market(node, kGtin);
  const std::string cheap = post_offer(node, 2000, 150'000);
  post_offer(node, 500, 165'000);
  std::string base = feed_base(node);
  const std::string token = api_token(node, "dn-tanhiep");

  json p = wait_for_product(base, stock_is(2'500'000));

  SECTION("the JSON-LD feed shows price, stock, OCOP stars, brand and the trace page") {
    CHECK(p["name"] == "Chè xanh Thanh Nam");
    CHECK(p["gtin"] == kGtin);
    CHECK(p["brand"]["name"] == "HTX Chè Thanh Nam");
    CHECK(p["additionalProperty"][0]["value"] == 4);
    CHECK(p["subjectOf"]["url"] == kTraceBase + "/01/" + kGtin);
    CHECK(p["offers"]["price"] == 150'000);
    CHECK(p["offers"]["priceCurrency"] == "VND");
    CHECK(p["offers"]["availability"] == "https://schema.org/InStock");
    CHECK(p["offers"]["inventoryLevel"]["unitCode"] == "GRM");
  }

  SECTION("the TSV feed has the same product in Merchant Center columns") {
    httplib::Client http(base);
    auto res = http.Get("/marketplace/feed.tsv");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").find("text/tab-separated-values") == 0);
    CHECK(res->body.rfind("id\ttitle\tdescription\tlink\t", 0) == 0);
    CHECK(res->body.find("\ntea-thanhnam-green\tChè xanh Thanh Nam\t") != std::string::npos);
    CHECK(res->body.find("\tin_stock\t150000 VND\t") != std::string::npos);
    CHECK(res->body.find("\tOCOP 4 sao\n") != std::string::npos);
  }

  SECTION("withdrawing an offer updates the feed; withdrawing all makes it out of stock") {
    ok(node.call("offtake.offer.withdraw", {{"offer_id", cheap}}, "htx-thanhnam"));
    json after = wait_for_product(base, stock_is(500'000));
    CHECK(after["offers"]["price"] == 165'000);
    CHECK(after["offers"]["availability"] == "https://schema.org/InStock");
  }

  SECTION("an order becomes one purchase contract, however often it is posted") {
    auto [status, body] = post_order(base, token, order());
    INFO(body.dump());
    REQUIRE(status == 201);
    const std::string contract_id = body["contract_id"];
    auto contract =
        ok(node.call("offtake.contract.get", {{"contract_id", contract_id}}))["contract"];
    CHECK(contract["buyer"] == "dn-tanhiep");
    CHECK(contract["product_id"] == "tea-thanhnam-green");
    CHECK(contract["quantity"] == 50'000);
    CHECK(contract["unit_price_vnd"] == 180'000);

    auto [again_status, again] = post_order(base, token, order());
    CHECK(again_status == 201);
    CHECK(again["contract_id"] == contract_id);
    auto list = ok(node.call("offtake.contract.list", {{"buyer", "dn-tanhiep"}}));
    CHECK(list["contracts"].size() == 1);

    // Matching allocates the order to an offer: the shop's stock goes down by what was ordered.
    ok(node.call("offtake.match.run"));
    wait_for_product(base, stock_is(2'450'000));
  }

  SECTION("a bad order is 400 naming the field, and posts nothing") {
    json o = order();
    o.erase("quantity_g");
    auto [s1, b1] = post_order(base, token, o);
    CHECK(s1 == 400);
    CHECK(b1["error"]["field"] == "body.quantity_g");

    o = order();
    o["product_id"] = "no-such-tea";
    auto [s2, b2] = post_order(base, token, o);
    CHECK(s2 == 400);
    CHECK(b2["error"]["field"] == "body.product_id");

    o = order();
    o["buyer"] = "htx-thanhnam";  // a cooperative does not buy
    auto [s3, b3] = post_order(base, token, o);
    CHECK(s3 == 403);
    CHECK(b3["error"]["field"] == "body.buyer");

    httplib::Client http(base);
    auto res = http.Post("/marketplace/orders", {{"Authorization", "Bearer " + token}}, "{not json",
                         "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);

    auto list = ok(node.call("offtake.contract.list", {{"buyer", "dn-tanhiep"}}));
    CHECK(list["contracts"].empty());
  }

  SECTION("an order needs the buyer's own token (or an admin's)") {
    httplib::Client http(base);
    auto anonymous = http.Post("/marketplace/orders", order().dump(), "application/json");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    CHECK(anonymous->get_header_value("Content-Type") == "application/problem+json");
    auto [s1, b1] = post_order(base, api_token(node, "htx-thanhnam"), order());
    CHECK(s1 == 403);  // a cooperative does not buy here
    ok(node.call("party.register", {{"id", "dn-khac"},
                                    {"kind", "enterprise"},
                                    {"name", "Công ty Khác"},
                                    {"province", "Hà Nội"},
                                    {"lat", 21.0},
                                    {"lon", 105.8}}));
    auto [s2, b2] = post_order(base, api_token(node, "dn-khac"), order());
    CHECK(s2 == 403);
    CHECK(b2["error"]["field"] == "body.buyer");
    CHECK(ok(node.call("offtake.contract.list"))["contracts"].empty());
    auto [s3, b3] = post_order(base, api_token(node, ""), order());
    CHECK(s3 == 201);
  }
  SECTION("an order id reused for another order is 409") {
    REQUIRE(post_order(base, token, order()).first == 201);
    json other = order();
    other["quantity_g"] = 70'000;
    auto [status, body] = post_order(base, token, other);
    CHECK(status == 409);
    CHECK(body["error"]["field"] == "body.order_id");
  }

  SECTION("the feed survives a restart, with nothing folded twice") {
    ok(node.call("offtake.offer.withdraw", {{"offer_id", cheap}}, "htx-thanhnam"));
    wait_for_product(base, stock_is(500'000));
    node.stop();
    node.start();
    base = feed_base(node);
    json feed = get_jsonld(base);  // at once: read from the store, not rebuilt from events
    REQUIRE(feed["itemListElement"].size() == 1);
    CHECK(feed["itemListElement"][0]["item"]["offers"]["inventoryLevel"]["value"] == 500'000);
    CHECK(feed["itemListElement"][0]["item"]["offers"]["price"] == 165'000);
    auto info = ok(node.call("connector.marketplace.info"));
    CHECK(info["applied_seq"].get<std::int64_t>() > 0);
  }

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}
