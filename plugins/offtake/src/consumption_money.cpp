// What a consumption contract's goods are worth and where its money stands: prices by version and
// grade, net weight after deductions, the deposit, dues, late interest and penalties.
#include <algorithm>
#include <limits>
#include <set>

#include "consumption_rules.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

std::int64_t day_of(const std::string& date) {
  return date_to_days(date.substr(0, 10)).value_or(0);
}

// A sum of money that falls due on a day (the day after, it is overdue).
struct Due {
  std::int64_t day = 0;
  std::int64_t amount = 0;
};

// The goods' dues: each accepted delivery's value, payment_due_days after its acceptance.
std::vector<Due> goods_dues(const Consumption& c) {
  std::vector<Due> dues;
  for (const auto& d : c.deliveries)
    if (d.status == "accepted")
      dues.push_back({day_of(d.answered_on) + c.terms.payment_due_days, c.value_of(d)});
  return dues;
}

// What should have been paid by the end of `day`: the deposit once due, or the goods due by then,
// whichever is more (the deposit is paid towards the goods).
std::int64_t required_by(const Consumption& c, const std::vector<Due>& goods, std::int64_t day) {
  std::int64_t sum = 0;
  for (const auto& d : goods)
    if (d.day < day) sum += d.amount;
  const std::int64_t deposit_due = day_of(c.signed_at) + c.terms.deposit_due_days;
  return std::max(sum, deposit_due < day ? c.deposit_vnd() : 0);
}

std::int64_t paid_by(const Consumption& c, std::int64_t day) {
  std::int64_t sum = 0;
  for (const auto& p : c.payments)
    if (day_of(p.date) <= day) sum += p.amount_vnd;
  return sum;
}

std::int64_t overdue_on(const Consumption& c, const std::vector<Due>& goods, std::int64_t day) {
  return std::max<std::int64_t>(0, required_by(c, goods, day) - paid_by(c, day));
}

// The days on which what is overdue may change, up to and including `today`.
std::vector<std::int64_t> change_days(const Consumption& c, const std::vector<Due>& goods,
                                      std::int64_t today) {
  std::set<std::int64_t> days;
  for (const auto& d : goods) days.insert(d.day + 1);
  if (c.deposit_vnd() > 0) days.insert(day_of(c.signed_at) + c.terms.deposit_due_days + 1);
  for (const auto& p : c.payments) days.insert(day_of(p.date));
  std::vector<std::int64_t> out;
  for (auto d : days)
    if (d <= today) out.push_back(d);
  return out;
}

}  // namespace

std::int64_t Delivery::net() const {
  if (status != "accepted") return 0;
  return accepted_quantity - bp_of(accepted_quantity, deduction_bp);
}

const Version& Consumption::version_on(const std::string& date) const {
  const Version* in_force = &versions.front();
  for (const auto& v : versions)
    if (v.effective_from <= date) in_force = &v;
  return *in_force;
}

std::int64_t Consumption::price_of(const Delivery& d) const {
  return bp_of(version_on(d.date).unit_price_vnd, terms.grade_price_bp(d.grade));
}

std::int64_t Consumption::value_of(const Delivery& d) const {
  if (d.status != "accepted") return 0;
  return goods_value_vnd(d.net(), price_of(d), unit).value_or(0);
}

std::int64_t Consumption::goods_owed_vnd() const {
  std::int64_t sum = 0;
  for (const auto& d : deliveries) sum += value_of(d);
  return sum;
}

std::int64_t Consumption::deposit_vnd() const {
  if (versions.empty()) return 0;
  const Version& v1 = versions.front();
  return bp_of(goods_value_vnd(v1.quantity, v1.unit_price_vnd, unit).value_or(0), terms.deposit_bp);
}

Account account(const Consumption& c, std::int64_t today) {
  Account a;
  const auto goods = goods_dues(c);
  a.owed_vnd = c.goods_owed_vnd();
  a.due_vnd = required_by(c, goods, today);
  a.overdue_vnd = overdue_on(c, goods, today);
  // Interest = floor(bp x the sum, over the days before today, of what was overdue at the end
  // of each / 300000): the 30-day month of the farming advances, one floor for the whole sum so
  // that no day's rounding is lost. Today's interest is not yet due: paying today stops it.
  const auto days = change_days(c, goods, today);
  __int128 overdue_days = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::int64_t until = i + 1 < days.size() ? days[i + 1] : today;
    overdue_days += static_cast<__int128>(overdue_on(c, goods, days[i])) * (until - days[i]);
  }
  if (a.overdue_vnd > 0)
    for (auto it = days.rbegin(); it != days.rend() && overdue_on(c, goods, *it) > 0; ++it)
      a.overdue_since = days_to_date(*it);
  const __int128 interest = overdue_days * c.terms.late_interest_bp_per_month / 300'000;
  a.late_interest_vnd = static_cast<std::int64_t>(
      std::min<__int128>(interest, std::numeric_limits<std::int64_t>::max() / 4));
  for (const auto& p : c.penalties)
    if (p.side == "buyer") a.penalties_vnd += p.amount_vnd;
  a.balance_vnd = a.owed_vnd + a.late_interest_vnd + a.penalties_vnd - c.paid_vnd();
  return a;
}

}  // namespace lienket::offtake
