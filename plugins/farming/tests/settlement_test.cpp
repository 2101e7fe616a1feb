// Settlement arithmetic: gross by household, advances with interest, and deductions split so that
// every figure adds up to the cooperative's to the dong.
#include <catch2/catch.hpp>

#include <numeric>
#include <random>

#include "settlement.hpp"

using namespace lienket::farming;

TEST_CASE("a line is worth floor(quantity x price / units per priced unit)", "[settlement]") {
  CHECK(*line_value(1'500, 30'000, Unit::kGram) == 45'000);  // 1.5 kg at 30,000/kg
  CHECK(*line_value(1'001, 30'001, Unit::kGram) == 30'031);  // 30,031.001 rounds down
  CHECK(*line_value(7, 25'000, Unit::kPiece) == 175'000);
  CHECK(*line_value(250, 40'000, Unit::kMillilitre) == 10'000);
  SECTION("the largest request values do not overflow") {
    CHECK(*line_value(kMaxQuantity, kMaxUnitPrice, Unit::kGram) ==
          kMaxQuantity / 1000 * kMaxUnitPrice);
    CHECK_FALSE(line_value(kMaxQuantity, kMaxUnitPrice, Unit::kPiece).has_value());
  }
}

TEST_CASE("advance interest is simple, by whole days of 30-day months, rounded down",
          "[settlement]") {
  CHECK(advance_interest(10'000'000, 100, 30) == 100'000);  // 1 % a month for a month
  CHECK(advance_interest(10'000'000, 100, 45) == 150'000);
  CHECK(advance_interest(1'000, 100, 1) == 0);  // 0.33 dong rounds down
  CHECK(advance_interest(10'000'000, 0, 300) == 0);
  CHECK(advance_interest(10'000'000, 100, -5) == 0);  // advanced after the settlement date
}

TEST_CASE("largest remainder splits a total exactly", "[settlement]") {
  SECTION("an even split needs no remainder") {
    CHECK(largest_remainder(300, {1, 1, 1}) == std::vector<std::int64_t>{100, 100, 100});
  }
  SECTION("left-over dong go to the largest remainders") {
    // 100 x 1/3 = 33.33 each: one dong left, to the first on ties.
    CHECK(largest_remainder(100, {1, 1, 1}) == std::vector<std::int64_t>{34, 33, 33});
    // 10 x (2, 3, 5)/10 exact; 11 x (2, 3, 5)/10 = 2.2, 3.3, 5.5 -> 2, 3, 5 + 1 to the .5
    CHECK(largest_remainder(11, {2, 3, 5}) == std::vector<std::int64_t>{2, 3, 6});
  }
  SECTION("ties go to the larger weight") {
    CHECK(largest_remainder(1, {1, 3}) == std::vector<std::int64_t>{0, 1});
  }
  SECTION("all-zero weights split equally") {
    CHECK(largest_remainder(5, {0, 0}) == std::vector<std::int64_t>{3, 2});
  }
  SECTION("zero weight gets nothing when others weigh") {
    CHECK(largest_remainder(7, {0, 5}) == std::vector<std::int64_t>{0, 7});
  }
  SECTION("no weights, no parts") { CHECK(largest_remainder(7, {}).empty()); }
}

TEST_CASE("a settlement of five tea households", "[settlement]") {
  // 5 households, tea at 30,000/kg grade A and 24,000/kg grade B, 12,345,678 VND advanced +
  // interest.
  std::vector<PricedDelivery> d = {
      {"hh-1", "A", 1'200'500, 30'000}, {"hh-1", "B", 300'333, 24'000},
      {"hh-2", "A", 950'000, 30'000},   {"hh-3", "A", 1'100'250, 30'000},
      {"hh-4", "B", 640'010, 24'000},   {"hh-5", "A", 800'001, 30'000},
      {"hh-5", "A", 199'999, 30'000}};
  auto s = settle(d, {{12'000'000, 345'678}}, Unit::kGram);
  REQUIRE(s.ok());
  REQUIRE(s->households.size() == 5);
  SECTION("deliveries of the same grade and price make one line") {
    CHECK(s->households[4].lines.size() == 1);
    CHECK(s->households[4].lines[0].quantity == 1'000'000);
    CHECK(s->households[4].gross == 30'000'000);
  }
  SECTION("each line rounds down on its own") {
    CHECK(s->households[0].gross == 36'015'000 + 7'207'992);  // 7,207,992 from 7,207,992.0
    CHECK(s->households[3].gross == 15'360'240);
  }
  SECTION("the households add up to the cooperative") {
    std::int64_t gross = 0, ded = 0, net = 0;
    for (const auto& h : s->households) gross += h.gross, ded += h.deduction, net += h.net;
    CHECK(gross == s->gross);
    CHECK(ded == 12'345'678);
    CHECK(net == s->net);
    CHECK(s->net == s->gross - 12'345'678);
  }
}

TEST_CASE("a settlement with advances but no deliveries leaves the cooperative owing",
          "[settlement]") {
  auto s = settle({}, {{5'000'000, 0}}, Unit::kPiece);
  REQUIRE(s.ok());
  CHECK(s->households.empty());
  CHECK(s->net == -5'000'000);
}

TEST_CASE("property: member statements sum to the cooperative total to the dong",
          "[settlement][property]") {
  std::mt19937_64 rng(20260301);
  const Unit units[] = {Unit::kGram, Unit::kMillilitre, Unit::kPiece};
  for (int round = 0; round < 2000; ++round) {
    const Unit unit = units[rng() % 3];
    const int households = 1 + static_cast<int>(rng() % 12);
    std::vector<PricedDelivery> deliveries;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      const char grade[] = {static_cast<char>('A' + rng() % 3), 0};
      deliveries.push_back({"hh-" + std::to_string(rng() % households), grade,
                            1 + static_cast<std::int64_t>(rng() % 5'000'000),
                            1 + static_cast<std::int64_t>(rng() % 200'000)});
    }
    std::vector<AdvanceCharge> advances;
    for (int i = static_cast<int>(rng() % 5); i > 0; --i) {
      std::int64_t value = 1 + static_cast<std::int64_t>(rng() % 500'000'000);
      advances.push_back({value, advance_interest(value, static_cast<std::int64_t>(rng() % 300),
                                                  static_cast<std::int64_t>(rng() % 400))});
    }
    auto s = settle(deliveries, advances, unit);
    REQUIRE(s.ok());
    std::int64_t gross = 0, ded = 0, net = 0, qty = 0, expected_ded = 0;
    for (const auto& a : advances) expected_ded += a.value + a.interest;
    for (const auto& h : s->households) {
      std::int64_t lines = 0;
      for (const auto& l : h.lines) {
        lines += l.value;
        REQUIRE(l.value == (l.quantity * l.unit_price) / units_per_priced_unit(unit));
      }
      REQUIRE(lines == h.gross);
      REQUIRE(h.net == h.gross - h.deduction);
      REQUIRE(h.deduction >= 0);
      // Pro rata within one dong of the exact share.
      if (s->gross > 0) {
        long double exact = static_cast<long double>(expected_ded) * h.gross / s->gross;
        REQUIRE(static_cast<long double>(h.deduction) > exact - 1);
        REQUIRE(static_cast<long double>(h.deduction) < exact + 1);
      }
      gross += h.gross, ded += h.deduction, net += h.net, qty += h.quantity;
    }
    REQUIRE(gross == s->gross);
    // With no deliveries there are no member statements: the cooperative alone owes the advances.
    REQUIRE(ded == (s->households.empty() ? 0 : s->deductions));
    REQUIRE(s->deductions == expected_ded);
    REQUIRE(net == (s->households.empty() ? 0 : s->net));
    REQUIRE(s->net == s->gross - expected_ded);
    std::int64_t delivered = 0;
    for (const auto& d : deliveries) delivered += d.quantity;
    REQUIRE(qty == delivered);
  }
}

TEST_CASE("property: largest remainder parts add up and stay within one of the exact share",
          "[settlement][property]") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 5000; ++round) {
    std::vector<std::int64_t> w(1 + rng() % 20);
    for (auto& x : w) x = rng() % 4 == 0 ? 0 : static_cast<std::int64_t>(rng() % 1'000'000'000'000);
    const auto total = static_cast<std::int64_t>(rng() % 1'000'000'000'000);
    auto parts = largest_remainder(total, w);
    REQUIRE(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}) == total);
    const long double sum = std::accumulate(w.begin(), w.end(), 0.0L);
    for (std::size_t i = 0; i < w.size(); ++i) {
      long double exact =
          sum == 0 ? static_cast<long double>(total) / w.size() : total * (w[i] / sum);
      REQUIRE(std::abs(static_cast<long double>(parts[i]) - exact) < 1.0001L);
    }
  }
}

TEST_CASE("a season with in-kind repayments, fees, tax, penalties and debts adds up to the dong",
          "[settlement]") {
  std::vector<PricedDelivery> d = {{"hh-1", "A", 1'200'500, 30'000},
                                   {"hh-2", "A", 950'000, 30'000},
                                   {"hh-3", "B", 640'010, 24'000}};
  SeasonRates rates{150, 1'000, 900'000};
  std::map<std::string, HouseholdExtras> extras{{"hh-1", {3'000'000, 0, 0}},
                                                {"hh-3", {0, 400'000, 0}},
                                                {"hh-4", {0, 0, 250'000}}};  // delivered nothing
  auto s = settle(d, {{12'000'000, 345'678}}, Unit::kGram, rates, extras);
  REQUIRE(s.ok());
  REQUIRE(s->households.size() == 4);
  const auto& h1 = s->households[0];
  CHECK(h1.repaid_in_kind == 3'000'000);
  CHECK(h1.advance_share > 3'000'000);  // its own repayment plus its share of the rest
  CHECK(h1.tax == 36'015'000LL * 150 / 10'000);
  CHECK(h1.service_fee == 1'200'500);
  CHECK(s->households[3].gross == 0);
  CHECK(s->households[3].advance_share == 0);  // nothing delivered: no share of the advances
  CHECK(s->households[3].net == -250'000);
  CHECK(s->non_acceptance == 900'000);
  CHECK(s->cooperative_retains == s->service_fees + 250'000 + 900'000);
  CHECK(s->net == s->gross - 12'345'678 - s->tax - 400'000 + 900'000);
}

TEST_CASE("property: every settlement's parts add up to its totals to the dong", "[settlement]") {
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 2'000; ++round) {
    const int n = 1 + static_cast<int>(rng() % 8);
    std::vector<PricedDelivery> d;
    std::map<std::string, HouseholdExtras> extras;
    for (int i = 0; i < n; ++i) {
      const std::string id = "hh-" + std::to_string(i);
      for (int k = static_cast<int>(rng() % 3); k > 0; --k)
        d.push_back({id, std::string(1, static_cast<char>('A' + rng() % 3)),
                     static_cast<std::int64_t>(1 + rng() % 5'000'000),
                     static_cast<std::int64_t>(1 + rng() % 200'000)});
      if (rng() % 3 == 0)
        extras[id] = {0, static_cast<std::int64_t>(rng() % 1'000'000),
                      static_cast<std::int64_t>(rng() % 1'000'000)};
    }
    std::vector<AdvanceCharge> advances;
    std::int64_t cost = 0;
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) {
      advances.push_back({static_cast<std::int64_t>(1 + rng() % 50'000'000),
                          static_cast<std::int64_t>(rng() % 1'000'000)});
      cost += advances.back().value + advances.back().interest;
    }
    if (cost > 0 && !extras.empty())  // some of it repaid in kind by one household
      extras.begin()->second.repaid_in_kind = static_cast<std::int64_t>(rng() % (cost + 1));
    const SeasonRates rates{static_cast<std::int64_t>(rng() % 1'000),
                            static_cast<std::int64_t>(rng() % 3'000),
                            static_cast<std::int64_t>(rng() % 2'000'000)};
    auto s = settle(d, advances, Unit::kGram, rates, extras);
    REQUIRE(s.ok());
    std::int64_t gross = 0, deductions = 0, net = 0, quantity = 0, fees = 0, carried = 0;
    for (const auto& h : s->households) {
      gross += h.gross;
      quantity += h.quantity;
      deductions += h.deduction;
      net += h.net;
      fees += h.service_fee;
      carried += h.carried_in;
      CHECK(h.deduction == h.advance_share + h.tax + h.service_fee + h.side_selling + h.carried_in);
      CHECK(h.net == h.gross - h.deduction);
      CHECK(h.advance_share >= h.repaid_in_kind);
    }
    CHECK(gross == s->gross);
    CHECK(quantity == s->quantity);
    // With no household statement the whole cost is the cooperative's (net = -cost).
    if (!s->households.empty()) {
      CHECK(deductions == s->deductions);
      CHECK(net == s->households_net);
    }
    CHECK(s->cooperative_retains == fees + carried + rates.non_acceptance);
    CHECK(s->net == s->households_net + s->cooperative_retains);
    CHECK(s->net ==
          s->gross - s->advances - s->interest - s->tax - s->side_selling + s->non_acceptance);
  }
}
