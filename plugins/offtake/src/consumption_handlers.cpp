// Consumption contracts (hợp đồng tiêu thụ): deliveries by the seller, acceptance (whole, in part,
// at a grade, with deductions) or rejection by the buyer, payments by the buyer, and the
// time-driven checks of on_tick (call-offs, breach). The rules live in consumption_rules.cpp; this
// file loads, authorises, applies, saves and emits.
#include "consumption_store.hpp"
#include "lienket/offtake/events.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

// What every delivery event says of delivery `no` of `cc` (which must have it).
template <typename E>
E delivery_event(const Consumption& cc, std::int64_t no) {
  E e;
  e.consumption_id = cc.id;
  e.delivery_no = no;
  e.buyer = cc.buyer;
  e.seller = cc.seller;
  e.product_id = cc.product_id;
  e.unit = cc.unit;
  for (const auto& d : cc.deliveries) {
    if (d.no != no) continue;
    e.quantity = d.quantity;
    e.date = d.date;
    if (!d.lot_id.empty()) e.lot_id = d.lot_id;
  }
  return e;
}

// The acceptance event, with what was taken, deducted and is owed for it.
events::DeliveryAccepted accepted_event(const Consumption& cc, std::int64_t no) {
  auto e = delivery_event<events::DeliveryAccepted>(cc, no);
  const Delivery& d = cc.deliveries.at(static_cast<std::size_t>(no - 1));
  if (!d.grade.empty()) e.grade = d.grade;
  e.accepted_quantity = d.accepted_quantity;
  e.net_quantity = d.net();
  e.value_vnd = cc.value_of(d);
  if (d.deduction_bp) e.deduction_bp = d.deduction_bp;
  if (!d.reason.empty()) e.reason = d.reason;
  return e;
}

// Reads body.measures: {"moisture": 1350, ...}, each in basis points.
std::map<std::string, std::int64_t> read_measures(Fields& f) {
  std::map<std::string, std::int64_t> out;
  if (!f.has("measures")) return out;
  Fields m = f.object("measures");
  for (const auto& [name, value] : m.raw().items()) {
    if (name.empty() || name.size() > 40) {
      m.fail(name, "is not a measure name (1-40 bytes)");
      break;
    }
    out[name] = m.integer(name, 0, kBasis);
  }
  return out;
}

// One missed call-off's event.
events::CallOffMissed missed_event(const Consumption& cc, std::int64_t no) {
  const CallOff& o = cc.call_offs.at(static_cast<std::size_t>(no - 1));
  return {cc.id, cc.buyer, cc.seller, cc.unit, o.no, o.from, o.to, o.quantity, o.shortfall};
}

// The ids in a time index whose deadline is before `today` (the index is in date order).
Result<std::vector<std::pair<std::int64_t, std::string>>> past(Context& cx,
                                                               const std::string& prefix,
                                                               std::int64_t today) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  LIENKET_RETURN_IF_ERROR(cx.store().scan(prefix, "", [&](std::string_view key, std::string_view) {
    const std::int64_t day = std::stoll(std::string(key.substr(prefix.size(), 20)));
    if (today <= day) return false;
    out.emplace_back(day, std::string(key.substr(prefix.size() + 21)));
    return true;
  }));
  return out;
}

}  // namespace

std::int64_t today(Context& cx) { return local_days(cx.now_ms()); }

events::ConsumptionBreached breached_event(const Consumption& cc) {
  std::int64_t penalty = 0;
  for (const auto& p : cc.penalties) penalty += p.amount_vnd;
  events::ConsumptionBreached e{cc.id,
                                cc.buyer,
                                cc.seller,
                                cc.at_fault,
                                cc.at_fault == "seller" ? cc.seller : cc.buyer,
                                cc.breach_reason,
                                cc.unit,
                                cc.quantity,
                                cc.accepted(),
                                cc.paid_vnd(),
                                cc.value_vnd,
                                std::nullopt};
  if (penalty) e.penalty_vnd = penalty;
  return e;
}

std::string due_key(std::int64_t deadline_days, const std::string& id) {
  return "due/" + key_number(static_cast<std::uint64_t>(deadline_days)) + "/" + id;
}
std::string call_off_key(std::int64_t deadline_days, const std::string& id) {
  return "calloff/" + key_number(static_cast<std::uint64_t>(deadline_days)) + "/" + id;
}

