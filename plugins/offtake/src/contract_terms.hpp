// The terms a buyer writes into a purchase contract beyond quantity and price, which every
// consumption contract signed under it carries (docs/protocol-offtake.md, "Contract terms"):
//   tolerance_bp        quantity tolerance, e.g. 500 = ±5 %: delivering within it fulfils
//   grace_days          days after deliver_to before an unfinished contract is breached
//                       (default: the node's breach_grace_days)
//   grade_prices        a lower grade's price as basis points of the contract price
//                       ({"grade": "loại 2", "price_bp": 8500}: 85 %)
//   deductions          weight deducted for a measured defect, by bands: the band with the highest
//                       `above_bp` below the measurement applies (moisture 13.5 % over a band
//                       "above 1250 bp deduct 100 bp" deducts 1 % of the weight)
//   deposit_bp, deposit_due_days      a deposit (of the value at signing) due N days after signing
//   payment_due_days    a delivery's value is due N days after its acceptance
//   late_interest_bp_per_month        simple interest on what is overdue, 30-day months
//   penalty_bp          the agreed penalty on the value of the breached part (at most 800 bp: the
//                       8 % ceiling of Luật Thương mại 2005, art. 301)
//   call_offs           a delivery schedule: windows inside deliver_from..deliver_to, each with a
//                       share of the quantity in basis points, the shares adding up to 10000
// Pure values and their validation; no store.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/fields.hpp"
#include "lienket/status.hpp"

namespace lienket::offtake {

inline constexpr std::int64_t kBasis = 10'000;           // basis points in a whole
inline constexpr std::int64_t kMaxPenaltyBp = 800;       // Luật Thương mại 2005, art. 301
inline constexpr std::int64_t kMaxLateInterestBp = 500;  // 5 % a month: above that, usury
inline constexpr std::int64_t kMaxTermDays = 365;

struct GradePrice {
  std::string grade;
  std::int64_t price_bp = kBasis;
};

struct DeductionBand {
  std::string measure;  // "moisture", "foreign_matter", "broken", ...
  std::int64_t above_bp = 0;
  std::int64_t deduct_bp = 0;
};

struct CallOffShare {
  std::string from, to;  // dates, inclusive
  std::int64_t share_bp = 0;
};

struct ContractTerms {
  std::int64_t tolerance_bp = 0;
  std::optional<std::int64_t> grace_days;
  std::vector<GradePrice> grade_prices;
  std::vector<DeductionBand> deductions;
  std::int64_t deposit_bp = 0;
  std::int64_t deposit_due_days = 0;
  std::int64_t payment_due_days = 0;
  std::int64_t late_interest_bp_per_month = 0;
  std::int64_t penalty_bp = 0;
  std::vector<CallOffShare> call_offs;

  bool empty() const;
  // The price of `grade` as basis points of the contract price: 10000 unless the table lists it.
  std::int64_t grade_price_bp(const std::string& grade) const;
  // Weight deducted, in basis points, for measurements {measure: value in bp}: the sum over
  // measures of the band that applies. Measures the table does not name deduct nothing.
  std::int64_t deduction_bp(const std::map<std::string, std::int64_t>& measured) const;
};

// Reads `terms` (found at `path`, e.g. "body.terms") for a contract delivered
// deliver_from..deliver_to. Errors name the field ("body.terms.call_offs[1].from").
Result<ContractTerms> read_terms(const nlohmann::json& terms, const std::string& path,
                                 const std::string& deliver_from, const std::string& deliver_to);

// The call-off windows must lie inside a delivery window that may since have changed.
Status check_call_off_windows(const std::vector<CallOffShare>& call_offs,
                              const std::string& deliver_from, const std::string& deliver_to,
                              const std::string& field);

nlohmann::json to_json(const ContractTerms& t);
ContractTerms terms_from_json(const nlohmann::json& j);  // throws on a corrupt record

// floor(value x bp / 10000) without overflow for any value and bp the schemas allow.
std::int64_t bp_of(std::int64_t value, std::int64_t bp);

}  // namespace lienket::offtake
