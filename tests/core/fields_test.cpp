#include <catch2/catch.hpp>

#include "lienket/fields.hpp"

using lienket::Fields;
using nlohmann::json;

TEST_CASE("Fields reads a body and names the first bad field by its path") {
  SECTION("integers: wrong type, range, and floating point refused") {
    json b = {{"quantity", -5}};
    Fields f(b);
    f.integer("quantity", 1, 1000);
    CHECK(f.status().field() == "body.quantity");
    json c = {{"quantity", 1.5}};
    Fields g(c);
    g.integer("quantity", 1, 1000);
    CHECK(g.status().field() == "body.quantity");
  }
  SECTION("nested objects carry their path") {
    json b = {{"place", {{"lat", "north"}}}};
    Fields f(b);
    auto place = f.object("place");
    place.number("lat", -90, 90);
    CHECK(f.status().field() == "body.place.lat");
  }
  SECTION("dates must exist in the calendar") {
    CHECK(Fields::is_date("2028-02-29"));
    CHECK_FALSE(Fields::is_date("2026-02-29"));
    CHECK_FALSE(Fields::is_date("2026-13-01"));
  }
  SECTION("unknown keys are refused") {
    json b = {{"quantity", 1}, {"quantiy", 2}};
    Fields f(b);
    f.only({"quantity"});
    CHECK(f.status().field() == "body.quantiy");
  }
}
