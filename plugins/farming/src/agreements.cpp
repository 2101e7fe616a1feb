// farming.agreement.propose / .amend / .sign / .get / .list: season agreements between an
// enterprise and a cooperative. The proposer signs the version it proposes; the other side signs
// it with .sign; an amendment is a new version (the old ones are kept) that again needs both.
#include <set>

#include "agreement_store.hpp"
#include "agreement_versions.hpp"
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "money.hpp"
#include "price_terms.hpp"
#include "season_terms.hpp"

namespace lienket::farming {

namespace {

using events::Agreement;

// {"start": date, "end": date} with start <= end.
events::Period decode_period(Fields& f, const char* key) {
  Fields p = f.object(key);
  p.only({"start", "end"});
  events::Period out{p.date("start"), p.date("end")};
  if (p.ok() && out.end < out.start) p.fail("end", "must not be before start");
  return out;
}

// [{"plot_id", "expected_yield"}]: each plot once, of this cooperative; the household comes from
// the plot record.
Result<std::vector<events::AgreementPlot>> decode_plots(const Fields& f, Store& store,
                                                        const std::string& cooperative) {
  const std::string path = f.path("plots");
  const json& raw = f.raw()["plots"];
  if (!raw.is_array() || raw.empty() || raw.size() > limits::kMaxAgreementPlots)
    return Status::InvalidArgument(path + " must be a list of 1 to 500 {plot_id, expected_yield}",
                                   path);
  std::vector<events::AgreementPlot> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Fields p(raw[i], path + "[" + std::to_string(i) + "]");
    p.only({"plot_id", "expected_yield"});
    std::string plot_id = p.id("plot_id");
    std::int64_t expected = p.integer("expected_yield", 0, kMaxQuantity);
    if (!p.ok()) return p.status();
    if (!seen.insert(plot_id).second)
      return Status::InvalidArgument(p.path("plot_id") + " lists plot " + plot_id + " twice",
                                     p.path("plot_id"));
    auto plot = load(store, "plot/" + plot_id, "plot", plot_id, p.path("plot_id"));
    if (!plot.ok()) return plot.status();
    if ((*plot)["cooperative"] != cooperative)
      return Status::InvalidArgument(p.path("plot_id") + ": plot " + plot_id + " belongs to " +
                                         (*plot)["cooperative"].get<std::string>() + ", not " +
                                         cooperative,
                                     p.path("plot_id"));
    out.push_back(
        {plot_id, plot->value("household_id", ""), plot->value("household_name", ""), expected});
  }
  return out;
}

// Reads the terms into `a`: all of them for a proposal, only those given for an amendment (the
// others stay as in `a`, the version amended).
Status decode_terms(Fields& f, Store& store, const std::string& cooperative, Agreement& a,
                    bool amending) {
  if (!amending || f.has("season")) a.season = decode_period(f, "season");
  if (!amending || f.has("harvest_window")) a.harvest_window = decode_period(f, "harvest_window");
  if (!amending || f.has("price")) {
    Fields p = f.object("price");
    a.price = price_record(decode_price_terms(p));
  }
  if (auto note = f.opt_str("note", limits::kNote)) a.note = *note;
  if (!f.ok()) return f.status();
  LIENKET_RETURN_IF_ERROR(decode_season_terms(f, a));
  if (!amending || f.has("plots")) {
    auto plots = decode_plots(f, store, cooperative);
    if (!plots.ok()) return plots.status();
    a.plots = std::move(*plots);
  }
  if (a.harvest_window.start < a.season.start || a.harvest_window.end > a.season.end)
    return Status::InvalidArgument("body.harvest_window must lie within the season",
                                   "body.harvest_window");
  return Status::Ok();
}

// Both parties exist with the right kinds, the actor is one of them, the product is known.
Result<json> check_parties(const Request& r, Context& cx, const std::string& enterprise,
                           const std::string& coop, const std::string& product_id) {
  auto ent = cx.registry().party(enterprise);
  if (!ent.ok())
    return Status::NotFound("party " + enterprise + " is not registered", "body.enterprise");
  if (!is_kind(*ent, kEnterpriseKinds))
    return Status::InvalidArgument("body.enterprise " + enterprise + " is not an enterprise",
                                   "body.enterprise");
  auto co = cx.registry().party(coop);
  if (!co.ok()) return Status::NotFound("party " + coop + " is not registered", "body.cooperative");
  if (!is_kind(*co, kCooperativeKinds))
    return Status::InvalidArgument("body.cooperative " + coop + " is not a cooperative",
                                   "body.cooperative");
  if (r.as.empty()) return Status::Unauthenticated(r.type + " needs an acting party", "as");
  if (r.as != enterprise && r.as != coop)
    return Status::PermissionDenied(
        "only the enterprise or the cooperative may propose their agreement", "as");
  auto product = cx.registry().product(product_id);
  if (!product.ok())
    return Status::NotFound("product " + product_id + " is not registered", "body.product_id");
  return product;
}

}  // namespace

