// Interest on an advance: per agreement, with a grace period and a cap, and stopped on what
// deliveries in kind repaid from their date.
#include <catch2/catch.hpp>

#include "interest.hpp"
#include "settlement.hpp"

using namespace lienket::farming;

TEST_CASE("interest with no grace, cap or repayment is the rule of 0.2.0", "[interest]") {
  for (std::int64_t days : {0, 1, 29, 30, 45, 365})
    CHECK(advance_cost(12'345'678, 100, 100 + days, {150, std::nullopt, 0}, {}).interest ==
          advance_interest(12'345'678, 150, days));
}

TEST_CASE("a grace period delays interest, a cap bounds it", "[interest]") {
  // 10,000,000 at 1 % a month for 90 days with 30 days' grace: 60 days charged.
  CHECK(advance_cost(10'000'000, 0, 90, {100, std::nullopt, 30}, {}).interest == 200'000);
  CHECK(advance_cost(10'000'000, 0, 20, {100, std::nullopt, 30}, {}).interest == 0);
  // Capped at 1.5 % of the advance.
  CHECK(advance_cost(10'000'000, 0, 90, {100, 150, 0}, {}).interest == 150'000);
  CHECK(advance_cost(10'000'000, 0, 30, {100, 150, 0}, {}).interest == 100'000);
}

TEST_CASE("a repayment in kind stops interest on what it repaid from its date", "[interest]") {
  // 10,000,000 advanced on day 0; 4,000,000 repaid in kind on day 30; settled on day 60.
  // principal-days: 10,000,000 x 30 + 6,000,000 x 30 = 480,000,000; at 1 %: 160,000.
  auto c = advance_cost(10'000'000, 0, 60, {100, std::nullopt, 0}, {{30, 4'000'000}});
  CHECK(c.interest == 160'000);
  CHECK(c.repaid == 4'000'000);
  SECTION("a repayment beyond the principal applies only up to it") {
    auto over =
        advance_cost(1'000'000, 0, 60, {100, std::nullopt, 0}, {{10, 700'000}, {20, 700'000}});
    CHECK(over.applied == std::vector<std::int64_t>{700'000, 300'000});
    CHECK(over.repaid == 1'000'000);
    // 1,000,000 x 10 + 300,000 x 10 = 13,000,000 principal-days: 4,333.33 -> 4,333
    CHECK(over.interest == 4'333);
  }
  SECTION("a repayment inside the grace period counts from the grace's end") {
    auto g = advance_cost(10'000'000, 0, 60, {100, std::nullopt, 30}, {{10, 4'000'000}});
    CHECK(g.interest == 60'000);  // 6,000,000 x 30 days
  }
}
