// farming.settlement.pay: the enterprise pays a confirmed settlement in instalments. Each payment
// is kept on the settlement with the running paid and outstanding figures; the outstanding amount
// is max(0, net_payable) less what was paid, and no payment may exceed it.
#include "agreement_store.hpp"
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "money.hpp"

namespace lienket::farming {

namespace {

struct PaymentRequest {
  std::string settlement_id;
  events::Payment payment;
};

Result<PaymentRequest> decode_payment(const Request& r, const std::string& today) {
  Fields f(r.body);
  f.only({"settlement_id", "amount_vnd", "date", "reference"});
  PaymentRequest p;
  p.settlement_id = f.id("settlement_id");
  p.payment.amount_vnd = f.integer("amount_vnd", 1, kMaxMoney);
  p.payment.date = f.opt_date("date").value_or(today);
  if (f.ok() && p.payment.date > today) f.fail("date", "must not be after today");
  p.payment.reference = f.opt_str("reference", limits::kPriceSource);
  if (!f.ok()) return f.status();
  return p;
}

Status check_payable(const events::Settlement& s, std::int64_t amount) {
  if (s.status != "confirmed")
    return Status::FailedPrecondition(
        "settlement " + s.id + " is " + s.status + "; only a settlement confirmed by both is paid",
        "body.settlement_id");
  if (amount > s.outstanding_vnd)
    return Status::FailedPrecondition("body.amount_vnd " + std::to_string(amount) +
                                          " exceeds the " + std::to_string(s.outstanding_vnd) +
                                          " VND outstanding on settlement " + s.id,
                                      "body.amount_vnd");
  return Status::Ok();
}

}  // namespace

Result<json> settlement_pay(const Request& r, Context& cx, const Config&) {
  auto p = decode_payment(r, local_date(cx.now_ms()));
  if (!p.ok()) return p.status();
  auto& store = cx.store();
  auto record =
      load(store, "stl/" + p->settlement_id, "settlement", p->settlement_id, "body.settlement_id");
  if (!record.ok()) return record.status();
  auto s = decode_record<events::Settlement>(*record, "settlement");
  if (!s.ok()) return s.status();
  auto head = load_agreement_head(store, s->agreement_id, "body.settlement_id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, "enterprise"));
  LIENKET_RETURN_IF_ERROR(check_payable(*s, p->payment.amount_vnd));
  auto n = store.next_id("payment");
  if (!n.ok()) return n.status();
  p->payment.id = "pay-" + std::to_string(*n);
  p->payment.recorded_by = r.as;
  p->payment.recorded_at = format_time(cx.now_ms());
  s->payments.push_back(p->payment);
  s->paid_vnd += p->payment.amount_vnd;
  s->outstanding_vnd -= p->payment.amount_vnd;
  const json updated = *s;
  LIENKET_RETURN_IF_ERROR(store.put_json("stl/" + s->id, updated));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::SettlementPaid{s->id, s->agreement_id, p->payment,
                                                                s->paid_vnd, s->outstanding_vnd}));
  return json{{"settlement", updated}};
}

}  // namespace lienket::farming
