// Proposals: an allocation of part of an offer to part of a contract, held until both the buyer and
// the seller accept it (then a consumption contract is signed), either rejects it, or it expires
// (config proposal_ttl_hours). Ending a proposal in any way but signing frees its quantity on both
// the contract and the offer; signing moves it from `proposed` to `signed`.
#include "consumption_store.hpp"
#include "lienket/offtake/events.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

std::string pending_key(const json& p) {
  return "pending/" + key_number(p.at("expires_ms").get<std::int64_t>()) + "/" +
         p.at("id").get<std::string>();
}

// Moves `q` out of `proposed` (and into `signed` when signing) on a contract or offer; marks the
// record "filled"/"taken" when all of it is signed.
Status release(Context& cx, std::string_view kind, const std::string& id, std::int64_t q,
               bool signing) {
  auto r = load(cx, kind, id, "");
  if (!r.ok()) return r.status();
  json& j = *r;
  j["proposed"] = j["proposed"].get<std::int64_t>() - q;
  if (signing) j["signed"] = j["signed"].get<std::int64_t>() + q;
  if (j["status"] == "open" && j["signed"] == j["quantity"])
    j["status"] = kind == "contract" ? "filled" : "taken";
  return save(cx, kind, j);
}

// The event of a proposal ending unsigned with `status`.
std::string_view ended_event(const std::string& status) {
  if (status == "rejected") return events::kProposalRejected;
  if (status == "expired") return events::kProposalExpired;
  return events::kProposalCancelled;
}

Status end_proposal(Context& cx, json& p, const std::string& status, const std::string& reason) {
  const std::int64_t q = p.at("quantity");
  LIENKET_RETURN_IF_ERROR(release(cx, "contract", p["contract_id"], q, false));
  LIENKET_RETURN_IF_ERROR(release(cx, "offer", p["offer_id"], q, false));
  LIENKET_RETURN_IF_ERROR(cx.store().erase(pending_key(p)));
  p["status"] = status;
  p["ended_at"] = now_text(cx);
  if (!reason.empty()) p["end_reason"] = reason;
  LIENKET_RETURN_IF_ERROR(save(cx, "proposal", p));
  const events::ProposalEnded ended{p.at("id").get<std::string>(),
                                    p.at("contract_id").get<std::string>(),
                                    p.at("offer_id").get<std::string>(),
                                    p.at("buyer").get<std::string>(),
                                    p.at("seller").get<std::string>(),
                                    p.at("unit").get<std::string>(),
                                    q,
                                    reason};
  return cx.emit(ended_event(status), ended);
}

// Both sides accepted: the consumption contract is signed.
Result<json> sign(Call& c, json& p) {
  auto contract = load(c.cx, "contract", p["contract_id"].get<std::string>(), "");
  if (!contract.ok()) return contract.status();
  const std::int64_t q = p["quantity"];
  LIENKET_RETURN_IF_ERROR(release(c.cx, "contract", p["contract_id"], q, true));
  LIENKET_RETURN_IF_ERROR(release(c.cx, "offer", p["offer_id"], q, true));
  LIENKET_RETURN_IF_ERROR(c.cx.store().erase(pending_key(p)));
  auto id = new_id(c.cx, "consumption");
  if (!id.ok()) return id.status();
  Consumption cc;
  cc.id = *id, cc.proposal_id = p["id"], cc.contract_id = p["contract_id"],
  cc.offer_id = p["offer_id"];
  cc.buyer = p["buyer"], cc.seller = p["seller"], cc.product_id = p["product_id"],
  cc.unit = p["unit"];
  cc.quantity = q, cc.unit_price_vnd = p["unit_price_vnd"];
  cc.value_vnd = goods_value_vnd(q, cc.unit_price_vnd, cc.unit).value_or(0);
  cc.deliver_from = (*contract)["deliver_from"], cc.deliver_to = (*contract)["deliver_to"];
  cc.place = (*contract)["place"];
  cc.signed_at = now_text(c.cx);
  // The contract's terms, with the node's grace days written in: a later change of the node's
  // setting does not change a signed contract.
  cc.terms = terms_from_json(contract->value("terms", json::object()));
  if (!cc.terms.grace_days) cc.terms.grace_days = c.config.breach_grace_days;
  sign_first_version(cc);
  LIENKET_RETURN_IF_ERROR(save_consumption(c.cx, cc, Deadlines{}, c.config));
  json record = to_json(cc, today(c.cx));
  p["status"] = "signed";
  p["consumption_id"] = cc.id;
  LIENKET_RETURN_IF_ERROR(save(c.cx, "proposal", p));
  LIENKET_RETURN_IF_ERROR(
      c.cx.emit(events::kConsumptionSigned,
                events::ConsumptionSigned{record.get<events::ConsumptionContract>()}));
  return record;
}

