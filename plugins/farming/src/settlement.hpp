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
//  From plugin version 0.3.0 a household may also carry (docs/protocol-farming.md):
//  4. in-kind repayments R_i (deliveries against an advance, computed by interest.hpp): the
//     household bears them itself, and only D - sum R_i is split as in 3; its advance share is
//     R_i + its part of the split;
//  5. tax withheld floor(g_i x tax_bp / 10000), the cooperative's service fee floor(q_i x fee /
//     units per priced unit) on its net quantity q_i, a side-selling penalty and a debt carried in
//     from an earlier season (both computed by the caller).
//  d_i is the sum of 4 and 5; net_i = g_i - d_i. The enterprise pays the cooperative
//  G - D - tax - side-selling + non-acceptance; the cooperative keeps fees + carried +
//  non-acceptance, and pays the households the rest, the sum of net_i, to the dong.
#pragma once

#include <cstdint>
#include <map>
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

// What a household owes besides its share of the advances, computed by the caller.
struct HouseholdExtras {
  std::int64_t repaid_in_kind = 0;  // its deliveries applied to advances
  std::int64_t side_selling = 0;
  std::int64_t carried_in = 0;
};

// The season's rates (the agreement version in force at settlement).
struct SeasonRates {
  std::int64_t tax_bp = 0;
  std::int64_t service_fee = 0;     // VND per kg / litre / piece
  std::int64_t non_acceptance = 0;  // VND the enterprise pays the cooperative
};

struct HouseholdStatement {
  std::string household_id;
  std::vector<StatementLine> lines;  // ordered by grade, then unit price
  std::int64_t quantity = 0;
  std::int64_t gross = 0;
  std::int64_t advance_share = 0;  // including repaid_in_kind
  std::int64_t repaid_in_kind = 0;
  std::int64_t tax = 0;
  std::int64_t service_fee = 0;
  std::int64_t side_selling = 0;
  std::int64_t carried_in = 0;
  std::int64_t deduction = 0;  // the sum of the five above (advance_share includes in kind)
  std::int64_t net = 0;
};

struct SettlementFigures {
  std::vector<HouseholdStatement> households;  // ordered by household id
  std::int64_t quantity = 0;
  std::int64_t gross = 0;
  std::int64_t advances = 0;
  std::int64_t interest = 0;
  std::int64_t repaid_in_kind = 0;
  std::int64_t tax = 0;
  std::int64_t service_fees = 0;
  std::int64_t side_selling = 0;
  std::int64_t non_acceptance = 0;
  std::int64_t carried_in = 0;
  std::int64_t deductions = 0;      // advances + interest + tax + fees + side-selling + carried in
  std::int64_t households_net = 0;  // gross - deductions: the sum of the households' nets
  std::int64_t cooperative_retains = 0;  // service fees + carried in + non-acceptance
  std::int64_t net = 0;  // households_net + cooperative_retains: payable to the cooperative
};

// Simple interest on an advance: floor(value x bp_per_month x days / (10000 x 30)); days < 0 count
// 0.
std::int64_t advance_interest(std::int64_t value, std::int64_t bp_per_month, std::int64_t days);

// Splits `total` (>= 0) into parts proportional to `weights` (>= 0) that add up to `total` exactly
// (largest-remainder method, ties to the larger weight then the lower index). All weights 0: equal
// split. No weights: empty result.
std::vector<std::int64_t> largest_remainder(std::int64_t total,
                                            const std::vector<std::int64_t>& weights);

// The whole settlement. Households are those with deliveries or with extras. failed_precondition
// if a figure would exceed kMaxMoney, or the in-kind repayments exceed the advances' cost.
Result<SettlementFigures> settle(const std::vector<PricedDelivery>& deliveries,
                                 const std::vector<AdvanceCharge>& advances, Unit unit,
                                 const SeasonRates& rates = {},
                                 const std::map<std::string, HouseholdExtras>& extras = {});

}  // namespace lienket::farming
