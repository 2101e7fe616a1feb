#include "consumption_rules.hpp"

#include <limits>

#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

std::int64_t sum_deliveries(const Consumption& c, const char* status) {
  std::int64_t n = 0;
  for (const auto& d : c.deliveries)
    if (d.status == status) n += d.quantity;
  return n;
}

Status not_open(const Consumption& c) {
  return Status::FailedPrecondition("consumption contract " + c.id + " is " + c.status);
}

Delivery* find_delivery(Consumption& c, std::int64_t no) {
  for (auto& d : c.deliveries)
    if (d.no == no) return &d;
  return nullptr;
}

}  // namespace

std::int64_t Consumption::accepted() const { return sum_deliveries(*this, "accepted"); }
std::int64_t Consumption::pending() const { return sum_deliveries(*this, "pending"); }
std::int64_t Consumption::rejected() const { return sum_deliveries(*this, "rejected"); }
std::int64_t Consumption::paid_vnd() const {
  std::int64_t n = 0;
  for (const auto& p : payments) n += p.amount_vnd;
  return n;
}

std::optional<std::int64_t> goods_value_vnd(std::int64_t quantity, std::int64_t unit_price_vnd,
                                            const std::string& unit) {
  __int128 v = static_cast<__int128>(quantity) * unit_price_vnd;
  if (unit != "piece") v = (v + 500) / 1000;  // per kg / litre, rounded half up
  if (v > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

Status record_delivery(Consumption& c, std::int64_t quantity, const std::string& date,
                       const std::string& lot_id, std::int64_t* no) {
  if (!c.open()) return not_open(c);
  const std::int64_t open = c.quantity - c.accepted() - c.pending();
  if (quantity < 1 || quantity > open)
    return Status::InvalidArgument("body.quantity must be between 1 and " + std::to_string(open) +
                                       " (the quantity not yet delivered)",
                                   "body.quantity");
  Delivery d;
  d.no = static_cast<std::int64_t>(c.deliveries.size()) + 1;
  d.quantity = quantity;
  d.date = date;
  d.lot_id = lot_id;
  c.deliveries.push_back(d);
  c.status = "delivering";
  *no = d.no;
  return Status::Ok();
}

// The delivery `no` of an open contract that the buyer has not answered yet, or why there is none.
static Status pending_delivery(Consumption& c, std::int64_t no, Delivery** out) {
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

Status accept_delivery(Consumption& c, std::int64_t no, const std::string& grade) {
  Delivery* d = nullptr;
  LIENKET_RETURN_IF_ERROR(pending_delivery(c, no, &d));
  d->status = "accepted";
  d->grade = grade;
  return Status::Ok();
}

Status reject_delivery(Consumption& c, std::int64_t no, const std::string& reason) {
  Delivery* d = nullptr;
  LIENKET_RETURN_IF_ERROR(pending_delivery(c, no, &d));
  if (reason.empty()) return Status::InvalidArgument("body.reason is required", "body.reason");
  d->status = "rejected";
  d->reason = reason;
  return Status::Ok();
}

Status record_payment(Consumption& c, std::int64_t amount_vnd, const std::string& date,
                      const std::string& reference) {
  if (!c.open()) return not_open(c);
  const std::int64_t due = c.value_vnd - c.paid_vnd();
  if (amount_vnd < 1 || amount_vnd > due)
    return Status::InvalidArgument("body.amount_vnd must be between 1 and " + std::to_string(due) +
                                       " (the value not yet paid)",
                                   "body.amount_vnd");
  c.payments.push_back({amount_vnd, date, reference});
  return Status::Ok();
}

bool settle(Consumption& c, const std::string& now) {
  if (!c.open() || c.accepted() != c.quantity || c.paid_vnd() != c.value_vnd) return false;
  c.status = "fulfilled";
  c.closed_at = now;
  return true;
}

std::optional<BreachVerdict> assess_breach(const Consumption& c, std::int64_t today,
                                           std::int64_t grace_days) {
  auto end = date_to_days(c.deliver_to);
  if (!c.open() || !end || today <= *end + grace_days) return std::nullopt;
  if (c.accepted() + c.pending() < c.quantity)
    return BreachVerdict{"seller", "delivered " + std::to_string(c.accepted() + c.pending()) +
                                       " of " + std::to_string(c.quantity) + " by " + c.deliver_to};
  if (c.pending() > 0)
    return BreachVerdict{"buyer", "deliveries left neither accepted nor rejected"};
  return BreachVerdict{"buyer", "paid " + std::to_string(c.paid_vnd()) + " of " +
                                    std::to_string(c.value_vnd) + " VND"};
}

nlohmann::json to_json(const Consumption& c) {
  nlohmann::json deliveries = nlohmann::json::array(), payments = nlohmann::json::array();
  for (const auto& d : c.deliveries) {
    nlohmann::json j = {
        {"no", d.no}, {"quantity", d.quantity}, {"date", d.date}, {"status", d.status}};
    if (!d.lot_id.empty()) j["lot_id"] = d.lot_id;
    if (!d.grade.empty()) j["grade"] = d.grade;
    if (!d.reason.empty()) j["reason"] = d.reason;
    deliveries.push_back(j);
  }
  for (const auto& p : c.payments) {
    nlohmann::json j = {{"amount_vnd", p.amount_vnd}, {"date", p.date}};
    if (!p.reference.empty()) j["reference"] = p.reference;
    payments.push_back(j);
  }
  nlohmann::json j = {{"id", c.id},
                      {"proposal_id", c.proposal_id},
                      {"contract_id", c.contract_id},
                      {"offer_id", c.offer_id},
                      {"buyer", c.buyer},
                      {"seller", c.seller},
                      {"product_id", c.product_id},
                      {"unit", c.unit},
                      {"quantity", c.quantity},
                      {"unit_price_vnd", c.unit_price_vnd},
                      {"value_vnd", c.value_vnd},
                      {"deliver_from", c.deliver_from},
                      {"deliver_to", c.deliver_to},
                      {"status", c.status},
                      {"deliveries", deliveries},
                      {"payments", payments},
                      {"delivered", c.accepted() + c.pending()},
                      {"accepted", c.accepted()},
                      {"rejected", c.rejected()},
                      {"paid_vnd", c.paid_vnd()},
                      {"signed_at", c.signed_at}};
  if (!c.at_fault.empty()) j["at_fault"] = c.at_fault, j["breach_reason"] = c.breach_reason;
  if (!c.closed_at.empty()) j["closed_at"] = c.closed_at;
  return j;
}

Result<Consumption> consumption_from_json(const nlohmann::json& j) {
  try {
    Consumption c;
    c.id = j.at("id"), c.proposal_id = j.at("proposal_id"), c.contract_id = j.at("contract_id");
    c.offer_id = j.at("offer_id"), c.buyer = j.at("buyer"), c.seller = j.at("seller");
    c.product_id = j.at("product_id"), c.unit = j.at("unit"), c.quantity = j.at("quantity");
    c.unit_price_vnd = j.at("unit_price_vnd"), c.value_vnd = j.at("value_vnd");
    c.deliver_from = j.at("deliver_from"), c.deliver_to = j.at("deliver_to"),
    c.status = j.at("status");
    c.signed_at = j.value("signed_at", ""), c.closed_at = j.value("closed_at", "");
    c.at_fault = j.value("at_fault", ""), c.breach_reason = j.value("breach_reason", "");
    for (const auto& d : j.at("deliveries"))
      c.deliveries.push_back({d.at("no"), d.at("quantity"), d.at("date"), d.value("lot_id", ""),
                              d.at("status"), d.value("grade", ""), d.value("reason", "")});
    for (const auto& p : j.at("payments"))
      c.payments.push_back({p.at("amount_vnd"), p.at("date"), p.value("reference", "")});
    return c;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("corrupt consumption contract record: ") + e.what());
  }
}

}  // namespace lienket::offtake
