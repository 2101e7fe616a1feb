// Consumption contracts (hợp đồng tiêu thụ): deliveries by the seller, acceptance or rejection by the
// buyer, payments by the buyer, and the breach check of on_tick. The rules themselves live in
// consumption_rules.cpp; this file loads, authorises, applies, saves and emits.
#include "consumption_rules.hpp"
#include "handlers.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

Result<Consumption> load_consumption(Context& cx, const std::string& id) {
  auto j = load(cx, "consumption", id, "body.consumption_id");
  if (!j.ok()) return j.status();
  return consumption_from_json(*j);
}

// Saves the contract after a change, closes it if now complete, and emits `event` plus
// offtake.consumption.fulfilled when it closed.
Result<json> commit(Context& cx, Consumption& cc, const std::string& event, json data) {
  const bool fulfilled = settle(cc, now_text(cx));
  json record = to_json(cc);
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(record_key("consumption", cc.id), record));
  data["consumption_id"] = cc.id;
  LIENKET_RETURN_IF_ERROR(cx.emit(event, data));
  if (fulfilled) {
    LIENKET_RETURN_IF_ERROR(cx.store().erase(due_key(cc.deliver_to, cc.id)));
    LIENKET_RETURN_IF_ERROR(cx.emit("offtake.consumption.fulfilled",
                                    {{"consumption_id", cc.id}, {"buyer", cc.buyer}, {"seller", cc.seller},
                                     {"quantity", cc.quantity}, {"value_vnd", cc.value_vnd}}));
  }
  return json{{"consumption", record}};
}

// Reads consumption_id, loads it, and checks the acting party plays `role` in it.
Result<Consumption> load_for(Call& c, Fields& f, const char* role) {
  const auto id = f.id("consumption_id");
  if (!f.ok()) return f.status();
  auto cc = load_consumption(c.cx, id);
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(require_party(c, std::string(role) == "buyer" ? cc->buyer : cc->seller, role));
  return cc;
}

}  // namespace

std::string due_key(const std::string& deliver_to, const std::string& id) {
  return "due/" + key_number(static_cast<std::uint64_t>(date_to_days(deliver_to).value_or(0))) + "/" + id;
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
  const auto status = f.opt_str("status", 20), party = f.opt_id("party"), contract = f.opt_id("contract_id");
  return list_records(c.cx, "consumption", "consumptions", f, [&](const json& r) {
    return (!status || r.value("status", "") == *status) && (!contract || r.value("contract_id", "") == *contract) &&
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
  json data = {{"delivery_no", no}, {"quantity", quantity}, {"date", date}, {"seller", cc->seller}};
  if (!lot.empty()) data["lot_id"] = lot;
  auto out = commit(c.cx, *cc, "offtake.delivery.recorded", data);
  if (out.ok()) (*out)["delivery_no"] = no;
  return out;
}

Result<json> delivery_accept(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "delivery_no", "grade"});
  const auto no = f.integer("delivery_no", 1, 1'000'000);
  const auto grade = f.opt_str("grade", 100).value_or("");
  auto cc = load_for(c, f, "buyer");
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(accept_delivery(*cc, no, grade));
  return commit(c.cx, *cc, "offtake.delivery.accepted", {{"delivery_no", no}, {"grade", grade}});
}

Result<json> delivery_reject(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "delivery_no", "reason"});
  const auto no = f.integer("delivery_no", 1, 1'000'000);
  const auto reason = f.str("reason", 500);
  auto cc = load_for(c, f, "buyer");
  if (!cc.ok()) return cc.status();
  LIENKET_RETURN_IF_ERROR(reject_delivery(*cc, no, reason));
  return commit(c.cx, *cc, "offtake.delivery.rejected", {{"delivery_no", no}, {"reason", reason}});
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
  return commit(c.cx, *cc, "offtake.payment.recorded",
                {{"amount_vnd", amount}, {"date", date}, {"paid_vnd", cc->paid_vnd()}, {"value_vnd", cc->value_vnd}});
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
    LIENKET_RETURN_IF_ERROR(cx.emit("offtake.consumption.breached",
                                    {{"consumption_id", id}, {"at_fault", verdict->at_fault},
                                     {"party_at_fault", verdict->at_fault == "seller" ? cc->seller : cc->buyer},
                                     {"reason", verdict->reason}, {"accepted", cc->accepted()},
                                     {"quantity", cc->quantity}, {"paid_vnd", cc->paid_vnd()}}));
  }
  return Status::Ok();
}

}  // namespace lienket::offtake
