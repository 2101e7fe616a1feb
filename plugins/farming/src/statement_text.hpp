// A household's settlement statement as lines it reads, in Vietnamese: what its goods are worth
// line by line, then each deduction, every amount signed (deductions negative) so that the lines
// add up to its net to the dong. Numbers are written the Vietnamese way: 1.200,5 kg, 30.000 đ,
// 1,5%.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lienket/farming/events.hpp"
#include "money.hpp"
#include "settlement.hpp"

namespace lienket::farming {

// "12.015.000 đ"
std::string vn_money(std::int64_t vnd);
// A quantity in the unit people say: 400500 g -> "400,5 kg", 1500 ml -> "1,5 lít", 7 -> "7 sản
// phẩm".
std::string vn_quantity(std::int64_t quantity, Unit unit);
// Basis points as a percentage: 150 -> "1,5%".
std::string vn_percent(std::int64_t bp);

// What the statement says about the side-selling penalty and the debts carried in.
struct StatementContext {
  Unit unit = Unit::kGram;
  std::int64_t service_fee = 0;  // VND per kg / litre / piece
  std::int64_t tax_bp = 0;
  std::int64_t delivered = 0;  // side selling: what counted as delivered
  std::int64_t required = 0;   // side selling: the share of expected yield it had to deliver
  std::vector<events::CarriedDebt> carried_from;
};

std::vector<events::StatementItem> statement_items(const HouseholdStatement& h,
                                                   const StatementContext& c);

}  // namespace lienket::farming
