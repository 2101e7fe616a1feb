// Specification of the offer index (offer_index.hpp): eligible_pairs, which prunes with it, returns
// exactly the pairs of the naive all-pairs search, on random instances crowded with edge cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "eligibility.hpp"
#include "offer_index.hpp"

using namespace lienket::offtake;

namespace {

struct Random {
  std::mt19937_64 rng;
  int pick(int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); }
  double uniform(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  }
};

// Places cluster around a few points, some of them awkward: the antimeridian, near the poles, the
// equator, and a few invalid coordinates.
Place place(Random& r) {
  static const Place kSpots[] = {{21.0, 105.8}, {10.8, 106.7}, {0.0, 179.9},
                                 {0.0, -179.9}, {89.5, 10.0},  {-89.9, -60.0}};
  switch (r.pick(40)) {
    case 0:
      return {std::numeric_limits<double>::quiet_NaN(), 105.0};
    case 1:
      return {95.0, 105.0};
    case 2:
      return {21.0, 200.0};
    default:
      break;
  }
  const Place& c = kSpots[r.pick(6)];
  const double spread = r.pick(4) == 0 ? 0.0 : r.uniform(0, 4);  // some exactly at the spot
  return {std::clamp(c.lat + r.uniform(-spread, spread), -90.0, 90.0),
          std::remainder(c.lon + r.uniform(-spread, spread) * 2, 360.0)};
}

const char* kCerts[] = {"VietGAP", "GlobalGAP", "organic"};
const char* kGrades[] = {"", "loại 1", "loại 2"};

Supply offer(Random& r, int j) {
  Supply s;
  s.id = "of-" + std::to_string(j);
  const int product = r.pick(6);
  s.product_id = "p" + std::to_string(product);
  s.category = product == 5 ? "" : "c" + std::to_string(product % 2);  // p5 has no category
  s.unit = r.pick(8) == 0 ? "piece" : "g";
  for (const char* c : kCerts)
    if (r.pick(2) == 0) s.certifications.push_back(c);
  s.ocop_stars = r.pick(6);
  s.grade = kGrades[r.pick(3)];
  s.from_day = 100 + r.pick(30);
  s.to_day = s.from_day + r.pick(20) - (r.pick(20) == 0 ? 25 : 0);  // a few inverted windows
  s.min_unit_price_vnd = 1000 * (1 + r.pick(5));
  s.place = place(r);
  s.quantity = 1 + r.pick(100);
  return s;
}

Demand contract(Random& r, int i) {
  Demand d;
  d.id = "ct-" + std::to_string(i);
  const int product = r.pick(7);  // p6 is offered by nobody
  if (r.pick(4) == 0) {
    d.category = r.pick(10) == 0 ? "" : "c" + std::to_string(product % 3);  // c2: no offer
  } else {
    d.product_id = "p" + std::to_string(product);
  }
  d.unit = r.pick(8) == 0 ? "piece" : "g";
  for (const char* c : kCerts)
    if (r.pick(4) == 0) d.certifications.push_back(c);
  d.min_ocop_stars = r.pick(4);
  d.grade = kGrades[r.pick(3)];
  d.from_day = 100 + r.pick(30);
  d.to_day = d.from_day + r.pick(15);
  d.unit_price_vnd = 1000 * (1 + r.pick(5));
  d.place = place(r);
  switch (r.pick(5)) {
    case 0:
      d.max_distance_m = -1;  // no limit
      break;
    case 1:
      d.max_distance_m = r.pick(3) == 0 ? 0 : r.pick(20000);  // at the spot, or a few km
      break;
    default:
      d.max_distance_m = 1000 * (50 + r.pick(800));
  }
  d.quantity = 1 + r.pick(100);
  return d;
}

}  // namespace

TEST_CASE("eligible_pairs finds exactly the pairs of the naive search") {
  SECTION("on random instances with every kind of edge case") {
    Random r{std::mt19937_64(20260317)};
    std::size_t total = 0;
    for (int round = 0; round < 60; ++round) {
      std::vector<Demand> ds;
      std::vector<Supply> ss;
      for (int i = 0, n = 1 + r.pick(60); i < n; ++i) ds.push_back(contract(r, i));
      for (int j = 0, n = 1 + r.pick(400); j < n; ++j) ss.push_back(offer(r, j));
      const auto naive = eligible_pairs_naive(ds, ss);
      INFO("round " << round);
      CHECK(eligible_pairs(ds, ss) == naive);
      total += naive.size();
    }
    INFO("pairs found " << total);
    CHECK(total > 1000);  // the instances do have pairs to find
  }
  SECTION("windows touching at one day, on both sides") {
    Random r{std::mt19937_64(7)};
    std::vector<Demand> ds = {contract(r, 0)};
    ds[0].product_id = "p0", ds[0].certifications.clear(), ds[0].grade.clear();
    ds[0].min_ocop_stars = 0, ds[0].unit_price_vnd = 1'000'000, ds[0].max_distance_m = -1;
    ds[0].from_day = 200, ds[0].to_day = 210;
    std::vector<Supply> ss;
    for (std::int64_t from = 150; from <= 220; ++from) {
      Supply s = offer(r, static_cast<int>(ss.size()));
      s.product_id = "p0", s.from_day = from, s.to_day = from + 50 - (from % 50);
      ss.push_back(s);
    }
    CHECK(eligible_pairs(ds, ss) == eligible_pairs_naive(ds, ss));
  }
  SECTION("a disc at the edge of the distance limit") {
    // Offers on a ring around the contract, at distances just under and over the limit.
    Demand d;
    d.id = "ct", d.product_id = "p", d.unit = "g", d.place = {21.0, 105.8};
    d.from_day = 0, d.to_day = 10, d.unit_price_vnd = 10, d.max_distance_m = 100'000;
    std::vector<Supply> ss;
    for (int k = 0; k < 720; ++k) {
      Supply s;
      s.id = "of", s.product_id = "p", s.unit = "g", s.from_day = 0, s.to_day = 10;
      const double bearing = k * 3.14159265358979 / 360, reach = (99.0 + (k % 3)) / 111.2;
      s.place = {d.place.lat + reach * std::cos(bearing),
                 d.place.lon + reach * std::sin(bearing) / std::cos(d.place.lat * 0.01745)};
      ss.push_back(s);
    }
    const auto naive = eligible_pairs_naive({d}, ss);
    CHECK(!naive.empty());
    CHECK(naive.size() < ss.size());
    CHECK(eligible_pairs({d}, ss) == naive);
  }
}

TEST_CASE("the offer index only ever adds candidates, never loses one") {
  Random r{std::mt19937_64(99)};
  std::vector<Supply> ss;
  for (int j = 0; j < 300; ++j) ss.push_back(offer(r, j));
  for (double cell : {0.1, 0.7, 2.0}) {
    const OfferIndex index(ss, cell);
    for (int i = 0; i < 200; ++i) {
      const Demand d = contract(r, i);
      std::vector<std::size_t> got;
      index.candidates(d, &got);
      std::sort(got.begin(), got.end());
      for (std::size_t j = 0; j < ss.size(); ++j) {
        std::int64_t m = 0;
        if (!eligible(d, ss[j], &m)) continue;
        INFO("cell " << cell << " contract " << i << " offer " << j);
        CHECK(std::binary_search(got.begin(), got.end(), j));
      }
    }
  }
}
