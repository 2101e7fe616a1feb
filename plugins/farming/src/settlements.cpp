// farming.settlement.compute / .confirm / .get: the season's account between the enterprise and
// the cooperative, with a statement per member household (arithmetic and rounding rule in
// settlement.hpp; inputs in season_pricing.hpp; debts carried over in carry_over.hpp). Each
// delivery is priced by the version governing its date; the season's rates (tax, service fee,
// side-selling clause, expected yields) are those of the version in force. It goes stale
// when a delivery, an advance or new terms are recorded after it, and must then be computed again.
// Once both sides have confirmed the latest one, the agreement is settled and takes no more
// deliveries, advances or amendments.
#include <algorithm>
#include <map>
#include <set>

#include "agreement_store.hpp"
#include "agreement_versions.hpp"
#include "carry_over.hpp"
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "membership.hpp"
#include "season_pricing.hpp"
#include "settlement.hpp"
#include "statement_text.hpp"

namespace lienket::farming {

namespace {

constexpr const char* kRoundingRule =
    "each delivery's quality deductions are floor(accepted x bp / 10000) of its weight; each line "
    "(household, grade, unit price) is worth floor(net quantity x price / units per priced unit); "
    "interest is floor(principal-days x bp_per_month / 300000), capped; advances less in-kind "
    "repayments are split pro rata to gross by the largest-remainder method; tax, service fee and "
    "penalties round down per household, so household figures add up to the cooperative's to the "
    "dong";

// Everything a household's statement needs besides the arithmetic of settlement.hpp.
struct HouseholdContext {
  std::string name;
  SideSelling side_selling;
  std::vector<events::CarriedDebt> carried_from;
};

Result<events::SettlementHousehold> household_record(Store& store, const HouseholdStatement& h,
                                                     const HouseholdContext& c,
                                                     const StatementContext& base,
                                                     const events::Agreement& terms,
                                                     const std::string& date) {
  events::SettlementHousehold out;
  out.household_id = h.household_id;
  out.household_name = c.name;
  out.quantity = h.quantity;
  for (const auto& l : h.lines) out.lines.push_back({l.grade, l.unit_price, l.quantity, l.value});
  out.gross_vnd = h.gross;
  out.deduction_vnd = h.deduction;
  out.net_vnd = h.net;
  out.advance_share_vnd = h.advance_share;
  out.repaid_in_kind_vnd = h.repaid_in_kind;
  out.service_fee_vnd = h.service_fee;
  out.tax_withheld_vnd = h.tax;
  out.side_selling_penalty_vnd = h.side_selling;
  out.carried_in_vnd = h.carried_in;
  out.carried_from = c.carried_from;
  auto member = find_member(store, terms.cooperative, h.household_id);
  if (!member.ok()) return member.status();
  out.member_status = !*member || is_member_on(**member, date) ? "member" : "left";
  if (*member) out.left_on = (*member)->left_on;
  StatementContext sc = base;
  sc.delivered = c.side_selling.delivered;
  sc.required = c.side_selling.required;
  sc.carried_from = c.carried_from;
  out.statement = statement_items(h, sc);
  return out;
}

// The households the season concerns: those who delivered and those of the agreement's plots.
std::set<std::string> season_households(const events::Agreement& terms, const PricedSeason& s) {
  std::set<std::string> out;
  for (const auto& p : terms.plots) out.insert(p.household_id);
  for (const auto& [id, name] : s.household_names) out.insert(id);
  return out;
}

struct SeasonFigures {
  PricedSeason season;
  CostedAdvances advances;
  std::map<std::string, SideSelling> side_selling;
  std::map<std::string, std::vector<events::CarriedDebt>> carried;
  SettlementFigures figures;
};

Result<SeasonFigures> figure_season(Store& store, const SignedVersions& versions,
                                    const std::string& date, Unit unit) {
  const events::Agreement& terms = versions.latest();
  SeasonFigures f;
  auto season = price_deliveries(store, versions, unit);
  if (!season.ok()) return season.status();
  f.season = std::move(*season);
  auto advances = cost_advances(store, terms.id, *date_to_days(date), f.season);
  if (!advances.ok()) return advances.status();
  f.advances = std::move(*advances);
  auto side = assess_side_selling(store, terms, f.season, date, unit);
  if (!side.ok()) return side.status();
  f.side_selling = std::move(*side);
  auto carried = debts_to_carry(store, terms, season_households(terms, f.season));
  if (!carried.ok()) return carried.status();
  f.carried = std::move(*carried);
  std::map<std::string, HouseholdExtras> extras;
  for (const auto& [id, v] : f.advances.repaid_in_kind) extras[id].repaid_in_kind = v;
  for (const auto& [id, v] : f.side_selling) extras[id].side_selling = v.penalty;
  for (const auto& [id, debts] : f.carried)
    for (const auto& d : debts) extras[id].carried_in += d.amount_vnd;
  const SeasonRates rates{terms.tax_withholding_bp.value_or(0), terms.service_fee_vnd.value_or(0),
                          f.season.non_acceptance};
  auto figures = settle(f.season.priced, f.advances.charges, unit, rates, extras);
  if (!figures.ok())
    return Status(figures.status().code(), figures.status().message(), "body.agreement_id");
  f.figures = std::move(*figures);
  return f;
}

events::SettlementTotals totals_of(const SeasonFigures& f) {
  const SettlementFigures& x = f.figures;
  events::SettlementTotals t;
  t.quantity = x.quantity;
  t.gross_vnd = x.gross;
  t.advances_vnd = x.advances;
  t.interest_vnd = x.interest;
  t.deductions_vnd = x.deductions;
  t.net_payable_vnd = x.net;
  for (const auto& d : f.season.deliveries) {
    t.delivered_quantity += d.quantity;
    t.rejected_quantity += d.rejected_quantity;
    t.deducted_quantity += d.deducted_quantity;
  }
  t.repaid_in_kind_vnd = x.repaid_in_kind;
  t.service_fees_vnd = x.service_fees;
  t.tax_withheld_vnd = x.tax;
  t.side_selling_penalties_vnd = x.side_selling;
  t.non_acceptance_penalty_vnd = x.non_acceptance;
  t.carried_in_vnd = x.carried_in;
  t.households_net_vnd = x.households_net;
  t.cooperative_retains_vnd = x.cooperative_retains;
  return t;
}

// A household's name: from its deliveries, else from the agreement's plots.
std::string household_name(const SeasonFigures& f, const events::Agreement& terms,
                           const std::string& id) {
  if (auto it = f.season.household_names.find(id); it != f.season.household_names.end())
    return it->second;
  for (const auto& p : terms.plots)
    if (p.household_id == id) return p.household_name;
  return "";
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
  auto versions = SignedVersions::load(store, *head);
  if (!versions.ok()) return versions.status();
  const events::Agreement& terms = versions->latest();
  auto unit = parse_unit(terms.unit).value_or(Unit::kPiece);
  auto season = figure_season(store, *versions, date, unit);
  if (!season.ok()) return season.status();
  auto n = store.next_id("settlement");
  if (!n.ok()) return n.status();
  events::Settlement s;
  s.id = "stl-" + std::to_string(*n);
  s.agreement_id = agreement_id;
  s.agreement_version = terms.version;
  s.enterprise = terms.enterprise;
  s.cooperative = terms.cooperative;
  s.product_id = terms.product_id;
  s.unit = unit_name(unit);
  s.price_unit = price_unit_name(unit);
  s.date = date;
  s.revision = head->value("revision", std::int64_t{0});
  s.status = "computed";
  s.computed_by = r.as;
  s.computed_at = format_time(cx.now_ms());
  s.totals = totals_of(*season);
  StatementContext base;
  base.unit = unit;
  base.service_fee = terms.service_fee_vnd.value_or(0);
  base.tax_bp = terms.tax_withholding_bp.value_or(0);
  for (const auto& h : season->figures.households) {
    HouseholdContext c{household_name(*season, terms, h.household_id), {}, {}};
    if (auto it = season->side_selling.find(h.household_id); it != season->side_selling.end())
      c.side_selling = it->second;
    if (auto it = season->carried.find(h.household_id); it != season->carried.end())
      c.carried_from = it->second;
    auto record = household_record(store, h, c, base, terms, date);
    if (!record.ok()) return record.status();
    s.households.push_back(std::move(*record));
  }
  s.deliveries = std::move(season->season.deliveries);
  s.advances = std::move(season->advances.lines);
  s.rounding = kRoundingRule;
  s.outstanding_vnd = std::max<std::int64_t>(0, s.totals.net_payable_vnd);
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
  events::SettlementConfirmed confirmed{id, s->agreement_id, r.as, "", s->totals, {}};
  if (s->confirmations.size() == 2) {
    s->status = "confirmed";
    (*head)["settled"] = true;
    LIENKET_RETURN_IF_ERROR(store.put_json(agreement_key((*head)["id"]), *head));
    auto carried = mark_carried(store, *s);
    if (!carried.ok()) return carried.status();
    confirmed.carried_over = std::move(*carried);
  }
  confirmed.status = s->status;
  const json updated = *s;
  LIENKET_RETURN_IF_ERROR(store.put_json("stl/" + id, updated));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, confirmed));
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
