// A consumption contract as its stored record and as the API shows it: the record carries its
// figures (net weights, prices, values, the account on the day it was written) so that readers
// need not redo the arithmetic; consumption_from_json reads back only what the rules need.
#include "consumption_rules.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

using nlohmann::json;

json delivery_json(const Consumption& c, const Delivery& d) {
  json j = {{"no", d.no}, {"quantity", d.quantity}, {"date", d.date}, {"status", d.status}};
  if (!d.lot_id.empty()) j["lot_id"] = d.lot_id;
  if (!d.grade.empty()) j["grade"] = d.grade;
  if (!d.reason.empty()) j["reason"] = d.reason;
  if (d.call_off) j["call_off"] = d.call_off;
  if (!d.answered_on.empty()) j["answered_on"] = d.answered_on;
  if (d.status != "accepted") return j;
  j["accepted_quantity"] = d.accepted_quantity;
  if (!d.measures.empty()) j["measures"] = d.measures;
  if (d.deduction_bp) j["deduction_bp"] = d.deduction_bp;
  j["net_quantity"] = d.net();
  j["unit_price_vnd"] = c.price_of(d);
  j["value_vnd"] = c.value_of(d);
  j["version"] = c.version_on(d.date).no;
  return j;
}

json version_json(const Version& v) {
  json j = {{"no", v.no},
            {"effective_from", v.effective_from},
            {"quantity", v.quantity},
            {"unit_price_vnd", v.unit_price_vnd},
            {"deliver_from", v.deliver_from},
            {"deliver_to", v.deliver_to},
            {"signed_at", v.signed_at}};
  if (!v.place.is_null()) j["place"] = v.place;
  if (!v.reason.empty()) j["reason"] = v.reason;
  return j;
}

json amendment_json(const Amendment& a) {
  json j = {{"version", a.version},
            {"proposed_by", a.proposed_by},
            {"effective_from", a.effective_from},
            {"proposed_at", a.proposed_at}};
  if (a.quantity) j["quantity"] = *a.quantity;
  if (a.unit_price_vnd) j["unit_price_vnd"] = *a.unit_price_vnd;
  if (a.deliver_from) j["deliver_from"] = *a.deliver_from;
  if (a.deliver_to) j["deliver_to"] = *a.deliver_to;
  if (a.place) j["place"] = *a.place;
  if (!a.reason.empty()) j["reason"] = a.reason;
  return j;
}

json account_json(const Account& a, std::int64_t today) {
  json j = {{"as_of", days_to_date(today)},
            {"owed_vnd", a.owed_vnd},
            {"due_vnd", a.due_vnd},
            {"overdue_vnd", a.overdue_vnd},
            {"late_interest_vnd", a.late_interest_vnd},
            {"penalties_vnd", a.penalties_vnd},
            {"balance_vnd", a.balance_vnd}};
  if (!a.overdue_since.empty()) j["overdue_since"] = a.overdue_since;
  return j;
}

template <typename T>
std::optional<T> opt(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<T>();
}

}  // namespace

json to_json(const Consumption& c, std::int64_t today) {
  json deliveries = json::array(), payments = json::array(), versions = json::array();
  for (const auto& d : c.deliveries) deliveries.push_back(delivery_json(c, d));
  for (const auto& p : c.payments) {
    json j = {{"amount_vnd", p.amount_vnd}, {"date", p.date}};
    if (!p.reference.empty()) j["reference"] = p.reference;
    payments.push_back(j);
  }
  for (const auto& v : c.versions) versions.push_back(version_json(v));
  json j = {{"id", c.id},
            {"proposal_id", c.proposal_id},
            {"contract_id", c.contract_id},
            {"offer_id", c.offer_id},
            {"buyer", c.buyer},
            {"seller", c.seller},
            {"product_id", c.product_id},
            {"unit", c.unit},
            {"quantity", c.quantity},
            {"unit_price_vnd", c.unit_price_vnd},
            {"value_vnd", c.value_vnd},
            {"deliver_from", c.deliver_from},
            {"deliver_to", c.deliver_to},
            {"status", c.status},
            {"deliveries", deliveries},
            {"payments", payments},
            {"delivered", c.accepted() + c.pending()},
            {"accepted", c.accepted()},
            {"net_accepted", c.net_accepted()},
            {"rejected", c.rejected()},
            {"paid_vnd", c.paid_vnd()},
            {"signed_at", c.signed_at},
            {"version", c.versions.empty() ? 1 : c.versions.back().no},
            {"versions", versions},
            {"terms", to_json(c.terms)},
            {"account", account_json(account(c, today), today)}};
  if (!c.place.is_null()) j["place"] = c.place;
  if (c.terms.tolerance_bp) j["quantity_range"] = {c.lower(), c.upper()};
  if (c.terms.deposit_bp) j["deposit_vnd"] = c.deposit_vnd();
  if (c.amendment) j["amendment"] = amendment_json(*c.amendment);
  for (const auto& o : c.call_offs) {
    json co = {{"no", o.no},
               {"from", o.from},
               {"to", o.to},
               {"share_bp", o.share_bp},
               {"quantity", o.quantity},
               {"status", o.status}};
    if (o.status == "missed") co["shortfall"] = o.shortfall;
    j["call_offs"].push_back(co);
  }
  for (const auto& p : c.penalties)
    j["penalties"].push_back(
        {{"side", p.side}, {"amount_vnd", p.amount_vnd}, {"reason", p.reason}, {"date", p.date}});
  if (c.dispute) {
    json d = {{"opened_by", c.dispute->opened_by},
              {"reason", c.dispute->reason},
              {"opened_at", c.dispute->opened_at},
              {"resume_status", c.dispute->resume_status}};
    if (!c.dispute->outcome_by.empty()) d["outcome_by"] = c.dispute->outcome_by;
    j["dispute"] = d;
  }
  if (c.termination)
    j["termination"] = {{"ground", c.termination->ground},
                        {"by", c.termination->by},
                        {"reason", c.termination->reason},
                        {"at", c.termination->at}};
  if (!c.at_fault.empty()) j["at_fault"] = c.at_fault, j["breach_reason"] = c.breach_reason;
  if (!c.closed_at.empty()) j["closed_at"] = c.closed_at;
  return j;
}

