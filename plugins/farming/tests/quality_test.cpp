// Quality at delivery: rejected weight is not paid, and the agreement's deduction tables take
// their share of the accepted weight, rounded down in the household's favour.
#include <catch2/catch.hpp>

#include <random>

#include "quality.hpp"

using namespace lienket::farming;
namespace ev = lienket::farming::events;

namespace {

// Rice-like moisture table: base 14 %, then 1 %, 3 %, 6 % of the weight up to 15, 17, 20 %.
ev::QualityTerms rice() {
  return {ev::DeductionTable{1400, {{1500, 100}, {1700, 300}, {2000, 600}}},
          ev::DeductionTable{200, {}}};
}

}  // namespace

TEST_CASE("a deduction table gives the band's share above the base", "[quality]") {
  const auto t = *rice().moisture;
  CHECK(deduction_bp(t, 1300) == 0);
  CHECK(deduction_bp(t, 1400) == 0);  // at the base: nothing
  CHECK(deduction_bp(t, 1401) == 100);
  CHECK(deduction_bp(t, 1500) == 100);  // a band includes its bound
  CHECK(deduction_bp(t, 1501) == 300);
  CHECK(deduction_bp(t, 2000) == 600);
  CHECK_FALSE(deduction_bp(t, 2001).has_value());  // above the last band: not acceptable
  SECTION("without bands the excess over the base is deducted weight for weight") {
    CHECK(deduction_bp(*rice().foreign_matter, 350) == 150);
    CHECK(deduction_bp(*rice().foreign_matter, 150) == 0);
  }
}

TEST_CASE("net weight: accepted less the deductions, in integer grams", "[quality]") {
  SECTION("no terms: only the rejected part is taken off") {
    auto q = assess_quality({100'000, 2'500, 1800, 500}, std::nullopt);
    REQUIRE(q.ok());
    CHECK(q->accepted == 97'500);
    CHECK(q->deducted == 0);
    CHECK(q->net == 97'500);
  }
  SECTION("moisture 16 % (3 %) and foreign matter 3.5 % (1.5 %) of 1,000,001 g accepted") {
    auto q = assess_quality({1'000'101, 100, 1600, 350}, rice());
    REQUIRE(q.ok());
    CHECK(q->accepted == 1'000'001);
    CHECK(q->moisture_deduction == 30'000);        // 30,000.03 rounds down
    CHECK(q->foreign_matter_deduction == 15'000);  // 15,000.015 rounds down
    CHECK(q->net == 1'000'001 - 45'000);
  }
  SECTION("a lot too wet for the table is refused unless wholly rejected") {
    auto q = assess_quality({100'000, 0, 2100, std::nullopt}, rice());
    REQUIRE_FALSE(q.ok());
    CHECK(q.status().field() == "body.moisture_bp");
    auto rejected = assess_quality({100'000, 100'000, 2100, std::nullopt}, rice());
    REQUIRE(rejected.ok());
    CHECK(rejected->net == 0);
  }
  SECTION("deductions never exceed the accepted weight") {
    ev::QualityTerms harsh{ev::DeductionTable{0, {{10'000, 7'000}}},
                           ev::DeductionTable{0, {{10'000, 7'000}}}};
    auto q = assess_quality({1'000, 0, 5000, 5000}, harsh);
    REQUIRE(q.ok());
    CHECK(q->deducted == 1'000);
    CHECK(q->net == 0);
  }
  SECTION("property: rejected + deducted + net is the quantity delivered, to the gram") {
    std::mt19937_64 rng(16);
    for (int i = 0; i < 5'000; ++i) {
      const std::int64_t quantity = 1 + static_cast<std::int64_t>(rng() % 10'000'000'000ULL);
      const std::int64_t rejected = static_cast<std::int64_t>(rng() % (quantity + 1));
      auto q = assess_quality({quantity, rejected, static_cast<std::int64_t>(rng() % 2001),
                               static_cast<std::int64_t>(rng() % 1000)},
                              rice());
      REQUIRE(q.ok());
      CHECK(rejected + q->deducted + q->net == quantity);
      CHECK(q->net >= 0);
    }
  }
}
