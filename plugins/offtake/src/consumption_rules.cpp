// Deliveries, acceptance, payment, fulfilment, breach and call-offs of a consumption contract.
#include "consumption_rules.hpp"

#include <limits>

#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

Status not_open(const Consumption& c) {
  return Status::FailedPrecondition("consumption contract " + c.id + " is " + c.status);
}

Delivery* find_delivery(Consumption& c, std::int64_t no) {
  for (auto& d : c.deliveries)
    if (d.no == no) return &d;
  return nullptr;
}

std::int64_t today_of(const std::string& now) {
  return date_to_days(now.substr(0, 10)).value_or(0);
}

// The call-off a delivery on `date` counts towards (see record_delivery).
std::int64_t call_off_for(const Consumption& c, const std::string& date) {
  for (const auto& o : c.call_offs)
    if (o.from <= date && date <= o.to) return o.no;
  for (const auto& o : c.call_offs)
    if (o.status != "met" && o.from <= date) return o.no;
  return c.call_offs.empty() ? 0 : c.call_offs.front().no;
}

// Net accepted plus pending weight delivered against call-off `no`.
std::int64_t delivered_in(const Consumption& c, std::int64_t no) {
  std::int64_t sum = 0;
  for (const auto& d : c.deliveries)
    if (d.call_off == no) sum += d.status == "pending" ? d.quantity : d.net();
  return sum;
}

Status pending_delivery(Consumption& c, std::int64_t no, Delivery** out) {
  if (!c.open()) return not_open(c);
  Delivery* d = find_delivery(c, no);
  if (!d)
    return Status::NotFound("delivery " + std::to_string(no) + " not found", "body.delivery_no");
  if (d->status != "pending")
    return Status::FailedPrecondition("delivery " + std::to_string(no) + " is already " + d->status,
                                      "body.delivery_no");
  *out = d;
  return Status::Ok();
}

}  // namespace

std::int64_t Consumption::accepted() const {
  std::int64_t n = 0;
  for (const auto& d : deliveries)
    if (d.status == "accepted") n += d.accepted_quantity;
  return n;
}
std::int64_t Consumption::net_accepted() const {
  std::int64_t n = 0;
  for (const auto& d : deliveries) n += d.net();
  return n;
}
std::int64_t Consumption::pending() const {
  std::int64_t n = 0;
  for (const auto& d : deliveries)
    if (d.status == "pending") n += d.quantity;
  return n;
}
std::int64_t Consumption::rejected() const {
  std::int64_t n = 0;
  for (const auto& d : deliveries)
    if (d.status != "pending") n += d.quantity - d.accepted_quantity;
  return n;
}
std::int64_t Consumption::paid_vnd() const {
  std::int64_t n = 0;
  for (const auto& p : payments) n += p.amount_vnd;
  return n;
}
std::int64_t Consumption::lower() const { return quantity - bp_of(quantity, terms.tolerance_bp); }
std::int64_t Consumption::upper() const { return quantity + bp_of(quantity, terms.tolerance_bp); }

std::int64_t Consumption::deadline_days(std::int64_t default_grace) const {
  return date_to_days(deliver_to).value_or(0) + terms.grace_days.value_or(default_grace);
}

