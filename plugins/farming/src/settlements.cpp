// farming.settlement.compute / .confirm / .get: the season's account between the enterprise and
// the cooperative, with a statement per member household (arithmetic and rounding rule in
// settlement.hpp). A settlement is computed under the agreement version in force; it goes stale
// when a delivery, an advance or new terms are recorded after it, and must then be computed again.
// Once both sides have confirmed the latest one, the agreement is settled and takes no more
// deliveries, advances or amendments.
#include <algorithm>
#include <map>

#include "agreement_store.hpp"
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "market_prices.hpp"
#include "price_terms.hpp"
#include "settlement.hpp"

namespace lienket::farming {

namespace {

constexpr const char* kRoundingRule =
    "each line (household, grade, unit price) is worth floor(quantity x price / units per priced "
    "unit); "
    "interest is floor(value x bp_per_month x days / 300000); deductions are split pro rata to "
    "gross by "
    "the largest-remainder method, so household figures add up to the cooperative's to the dong";

struct PricedSeason {
  std::vector<PricedDelivery> priced;
  std::vector<events::SettlementDelivery> deliveries;
  std::map<std::string, std::string> household_names;
};

Result<PricedSeason> price_deliveries(Store& store, const json& agreement) {
  const std::string id = agreement["id"];
  const PriceTerms terms = price_terms_from_json(agreement["price"]);
  auto harvests = scan_all(store, "harvest/" + id + "/");
  if (!harvests.ok()) return harvests.status();
  PricedSeason s;
  for (const auto& record : *harvests) {
    auto h = decode_record<events::HarvestRecorded>(record, "harvest");
    if (!h.ok()) return h.status();
    events::SettlementDelivery line{h->id,      h->lot_id, h->household_id,
                                    h->plot_id, h->grade,  h->quantity,
                                    h->date,    0,         std::nullopt};
    std::optional<std::int64_t> market;
    if (needs_market_price(terms)) {
      auto m = market_price_on(store, agreement["enterprise"], agreement["product_id"], h->date);
      if (!m.ok()) return m.status();
      if (!m->has_value())
        return Status::FailedPrecondition(
            "no market reference price for " + agreement["product_id"].get<std::string>() +
                " on or before " + h->date + " (needed by " + h->id + ", lot " + h->lot_id +
                "); the enterprise sets one with farming.market_price.set",
            "body.agreement_id");
      market = **m;
      line.market_price_vnd = market;
    }
    auto price = unit_price(terms, h->grade, market);
    if (!price.ok())
      return Status(price.status().code(), price.status().message() + " (" + h->id + ")",
                    "body.agreement_id");
    line.unit_price_vnd = *price;
    s.priced.push_back({h->household_id, h->grade, h->quantity, *price});
    s.household_names[h->household_id] = h->household_name;
    s.deliveries.push_back(std::move(line));
  }
  return s;
}

Result<std::pair<std::vector<AdvanceCharge>, std::vector<events::SettlementAdvance>>>
charge_advances(Store& store, const std::string& id, std::int64_t settle_day) {
  auto advances = scan_all(store, "adv/" + id + "/");
  if (!advances.ok()) return advances.status();
  std::vector<AdvanceCharge> charges;
  std::vector<events::SettlementAdvance> lines;
  for (const auto& record : *advances) {
    auto a = decode_record<events::Advance>(record, "advance");
    if (!a.ok()) return a.status();
    const std::int64_t days = std::max<std::int64_t>(0, settle_day - *date_to_days(a->date));
    const std::int64_t interest = advance_interest(a->value_vnd, a->interest_bp_per_month, days);
    charges.push_back({a->value_vnd, interest});
    lines.push_back(
        {a->id, a->item, a->date, a->value_vnd, a->interest_bp_per_month, days, interest});
  }
  return std::make_pair(std::move(charges), std::move(lines));
}

events::SettlementHousehold household_record(const HouseholdStatement& h, const std::string& name) {
  events::SettlementHousehold out{h.household_id, name,        h.quantity, {},
                                  h.gross,        h.deduction, h.net};
  for (const auto& l : h.lines) out.lines.push_back({l.grade, l.unit_price, l.quantity, l.value});
  return out;
}

// Marks an earlier, unconfirmed settlement as replaced by a newer computation.
Status supersede(Store& store, const json& head) {
  if (!head.contains("last_settlement")) return Status::Ok();
  const std::string old_id = head["last_settlement"];
  auto old = load(store, "stl/" + old_id, "settlement", old_id, "body.agreement_id");
  if (!old.ok()) return old.status();
  if ((*old)["status"] != "computed") return Status::Ok();
  (*old)["status"] = "superseded";
  return store.put_json("stl/" + old_id, *old);
}

}  // namespace

Result<json> settlement_compute(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"agreement_id", "date"});
  std::string agreement_id = f.id("agreement_id");
  const std::string today = local_date(cx.now_ms());
  std::string date = f.opt_date("date").value_or(today);
  if (f.ok() && date > today) f.fail("date", "must not be after today");
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto head = load_agreement_head(store, agreement_id, "body.agreement_id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, ""));
  auto agreement = agreement_in_force(store, *head, "body.agreement_id");
  if (!agreement.ok()) return agreement.status();
  auto season = price_deliveries(store, *agreement);
  if (!season.ok()) return season.status();
  auto advances = charge_advances(store, agreement_id, *date_to_days(date));
  if (!advances.ok()) return advances.status();
  auto unit = parse_unit((*agreement)["unit"].get<std::string>()).value_or(Unit::kPiece);
  auto figures = settle(season->priced, advances->first, unit);
  if (!figures.ok())
    return Status(figures.status().code(), figures.status().message(), "body.agreement_id");
  auto n = store.next_id("settlement");
  if (!n.ok()) return n.status();
  events::Settlement s;
  s.id = "stl-" + std::to_string(*n);
  s.agreement_id = agreement_id;
  s.agreement_version = (*agreement)["version"].get<std::int64_t>();
  s.enterprise = (*head)["enterprise"].get<std::string>();
  s.cooperative = (*head)["cooperative"].get<std::string>();
  s.product_id = (*head)["product_id"].get<std::string>();
  s.unit = unit_name(unit);
  s.price_unit = price_unit_name(unit);
  s.date = date;
  s.revision = head->value("revision", std::int64_t{0});
  s.status = "computed";
  s.computed_by = r.as;
  s.computed_at = format_time(cx.now_ms());
  s.totals = {figures->quantity, figures->gross,      figures->advances,
              figures->interest, figures->deductions, figures->net};
  for (const auto& h : figures->households)
    s.households.push_back(household_record(h, season->household_names[h.household_id]));
  s.deliveries = std::move(season->deliveries);
  s.advances = std::move(advances->second);
  s.rounding = kRoundingRule;
  LIENKET_RETURN_IF_ERROR(supersede(store, *head));
  (*head)["last_settlement"] = s.id;
  const json record = s;
  LIENKET_RETURN_IF_ERROR(store.put_json(agreement_key(agreement_id), *head));
  LIENKET_RETURN_IF_ERROR(store.put_json("stl/" + s.id, record));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::SettlementComputed{s}));
  return json{{"settlement", record}};
}

