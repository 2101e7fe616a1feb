#include "contract_terms.hpp"

#include <algorithm>
#include <set>

namespace lienket::offtake {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTableRows = 20;

// Each element of the list body...<key>, read by `row` with its own path ("...deductions[2]").
template <typename Row>
Status read_rows(Fields& f, const json& terms, const char* key, std::vector<Row>& out,
                 Row (*row)(Fields&)) {
  auto it = terms.find(key);
  if (it == terms.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return f.fail(key, "must be a list"), f.status();
  if (it->size() > kMaxTableRows)
    return f.fail(key, "has more than " + std::to_string(kMaxTableRows) + " rows"), f.status();
  for (std::size_t i = 0; i < it->size(); ++i) {
    Fields e((*it)[i], f.path(key) + "[" + std::to_string(i) + "]");
    Row r = row(e);
    if (!e.ok()) return e.status();
    out.push_back(std::move(r));
  }
  return Status::Ok();
}

GradePrice grade_row(Fields& e) {
  e.only({"grade", "price_bp"});
  return {e.str("grade", 100), e.integer("price_bp", 1, kBasis)};
}

DeductionBand deduction_row(Fields& e) {
  e.only({"measure", "above_bp", "deduct_bp"});
  return {e.str("measure", 40), e.integer("above_bp", 0, kBasis),
          e.integer("deduct_bp", 0, kBasis)};
}

CallOffShare call_off_row(Fields& e) {
  e.only({"from", "to", "share_bp"});
  return {e.date("from"), e.date("to"), e.integer("share_bp", 1, kBasis)};
}

Status check_grades(const std::vector<GradePrice>& rows, const std::string& path) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!seen.insert(rows[i].grade).second)
      return Status::InvalidArgument(
          path + "[" + std::to_string(i) + "].grade " + rows[i].grade + " is listed twice",
          path + "[" + std::to_string(i) + "].grade");
  return Status::Ok();
}

Status check_bands(const std::vector<DeductionBand>& rows, const std::string& path) {
  std::set<std::pair<std::string, std::int64_t>> seen;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (!seen.insert({rows[i].measure, rows[i].above_bp}).second)
      return Status::InvalidArgument(path + "[" + std::to_string(i) + "] repeats the band above " +
                                         std::to_string(rows[i].above_bp) + " bp of " +
                                         rows[i].measure,
                                     path + "[" + std::to_string(i) + "].above_bp");
  return Status::Ok();
}

Status check_shares(const std::vector<CallOffShare>& rows, const std::string& path) {
  std::int64_t total = 0;
  for (const auto& r : rows) total += r.share_bp;
  if (!rows.empty() && total != kBasis)
    return Status::InvalidArgument(
        path + " shares add up to " + std::to_string(total) + " bp; they must add up to 10000",
        path);
  return Status::Ok();
}

}  // namespace

bool ContractTerms::empty() const { return to_json(*this).empty(); }

std::int64_t ContractTerms::grade_price_bp(const std::string& grade) const {
  for (const auto& g : grade_prices)
    if (g.grade == grade) return g.price_bp;
  return kBasis;
}

std::int64_t ContractTerms::deduction_bp(
    const std::map<std::string, std::int64_t>& measured) const {
  std::int64_t total = 0;
  for (const auto& [measure, value] : measured) {
    const DeductionBand* band = nullptr;
    for (const auto& b : deductions)
      if (b.measure == measure && value > b.above_bp && (!band || b.above_bp > band->above_bp))
        band = &b;
    if (band) total += band->deduct_bp;
  }
  return std::min(total, kBasis);
}

Status check_call_off_windows(const std::vector<CallOffShare>& call_offs,
                              const std::string& deliver_from, const std::string& deliver_to,
                              const std::string& field) {
  for (std::size_t i = 0; i < call_offs.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    const auto& c = call_offs[i];
    if (c.to < c.from)
      return Status::InvalidArgument(at + ".to must not be before its from", at + ".to");
    if (c.from < deliver_from || c.to > deliver_to)
      return Status::InvalidArgument(
          at + " must lie inside the delivery window " + deliver_from + " .. " + deliver_to,
          at + ".from");
    if (i > 0 && c.from <= call_offs[i - 1].to)
      return Status::InvalidArgument(at + ".from must come after the previous call-off's to",
                                     at + ".from");
  }
  return Status::Ok();
}

