#include "season_pricing.hpp"

#include <algorithm>

#include "common.hpp"
#include "interest.hpp"
#include "lienket/time.hpp"
#include "market_prices.hpp"
#include "membership.hpp"
#include "price_terms.hpp"
#include "quality.hpp"

namespace lienket::farming {

namespace {

Status cannot_price(const events::HarvestRecorded& h, const std::string& why) {
  return Status::FailedPrecondition(why + " (needed by " + h.id + ", lot " + h.lot_id + ")",
                                    "body.agreement_id");
}

// The unit price of a delivery under `terms`, and the market price it used (floor terms).
Result<std::int64_t> price_of(Store& store, const events::Agreement& terms,
                              const events::HarvestRecorded& h, events::SettlementDelivery& line) {
  const PriceTerms price = price_terms_from_json(json(terms.price));
  std::optional<std::int64_t> market;
  if (needs_market_price(price)) {
    auto m = market_price_on(store, terms.enterprise, terms.product_id, h.date);
    if (!m.ok()) return m.status();
    if (!m->has_value())
      return cannot_price(h, "no market reference price for " + terms.product_id +
                                 " on or before " + h.date +
                                 "; the enterprise sets one with farming.market_price.set");
    market = **m;
    line.market_price_vnd = market;
  }
  auto p = unit_price(price, h.grade, market);
  if (!p.ok()) return cannot_price(h, p.status().message());
  return *p;
}

// One delivery: its quality outcome and price under the version governing its date.
Status price_one(Store& store, const SignedVersions& versions, const events::HarvestRecorded& h,
                 Unit unit, PricedSeason& s) {
  const events::Agreement& terms = versions.on(h.date);
  auto q = assess_quality(
      {h.quantity, h.rejected_quantity.value_or(0), h.moisture_bp, h.foreign_matter_bp},
      terms.quality);
  if (!q.ok()) return cannot_price(h, q.status().message());
  events::SettlementDelivery line;
  line.id = h.id;
  line.lot_id = h.lot_id;
  line.household_id = h.household_id;
  line.plot_id = h.plot_id;
  line.grade = h.grade;
  line.quantity = h.quantity;
  line.date = h.date;
  line.agreement_version = terms.version;
  line.rejected_quantity = h.rejected_quantity.value_or(0);
  line.deducted_quantity = q->deducted;
  line.net_quantity = q->net;
  line.rejection_cause = h.rejection_cause;
  line.repays_advance = h.repays_advance;
  if (q->net > 0) {
    auto price = price_of(store, terms, h, line);
    if (!price.ok()) return price.status();
    line.unit_price_vnd = *price;
    auto value = line_value(q->net, *price, unit);
    if (!value) return cannot_price(h, "the delivery's value is too large");
    line.value_vnd = *value;
    s.priced.push_back({h.household_id, h.grade, q->net, *price});
  }
  const bool buyer_refused = h.rejection_cause == "buyer";
  s.counted[h.household_id] += buyer_refused ? h.quantity : q->accepted;
  if (buyer_refused && terms.penalties && terms.penalties->non_acceptance) {
    auto owed =
        line_value(line.rejected_quantity, terms.penalties->non_acceptance->vnd_per_unit, unit);
    if (!owed) return cannot_price(h, "the non-acceptance penalty is too large");
    s.non_acceptance += *owed;
  }
  s.household_names[h.household_id] = h.household_name;
  s.deliveries.push_back(std::move(line));
  return Status::Ok();
}

}  // namespace

Result<PricedSeason> price_deliveries(Store& store, const SignedVersions& versions, Unit unit) {
  const std::string id = versions.latest().id;
  auto harvests = scan_all(store, "harvest/" + id + "/");
  if (!harvests.ok()) return harvests.status();
  PricedSeason s;
  for (const auto& record : *harvests) {
    auto h = decode_record<events::HarvestRecorded>(record, "harvest");
    if (!h.ok()) return h.status();
    LIENKET_RETURN_IF_ERROR(price_one(store, versions, *h, unit, s));
  }
  return s;
}

Result<CostedAdvances> cost_advances(Store& store, const std::string& agreement_id,
                                     std::int64_t settle_day, const PricedSeason& season) {
  auto advances = scan_all(store, "adv/" + agreement_id + "/");
  if (!advances.ok()) return advances.status();
  // Deliveries in kind in date order (stable: recording order on a day).
  std::vector<const events::SettlementDelivery*> in_kind;
  for (const auto& d : season.deliveries)
    if (d.repays_advance && d.value_vnd > 0) in_kind.push_back(&d);
  std::stable_sort(in_kind.begin(), in_kind.end(),
                   [](const auto* a, const auto* b) { return a->date < b->date; });
  CostedAdvances out;
  for (const auto& record : *advances) {
    auto a = decode_record<events::Advance>(record, "advance");
    if (!a.ok()) return a.status();
    std::vector<Repayment> repayments;
    std::vector<const events::SettlementDelivery*> by;
    for (const auto* d : in_kind)
      if (*d->repays_advance == a->id) {
        repayments.push_back({*date_to_days(d->date), d->value_vnd});
        by.push_back(d);
      }
    const std::int64_t advance_day = *date_to_days(a->date);
    const InterestRule rule{a->interest_bp_per_month, a->interest_cap_bp,
                            a->interest_grace_days.value_or(0)};
    const AdvanceCost cost = advance_cost(a->value_vnd, advance_day, settle_day, rule, repayments);
    for (std::size_t i = 0; i < by.size(); ++i)
      out.repaid_in_kind[by[i]->household_id] += cost.applied[i];
    out.charges.push_back({a->value_vnd, cost.interest});
    events::SettlementAdvance line;
    line.id = a->id;
    line.item = a->item;
    line.date = a->date;
    line.value_vnd = a->value_vnd;
    line.interest_bp_per_month = a->interest_bp_per_month;
    line.days = std::max<std::int64_t>(0, settle_day - advance_day);
    line.interest_vnd = cost.interest;
    line.interest_cap_bp = a->interest_cap_bp;
    line.interest_grace_days = a->interest_grace_days;
    line.repaid_in_kind_vnd = cost.repaid;
    out.lines.push_back(std::move(line));
  }
  return out;
}

Result<std::map<std::string, SideSelling>> assess_side_selling(Store& store,
                                                               const events::Agreement& terms,
                                                               const PricedSeason& season,
                                                               const std::string& settle_date,
                                                               Unit unit) {
  std::map<std::string, SideSelling> out;
  if (!terms.penalties || !terms.penalties->side_selling) return out;
  if (settle_date <= terms.harvest_window.end) return out;  // the window is not over
  const auto& clause = *terms.penalties->side_selling;
  std::map<std::string, std::int64_t> expected;
  for (const auto& p : terms.plots) expected[p.household_id] += p.expected_yield;
  for (const auto& [household, yield] : expected) {
    auto m = find_member(store, terms.cooperative, household);
    if (!m.ok()) return m.status();
    if (*m && !is_member_on(**m, terms.harvest_window.end)) continue;  // left before the end
    SideSelling s;
    s.required = apply_bp(yield, clause.min_delivery_bp);
    auto it = season.counted.find(household);
    s.delivered = it == season.counted.end() ? 0 : it->second;
    if (s.delivered >= s.required) continue;
    auto penalty = line_value(s.required - s.delivered, clause.vnd_per_unit, unit);
    if (!penalty)
      return Status::FailedPrecondition("the side-selling penalty is too large",
                                        "body.agreement_id");
    s.penalty = *penalty;
    out[household] = s;
  }
  return out;
}

}  // namespace lienket::farming
