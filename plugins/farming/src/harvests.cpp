// farming.harvest.record / .list: deliveries by member households from their plots under an
// agreement in force. A delivery must fall in the harvest window, not after today, be of a grade
// the price terms price, and respect every pesticide's pre-harvest interval on that plot. Each is a
// new lot, published as farming.harvest.recorded (events::HarvestRecorded).
#include <vector>

#include "agreement_store.hpp"
#include "common.hpp"
#include "diary_rule.hpp"
#include "diary_store.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "money.hpp"
#include "price_terms.hpp"

namespace lienket::farming {

namespace {

struct Delivery {
  std::string agreement_id, plot_id, grade, date;
  std::optional<std::string> lot_id;
  std::int64_t quantity = 0;
};

Result<Delivery> decode_delivery(const Request& r, std::int64_t now_ms) {
  Fields f(r.body);
  f.only({"agreement_id", "plot_id", "quantity", "grade", "date", "lot_id"});
  Delivery d;
  d.agreement_id = f.id("agreement_id");
  d.plot_id = f.id("plot_id");
  d.quantity = f.integer("quantity", 1, kMaxQuantity);
  d.grade = f.opt_str("grade", 1).value_or("A");
  if (f.ok() && !is_grade(d.grade)) f.fail("grade", "must be A, B or C");
  d.date = f.date("date");
  if (f.ok() && d.date > local_date(now_ms)) f.fail("date", "must not be after today");
  d.lot_id = f.opt_id("lot_id");
  if (!f.ok()) return f.status();
  return d;
}

Status check_pre_harvest_interval(Store& store, const Delivery& d) {
  auto uses = pesticide_uses(store, d.plot_id);
  if (!uses.ok()) return uses.status();
  auto block = blocking_application(*uses, *date_to_days(d.date));
  if (!block) return Status::Ok();
  return Status::FailedPrecondition(
      "plot " + d.plot_id + " may not be harvested before " + days_to_date(safe_from(*block)) +
          ": diary entry " + block->entry_id + " (" + block->active_ingredient + " on " +
          days_to_date(block->day) + ", " + std::to_string(block->phi_days) +
          "-day pre-harvest interval)",
      "body.date");
}

// The plot's line in the agreement in force, or nullptr.
const json* agreement_plot(const json& agreement, const std::string& plot_id) {
  for (const auto& p : agreement["plots"])
    if (p["plot_id"] == plot_id) return &p;
  return nullptr;
}

Status check_against_agreement(const json& agreement, const Delivery& d) {
  if (!agreement_plot(agreement, d.plot_id))
    return Status::FailedPrecondition(
        "plot " + d.plot_id + " is not part of agreement " + d.agreement_id, "body.plot_id");
  const json& w = agreement["harvest_window"];
  if (d.date < w["start"].get<std::string>() || d.date > w["end"].get<std::string>())
    return Status::FailedPrecondition("body.date " + d.date + " is outside the harvest window " +
                                          w["start"].get<std::string>() + " to " +
                                          w["end"].get<std::string>(),
                                      "body.date");
  if (!prices_grade(price_terms_from_json(agreement["price"]), d.grade))
    return Status::FailedPrecondition(
        "the price terms of agreement " + d.agreement_id + " do not price grade " + d.grade,
        "body.grade");
  return Status::Ok();
}

// The given lot id if it is free, or the next free "lot-<n>".
Result<std::string> claim_lot(Store& store, const std::optional<std::string>& wanted) {
  if (wanted) {
    auto existing = store.get("lot/" + *wanted);
    if (!existing.ok()) return existing.status();
    if (existing->has_value())
      return Status::AlreadyExists("lot " + *wanted + " is already recorded", "body.lot_id");
    return *wanted;
  }
  for (;;) {
    auto n = store.next_id("lot");
    if (!n.ok()) return n.status();
    std::string id = "lot-" + std::to_string(*n);
    auto existing = store.get("lot/" + id);
    if (!existing.ok()) return existing.status();
    if (!existing->has_value()) return id;
  }
}

// The product's GTIN-14 from the registry, when it has one.
std::optional<std::string> product_gtin(Context& cx, const std::string& product_id) {
  auto product = cx.registry().product(product_id);
  if (!product.ok()) return std::nullopt;
  auto it = product->find("gtin");
  if (it == product->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

Result<json> harvest_record(const Request& r, Context& cx, const Config&) {
  auto d = decode_delivery(r, cx.now_ms());
  if (!d.ok()) return d.status();
  auto& store = cx.store();
  auto head = load_agreement_head(store, d->agreement_id, "body.agreement_id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, "cooperative"));
  auto agreement = agreement_in_force(store, *head, "body.agreement_id");
  if (!agreement.ok()) return agreement.status();
  LIENKET_RETURN_IF_ERROR(check_against_agreement(*agreement, *d));
  LIENKET_RETURN_IF_ERROR(check_pre_harvest_interval(store, *d));
  auto plot_record = load(store, "plot/" + d->plot_id, "plot", d->plot_id, "body.plot_id");
  if (!plot_record.ok()) return plot_record.status();
  auto plot = decode_record<events::Plot>(*plot_record, "plot");
  if (!plot.ok()) return plot.status();
  auto lot = claim_lot(store, d->lot_id);
  if (!lot.ok()) return lot.status();
  auto n = store.next_id("harvest");
  if (!n.ok()) return n.status();
  events::HarvestRecorded h;
  h.id = "harvest-" + std::to_string(*n);
  h.lot_id = *lot;
  h.agreement_id = d->agreement_id;
  h.agreement_version = (*agreement)["version"].get<std::int64_t>();
  h.enterprise = (*head)["enterprise"].get<std::string>();
  h.cooperative = (*head)["cooperative"].get<std::string>();
  h.product_id = (*head)["product_id"].get<std::string>();
  h.gtin = product_gtin(cx, h.product_id);
  h.plot_id = d->plot_id;
  h.household_id = plot->household_id;
  h.household_name = plot->household_name;
  h.location = plot_location(*plot);
  h.quantity = d->quantity;
  h.unit = (*agreement)["unit"].get<std::string>();
  h.grade = d->grade;
  h.date = d->date;
  h.recorded_at = format_time(cx.now_ms());
  const json record = h;
  LIENKET_RETURN_IF_ERROR(
      store.put_json(number_key("harvest/" + d->agreement_id + "/", *n), record));
  LIENKET_RETURN_IF_ERROR(store.put("lot/" + *lot, h.id));
  LIENKET_RETURN_IF_ERROR(touch_agreement(store, *head));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, h));
  return json{{"harvest", record}};
}

Result<json> harvest_list(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"agreement_id", "plot_id"});
  std::string agreement_id = f.id("agreement_id");
  auto plot_id = f.opt_id("plot_id");
  if (!f.ok()) return f.status();
  auto head = load_agreement_head(cx.store(), agreement_id, "body.agreement_id");
  if (!head.ok()) return head.status();
  auto all = scan_all(cx.store(), "harvest/" + agreement_id + "/");
  if (!all.ok()) return all.status();
  json out = json::array();
  std::int64_t total = 0;
  for (auto& h : *all) {
    if (plot_id && h["plot_id"] != *plot_id) continue;
    total += h["quantity"].get<std::int64_t>();
    out.push_back(h);
  }
  return json{{"harvests", out}, {"total_quantity", total}};
}

}  // namespace lienket::farming