Result<ContractTerms> read_terms(const json& terms, const std::string& path,
                                 const std::string& deliver_from, const std::string& deliver_to) {
  Fields f(terms, path);
  f.only({"tolerance_bp", "grace_days", "grade_prices", "deductions", "deposit_bp",
          "deposit_due_days", "payment_due_days", "late_interest_bp_per_month", "penalty_bp",
          "call_offs"});
  ContractTerms t;
  t.tolerance_bp = f.opt_integer("tolerance_bp", 0, 5'000).value_or(0);
  t.grace_days = f.opt_integer("grace_days", 0, kMaxTermDays);
  t.deposit_bp = f.opt_integer("deposit_bp", 0, kBasis).value_or(0);
  t.deposit_due_days = f.opt_integer("deposit_due_days", 0, kMaxTermDays).value_or(0);
  t.payment_due_days = f.opt_integer("payment_due_days", 0, kMaxTermDays).value_or(0);
  t.late_interest_bp_per_month =
      f.opt_integer("late_interest_bp_per_month", 0, kMaxLateInterestBp).value_or(0);
  t.penalty_bp = f.opt_integer("penalty_bp", 0, kMaxPenaltyBp).value_or(0);
  if (!f.ok()) return f.status();
  if (!terms.is_object()) return f.status();
  LIENKET_RETURN_IF_ERROR(read_rows(f, terms, "grade_prices", t.grade_prices, &grade_row));
  LIENKET_RETURN_IF_ERROR(read_rows(f, terms, "deductions", t.deductions, &deduction_row));
  LIENKET_RETURN_IF_ERROR(read_rows(f, terms, "call_offs", t.call_offs, &call_off_row));
  LIENKET_RETURN_IF_ERROR(check_grades(t.grade_prices, f.path("grade_prices")));
  LIENKET_RETURN_IF_ERROR(check_bands(t.deductions, f.path("deductions")));
  LIENKET_RETURN_IF_ERROR(check_shares(t.call_offs, f.path("call_offs")));
  LIENKET_RETURN_IF_ERROR(
      check_call_off_windows(t.call_offs, deliver_from, deliver_to, f.path("call_offs")));
  return t;
}

json to_json(const ContractTerms& t) {
  json j = json::object();
  auto put = [&](const char* key, std::int64_t v) {
    if (v != 0) j[key] = v;
  };
  put("tolerance_bp", t.tolerance_bp);
  if (t.grace_days) j["grace_days"] = *t.grace_days;
  for (const auto& g : t.grade_prices)
    j["grade_prices"].push_back({{"grade", g.grade}, {"price_bp", g.price_bp}});
  for (const auto& d : t.deductions)
    j["deductions"].push_back(
        {{"measure", d.measure}, {"above_bp", d.above_bp}, {"deduct_bp", d.deduct_bp}});
  put("deposit_bp", t.deposit_bp);
  put("deposit_due_days", t.deposit_due_days);
  put("payment_due_days", t.payment_due_days);
  put("late_interest_bp_per_month", t.late_interest_bp_per_month);
  put("penalty_bp", t.penalty_bp);
  for (const auto& c : t.call_offs)
    j["call_offs"].push_back({{"from", c.from}, {"to", c.to}, {"share_bp", c.share_bp}});
  return j;
}

ContractTerms terms_from_json(const json& j) {
  ContractTerms t;
  if (!j.is_object()) return t;
  t.tolerance_bp = j.value("tolerance_bp", std::int64_t{0});
  if (j.contains("grace_days")) t.grace_days = j.at("grace_days").get<std::int64_t>();
  if (j.contains("grade_prices"))
    for (const auto& g : j.at("grade_prices"))
      t.grade_prices.push_back({g.at("grade"), g.at("price_bp")});
  if (j.contains("deductions"))
    for (const auto& d : j.at("deductions"))
      t.deductions.push_back({d.at("measure"), d.at("above_bp"), d.at("deduct_bp")});
  t.deposit_bp = j.value("deposit_bp", std::int64_t{0});
  t.deposit_due_days = j.value("deposit_due_days", std::int64_t{0});
  t.payment_due_days = j.value("payment_due_days", std::int64_t{0});
  t.late_interest_bp_per_month = j.value("late_interest_bp_per_month", std::int64_t{0});
  t.penalty_bp = j.value("penalty_bp", std::int64_t{0});
  if (j.contains("call_offs"))
    for (const auto& c : j.at("call_offs"))
      t.call_offs.push_back({c.at("from"), c.at("to"), c.at("share_bp")});
  return t;
}

std::int64_t bp_of(std::int64_t value, std::int64_t bp) {
  return static_cast<std::int64_t>(static_cast<__int128>(value) * bp / kBasis);
}

}  // namespace lienket::offtake
