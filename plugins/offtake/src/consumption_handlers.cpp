// Consumption contracts (hợp đồng tiêu thụ): deliveries by the seller, acceptance or rejection by
// the buyer, payments by the buyer, and the breach check of on_tick. The rules themselves live in
// consumption_rules.cpp; this file loads, authorises, applies, saves and emits.
#include "consumption_rules.hpp"
#include "handlers.hpp"
#include "lienket/offtake/events.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

Result<Consumption> load_consumption(Context& cx, const std::string& id) {
  auto j = load(cx, "consumption", id, "body.consumption_id");
  if (!j.ok()) return j.status();
  return consumption_from_json(*j);
}

// Saves the contract after a change, closes it if now complete, and emits `event` (its data
// already made from its events.hpp struct) plus offtake.consumption.fulfilled when it closed.
Result<json> commit(Context& cx, Consumption& cc, std::string_view event, const json& data) {
  const bool fulfilled = settle(cc, now_text(cx));
  json record = to_json(cc);
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(record_key("consumption", cc.id), record));
  LIENKET_RETURN_IF_ERROR(cx.emit(event, data));
  if (fulfilled) {
    LIENKET_RETURN_IF_ERROR(cx.store().erase(due_key(cc.deliver_to, cc.id)));
    const events::ConsumptionFulfilled done{cc.id,   cc.buyer,    cc.seller,   cc.product_id,
                                            cc.unit, cc.quantity, cc.value_vnd};
    LIENKET_RETURN_IF_ERROR(cx.emit(events::kConsumptionFulfilled, done));
  }
  return json{{"consumption", record}};
}

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

// Reads consumption_id, loads it, and checks the acting party plays `role` in it.
Result<Consumption> load_for(Call& c, Fields& f, const char* role) {
  const auto id = f.id("consumption_id");
  if (!f.ok()) return f.status();
  auto cc = load_consumption(c.cx, id);
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(
      require_party(c, std::string(role) == "buyer" ? cc->buyer : cc->seller, role));
  return cc;
}

}  // namespace

std::string due_key(const std::string& deliver_to, const std::string& id) {
  return "due/" + key_number(static_cast<std::uint64_t>(date_to_days(deliver_to).value_or(0))) +
         "/" + id;
}

Result<json> consumption_get(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id"});
  const auto id = f.id("consumption_id");
  if (!f.ok()) return f.status();
  auto j = load(c.cx, "consumption", id, "body.consumption_id");
  if (!j.ok()) return j.status();
  return json{{"consumption", *j}};
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
  f.only({"consumption_id", "quantity", "date", "lot_id"});
  const auto quantity = f.integer("quantity", 1, kMaxQuantity);
  const auto date = f.date("date");
  const auto lot = f.opt_id("lot_id").value_or("");
  auto cc = load_for(c, f, "seller");
  if (!cc.ok()) return cc.status();
  std::int64_t no = 0;
  LIENKET_RETURN_IF_ERROR(record_delivery(*cc, quantity, date, lot, &no));
  const auto recorded = delivery_event<events::DeliveryRecorded>(*cc, no);
  auto out = commit(c.cx, *cc, events::kDeliveryRecorded, recorded);
  if (out.ok()) (*out)["delivery_no"] = no;
  return out;
}

Result<json> delivery_accept(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "delivery_no", "grade"});
  const auto no = f.integer("delivery_no", 1, 1'000'000);
  const auto grade = read_grade(f).value_or("");
  auto cc = load_for(c, f, "buyer");
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(accept_delivery(*cc, no, grade));
  auto accepted = delivery_event<events::DeliveryAccepted>(*cc, no);
  if (!grade.empty()) accepted.grade = grade;
  return commit(c.cx, *cc, events::kDeliveryAccepted, accepted);
}

Result<json> delivery_reject(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "delivery_no", "reason"});
  const auto no = f.integer("delivery_no", 1, 1'000'000);
  const auto reason = f.str("reason", 500);
  auto cc = load_for(c, f, "buyer");
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(reject_delivery(*cc, no, reason));
  auto rejected = delivery_event<events::DeliveryRejected>(*cc, no);
  rejected.reason = reason;
  return commit(c.cx, *cc, events::kDeliveryRejected, rejected);
}

Result<json> payment_record(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "amount_vnd", "date", "reference"});
  const auto amount = f.integer("amount_vnd", 1, kMaxQuantity * 1000);
  const auto date = f.opt_date("date").value_or(local_date(c.cx.now_ms()));
  const auto reference = f.opt_str("reference", 100).value_or("");
  auto cc = load_for(c, f, "buyer");
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(record_payment(*cc, amount, date, reference));
  events::PaymentRecorded paid{cc->id, cc->buyer,    cc->seller,     amount,
                               date,   std::nullopt, cc->paid_vnd(), cc->value_vnd};
  if (!reference.empty()) paid.reference = reference;
  return commit(c.cx, *cc, events::kPaymentRecorded, paid);
}

Status mark_breaches(Context& cx, const OfftakeConfig& config) {
  const std::int64_t today = local_days(cx.now_ms());
  std::vector<std::string> ids;
  LIENKET_RETURN_IF_ERROR(cx.store().scan("due/", "", [&](std::string_view key, std::string_view) {
    const std::int64_t deliver_to = std::stoll(std::string(key.substr(4, 20)));
    if (today <= deliver_to + config.breach_grace_days) return false;  // the index is in date order
    ids.emplace_back(key.substr(25));
    return true;
  }));
  for (const auto& id : ids) {
    auto cc = load_consumption(cx, id);
    if (!cc.ok()) return cc.status();
    auto verdict = assess_breach(*cc, today, config.breach_grace_days);
    LIENKET_RETURN_IF_ERROR(cx.store().erase(due_key(cc->deliver_to, id)));
    if (!verdict) continue;  // closed meanwhile
    cc->status = "breached";
    cc->at_fault = verdict->at_fault;
    cc->breach_reason = verdict->reason;
    cc->closed_at = now_text(cx);
    LIENKET_RETURN_IF_ERROR(cx.store().put_json(record_key("consumption", id), to_json(*cc)));
    const events::ConsumptionBreached breached{
        id,
        cc->buyer,
        cc->seller,
        verdict->at_fault,
        verdict->at_fault == "seller" ? cc->seller : cc->buyer,
        verdict->reason,
        cc->unit,
        cc->quantity,
        cc->accepted(),
        cc->paid_vnd(),
        cc->value_vnd};
    LIENKET_RETURN_IF_ERROR(cx.emit(events::kConsumptionBreached, breached));
  }
  return Status::Ok();
}

}  // namespace lienket::offtake
