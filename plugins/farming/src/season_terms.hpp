// The optional season terms of an agreement version, beyond its price (docs/protocol-farming.md,
// "Season terms"): quality deduction tables, the interest on advances, the cooperative's service
// fee, tax withheld and penalty clauses. Read from a propose or amend body; an amendment replaces
// only the terms it gives.
#pragma once

#include <cstdint>

#include "lienket/farming/events.hpp"
#include "lienket/fields.hpp"

namespace lienket::farming {

inline constexpr std::size_t kMaxDeductionBands = 20;
inline constexpr std::int64_t kMaxGraceDays = 366;

// Reads quality, advance_interest, service_fee_vnd, tax_withholding_bp and penalties from `f`
// (the body) into `a`, each when present. The first error names its field
// (body.quality.moisture.bands[1].up_to_bp).
Status decode_season_terms(Fields& f, events::Agreement& a);

// The keys decode_season_terms reads, for Fields::only().
inline constexpr const char* kSeasonTermKeys[] = {"quality", "advance_interest", "service_fee_vnd",
                                                  "tax_withholding_bp", "penalties"};

}  // namespace lienket::farming
