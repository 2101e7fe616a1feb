#include "settlement.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace lienket::farming {

namespace {

Status too_large() {
  return Status::FailedPrecondition("settlement figures exceed " + std::to_string(kMaxMoney) +
                                    " VND");
}

// One household's lines and gross from its deliveries.
Result<HouseholdStatement> household_statement(
    const std::string& id, const std::map<std::pair<std::string, std::int64_t>, std::int64_t>& qty,
    Unit unit) {
  HouseholdStatement h;
  h.household_id = id;
  for (const auto& [key, quantity] : qty) {
    auto value = line_value(quantity, key.second, unit);
    if (!value) return too_large();
    h.lines.push_back({key.first, key.second, quantity, *value});
    h.quantity += quantity;
    h.gross += *value;
    if (h.gross > kMaxMoney) return too_large();
  }
  return h;
}

}  // namespace

std::int64_t advance_interest(std::int64_t value, std::int64_t bp_per_month, std::int64_t days) {
  if (days <= 0 || bp_per_month <= 0 || value <= 0) return 0;
  __int128 v = static_cast<__int128>(value) * bp_per_month * days / (kBasisPoints * 30);
  return static_cast<std::int64_t>(v);
}

std::vector<std::int64_t> largest_remainder(std::int64_t total,
                                            const std::vector<std::int64_t>& weights) {
  const std::size_t n = weights.size();
  std::vector<std::int64_t> parts(n, 0);
  if (n == 0) return parts;
  std::vector<std::int64_t> w = weights;
  __int128 sum = 0;
  for (auto x : w) sum += x;
  if (sum == 0) {
    std::fill(w.begin(), w.end(), 1);
    sum = static_cast<__int128>(n);
  }
  std::vector<__int128> rem(n);
  __int128 given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    __int128 scaled = static_cast<__int128>(total) * w[i];
    parts[i] = static_cast<std::int64_t>(scaled / sum);
    rem[i] = scaled % sum;
    given += parts[i];
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rem[a] != rem[b]) return rem[a] > rem[b];
    if (w[a] != w[b]) return w[a] > w[b];
    return a < b;
  });
  // Fewer than n dong are left over, since each part dropped less than one.
  auto left = static_cast<std::int64_t>(total - given);
  for (std::int64_t k = 0; k < left; ++k) parts[order[static_cast<std::size_t>(k)]] += 1;
  return parts;
}

namespace {

bool too_big(std::int64_t v) { return v > kMaxMoney || v < -kMaxMoney; }

// Households with deliveries, then those with extras only, in household id order.
Result<std::vector<HouseholdStatement>> household_statements(
    const std::vector<PricedDelivery>& deliveries,
    const std::map<std::string, HouseholdExtras>& extras, Unit unit) {
  // household -> (grade, unit price) -> quantity; std::map keeps everything in a stable order.
  std::map<std::string, std::map<std::pair<std::string, std::int64_t>, std::int64_t>> grouped;
  for (const auto& d : deliveries) {
    auto& q = grouped[d.household_id][{d.grade, d.unit_price}];
    q += d.quantity;
    if (q > kMaxMoney) return too_large();
  }
  for (const auto& [id, e] : extras)
    if (e.repaid_in_kind || e.side_selling || e.carried_in) grouped[id];
  std::vector<HouseholdStatement> out;
  for (const auto& [id, qty] : grouped) {
    auto h = household_statement(id, qty, unit);
    if (!h.ok()) return h.status();
    out.push_back(std::move(*h));
  }
  return out;
}

// Step 5 for one household, and its deduction and net.
Status charge_household(HouseholdStatement& h, const SeasonRates& rates, const HouseholdExtras& e,
                        Unit unit) {
  h.tax = apply_bp(h.gross, rates.tax_bp);
  auto fee = line_value(h.quantity, rates.service_fee, unit);
  if (!fee) return too_large();
  h.service_fee = *fee;
  h.side_selling = e.side_selling;
  h.carried_in = e.carried_in;
  h.deduction = h.advance_share + h.tax + h.service_fee + h.side_selling + h.carried_in;
  h.net = h.gross - h.deduction;
  return too_big(h.deduction) || too_big(h.net) ? too_large() : Status::Ok();
}

}  // namespace

Result<SettlementFigures> settle(const std::vector<PricedDelivery>& deliveries,
                                 const std::vector<AdvanceCharge>& advances, Unit unit,
                                 const SeasonRates& rates,
                                 const std::map<std::string, HouseholdExtras>& extras) {
  auto households = household_statements(deliveries, extras, unit);
  if (!households.ok()) return households.status();
  SettlementFigures s;
  s.households = std::move(*households);
  for (const auto& h : s.households) {
    s.quantity += h.quantity;
    s.gross += h.gross;
    if (s.gross > kMaxMoney || s.quantity > kMaxMoney) return too_large();
  }
  for (const auto& a : advances) {
    s.advances += a.value;
    s.interest += a.interest;
    if (s.advances > kMaxMoney || s.interest > kMaxMoney) return too_large();
  }
  const std::int64_t cost = s.advances + s.interest;
  for (auto& h : s.households) {
    auto it = extras.find(h.household_id);
    h.repaid_in_kind = it == extras.end() ? 0 : it->second.repaid_in_kind;
    s.repaid_in_kind += h.repaid_in_kind;
  }
  if (s.repaid_in_kind > cost)
    return Status::FailedPrecondition("in-kind repayments exceed what the advances cost");
  std::vector<std::int64_t> weights;
  for (const auto& h : s.households) weights.push_back(h.gross);
  auto parts = largest_remainder(cost - s.repaid_in_kind, weights);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto& h = s.households[i];
    h.advance_share = h.repaid_in_kind + parts[i];
    auto it = extras.find(h.household_id);
    LIENKET_RETURN_IF_ERROR(
        charge_household(h, rates, it == extras.end() ? HouseholdExtras{} : it->second, unit));
    s.tax += h.tax;
    s.service_fees += h.service_fee;
    s.side_selling += h.side_selling;
    s.carried_in += h.carried_in;
  }
  s.non_acceptance = rates.non_acceptance;
  s.deductions = cost + s.tax + s.service_fees + s.side_selling + s.carried_in;
  s.households_net = s.gross - s.deductions;
  s.cooperative_retains = s.service_fees + s.carried_in + s.non_acceptance;
  s.net = s.households_net + s.cooperative_retains;
  if (too_big(s.deductions) || too_big(s.net) || too_big(s.households_net)) return too_large();
  return s;
}

}  // namespace lienket::farming
