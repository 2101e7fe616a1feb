#include "price_terms.hpp"

#include <algorithm>

#include "money.hpp"

namespace lienket::farming {

namespace {

const char* kind_name(PriceKind k) {
  switch (k) {
    case PriceKind::kFixed:
      return "fixed";
    case PriceKind::kFloor:
      return "floor";
    case PriceKind::kGraded:
      return "graded";
  }
  return "fixed";
}

// Reads {"A": n, "B": n, "C": n} with each value in [min, max].
std::map<std::string, std::int64_t> decode_grade_map(Fields& parent, const char* key,
                                                     std::int64_t min, std::int64_t max) {
  std::map<std::string, std::int64_t> out;
  if (!parent.has(key)) return out;
  Fields g = parent.object(key);
  g.only({"A", "B", "C"});
  for (const char* grade : {"A", "B", "C"}) {
    auto v = g.opt_integer(grade, min, max);
    if (v) out[grade] = *v;
  }
  return out;
}

}  // namespace

bool is_grade(const std::string& g) { return g == "A" || g == "B" || g == "C"; }

PriceTerms decode_price_terms(Fields& f) {
  PriceTerms t;
  f.only({"kind", "unit_price_vnd", "floor_price_vnd", "discount_bp", "grade_prices",
          "grade_differentials_vnd"});
  std::string kind = f.str("kind", 10);
  if (!f.ok()) return t;
  if (kind == "fixed") {
    t.kind = PriceKind::kFixed;
    t.unit_price_vnd = f.integer("unit_price_vnd", 1, kMaxUnitPrice);
  } else if (kind == "floor") {
    t.kind = PriceKind::kFloor;
    t.floor_price_vnd = f.integer("floor_price_vnd", 1, kMaxUnitPrice);
    t.discount_bp = f.opt_integer("discount_bp", 0, kBasisPoints - 1).value_or(0);
  } else if (kind == "graded") {
    t.kind = PriceKind::kGraded;
    t.grade_prices = decode_grade_map(f, "grade_prices", 1, kMaxUnitPrice);
    if (f.ok() && t.grade_prices.empty())
      f.fail("grade_prices", "must price at least one of A, B, C");
  } else {
    f.fail("kind", "must be one of fixed, floor, graded");
    return t;
  }
  if (t.kind == PriceKind::kGraded) {
    if (f.has("unit_price_vnd")) f.fail("unit_price_vnd", "is not used by graded terms");
    if (f.has("grade_differentials_vnd"))
      f.fail("grade_differentials_vnd", "is not used by graded terms");
  } else {
    if (f.has("grade_prices")) f.fail("grade_prices", "is only used by graded terms");
    t.grade_differentials =
        decode_grade_map(f, "grade_differentials_vnd", -kMaxUnitPrice, kMaxUnitPrice);
  }
  if (t.kind != PriceKind::kFloor) {
    if (f.has("floor_price_vnd")) f.fail("floor_price_vnd", "is only used by floor terms");
    if (f.has("discount_bp")) f.fail("discount_bp", "is only used by floor terms");
  }
  if (t.kind == PriceKind::kFloor && f.has("unit_price_vnd"))
    f.fail("unit_price_vnd", "is not used by floor terms (use floor_price_vnd)");
  return t;
}

events::Price price_record(const PriceTerms& t) {
  events::Price p;
  p.kind = kind_name(t.kind);
  if (t.kind == PriceKind::kFixed) p.unit_price_vnd = t.unit_price_vnd;
  if (t.kind == PriceKind::kFloor) {
    p.floor_price_vnd = t.floor_price_vnd;
    p.discount_bp = t.discount_bp;
  }
  if (t.kind == PriceKind::kGraded) p.grade_prices = t.grade_prices;
  p.grade_differentials_vnd = t.grade_differentials;
  return p;
}

nlohmann::json to_json(const PriceTerms& t) { return price_record(t); }

PriceTerms price_terms_from_json(const nlohmann::json& j) {
  PriceTerms t;
  std::string kind = j.value("kind", "fixed");
  t.kind = kind == "floor"    ? PriceKind::kFloor
           : kind == "graded" ? PriceKind::kGraded
                              : PriceKind::kFixed;
  t.unit_price_vnd = j.value("unit_price_vnd", std::int64_t{0});
  t.floor_price_vnd = j.value("floor_price_vnd", std::int64_t{0});
  t.discount_bp = j.value("discount_bp", std::int64_t{0});
  if (j.contains("grade_prices"))
    t.grade_prices = j["grade_prices"].get<std::map<std::string, std::int64_t>>();
  if (j.contains("grade_differentials_vnd"))
    t.grade_differentials = j["grade_differentials_vnd"].get<std::map<std::string, std::int64_t>>();
  return t;
}

bool needs_market_price(const PriceTerms& t) { return t.kind == PriceKind::kFloor; }

bool prices_grade(const PriceTerms& t, const std::string& grade) {
  if (!is_grade(grade)) return false;
  return t.kind != PriceKind::kGraded || t.grade_prices.count(grade) > 0;
}

Result<std::int64_t> unit_price(const PriceTerms& t, const std::string& grade,
                                std::optional<std::int64_t> market) {
  if (!prices_grade(t, grade))
    return Status::FailedPrecondition("the price terms do not price grade " + grade);
  if (t.kind == PriceKind::kGraded) return t.grade_prices.at(grade);
  std::int64_t base = t.unit_price_vnd;
  if (t.kind == PriceKind::kFloor) {
    if (!market)
      return Status::FailedPrecondition("floor price terms need a market reference price");
    // Rounded down: the discounted market price is what the enterprise owes at most.
    base = std::max(t.floor_price_vnd, apply_bp(*market, kBasisPoints - t.discount_bp));
  }
  auto it = t.grade_differentials.find(grade);
  if (it != t.grade_differentials.end()) base += it->second;
  return std::max<std::int64_t>(base, 0);
}

}  // namespace lienket::farming
