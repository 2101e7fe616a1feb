#include "interest.hpp"

#include <algorithm>

#include "money.hpp"

namespace lienket::farming {

AdvanceCost advance_cost(std::int64_t principal, std::int64_t advance_day, std::int64_t settle_day,
                         const InterestRule& rule, const std::vector<Repayment>& repayments) {
  AdvanceCost cost;
  const std::int64_t from = advance_day + std::max<std::int64_t>(0, rule.grace_days);
  // Principal-days owed in [from, settle_day), walking the repayments in date order.
  __int128 weighted = 0;
  std::int64_t owed = principal, day = from;
  auto accrue_until = [&](std::int64_t until) {
    until = std::min(until, settle_day);
    if (until > day) weighted += static_cast<__int128>(owed) * (until - day);
    day = std::max(day, until);
  };
  for (const auto& r : repayments) {
    accrue_until(r.day);
    const std::int64_t applied = std::clamp<std::int64_t>(r.value, 0, owed);
    owed -= applied;
    cost.applied.push_back(applied);
    cost.repaid += applied;
  }
  accrue_until(settle_day);
  if (rule.bp_per_month <= 0 || weighted <= 0) return cost;
  __int128 interest = weighted * rule.bp_per_month / (kBasisPoints * 30);
  if (rule.cap_bp)
    interest = std::min<__int128>(interest,
                                  static_cast<__int128>(principal) * *rule.cap_bp / kBasisPoints);
  cost.interest = static_cast<std::int64_t>(std::min<__int128>(interest, kMaxMoney));
  return cost;
}

}  // namespace lienket::farming