Result<json> agreement_propose(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"id", "enterprise", "cooperative", "product_id", "plots", "season", "harvest_window",
          "price", "note", "quality", "advance_interest", "service_fee_vnd", "tax_withholding_bp",
          "penalties"});
  auto id = f.opt_id("id");
  std::string enterprise = f.id("enterprise"), coop = f.id("cooperative"),
              product_id = f.id("product_id");
  if (!f.ok()) return f.status();
  auto product = check_parties(r, cx, enterprise, coop, product_id);
  if (!product.ok()) return product.status();
  auto& store = cx.store();
  Agreement v;
  LIENKET_RETURN_IF_ERROR(decode_terms(f, store, coop, v, false));
  if (!id) {
    auto n = store.next_id("agreement");
    if (!n.ok()) return n.status();
    id = "agr-" + std::to_string(*n);
  }
  auto existing = store.get(agreement_key(*id));
  if (!existing.ok()) return existing.status();
  if (existing->has_value())
    return Status::AlreadyExists("agreement " + *id + " already exists", "body.id");
  const std::string now = format_time(cx.now_ms());
  v.id = *id;
  v.version = 1;
  v.enterprise = enterprise;
  v.cooperative = coop;
  v.product_id = product_id;
  v.unit = product->value("unit", "");
  v.status = "proposed";
  v.proposed_by = r.as;
  v.proposed_at = now;
  v.signatures = {{r.as, now}};
  json head{{"id", *id},           {"enterprise", enterprise},
            {"cooperative", coop}, {"product_id", product_id},
            {"latest", 1},         {"in_force", 0},
            {"revision", 0},       {"settled", false}};
  LIENKET_RETURN_IF_ERROR(store.put_json(agreement_key(*id), head));
  LIENKET_RETURN_IF_ERROR(save_agreement(store, v));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::AgreementProposed{v}));
  return json{{"agreement", v}};
}

Result<json> agreement_amend(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"id", "plots", "season", "harvest_window", "price", "note", "effective_from", "quality",
          "advance_interest", "service_fee_vnd", "tax_withholding_bp", "penalties"});
  std::string id = f.id("id");
  auto effective_from = f.opt_date("effective_from");
  const std::string today = local_date(cx.now_ms());
  if (f.ok() && effective_from && *effective_from < today)
    f.fail("effective_from", "must not be before today: an amendment is never retroactive");
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto head = load_agreement_head(store, id, "body.id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, ""));
  if (head->value("settled", false))
    return Status::FailedPrecondition(
        "agreement " + id + " is settled and can no longer be amended", "body.id");
  const std::int64_t latest = (*head)["latest"];
  auto prev = load_agreement(store, id, latest);
  if (!prev.ok()) return prev.status();
  Agreement v = *prev;
  LIENKET_RETURN_IF_ERROR(decode_terms(f, store, (*head)["cooperative"], v, true));
  if (effective_from && *effective_from > v.season.end)
    return Status::InvalidArgument(
        "body.effective_from " + *effective_from + " is after the season's end " + v.season.end,
        "body.effective_from");
  v.effective_from = effective_from;  // the date asked for; fixed when both have signed
  if (prev->status == "proposed") {
    prev->status = "withdrawn";
    LIENKET_RETURN_IF_ERROR(save_agreement(store, *prev));
  }
  const std::string now = format_time(cx.now_ms());
  v.version = latest + 1;
  v.status = "proposed";
  v.proposed_by = r.as;
  v.proposed_at = now;
  v.signatures = {{r.as, now}};
  v.amends = latest;
  (*head)["latest"] = latest + 1;
  LIENKET_RETURN_IF_ERROR(store.put_json(agreement_key(id), *head));
  LIENKET_RETURN_IF_ERROR(save_agreement(store, v));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::AgreementAmended{v}));
  return json{{"agreement", v}};
}

