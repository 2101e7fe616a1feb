// Quality at delivery: what of a delivery's gross weight is paid. A lot may be partly or wholly
// rejected (not paid); of the accepted weight, the agreement's deduction tables take off a share
// for moisture and for foreign matter above their base points. Pure integer arithmetic on the
// product's smallest unit:
//   accepted  = quantity - rejected
//   deduction = floor(accepted x deduct_bp / 10000) for each measurement (rounded in the
//               household's favour), both taken from the accepted weight (not compounded), and
//               together never more than the accepted weight
//   net       = accepted - deductions   (what is paid)
#pragma once

#include <cstdint>
#include <optional>

#include "lienket/farming/events.hpp"
#include "lienket/status.hpp"

namespace lienket::farming {

struct QualityMeasures {
  std::int64_t quantity = 0;  // gross weight delivered
  std::int64_t rejected = 0;  // 0..quantity
  std::optional<std::int64_t> moisture_bp;
  std::optional<std::int64_t> foreign_matter_bp;
};

struct QualityOutcome {
  std::int64_t accepted = 0;
  std::int64_t moisture_deduction = 0;
  std::int64_t foreign_matter_deduction = 0;
  std::int64_t deducted = 0;  // the two deductions, at most `accepted`
  std::int64_t net = 0;
};

// The share of weight a measurement deducts under `table`: 0 at or below the base; the first band
// whose up_to_bp is at least the measurement; without bands, the excess over the base itself.
// nullopt above the last band: the lot is not acceptable under the agreement.
std::optional<std::int64_t> deduction_bp(const events::DeductionTable& table,
                                         std::int64_t measured_bp);

// The outcome of a delivery under the agreement's quality terms (none: only rejections count). A
// measurement without a table in the terms is recorded but deducts nothing. failed_precondition
// naming body.moisture_bp / body.foreign_matter_bp when a measurement is above its table's last
// band while some of the lot is accepted (record such a lot as rejected).
Result<QualityOutcome> assess_quality(const QualityMeasures& m,
                                      const std::optional<events::QualityTerms>& terms);

}  // namespace lienket::farming
