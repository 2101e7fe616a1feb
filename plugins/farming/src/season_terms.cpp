#include "season_terms.hpp"

#include <string>

#include "money.hpp"

namespace lienket::farming {

namespace {

using events::DeductionBand;
using events::DeductionTable;

// A list element is read by a Fields of its own, whose error is not its parent's: the first one is
// kept here, naming the element's field (body.quality.moisture.bands[1].up_to_bp).
struct ElementErrors {
  Status first;
  void keep(const Fields& f) {
    if (first.ok() && !f.ok()) first = f.status();
  }
};

// bands: 1..20 of {up_to_bp, deduct_bp}, up_to_bp strictly ascending above the base.
std::vector<DeductionBand> decode_bands(Fields& t, std::int64_t base_bp, ElementErrors& errors) {
  std::vector<DeductionBand> out;
  if (!t.has("bands") || !t.ok()) return out;
  const nlohmann::json& raw = t.raw()["bands"];
  if (!raw.is_array() || raw.empty() || raw.size() > kMaxDeductionBands) {
    t.fail("bands", "must be a list of 1 to 20 {up_to_bp, deduct_bp}");
    return out;
  }
  std::int64_t previous = base_bp;
  for (std::size_t i = 0; i < raw.size() && errors.first.ok(); ++i) {
    Fields b(raw[i], t.path("bands") + "[" + std::to_string(i) + "]");
    b.only({"up_to_bp", "deduct_bp"});
    DeductionBand band{b.integer("up_to_bp", 0, kBasisPoints),
                       b.integer("deduct_bp", 0, kBasisPoints)};
    if (b.ok() && band.up_to_bp <= previous)
      b.fail("up_to_bp", "must be above the base and the band before it");
    errors.keep(b);
    previous = band.up_to_bp;
    out.push_back(band);
  }
  return out;
}

std::optional<DeductionTable> decode_table(Fields& q, const char* key, ElementErrors& errors) {
  if (!q.has(key)) return std::nullopt;
  Fields t = q.object(key);
  t.only({"base_bp", "bands"});
  DeductionTable table;
  table.base_bp = t.integer("base_bp", 0, kBasisPoints);
  table.bands = decode_bands(t, table.base_bp, errors);
  return table;
}

events::QualityTerms decode_quality(Fields& f, ElementErrors& errors) {
  Fields q = f.object("quality");
  q.only({"moisture", "foreign_matter"});
  events::QualityTerms out;
  out.moisture = decode_table(q, "moisture", errors);
  out.foreign_matter = decode_table(q, "foreign_matter", errors);
  if (q.ok() && !out.moisture && !out.foreign_matter)
    q.fail("moisture", "or foreign_matter is required: a quality term needs a table");
  return out;
}

events::InterestTerms decode_interest(Fields& f) {
  Fields i = f.object("advance_interest");
  i.only({"bp_per_month", "cap_bp", "grace_days"});
  return {i.integer("bp_per_month", 0, kBasisPoints), i.opt_integer("cap_bp", 0, kBasisPoints),
          i.opt_integer("grace_days", 0, kMaxGraceDays)};
}

events::PenaltyTerms decode_penalties(Fields& f) {
  Fields p = f.object("penalties");
  p.only({"side_selling", "non_acceptance"});
  events::PenaltyTerms out;
  if (p.has("side_selling")) {
    Fields s = p.object("side_selling");
    s.only({"min_delivery_bp", "vnd_per_unit"});
    out.side_selling = events::SideSellingClause{s.integer("min_delivery_bp", 1, kBasisPoints),
                                                 s.integer("vnd_per_unit", 1, kMaxUnitPrice)};
  }
  if (p.has("non_acceptance")) {
    Fields n = p.object("non_acceptance");
    n.only({"vnd_per_unit"});
    out.non_acceptance = events::NonAcceptanceClause{n.integer("vnd_per_unit", 1, kMaxUnitPrice)};
  }
  if (p.ok() && !out.side_selling && !out.non_acceptance)
    p.fail("side_selling", "or non_acceptance is required: a penalties term needs a clause");
  return out;
}

}  // namespace

Status decode_season_terms(Fields& f, events::Agreement& a) {
  ElementErrors errors;
  if (f.ok() && f.has("quality")) a.quality = decode_quality(f, errors);
  if (!f.ok()) return f.status();
  if (!errors.first.ok()) return errors.first;
  if (f.ok() && f.has("advance_interest")) a.advance_interest = decode_interest(f);
  if (auto fee = f.opt_integer("service_fee_vnd", 0, kMaxUnitPrice)) a.service_fee_vnd = *fee;
  if (auto tax = f.opt_integer("tax_withholding_bp", 0, kBasisPoints)) a.tax_withholding_bp = *tax;
  if (f.ok() && f.has("penalties")) a.penalties = decode_penalties(f);
  return f.status();
}

}  // namespace lienket::farming