Deadlines deadlines(const Consumption& cc, const OfftakeConfig& config) {
  Deadlines d;
  if (!cc.open() || cc.disputed()) return d;
  d.contract = cc.deadline_days(config.breach_grace_days);
  const std::int64_t grace = cc.terms.grace_days.value_or(config.breach_grace_days);
  for (const auto& o : cc.call_offs)
    if (o.status == "open") {
      d.call_off = date_to_days(o.to).value_or(0) + grace;
      break;
    }
  return d;
}

Result<Consumption> load_consumption(Context& cx, const std::string& id) {
  auto j = load(cx, "consumption", id, "body.consumption_id");
  if (!j.ok()) return j.status();
  return consumption_from_json(*j);
}

Result<Loaded> load_for(Call& c, Fields& f, std::optional<std::string_view> role) {
  const auto id = f.id("consumption_id");
  if (!f.ok()) return f.status();
  auto cc = load_consumption(c.cx, id);
  if (!cc.ok()) return cc.status();
  if (role) {
    LIENKET_RETURN_IF_ERROR(
        require_party(c, *role == "buyer" ? cc->buyer : cc->seller, std::string(*role)));
  } else if (c.req.as.empty()) {
    return Status::Unauthenticated("an acting party (as) is required", "as");
  } else if (c.req.as != cc->buyer && c.req.as != cc->seller) {
    return Status::PermissionDenied("only the buyer or the seller of " + id + " may do this", "as");
  }
  const std::string side = c.req.as == cc->buyer ? "buyer" : "seller";
  const Deadlines before = deadlines(*cc, c.config);
  return Loaded{std::move(*cc), side, before};
}

Status save_consumption(Context& cx, const Consumption& cc, const Deadlines& before,
                        const OfftakeConfig& config) {
  const Deadlines after = deadlines(cc, config);
  if (before.contract) LIENKET_RETURN_IF_ERROR(cx.store().erase(due_key(*before.contract, cc.id)));
  if (before.call_off)
    LIENKET_RETURN_IF_ERROR(cx.store().erase(call_off_key(*before.call_off, cc.id)));
  if (after.contract) LIENKET_RETURN_IF_ERROR(cx.store().put(due_key(*after.contract, cc.id), ""));
  if (after.call_off)
    LIENKET_RETURN_IF_ERROR(cx.store().put(call_off_key(*after.call_off, cc.id), ""));
  return cx.store().put_json(record_key("consumption", cc.id), to_json(cc, today(cx)));
}

Status emit_fulfilled(Context& cx, const Consumption& cc) {
  const events::ConsumptionFulfilled done{cc.id,   cc.buyer,    cc.seller,   cc.product_id,
                                          cc.unit, cc.quantity, cc.value_vnd};
  return cx.emit(events::kConsumptionFulfilled, done);
}

Result<json> commit(Call& c, Loaded& l, std::string_view event, const json& data) {
  const bool fulfilled = settle(l.cc, now_text(c.cx), today(c.cx));
  LIENKET_RETURN_IF_ERROR(save_consumption(c.cx, l.cc, l.before, c.config));
  LIENKET_RETURN_IF_ERROR(c.cx.emit(event, data));
  if (fulfilled) LIENKET_RETURN_IF_ERROR(emit_fulfilled(c.cx, l.cc));
  return json{{"consumption", to_json(l.cc, today(c.cx))}};
}

Result<json> consumption_get(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id"});
  const auto id = f.id("consumption_id");
  if (!f.ok()) return f.status();
  auto cc = load_consumption(c.cx, id);
  if (!cc.ok()) return cc.status();
  return json{{"consumption", to_json(*cc, today(c.cx))}};  // the account as of today
}

Result<json> consumption_list(Call& c) {
  Fields f(c.req.body);
  f.only({"status", "party", "contract_id", "limit", "after"});
  const auto status = f.opt_str("status", 20), party = f.opt_id("party"),
             contract = f.opt_id("contract_id");
  return list_records(c.cx, "consumption", "consumptions", f, [&](const json& r) {
    return (!status || r.value("status", "") == *status) &&
           (!contract || r.value("contract_id", "") == *contract) &&
           (!party || r.value("buyer", "") == *party || r.value("seller", "") == *party);
  });
}