std::string rejected_key(const json& p) {
  return "rejected/" + p.at("contract_id").get<std::string>() + "/" +
         p.at("offer_id").get<std::string>();
}

// `side` changes a pending proposal's terms: a smaller quantity frees the rest on the contract and
// the offer; the other side's acceptance, given to the old terms, lapses and `side`'s stands.
Status counter(Call& c, json& p, const std::string& side, std::optional<std::int64_t> quantity,
               std::optional<std::int64_t> price, const std::string& reason) {
  const std::int64_t q = p.at("quantity");
  if (quantity && *quantity > q)
    return Status::InvalidArgument("body.quantity must not exceed the proposed " +
                                       std::to_string(q) + ": a proposal holds no more",
                                   "body.quantity");
  if (quantity && *quantity < q) {
    LIENKET_RETURN_IF_ERROR(release(c.cx, "contract", p["contract_id"], q - *quantity, false));
    LIENKET_RETURN_IF_ERROR(release(c.cx, "offer", p["offer_id"], q - *quantity, false));
    p["quantity"] = *quantity;
  }
  if (price) p["unit_price_vnd"] = *price;
  const std::string other = side == "buyer" ? "seller" : "buyer";
  p[other + "_accepted"] = false;
  p.erase(other + "_accepted_at");
  p[side + "_accepted"] = true;
  p[side + "_accepted_at"] = now_text(c.cx);
  json entry = {{"by", side},
                {"quantity", p["quantity"]},
                {"unit_price_vnd", p["unit_price_vnd"]},
                {"at", now_text(c.cx)}};
  if (!reason.empty()) entry["reason"] = reason;
  p["counters"].push_back(entry);
  const events::ProposalCountered e{
      p.at("id"),
      p.at("contract_id"),
      p.at("offer_id"),
      p.at("buyer"),
      p.at("seller"),
      side,
      p.at("unit"),
      p.at("quantity"),
      p.at("unit_price_vnd"),
      reason.empty() ? std::nullopt : std::optional<std::string>(reason)};
  return c.cx.emit(events::kProposalCountered, e);
}

Result<json> load_pending(Call& c, Fields& f) {
  const auto id = f.id("proposal_id");
  if (!f.ok()) return f.status();
  auto p = load(c.cx, "proposal", id, "body.proposal_id");
  if (!p.ok()) return p.status();
  if (c.req.as.empty()) return Status::Unauthenticated("an acting party (as) is required", "as");
  if (c.req.as != (*p)["buyer"] && c.req.as != (*p)["seller"])
    return Status::PermissionDenied(
        "only the buyer or the seller of proposal " + id + " may answer it", "as");
  if ((*p)["status"] != "pending")
    return Status::FailedPrecondition("proposal " + id + " is " + (*p)["status"].get<std::string>(),
                                      "body.proposal_id");
  return p;
}

}  // namespace

Result<json> proposal_get(Call& c) {
  Fields f(c.req.body);
  f.only({"proposal_id"});
  const auto id = f.id("proposal_id");
  if (!f.ok()) return f.status();
  auto p = load(c.cx, "proposal", id, "body.proposal_id");
  if (!p.ok()) return p.status();
  return json{{"proposal", *p}};
}

Result<json> proposal_list(Call& c) {
  Fields f(c.req.body);
  f.only({"status", "contract_id", "offer_id", "party", "limit", "after"});
  const auto status = f.opt_str("status", 20), contract = f.opt_id("contract_id"),
             offer = f.opt_id("offer_id"), party = f.opt_id("party");
  return list_records(c.cx, "proposal", "proposals", f, [&](const json& r) {
    return (!status || r.value("status", "") == *status) &&
           (!contract || r.value("contract_id", "") == *contract) &&
           (!offer || r.value("offer_id", "") == *offer) &&
           (!party || r.value("buyer", "") == *party || r.value("seller", "") == *party);
  });
}

Result<json> proposal_accept(Call& c) {
  Fields f(c.req.body);
  f.only({"proposal_id", "quantity"});
  const auto quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  auto p = load_pending(c, f);
  if (!p.ok()) return p.status();
  const std::string side = c.req.as == (*p)["buyer"] ? "buyer" : "seller";
  if (quantity && *quantity != (*p)["quantity"]) {
    // A smaller quantity is a counter-offer that this side has accepted.
    LIENKET_RETURN_IF_ERROR(counter(c, *p, side, quantity, std::nullopt, "partial acceptance"));
  } else if ((*p)[side + "_accepted"] == true) {
    return Status::FailedPrecondition("the " + side + " has already accepted this proposal",
                                      "body.proposal_id");
  }
  (*p)[side + "_accepted"] = true;
  (*p)[side + "_accepted_at"] = now_text(c.cx);
  LIENKET_RETURN_IF_ERROR(save(c.cx, "proposal", *p));
  LIENKET_RETURN_IF_ERROR(
      c.cx.emit(events::kProposalAccepted,
                events::ProposalAccepted{(*p).at("id").get<std::string>(), side,
                                         (*p).value("buyer", ""), (*p).value("seller", "")}));
  if ((*p)["buyer_accepted"] != true || (*p)["seller_accepted"] != true)
    return json{{"proposal", *p}};
  auto cc = sign(c, *p);
  if (!cc.ok()) return cc.status();
  return json{{"proposal", *p}, {"consumption", *cc}};
}

