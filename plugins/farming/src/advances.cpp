// farming.advance.record / .list: inputs and cash the enterprise advances to the cooperative under
// an agreement in force. The interest rate (config advance_interest_bp_per_month) is copied into
// each advance when it is recorded, so a later change of config does not rewrite past terms.
#include "agreement_store.hpp"
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "money.hpp"

namespace lienket::farming {

Result<json> advance_record(const Request& r, Context& cx, const Config& config) {
  Fields f(r.body);
  f.only({"agreement_id", "item", "description", "quantity", "quantity_unit", "value_vnd", "date"});
  std::string agreement_id = f.id("agreement_id");
  std::string item = f.str("item", 20);
  if (f.ok() && item != "seed" && item != "fertiliser" && item != "pesticide" && item != "cash")
    f.fail("item", "must be one of seed, fertiliser, pesticide, cash");
  auto description = f.opt_str("description", 200);
  auto quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  auto quantity_unit = f.opt_str("quantity_unit", 20);
  std::int64_t value = f.integer("value_vnd", 1, kMaxMoney);
  std::string date = f.date("date");
  if (f.ok() && date > local_date(cx.now_ms())) f.fail("date", "must not be after today");
  if (f.ok() && quantity.has_value() != quantity_unit.has_value())
    f.fail(quantity ? "quantity_unit" : "quantity", "is required with " +
                                                         std::string(quantity ? "quantity" : "quantity_unit"));
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto head = load_agreement_head(store, agreement_id, "body.agreement_id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, "enterprise"));
  auto in_force = agreement_in_force(store, *head, "body.agreement_id");
  if (!in_force.ok()) return in_force.status();
  auto n = store.next_id("advance");
  if (!n.ok()) return n.status();
  json adv{{"id", "adv-" + std::to_string(*n)}, {"agreement_id", agreement_id}, {"enterprise", (*head)["enterprise"]},
           {"cooperative", (*head)["cooperative"]}, {"item", item}, {"value_vnd", value}, {"date", date},
           {"interest_bp_per_month", config.advance_interest_bp_per_month},
           {"recorded_at", format_time(cx.now_ms())}};
  if (description) adv["description"] = *description;
  if (quantity) adv["quantity"] = *quantity, adv["quantity_unit"] = *quantity_unit;
  LIENKET_RETURN_IF_ERROR(store.put_json(number_key("adv/" + agreement_id + "/", *n), adv));
  LIENKET_RETURN_IF_ERROR(touch_agreement(store, *head));
  LIENKET_RETURN_IF_ERROR(cx.emit("farming.advance.recorded", {{"advance", adv}}));
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
