// Settlement arithmetic: what a season's deliveries are worth, what the advances cost, and what
// each member household is owed, in integer VND. Pure: no store, no clock.
//
// Rounding rule (docs/protocol-farming.md, "Settlement"):
//  1. A household's deliveries are grouped into lines of equal grade and unit price; each line is
//     worth floor(quantity x unit price / units per priced unit) (1000 for g and ml, 1 for pieces).
//     A household's gross is the sum of its lines; the cooperative's gross is the sum of the
//     households' gross, so it is exact by construction (each line drops less than 1 VND).
//  2. Each advance costs its value plus simple interest floor(value x bp_per_month x days /
//  300000),
//     days being whole calendar days from the advance date to the settlement date (30-day months).
//  3. The total deduction D is split over the households pro rata to gross by the largest-remainder
//     method: household i gets floor(D x g_i / G); the D - sum of those dong left over go one each
//     to the households with the largest remainders (ties: larger gross, then household id order).
//     If G is 0 the split is equal. The parts add up to D exactly; net_i = g_i - d_i (it may be
//     negative: the household owes the cooperative), and the sum of net_i is G - D to the dong.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lienket/status.hpp"
#include "money.hpp"

namespace lienket::farming {

struct PricedDelivery {
  std::string household_id;
  std::string grade;
  std::int64_t quantity = 0;    // smallest unit
  std::int64_t unit_price = 0;  // VND per kg / litre / piece
};

struct AdvanceCharge {
  std::int64_t value = 0;     // VND
  std::int64_t interest = 0;  // VND, from advance_interest()
};

struct StatementLine {
  std::string grade;
  std::int64_t unit_price = 0;
  std::int64_t quantity = 0;
  std::int64_t value = 0;
};

struct HouseholdStatement {
  std::string household_id;
  std::vector<StatementLine> lines;  // ordered by grade, then unit price
  std::int64_t quantity = 0;
  std::int64_t gross = 0;
  std::int64_t deduction = 0;
  std::int64_t net = 0;
};

struct SettlementFigures {
  std::vector<HouseholdStatement> households;  // ordered by household id
  std::int64_t quantity = 0;
  std::int64_t gross = 0;
  std::int64_t advances = 0;
  std::int64_t interest = 0;
  std::int64_t deductions = 0;  // advances + interest
  std::int64_t net = 0;  // gross - deductions: payable to the cooperative (negative: owed back)
};

// Simple interest on an advance: floor(value x bp_per_month x days / (10000 x 30)); days < 0 count
// 0.
std::int64_t advance_interest(std::int64_t value, std::int64_t bp_per_month, std::int64_t days);

// Splits `total` (>= 0) into parts proportional to `weights` (>= 0) that add up to `total` exactly
// (largest-remainder method, ties to the larger weight then the lower index). All weights 0: equal
// split. No weights: empty result.
std::vector<std::int64_t> largest_remainder(std::int64_t total,
                                            const std::vector<std::int64_t>& weights);

// The whole settlement. failed_precondition if a figure would exceed kMaxMoney.
Result<SettlementFigures> settle(const std::vector<PricedDelivery>& deliveries,
                                 const std::vector<AdvanceCharge>& advances, Unit unit);

}  // namespace lienket::farming