Result<json> agreement_sign(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"id", "version"});
  std::string id = f.id("id");
  std::int64_t version = f.integer("version", 1, limits::kMaxVersion);
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto head = load_agreement_head(store, id, "body.id");
  if (!head.ok()) return head.status();
  LIENKET_RETURN_IF_ERROR(require_agreement_party(r, *head, ""));
  auto v = load_agreement(store, id, version);
  if (!v.ok()) return v.status();
  if (v->status != "proposed")
    return Status::FailedPrecondition("version " + std::to_string(version) + " of agreement " + id +
                                          " is " + v->status + ", not awaiting signatures",
                                      "body.version");
  if (v->signatures.count(r.as))
    return Status::FailedPrecondition(
        r.as + " has already signed version " + std::to_string(version), "as");
  v->signatures[r.as] = format_time(cx.now_ms());
  // Both signed: this version is in force, the one before it (if any) is superseded. Version 1
  // governs the season from its start; an amendment from the date asked for, never before today.
  v->status = "in_force";
  v->effective_from =
      v->amends ? pick_effective_date(v->effective_from, local_date(cx.now_ms())) : v->season.start;
  const std::int64_t before = (*head)["in_force"];
  if (before != 0) {
    auto old = load_agreement(store, id, before);
    if (!old.ok()) return old.status();
    old->status = "superseded";
    LIENKET_RETURN_IF_ERROR(save_agreement(store, *old));
  }
  (*head)["in_force"] = version;
  // New terms in force make any settlement computed under the old ones stale.
  (*head)["revision"] = head->value("revision", std::int64_t{0}) + 1;
  LIENKET_RETURN_IF_ERROR(store.put_json(agreement_key(id), *head));
  LIENKET_RETURN_IF_ERROR(save_agreement(store, *v));
  LIENKET_RETURN_IF_ERROR(
      emit_event(cx, events::AgreementSigned{id, version, r.as, v->status, *v}));
  return json{{"agreement", *v}};
}

Result<json> agreement_get(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"id", "version"});
  std::string id = f.id("id");
  auto version = f.opt_integer("version", 1, limits::kMaxVersion);
  if (!f.ok()) return f.status();
  auto head = load_agreement_head(cx.store(), id, "body.id");
  if (!head.ok()) return head.status();
  std::int64_t want = version ? *version
                              : ((*head)["in_force"] != 0 ? (*head)["in_force"].get<std::int64_t>()
                                                          : (*head)["latest"].get<std::int64_t>());
  auto v = load_agreement_version(cx.store(), id, want);
  if (!v.ok()) return v.status();
  json out{{"agreement", *v},
           {"latest_version", (*head)["latest"]},
           {"in_force_version", (*head)["in_force"]},
           {"settled", (*head)["settled"]}};
  if (head->contains("last_settlement")) out["last_settlement"] = (*head)["last_settlement"];
  return out;
}

Result<json> agreement_list(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"party"});
  auto party = f.opt_id("party");
  if (!f.ok()) return f.status();
  auto heads = scan_all(cx.store(), "agr/");
  if (!heads.ok()) return heads.status();
  json out = json::array();
  for (auto& h : *heads)
    if (!party || h["enterprise"] == *party || h["cooperative"] == *party) out.push_back(h);
  return json{{"agreements", out}};
}

}  // namespace lienket::farming