std::optional<std::int64_t> goods_value_vnd(std::int64_t quantity, std::int64_t unit_price_vnd,
                                            const std::string& unit) {
  __int128 v = static_cast<__int128>(quantity) * unit_price_vnd;
  if (unit != "piece") v = (v + 500) / 1000;  // per kg / litre, rounded half up
  if (v > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

void sign_first_version(Consumption& c) {
  Version v;
  v.effective_from = c.signed_at.substr(0, 10);
  v.quantity = c.quantity;
  v.unit_price_vnd = c.unit_price_vnd;
  v.deliver_from = c.deliver_from;
  v.deliver_to = c.deliver_to;
  v.place = c.place;
  v.signed_at = c.signed_at;
  c.versions = {v};
  c.call_offs.clear();
  std::int64_t given = 0;
  for (std::size_t i = 0; i < c.terms.call_offs.size(); ++i) {
    const auto& s = c.terms.call_offs[i];
    CallOff o;
    o.no = static_cast<std::int64_t>(i) + 1;
    o.from = s.from, o.to = s.to, o.share_bp = s.share_bp;
    o.quantity =
        i + 1 == c.terms.call_offs.size() ? c.quantity - given : bp_of(c.quantity, s.share_bp);
    given += o.quantity;
    c.call_offs.push_back(o);
  }
}

Status record_delivery(Consumption& c, std::int64_t quantity, const std::string& date,
                       const std::string& lot_id, std::int64_t call_off, std::int64_t* no) {
  if (!c.open()) return not_open(c);
  const std::int64_t room = c.upper() - c.net_accepted() - c.pending();
  if (quantity < 1 || quantity > room)
    return Status::InvalidArgument(
        "body.quantity must be between 1 and " + std::to_string(room) +
            " (the quantity not yet delivered" +
            (c.terms.tolerance_bp ? std::string(", with the tolerance)") : std::string(")")),
        "body.quantity");
  if (call_off < 0 || call_off > static_cast<std::int64_t>(c.call_offs.size()))
    return Status::InvalidArgument(
        "body.call_off must be between 1 and " + std::to_string(c.call_offs.size()),
        "body.call_off");
  Delivery d;
  d.no = static_cast<std::int64_t>(c.deliveries.size()) + 1;
  d.quantity = quantity;
  d.date = date;
  d.lot_id = lot_id;
  d.call_off = call_off ? call_off : call_off_for(c, date);
  c.deliveries.push_back(d);
  if (c.status == "signed") c.status = "delivering";
  *no = d.no;
  return Status::Ok();
}

Status accept_delivery(Consumption& c, std::int64_t no, const Acceptance& a) {
  Delivery* d = nullptr;
  LIENKET_RETURN_IF_ERROR(pending_delivery(c, no, &d));
  const std::int64_t q = a.quantity.value_or(d->quantity);
  if (q < 1 || q > d->quantity)
    return Status::InvalidArgument("body.quantity must be between 1 and " +
                                       std::to_string(d->quantity) + " (the delivery's quantity)",
                                   "body.quantity");
  if (q < d->quantity && a.reason.empty())
    return Status::InvalidArgument(
        "body.reason is required when only part of a delivery is accepted", "body.reason");
  for (const auto& [measure, value] : a.measures) {
    bool known = false;
    for (const auto& b : c.terms.deductions) known = known || b.measure == measure;
    if (!known)
      return Status::InvalidArgument(
          "body.measures." + measure + " is not a measure of this contract's deduction table",
          "body.measures." + measure);
  }
  d->status = "accepted";
  d->accepted_quantity = q;
  d->grade = a.grade;
  d->measures = a.measures;
  d->deduction_bp = c.terms.deduction_bp(a.measures);
  d->reason = q < d->quantity ? a.reason : "";
  d->answered_on = a.date;
  return Status::Ok();
}

Status reject_delivery(Consumption& c, std::int64_t no, const std::string& reason,
                       const std::string& today) {
  Delivery* d = nullptr;
  LIENKET_RETURN_IF_ERROR(pending_delivery(c, no, &d));
  if (reason.empty()) return Status::InvalidArgument("body.reason is required", "body.reason");
  d->status = "rejected";
  d->reason = reason;
  d->answered_on = today;
  return Status::Ok();
}

Status record_payment(Consumption& c, std::int64_t amount_vnd, const std::string& date,
                      const std::string& reference, std::int64_t today) {
  // Money for goods already taken is still owed after a contract ends early.
  const Account a = account(c, today);
  if (!c.open() && a.balance_vnd <= 0) return not_open(c);
  const auto upper_value = goods_value_vnd(c.upper(), c.unit_price_vnd, c.unit).value_or(0);
  const std::int64_t cap = c.open() ? std::max(upper_value, a.owed_vnd) + a.late_interest_vnd +
                                          a.penalties_vnd - c.paid_vnd()
                                    : a.balance_vnd;
  if (amount_vnd < 1 || amount_vnd > cap)
    return Status::InvalidArgument("body.amount_vnd must be between 1 and " + std::to_string(cap) +
                                       " (the value not yet paid)",
                                   "body.amount_vnd");
  c.payments.push_back({amount_vnd, date, reference});
  return Status::Ok();
}

bool settle(Consumption& c, const std::string& now, std::int64_t today) {
  if (!c.open() || c.disputed() || c.pending() > 0 || c.amendment) return false;
  const bool window_over = today > date_to_days(c.deliver_to).value_or(0);
  const std::int64_t enough = window_over ? c.lower() : c.quantity;
  if (c.net_accepted() < enough) return false;
  if (account(c, today).balance_vnd > 0) return false;
  c.status = "fulfilled";
  c.closed_at = now;
  c.termination.reset();  // a termination nobody agreed to dies with the contract
  return true;
}

std::optional<BreachVerdict> assess_breach(const Consumption& c, std::int64_t today,
                                           std::int64_t default_grace) {
  if (!c.open() || c.disputed() || today <= c.deadline_days(default_grace)) return std::nullopt;
  const std::int64_t delivered = c.net_accepted() + c.pending();
  if (delivered < c.lower())
    return BreachVerdict{"seller", "delivered " + std::to_string(delivered) + " of " +
                                       std::to_string(c.quantity) + " by " + c.deliver_to};
  if (c.pending() > 0)
    return BreachVerdict{"buyer", "deliveries left neither accepted nor rejected"};
  const Account a = account(c, today);
  if (a.balance_vnd > 0)
    return BreachVerdict{"buyer", "paid " + std::to_string(c.paid_vnd()) + " of " +
                                      std::to_string(a.balance_vnd + c.paid_vnd()) + " VND"};
  return std::nullopt;  // complete within the tolerance: settle() closes it
}

void declare_breach(Consumption& c, const BreachVerdict& v, const std::string& now) {
  const std::int64_t today = today_of(now);
  std::int64_t base = 0;  // the value of the part not performed
  if (v.at_fault == "seller") {
    const std::int64_t short_q = std::max<std::int64_t>(0, c.quantity - c.net_accepted());
    base = goods_value_vnd(short_q, c.unit_price_vnd, c.unit).value_or(0);
  } else {
    base = std::max<std::int64_t>(0, account(c, today).balance_vnd);
  }
  const std::int64_t penalty = bp_of(base, c.terms.penalty_bp);
  if (penalty > 0) c.penalties.push_back({v.at_fault, penalty, v.reason, now.substr(0, 10)});
  c.status = "breached";
  c.at_fault = v.at_fault;
  c.breach_reason = v.reason;
  c.closed_at = now;
}

std::vector<std::int64_t> assess_call_offs(Consumption& c, std::int64_t today,
                                           std::int64_t default_grace) {
  std::vector<std::int64_t> missed;
  if (!c.open() || c.disputed()) return missed;
  const std::int64_t grace = c.terms.grace_days.value_or(default_grace);
  for (auto& o : c.call_offs) {
    if (o.status != "open" || today <= date_to_days(o.to).value_or(0) + grace) continue;
    const std::int64_t delivered = delivered_in(c, o.no);
    const std::int64_t lower = o.quantity - bp_of(o.quantity, c.terms.tolerance_bp);
    if (delivered >= lower) {
      o.status = "met";
      continue;
    }
    o.status = "missed";
    o.shortfall = o.quantity - delivered;
    missed.push_back(o.no);
  }
  return missed;
}

}  // namespace lienket::offtake