Result<json> delivery_record(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "quantity", "date", "lot_id", "call_off"});
  const auto quantity = f.integer("quantity", 1, kMaxQuantity);
  const auto date = f.date("date");
  const auto lot = f.opt_id("lot_id").value_or("");
  const auto call_off = f.opt_integer("call_off", 1, 1000).value_or(0);
  auto l = load_for(c, f, "seller");
  if (!l.ok()) return l.status();
  std::int64_t no = 0;
  LIENKET_RETURN_IF_ERROR(record_delivery(l->cc, quantity, date, lot, call_off, &no));
  const auto recorded = delivery_event<events::DeliveryRecorded>(l->cc, no);
  auto out = commit(c, *l, events::kDeliveryRecorded, recorded);
  if (out.ok()) (*out)["delivery_no"] = no;
  return out;
}

Result<json> delivery_accept(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "delivery_no", "grade", "quantity", "measures", "reason"});
  const auto no = f.integer("delivery_no", 1, 1'000'000);
  Acceptance a;
  a.grade = read_grade(f).value_or("");
  a.quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  a.measures = read_measures(f);
  a.reason = f.opt_str("reason", 500).value_or("");
  a.date = local_date(c.cx.now_ms());
  auto l = load_for(c, f, "buyer");
  if (!l.ok()) return l.status();
  LIENKET_RETURN_IF_ERROR(accept_delivery(l->cc, no, a));
  return commit(c, *l, events::kDeliveryAccepted, accepted_event(l->cc, no));
}

Result<json> delivery_reject(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "delivery_no", "reason"});
  const auto no = f.integer("delivery_no", 1, 1'000'000);
  const auto reason = f.str("reason", 500);
  auto l = load_for(c, f, "buyer");
  if (!l.ok()) return l.status();
  LIENKET_RETURN_IF_ERROR(reject_delivery(l->cc, no, reason, local_date(c.cx.now_ms())));
  auto rejected = delivery_event<events::DeliveryRejected>(l->cc, no);
  rejected.reason = reason;
  return commit(c, *l, events::kDeliveryRejected, rejected);
}

Result<json> payment_record(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "amount_vnd", "date", "reference"});
  const auto amount = f.integer("amount_vnd", 1, kMaxQuantity * 1000);
  const auto date = f.opt_date("date").value_or(local_date(c.cx.now_ms()));
  const auto reference = f.opt_str("reference", 100).value_or("");
  auto l = load_for(c, f, "buyer");
  if (!l.ok()) return l.status();
  Consumption& cc = l->cc;
  LIENKET_RETURN_IF_ERROR(record_payment(cc, amount, date, reference, today(c.cx)));
  events::PaymentRecorded paid{cc.id, cc.buyer,     cc.seller,     amount,
                               date,  std::nullopt, cc.paid_vnd(), cc.value_vnd};
  if (!reference.empty()) paid.reference = reference;
  return commit(c, *l, events::kPaymentRecorded, paid);
}

Status check_call_offs(Context& cx, const OfftakeConfig& config) {
  auto due = past(cx, "calloff/", today(cx));
  if (!due.ok()) return due.status();
  for (const auto& [day, id] : *due) {
    auto cc = load_consumption(cx, id);
    if (!cc.ok()) return cc.status();
    const Deadlines before{std::nullopt, day};
    const auto missed = assess_call_offs(*cc, today(cx), config.breach_grace_days);
    LIENKET_RETURN_IF_ERROR(save_consumption(cx, *cc, before, config));
    for (auto no : missed)
      LIENKET_RETURN_IF_ERROR(cx.emit(events::kCallOffMissed, missed_event(*cc, no)));
  }
  return Status::Ok();
}

Status mark_breaches(Context& cx, const OfftakeConfig& config) {
  auto due = past(cx, "due/", today(cx));
  if (!due.ok()) return due.status();
  for (const auto& [day, id] : *due) {
    auto cc = load_consumption(cx, id);
    if (!cc.ok()) return cc.status();
    const Deadlines before{day, std::nullopt};
    const std::string now = now_text(cx);
    if (auto verdict = assess_breach(*cc, today(cx), config.breach_grace_days)) {
      declare_breach(*cc, *verdict, now);
      LIENKET_RETURN_IF_ERROR(save_consumption(cx, *cc, before, config));
      LIENKET_RETURN_IF_ERROR(cx.emit(events::kConsumptionBreached, breached_event(*cc)));
      continue;
    }
    // Complete within the tolerance once the window is over, or indexed under an old deadline.
    const bool fulfilled = settle(*cc, now, today(cx));
    LIENKET_RETURN_IF_ERROR(save_consumption(cx, *cc, before, config));
    if (fulfilled) LIENKET_RETURN_IF_ERROR(emit_fulfilled(cx, *cc));
  }
  return Status::Ok();
}

}  // namespace lienket::offtake