Result<json> settlement_confirm(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"settlement_id"});
  std::string id = f.id("settlement_id");
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto record = load(store, "stl/" + id, "settlement", id, "body.settlement_id");
  if (!record.ok()) return record.status();
  auto s = decode_record<events::Settlement>(*record, "settlement");
  if (!s.ok()) return s.status();
  auto head = load_agreement_head(store, s->agreement_id, "body.settlement_id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, ""));
  if (s->status != "computed")
    return Status::FailedPrecondition("settlement " + id + " is " + s->status,
                                      "body.settlement_id");
  if (s->revision != head->value("revision", std::int64_t{0}))
    return Status::FailedPrecondition("settlement " + id +
                                          " is stale: deliveries, advances or terms changed "
                                          "after it was computed; compute it again",
                                      "body.settlement_id");
  if (s->confirmations.count(r.as))
    return Status::FailedPrecondition(r.as + " has already confirmed settlement " + id, "as");
  s->confirmations[r.as] = format_time(cx.now_ms());
  if (s->confirmations.size() == 2) {
    s->status = "confirmed";
    (*head)["settled"] = true;
    LIENKET_RETURN_IF_ERROR(store.put_json(agreement_key((*head)["id"]), *head));
  }
  const json updated = *s;
  LIENKET_RETURN_IF_ERROR(store.put_json("stl/" + id, updated));
  LIENKET_RETURN_IF_ERROR(
      emit_event(cx, events::SettlementConfirmed{id, s->agreement_id, r.as, s->status, s->totals}));
  return json{{"settlement", updated}};
}

Result<json> settlement_get(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"settlement_id"});
  std::string id = f.id("settlement_id");
  if (!f.ok()) return f.status();
  auto s = load(cx.store(), "stl/" + id, "settlement", id, "body.settlement_id");
  if (!s.ok()) return s.status();
  return json{{"settlement", *s}};
}

}  // namespace lienket::farming