Result<json> proposal_counter(Call& c) {
  Fields f(c.req.body);
  f.only({"proposal_id", "quantity", "unit_price_vnd", "reason"});
  const auto quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  const auto price = f.opt_integer("unit_price_vnd", 1, kMaxPrice);
  const auto reason = f.opt_str("reason", 500).value_or("");
  auto p = load_pending(c, f);
  if (!p.ok()) return p.status();
  if (!quantity && !price)
    return Status::InvalidArgument("a counter-offer gives a new quantity or unit_price_vnd",
                                   "body");
  const std::string side = c.req.as == (*p)["buyer"] ? "buyer" : "seller";
  LIENKET_RETURN_IF_ERROR(counter(c, *p, side, quantity, price, reason));
  LIENKET_RETURN_IF_ERROR(save(c.cx, "proposal", *p));
  return json{{"proposal", *p}};
}

Result<json> proposal_reject(Call& c) {
  Fields f(c.req.body);
  f.only({"proposal_id", "reason"});
  const auto reason = f.opt_str("reason", 500).value_or("");
  auto p = load_pending(c, f);
  if (!p.ok()) return p.status();
  const std::string side = c.req.as == (*p)["buyer"] ? "buyer" : "seller";
  // A refused pair is never proposed again, so re-running the match cannot nag the same parties.
  LIENKET_RETURN_IF_ERROR(c.cx.store().put(rejected_key(*p), side));
  (*p)["rejected_by"] = side;
  LIENKET_RETURN_IF_ERROR(end_proposal(c.cx, *p, "rejected", reason));
  return json{{"proposal", *p}};
}

Result<json> proposal_reconsider(Call& c) {
  Fields f(c.req.body);
  f.only({"proposal_id"});
  const auto id = f.id("proposal_id");
  if (!f.ok()) return f.status();
  auto p = load(c.cx, "proposal", id, "body.proposal_id");
  if (!p.ok()) return p.status();
  if ((*p)["status"] != "rejected" || p->contains("reconsidered_at"))
    return Status::FailedPrecondition("proposal " + id + " is not a standing rejection",
                                      "body.proposal_id");
  const std::string by = p->value("rejected_by", "");
  LIENKET_RETURN_IF_ERROR(require_party(c, (*p)[by].get<std::string>(), by));
  LIENKET_RETURN_IF_ERROR(c.cx.store().erase(rejected_key(*p)));
  (*p)["reconsidered_at"] = now_text(c.cx);
  LIENKET_RETURN_IF_ERROR(save(c.cx, "proposal", *p));
  const events::ProposalReconsidered e{
      id, (*p)["contract_id"], (*p)["offer_id"], (*p)["buyer"], (*p)["seller"], by};
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kProposalReconsidered, e));
  return json{{"proposal", *p}};
}

Result<int> end_pending_proposals(Context& cx, const std::function<bool(const json&)>& which,
                                  const std::string& status, const std::string& reason) {
  std::vector<std::string> ids;
  LIENKET_RETURN_IF_ERROR(
      cx.store().scan("pending/", "", [&](std::string_view key, std::string_view) {
        ids.emplace_back(key.substr(key.rfind('/') + 1));
        return true;
      }));
  int n = 0;
  for (const auto& id : ids) {
    auto p = load(cx, "proposal", id, "");
    if (!p.ok()) return p.status();
    if (!which(*p)) continue;
    LIENKET_RETURN_IF_ERROR(end_proposal(cx, *p, status, reason));
    ++n;
  }
  return n;
}

Status expire_proposals(Context& cx) {
  const std::int64_t now = cx.now_ms();
  std::vector<std::string> due;
  LIENKET_RETURN_IF_ERROR(
      cx.store().scan("pending/", "", [&](std::string_view key, std::string_view) {
        const std::int64_t at = std::stoll(std::string(key.substr(8, 20)));
        if (at > now) return false;  // the index is in expiry order
        due.emplace_back(key.substr(29));
        return true;
      }));
  for (const auto& id : due) {
    auto p = load(cx, "proposal", id, "");
    if (!p.ok()) return p.status();
    LIENKET_RETURN_IF_ERROR(end_proposal(cx, *p, "expired", "not accepted by both sides in time"));
  }
  return Status::Ok();
}

}  // namespace lienket::offtake