Result<Consumption> consumption_from_json(const json& j) {
  try {
    Consumption c;
    c.id = j.at("id"), c.proposal_id = j.at("proposal_id"), c.contract_id = j.at("contract_id");
    c.offer_id = j.at("offer_id"), c.buyer = j.at("buyer"), c.seller = j.at("seller");
    c.product_id = j.at("product_id"), c.unit = j.at("unit"), c.quantity = j.at("quantity");
    c.unit_price_vnd = j.at("unit_price_vnd"), c.value_vnd = j.at("value_vnd");
    c.deliver_from = j.at("deliver_from"), c.deliver_to = j.at("deliver_to");
    c.status = j.at("status");
    c.signed_at = j.value("signed_at", ""), c.closed_at = j.value("closed_at", "");
    c.at_fault = j.value("at_fault", ""), c.breach_reason = j.value("breach_reason", "");
    c.terms = terms_from_json(j.value("terms", json::object()));
    c.place = j.value("place", json());
    for (const auto& d : j.at("deliveries")) {
      Delivery x;
      x.no = d.at("no"), x.quantity = d.at("quantity"), x.date = d.at("date");
      x.lot_id = d.value("lot_id", ""), x.status = d.at("status"), x.grade = d.value("grade", "");
      x.reason = d.value("reason", ""), x.call_off = d.value("call_off", std::int64_t{0});
      // Records written before partial acceptance accepted a delivery whole.
      x.accepted_quantity = d.value("accepted_quantity", x.status == "accepted" ? x.quantity : 0);
      x.measures = d.value("measures", std::map<std::string, std::int64_t>{});
      x.deduction_bp = d.value("deduction_bp", std::int64_t{0});
      x.answered_on = d.value("answered_on", x.date);
      c.deliveries.push_back(x);
    }
    for (const auto& p : j.at("payments"))
      c.payments.push_back({p.at("amount_vnd"), p.at("date"), p.value("reference", "")});
    for (const auto& v : j.value("versions", json::array()))
      c.versions.push_back({v.at("no"), v.at("effective_from"), v.at("quantity"),
                            v.at("unit_price_vnd"), v.at("deliver_from"), v.at("deliver_to"),
                            v.value("place", json()), v.at("signed_at"), v.value("reason", "")});
    if (c.versions.empty()) sign_first_version(c);  // a record from before versions
    if (auto a = opt<json>(j, "amendment"))
      c.amendment = Amendment{a->at("version"),
                              a->at("proposed_by"),
                              a->at("effective_from"),
                              opt<std::int64_t>(*a, "quantity"),
                              opt<std::int64_t>(*a, "unit_price_vnd"),
                              opt<std::string>(*a, "deliver_from"),
                              opt<std::string>(*a, "deliver_to"),
                              opt<json>(*a, "place"),
                              a->value("reason", ""),
                              a->at("proposed_at")};
    for (const auto& o : j.value("call_offs", json::array()))
      c.call_offs.push_back({o.at("no"), o.at("from"), o.at("to"), o.at("share_bp"),
                             o.at("quantity"), o.at("status"),
                             o.value("shortfall", std::int64_t{0})});
    for (const auto& p : j.value("penalties", json::array()))
      c.penalties.push_back({p.at("side"), p.at("amount_vnd"), p.at("reason"), p.at("date")});
    if (auto d = opt<json>(j, "dispute"))
      c.dispute =
          Dispute{d->at("opened_by"), d->at("reason"), d->at("opened_at"), d->at("resume_status"),
                  d->value("outcome_by", std::map<std::string, std::string>{})};
    if (auto t = opt<json>(j, "termination"))
      c.termination = Termination{t->at("ground"), t->at("by"), t->at("reason"), t->at("at")};
    return c;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("corrupt consumption contract record: ") + e.what());
  }
}

}  // namespace lienket::offtake
