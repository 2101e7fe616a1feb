// What an advance costs by the settlement date: simple interest on the principal still owed, from
// the end of its grace period, capped; deliveries in kind against it repay principal from their
// date, so interest stops on what they repaid.
//
//   W        = sum over the days d with advance_day + grace_days <= d < settle_day of the
//              principal still owed on day d (a repayment dated r counts from day r on)
//   interest = min(floor(W x bp_per_month / 300000), floor(principal x cap_bp / 10000))
//
// With no grace, no cap and no repayment this is floor(value x bp x days / 300000), the rule of
// plugin versions before 0.3.0. Each repayment applies min(its value, principal still owed): the
// rest of its value is not a repayment (the delivery is paid as any other for that part).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace lienket::farming {

struct InterestRule {
  std::int64_t bp_per_month = 0;
  std::optional<std::int64_t> cap_bp;  // of the principal
  std::int64_t grace_days = 0;
};

struct Repayment {
  std::int64_t day = 0;    // days since 1970
  std::int64_t value = 0;  // VND offered
};

struct AdvanceCost {
  std::int64_t interest = 0;
  std::vector<std::int64_t> applied;  // per repayment, in the order given
  std::int64_t repaid = 0;            // the sum of applied
};

// `repayments` must be in date order.
AdvanceCost advance_cost(std::int64_t principal, std::int64_t advance_day, std::int64_t settle_day,
                         const InterestRule& rule, const std::vector<Repayment>& repayments);

}  // namespace lienket::farming
