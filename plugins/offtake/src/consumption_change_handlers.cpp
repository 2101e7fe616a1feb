// A signed consumption contract changed by its parties (docs/protocol-offtake.md, "Changing a
// signed contract"): amendments by mutual consent, early termination, disputes. The rules live in
// consumption_changes.cpp; this file loads, authorises, applies, saves and emits.
#include "consumption_store.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

// Emits what ending the contract early produced: offtake.consumption.cancelled, or breached.
Status emit_closing(Context& cx, const Consumption& cc) {
  if (cc.status == "breached") return cx.emit(events::kConsumptionBreached, breached_event(cc));
  const Termination t = cc.termination.value_or(Termination{"dispute", "union", "", ""});
  const events::ConsumptionCancelled e{cc.id,         cc.buyer,      cc.seller,   t.ground,
                                       t.by,          t.reason,      cc.unit,     cc.quantity,
                                       cc.accepted(), cc.paid_vnd(), cc.value_vnd};
  return cx.emit(events::kConsumptionCancelled, e);
}

// Who may rule on a dispute besides its parties: the cooperative union of the seller's province.
Result<bool> is_union_of(Call& c, const Consumption& cc) {
  auto me = c.cx.registry().party(c.req.as);
  if (!me.ok() || me->value("kind", "") != "cooperative_union") return false;
  auto seller = c.cx.registry().party(cc.seller);
  if (!seller.ok()) return seller.status();
  return me->value("province", "") == seller->value("province", "");
}

}  // namespace

Result<json> consumption_amend(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "effective_from", "quantity", "unit_price_vnd", "deliver_from",
          "deliver_to", "place", "reason"});
  Amendment a;
  a.effective_from = f.date("effective_from");
  a.quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  a.unit_price_vnd = f.opt_integer("unit_price_vnd", 1, kMaxPrice);
  a.deliver_from = f.opt_date("deliver_from");
  a.deliver_to = f.opt_date("deliver_to");
  if (f.has("place")) a.place = read_place(f, "place");
  a.reason = f.opt_str("reason", 500).value_or("");
  a.proposed_at = now_text(c.cx);
  auto l = load_for(c, f, std::nullopt);
  if (!l.ok()) return l.status();
  LIENKET_RETURN_IF_ERROR(propose_amendment(l->cc, l->side, a));
  const Amendment& p = *l->cc.amendment;
  events::AmendmentProposed e{l->cc.id,       l->cc.buyer,      l->cc.seller, p.version,
                              p.proposed_by,  p.effective_from, p.quantity,   p.unit_price_vnd,
                              p.deliver_from, p.deliver_to,     p.place,      std::nullopt};
  if (!p.reason.empty()) e.reason = p.reason;
  return commit(c, *l, events::kAmendmentProposed, e);
}

Result<json> consumption_amend_sign(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "version"});
  const auto version = f.integer("version", 2, 1'000'000);
  auto l = load_for(c, f, std::nullopt);
  if (!l.ok()) return l.status();
  Consumption& cc = l->cc;
  LIENKET_RETURN_IF_ERROR(sign_amendment(cc, l->side, version, now_text(c.cx)));
  const Version& v = cc.versions.back();
  const events::ConsumptionAmended e{
      cc.id,
      cc.buyer,
      cc.seller,
      v.no,
      v.effective_from,
      cc.unit,
      v.quantity,
      v.unit_price_vnd,
      v.deliver_from,
      v.deliver_to,
      cc.value_vnd,
      v.place.is_null() ? std::nullopt : std::optional<json>(v.place)};
  return commit(c, *l, events::kConsumptionAmended, e);
}

Result<json> consumption_amend_decline(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "version", "reason"});
  const auto version = f.integer("version", 2, 1'000'000);
  const auto reason = f.opt_str("reason", 500);
  auto l = load_for(c, f, std::nullopt);
  if (!l.ok()) return l.status();
  LIENKET_RETURN_IF_ERROR(decline_amendment(l->cc, version));
  const events::AmendmentDeclined e{l->cc.id, l->cc.buyer, l->cc.seller, version, l->side, reason};
  return commit(c, *l, events::kAmendmentDeclined, e);
}

Result<json> consumption_terminate(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "ground", "reason"});
  const auto ground = f.str("ground", 20);
  const auto reason = f.str("reason", 500);
  auto l = load_for(c, f, std::nullopt);
  if (!l.ok()) return l.status();
  Consumption& cc = l->cc;
  auto ended = terminate(cc, l->side, ground, reason, now_text(c.cx));
  if (!ended.ok()) return ended.status();
  LIENKET_RETURN_IF_ERROR(save_consumption(c.cx, cc, l->before, c.config));
  if (*ended) {
    LIENKET_RETURN_IF_ERROR(emit_closing(c.cx, cc));
  } else {
    const events::TerminationRequested e{cc.id, cc.buyer, cc.seller, l->side, ground, reason};
    LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kTerminationRequested, e));
  }
  return json{{"consumption", to_json(cc, today(c.cx))}, {"ended", *ended}};
}

Result<json> consumption_dispute(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "reason"});
  const auto reason = f.str("reason", 500);
  auto l = load_for(c, f, std::nullopt);
  if (!l.ok()) return l.status();
  LIENKET_RETURN_IF_ERROR(open_dispute(l->cc, l->side, reason, now_text(c.cx)));
  const events::ConsumptionDisputed e{l->cc.id, l->cc.buyer, l->cc.seller, l->side, reason};
  return commit(c, *l, events::kConsumptionDisputed, e);
}

Result<json> consumption_resolve(Call& c) {
  Fields f(c.req.body);
  f.only({"consumption_id", "outcome", "deliver_to"});
  const auto id = f.id("consumption_id");
  const auto outcome = f.str("outcome", 20);
  const auto deliver_to = f.opt_date("deliver_to");
  if (!f.ok()) return f.status();
  if (c.req.as.empty()) return Status::Unauthenticated("an acting party (as) is required", "as");
  auto cc = load_consumption(c.cx, id);
  if (!cc.ok()) return cc.status();
  std::string side = c.req.as == cc->buyer ? "buyer" : c.req.as == cc->seller ? "seller" : "";
  if (side.empty()) {
    auto ruler = is_union_of(c, *cc);
    if (!ruler.ok()) return ruler.status();
    if (!*ruler)
      return Status::PermissionDenied(
          "only the buyer, the seller or the cooperative union of the "
          "seller's province may resolve a dispute over " +
              id,
          "as");
    side = "union";
  }
  Loaded l{std::move(*cc), side, {}};
  l.before = deadlines(l.cc, c.config);
  auto settled = resolve_dispute(l.cc, side, outcome, deliver_to, now_text(c.cx));
  if (!settled.ok()) return settled.status();
  LIENKET_RETURN_IF_ERROR(save_consumption(c.cx, l.cc, l.before, c.config));
  const events::DisputeResolution e{l.cc.id, l.cc.buyer, l.cc.seller, side,
                                    outcome, deliver_to, *settled};
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kDisputeResolution, e));
  if (*settled && !l.cc.open()) LIENKET_RETURN_IF_ERROR(emit_closing(c.cx, l.cc));
  return json{{"consumption", to_json(l.cc, today(c.cx))}, {"settled", *settled}};
}

}  // namespace lienket::offtake
