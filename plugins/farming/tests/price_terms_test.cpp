// Price terms: what a delivery of a grade is worth per kg / litre / piece.
#include <catch2/catch.hpp>

#include "price_terms.hpp"

using namespace lienket::farming;
using nlohmann::json;

namespace {

lienket::Result<PriceTerms> decode(const json& price) {
  json body{{"price", price}};
  lienket::Fields f(body);
  lienket::Fields p = f.object("price");
  PriceTerms t = decode_price_terms(p);
  if (!f.ok()) return f.status();
  return t;
}

}  // namespace

TEST_CASE("fixed price terms pay the same price for every delivery", "[price]") {
  auto t = decode({{"kind", "fixed"}, {"unit_price_vnd", 12000}});
  REQUIRE(t.ok());
  CHECK(*unit_price(*t, "A", std::nullopt) == 12000);
  CHECK(*unit_price(*t, "C", std::nullopt) == 12000);

  SECTION("grade differentials are added to the base, never below zero") {
    auto g = decode({{"kind", "fixed"},
                     {"unit_price_vnd", 12000},
                     {"grade_differentials_vnd", {{"B", -2000}, {"C", -20000}}}});
    REQUIRE(g.ok());
    CHECK(*unit_price(*g, "A", std::nullopt) == 12000);
    CHECK(*unit_price(*g, "B", std::nullopt) == 10000);
    CHECK(*unit_price(*g, "C", std::nullopt) == 0);
  }
}

TEST_CASE("floor terms pay max(floor, market x (1 - discount))", "[price]") {
  auto t = decode({{"kind", "floor"}, {"floor_price_vnd", 30000}, {"discount_bp", 1000}});
  REQUIRE(t.ok());
  REQUIRE(needs_market_price(*t));

  SECTION("a low market pays the floor") { CHECK(*unit_price(*t, "A", 25000) == 30000); }
  SECTION("a high market pays the discounted market price") {
    CHECK(*unit_price(*t, "A", 40000) == 36000);
  }
  SECTION("the discounted market price is rounded down to the dong") {
    CHECK(*unit_price(*t, "A", 40001) == 36000);  // 36000.9
  }
  SECTION("without a market reference price, there is no price") {
    auto p = unit_price(*t, "A", std::nullopt);
    REQUIRE_FALSE(p.ok());
    CHECK(p.status().code() == lienket::Code::kFailedPrecondition);
  }
  SECTION("differentials apply to the floor-or-market base") {
    auto g = decode({{"kind", "floor"},
                     {"floor_price_vnd", 30000},
                     {"grade_differentials_vnd", {{"B", -5000}}}});
    REQUIRE(g.ok());
    CHECK(*unit_price(*g, "B", 20000) == 25000);
    CHECK(*unit_price(*g, "B", 50000) == 45000);
  }
}

TEST_CASE("graded terms price only the grades they list", "[price]") {
  auto t = decode({{"kind", "graded"}, {"grade_prices", {{"A", 25000}, {"B", 18000}}}});
  REQUIRE(t.ok());
  CHECK(*unit_price(*t, "A", std::nullopt) == 25000);
  CHECK(*unit_price(*t, "B", std::nullopt) == 18000);
  CHECK_FALSE(prices_grade(*t, "C"));
  CHECK_FALSE(unit_price(*t, "C", std::nullopt).ok());
}

TEST_CASE("stored terms read back the same", "[price]") {
  for (json p : {json{{"kind", "fixed"},
                      {"unit_price_vnd", 9000},
                      {"grade_differentials_vnd", {{"C", -1000}}}},
                 json{{"kind", "floor"}, {"floor_price_vnd", 1}, {"discount_bp", 9999}},
                 json{{"kind", "graded"}, {"grade_prices", {{"B", 7}}}}}) {
    auto t = decode(p);
    REQUIRE(t.ok());
    CHECK(to_json(price_terms_from_json(to_json(*t))) == to_json(*t));
  }
}

TEST_CASE("bad price terms are refused naming the field", "[price]") {
  auto field_of = [](const json& p) { return decode(p).status().field(); };
  CHECK(field_of({{"kind", "auction"}}) == "body.price.kind");
  CHECK(field_of({{"kind", "fixed"}}) == "body.price.unit_price_vnd");
  CHECK(field_of({{"kind", "fixed"}, {"unit_price_vnd", 0}}) == "body.price.unit_price_vnd");
  CHECK(field_of({{"kind", "fixed"}, {"unit_price_vnd", 1.5}}) == "body.price.unit_price_vnd");
  CHECK(field_of({{"kind", "floor"}, {"floor_price_vnd", 100}, {"discount_bp", 10000}}) ==
        "body.price.discount_bp");
  CHECK(field_of({{"kind", "floor"}, {"floor_price_vnd", 100}, {"unit_price_vnd", 5}}) ==
        "body.price.unit_price_vnd");
  CHECK(field_of({{"kind", "graded"}, {"grade_prices", json::object()}}) ==
        "body.price.grade_prices");
  CHECK(field_of({{"kind", "graded"}, {"grade_prices", {{"D", 5}}}}) ==
        "body.price.grade_prices.D");
  CHECK(field_of({{"kind", "fixed"}, {"unit_price_vnd", 5}, {"bonus", 1}}) == "body.price.bonus");
}
