// Specification of which offer may serve which contract (eligibility.hpp).
#include <catch2/catch.hpp>

#include "eligibility.hpp"

using namespace lienket::offtake;

namespace {

// Công ty CP Chè Tân Hiệp (Hà Nội) wants VietGAP green tea, 3 OCOP stars or more, within 150 km.
Demand tanhiep() {
  Demand d;
  d.id = "ct-1";
  d.product_id = "tea-thanhnam-green";
  d.category = "tea";
  d.unit = "g";
  d.certifications = {"VietGAP"};
  d.min_ocop_stars = 3;
  d.from_day = 20500, d.to_day = 20530;
  d.unit_price_vnd = 180000;
  d.place = {21.03, 105.85};
  d.max_distance_m = 150000;
  d.quantity = 5'000'000;
  return d;
}

// HTX Chè Thanh Nam (Phú Thọ) offers its VietGAP 4-star green tea.
Supply thanhnam() {
  Supply s;
  s.id = "of-1";
  s.product_id = "tea-thanhnam-green";
  s.category = "tea";
  s.unit = "g";
  s.certifications = {"VietGAP"};
  s.ocop_stars = 4;
  s.from_day = 20490, s.to_day = 20510;
  s.min_unit_price_vnd = 150000;
  s.place = {21.29, 105.05};
  s.quantity = 2'000'000;
  return s;
}

}  // namespace

TEST_CASE("haversine distance in whole metres") {
  SECTION("Hà Nội to Thanh Nam is about 88 km") {
    auto m = distance_m({21.03, 105.85}, {21.29, 105.05});
    CHECK(m > 85000);
    CHECK(m < 92000);
  }
  SECTION("a place is 0 m from itself") { CHECK(distance_m({21.0, 105.0}, {21.0, 105.0}) == 0); }
}

TEST_CASE("eligibility of an offer for a contract") {
  Demand d = tanhiep();
  Supply s = thanhnam();
  std::int64_t m = -1;
  SECTION("a matching offer is eligible and its distance is reported") {
    CHECK(eligible(d, s, &m));
    CHECK(m == distance_m(d.place, s.place));
  }
  SECTION("another product is not eligible") {
    s.product_id = "tea-longcoc-green";
    CHECK_FALSE(eligible(d, s, &m));
  }
  SECTION("a contract by category takes any product of that category and unit") {
    d.product_id.clear();
    s.product_id = "tea-longcoc-green";
    CHECK(eligible(d, s, &m));
    s.unit = "piece";
    CHECK_FALSE(eligible(d, s, &m));
  }
  SECTION("every required certification must be held") {
    d.certifications = {"VietGAP", "organic"};
    CHECK_FALSE(eligible(d, s, &m));
    s.certifications = {"organic", "VietGAP"};
    CHECK(eligible(d, s, &m));
  }
  SECTION("OCOP stars must reach the minimum") {
    d.min_ocop_stars = 5;
    CHECK_FALSE(eligible(d, s, &m));
  }
  SECTION("a contract's grade takes only offers stating that grade; no grade takes any") {
    CHECK(eligible(d, s, &m));  // neither states a grade
    s.grade = "loại 2";
    CHECK(eligible(d, s, &m));
    d.grade = "loại 1";
    CHECK_FALSE(eligible(d, s, &m));
    s.grade.clear();
    CHECK_FALSE(eligible(d, s, &m));  // an offer without a grade promises none
    s.grade = "loại 1";
    CHECK(eligible(d, s, &m));
  }
  SECTION("windows must overlap, touching counts") {
    s.to_day = d.from_day;
    CHECK(eligible(d, s, &m));
    s.to_day = d.from_day - 1;
    CHECK_FALSE(eligible(d, s, &m));
  }
  SECTION("the seller's floor price must not exceed the buyer's price") {
    s.min_unit_price_vnd = d.unit_price_vnd;
    CHECK(eligible(d, s, &m));
    s.min_unit_price_vnd = d.unit_price_vnd + 1;
    CHECK_FALSE(eligible(d, s, &m));
  }
  SECTION("the distance must be within max_distance_km; none means no limit") {
    d.max_distance_m = 50000;
    CHECK_FALSE(eligible(d, s, &m));
    d.max_distance_m = -1;
    CHECK(eligible(d, s, &m));
  }
}

TEST_CASE("eligible_pairs lists every eligible pair in (contract, offer) order") {
  std::vector<Demand> ds = {tanhiep(), tanhiep()};
  ds[1].id = "ct-2";
  ds[1].product_id = "tea-dahen-green";
  std::vector<Supply> ss = {thanhnam(), thanhnam(), thanhnam()};
  ss[1].id = "of-2";
  ss[1].product_id = "tea-dahen-green";
  ss[2].id = "of-3";
  auto pairs = eligible_pairs(ds, ss);
  REQUIRE(pairs.size() == 3);
  CHECK((pairs[0].demand == 0 && pairs[0].supply == 0));
  CHECK((pairs[1].demand == 0 && pairs[1].supply == 2));
  CHECK((pairs[2].demand == 1 && pairs[2].supply == 1));
  SECTION("an excluded pair is left out") {
    auto veto = [](const Demand& d, const Supply& s, const void*) {
      return d.id == "ct-1" && s.id == "of-3";
    };
    CHECK(eligible_pairs(ds, ss, veto, nullptr).size() == 2);
  }
}
