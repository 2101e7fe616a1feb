// farming.harvest.record / .list: deliveries by member households from their plots under an
// agreement in force. A delivery is checked against the agreement version governing its date
// (agreement_versions.hpp): it must fall in that version's harvest window, not after today, be of
// a grade its price terms price and acceptable under its quality table (quality.hpp); the
// household must be a member of the cooperative on that date, and every pesticide's pre-harvest
// interval on the plot respected. Each is a new lot, published as farming.harvest.recorded
// (events::HarvestRecorded).
#include <vector>

#include "agreement_store.hpp"
#include "agreement_versions.hpp"
#include "common.hpp"
#include "diary_rule.hpp"
#include "diary_store.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/store.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "membership.hpp"
#include "money.hpp"
#include "price_terms.hpp"
#include "quality.hpp"

namespace lienket::farming {

namespace {

struct Delivery {
  std::string agreement_id, plot_id, grade, date;
  std::optional<std::string> lot_id;
  std::int64_t quantity = 0;
  std::optional<std::int64_t> moisture_bp, foreign_matter_bp, rejected_quantity;
  std::optional<std::string> rejection_reason, rejection_cause, repays_advance;
};

// The rejected part of a lot: a quantity up to the whole, with its reason and cause (quality, the
// default, or buyer: refused although it met the terms, which the non-acceptance clause prices).
void decode_rejection(Fields& f, Delivery& d) {
  d.rejected_quantity = f.opt_integer("rejected_quantity", 0, kMaxQuantity);
  d.rejection_reason = f.opt_str("rejection_reason", limits::kDiaryText);
  d.rejection_cause = f.opt_str("rejection_cause", 10);
  if (!f.ok()) return;
  if (d.rejected_quantity && *d.rejected_quantity > d.quantity)
    f.fail("rejected_quantity", "must not exceed body.quantity");
  else if (d.rejected_quantity.value_or(0) > 0 && !d.rejection_reason)
    f.fail("rejection_reason", "is required when part of the lot is rejected");
  else if (d.rejection_reason && d.rejected_quantity.value_or(0) == 0)
    f.fail("rejection_reason", "is only given with a rejected_quantity above 0");
  else if (d.rejection_cause && d.rejected_quantity.value_or(0) == 0)
    f.fail("rejection_cause", "is only given with a rejected_quantity above 0");
  else if (d.rejection_cause && *d.rejection_cause != "quality" && *d.rejection_cause != "buyer")
    f.fail("rejection_cause", "must be quality or buyer");
  if (d.rejected_quantity.value_or(0) > 0 && !d.rejection_cause) d.rejection_cause = "quality";
  if (d.rejected_quantity == 0) d.rejected_quantity.reset();
}

Result<Delivery> decode_delivery(const Request& r, std::int64_t now_ms) {
  Fields f(r.body);
  f.only({"agreement_id", "plot_id", "quantity", "grade", "date", "lot_id", "moisture_bp",
          "foreign_matter_bp", "rejected_quantity", "rejection_reason", "rejection_cause",
          "repays_advance"});
  Delivery d;
  d.agreement_id = f.id("agreement_id");
  d.plot_id = f.id("plot_id");
  d.quantity = f.integer("quantity", 1, kMaxQuantity);
  d.grade = f.opt_str("grade", 1).value_or("A");
  if (f.ok() && !is_grade(d.grade)) f.fail("grade", "must be A, B or C");
  d.date = f.date("date");
  if (f.ok() && d.date > local_date(now_ms)) f.fail("date", "must not be after today");
  d.lot_id = f.opt_id("lot_id");
  d.moisture_bp = f.opt_integer("moisture_bp", 0, kBasisPoints);
  d.foreign_matter_bp = f.opt_integer("foreign_matter_bp", 0, kBasisPoints);
  d.repays_advance = f.opt_id("repays_advance");
  decode_rejection(f, d);
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

// A delivery in kind repays an advance of the same agreement (ids "adv-<n>", stored by n).
Status check_repaid_advance(Store& store, const Delivery& d) {
  if (!d.repays_advance) return Status::Ok();
  const std::string& id = *d.repays_advance;
  auto missing = [&] {
    return Status::NotFound("advance " + id + " is not an advance of agreement " + d.agreement_id,
                            "body.repays_advance");
  };
  if (id.rfind("adv-", 0) != 0 || id.size() > 22) return missing();
  std::int64_t n = 0;
  for (char c : id.substr(4)) {
    if (c < '0' || c > '9') return missing();
    n = n * 10 + (c - '0');
  }
  auto stored = store.get(number_key("adv/" + d.agreement_id + "/", n));
  if (!stored.ok()) return stored.status();
  return stored->has_value() ? Status::Ok() : missing();
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
  auto in_force = agreement_in_force(store, *head, "body.agreement_id");
  if (!in_force.ok()) return in_force.status();
  auto versions = SignedVersions::load(store, *head);
  if (!versions.ok()) return versions.status();
  const events::Agreement& terms = versions->on(d->date);
  const json agreement = terms;
  LIENKET_RETURN_IF_ERROR(check_against_agreement(agreement, *d));
  auto quality = assess_quality(
      {d->quantity, d->rejected_quantity.value_or(0), d->moisture_bp, d->foreign_matter_bp},
      terms.quality);
  if (!quality.ok()) return quality.status();
  LIENKET_RETURN_IF_ERROR(check_pre_harvest_interval(store, *d));
  LIENKET_RETURN_IF_ERROR(check_repaid_advance(store, *d));
  auto plot_record = load(store, "plot/" + d->plot_id, "plot", d->plot_id, "body.plot_id");
  if (!plot_record.ok()) return plot_record.status();
  auto plot = decode_record<events::Plot>(*plot_record, "plot");
  if (!plot.ok()) return plot.status();
  LIENKET_RETURN_IF_ERROR(
      require_member_on(store, terms.cooperative, plot->household_id, d->date, "body.date"));
  auto lot = claim_lot(store, d->lot_id);
  if (!lot.ok()) return lot.status();
  auto n = store.next_id("harvest");
  if (!n.ok()) return n.status();
  events::HarvestRecorded h;
  h.id = "harvest-" + std::to_string(*n);
  h.lot_id = *lot;
  h.agreement_id = d->agreement_id;
  h.agreement_version = terms.version;
  h.enterprise = (*head)["enterprise"].get<std::string>();
  h.cooperative = (*head)["cooperative"].get<std::string>();
  h.product_id = (*head)["product_id"].get<std::string>();
  h.gtin = product_gtin(cx, h.product_id);
  h.plot_id = d->plot_id;
  h.household_id = plot->household_id;
  h.household_name = plot->household_name;
  h.location = plot_location(*plot);
  h.quantity = d->quantity;
  h.unit = terms.unit;
  h.grade = d->grade;
  h.date = d->date;
  h.recorded_at = format_time(cx.now_ms());
  h.moisture_bp = d->moisture_bp;
  h.foreign_matter_bp = d->foreign_matter_bp;
  h.rejected_quantity = d->rejected_quantity;
  h.rejection_reason = d->rejection_reason;
  h.rejection_cause = d->rejection_cause;
  if (d->moisture_bp || d->foreign_matter_bp) h.deducted_quantity = quality->deducted;
  h.net_quantity = quality->net;
  h.repays_advance = d->repays_advance;
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
