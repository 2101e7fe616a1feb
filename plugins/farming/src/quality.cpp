#include "quality.hpp"

#include <algorithm>
#include <string>

#include "money.hpp"

namespace lienket::farming {

std::optional<std::int64_t> deduction_bp(const events::DeductionTable& table,
                                         std::int64_t measured_bp) {
  if (measured_bp <= table.base_bp) return 0;
  if (table.bands.empty()) return measured_bp - table.base_bp;
  for (const auto& band : table.bands)
    if (measured_bp <= band.up_to_bp) return band.deduct_bp;
  return std::nullopt;
}

namespace {

// The weight one measurement takes off `accepted`, or the refusal naming its field.
Result<std::int64_t> deduction(std::int64_t accepted, std::optional<std::int64_t> measured,
                               const std::optional<events::DeductionTable>& table,
                               const char* field, const char* what) {
  if (!measured || !table) return std::int64_t{0};
  auto bp = deduction_bp(*table, *measured);
  if (!bp) {
    if (accepted == 0) return std::int64_t{0};  // a wholly rejected lot may measure anything
    return Status::FailedPrecondition(
        std::string(field) + " " + std::to_string(*measured) + " bp is above the last band (" +
            std::to_string(table->bands.back().up_to_bp) + " bp) of the agreement's " + what +
            " table: the lot is not acceptable; record it as rejected",
        field);
  }
  return apply_bp(accepted, std::min(*bp, kBasisPoints));
}

}  // namespace

Result<QualityOutcome> assess_quality(const QualityMeasures& m,
                                      const std::optional<events::QualityTerms>& terms) {
  QualityOutcome out;
  out.accepted = m.quantity - m.rejected;
  const std::optional<events::DeductionTable> none;
  auto moisture = deduction(out.accepted, m.moisture_bp, terms ? terms->moisture : none,
                            "body.moisture_bp", "moisture");
  if (!moisture.ok()) return moisture.status();
  auto foreign = deduction(out.accepted, m.foreign_matter_bp, terms ? terms->foreign_matter : none,
                           "body.foreign_matter_bp", "foreign matter");
  if (!foreign.ok()) return foreign.status();
  out.moisture_deduction = *moisture;
  out.foreign_matter_deduction = *foreign;
  out.deducted = std::min(out.accepted, *moisture + *foreign);
  out.net = out.accepted - out.deducted;
  return out;
}

}  // namespace lienket::farming
