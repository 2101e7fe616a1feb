// farming.advance.record / .list: inputs and cash the enterprise advances to the cooperative under
// an agreement in force. The interest terms (the agreement's advance_interest in the version
// governing the advance's date, else the config's advance_interest_bp_per_month with no cap and no
// grace) are copied into each advance when it is recorded, so a later change of terms or config
// does not rewrite past advances.
#include "agreement_store.hpp"
#include "agreement_versions.hpp"
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "money.hpp"

namespace lienket::farming {

Result<json> advance_record(const Request& r, Context& cx, const Config& config) {
  Fields f(r.body);
  f.only({"agreement_id", "item", "description", "quantity", "quantity_unit", "value_vnd", "date"});
  events::Advance adv;
  adv.agreement_id = f.id("agreement_id");
  adv.item = f.str("item", 20);
  if (f.ok() && adv.item != "seed" && adv.item != "fertiliser" && adv.item != "pesticide" &&
      adv.item != "cash")
    f.fail("item", "must be one of seed, fertiliser, pesticide, cash");
  adv.description = f.opt_str("description", limits::kAdvanceDescription);
  adv.quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  adv.quantity_unit = f.opt_str("quantity_unit", limits::kQuantityUnit);
  adv.value_vnd = f.integer("value_vnd", 1, kMaxMoney);
  adv.date = f.date("date");
  if (f.ok() && adv.date > local_date(cx.now_ms())) f.fail("date", "must not be after today");
  if (f.ok() && adv.quantity.has_value() != adv.quantity_unit.has_value())
    f.fail(adv.quantity ? "quantity_unit" : "quantity",
           "is required with " + std::string(adv.quantity ? "quantity" : "quantity_unit"));
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto head = load_agreement_head(store, adv.agreement_id, "body.agreement_id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, "enterprise"));
  auto in_force = agreement_in_force(store, *head, "body.agreement_id");
  if (!in_force.ok()) return in_force.status();
  auto versions = SignedVersions::load(store, *head);
  if (!versions.ok()) return versions.status();
  auto n = store.next_id("advance");
  if (!n.ok()) return n.status();
  adv.id = "adv-" + std::to_string(*n);
  adv.enterprise = (*head)["enterprise"].get<std::string>();
  adv.cooperative = (*head)["cooperative"].get<std::string>();
  adv.interest_bp_per_month = config.advance_interest_bp_per_month;
  if (const auto& terms = versions->on(adv.date).advance_interest) {
    adv.interest_bp_per_month = terms->bp_per_month;
    adv.interest_cap_bp = terms->cap_bp;
    adv.interest_grace_days = terms->grace_days;
  }
  adv.recorded_at = format_time(cx.now_ms());
  LIENKET_RETURN_IF_ERROR(
      store.put_json(number_key("adv/" + adv.agreement_id + "/", *n), json(adv)));
  LIENKET_RETURN_IF_ERROR(touch_agreement(store, *head));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::AdvanceRecorded{adv}));
  return json{{"advance", adv}};
}

Result<json> advance_list(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"agreement_id"});
  std::string agreement_id = f.id("agreement_id");
  if (!f.ok()) return f.status();
  auto head = load_agreement_head(cx.store(), agreement_id, "body.agreement_id");
  if (!head.ok()) return head.status();
  auto advances = scan_all(cx.store(), "adv/" + agreement_id + "/");
  if (!advances.ok()) return advances.status();
  std::int64_t total = 0;
  for (const auto& a : *advances) total += a["value_vnd"].get<std::int64_t>();
  return json{{"advances", *advances}, {"total_vnd", total}};
}

}  // namespace lienket::farming
