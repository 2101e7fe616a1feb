// offtake.report: what a provincial cooperative union reports on linkage along the value chain.
// Filters (all optional): province (a contract's or offer's place; a consumption contract counts
// when either its contract or its offer is in the province), party (buyer or seller), from/to
// (local date a record was posted or signed, inclusive). Quantities are summed per unit (g, ml,
// piece) because adding grams to pieces means nothing; percentages are ratios of those sums, to one
// decimal. Fulfilment rate of a party = closed contracts it was not at fault for / closed
// contracts.
#include <cmath>
#include <map>

#include "consumption_rules.hpp"
#include "handlers.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

json pct(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return nullptr;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

struct Filter {
  std::optional<std::string> province, party, from, to;
  bool in_dates(const std::string& at) const {
    const std::string day = at.substr(0, 10);
    return (!from || day >= *from) && (!to || day <= *to);
  }
};

struct PartyScore {
  std::int64_t contracts = 0, open = 0, fulfilled = 0, breached = 0, at_fault = 0;
};

}  // namespace

Result<json> report(Call& c) {
  Fields f(c.req.body);
  f.only({"province", "party", "from", "to"});
  Filter flt{f.opt_str("province", 100), f.opt_id("party"), f.opt_date("from"), f.opt_date("to")};
  if (!f.ok()) return f.status();
  if (flt.from && flt.to && *flt.to < *flt.from)
    return Status::InvalidArgument("body.to must not be before from", "body.to");

  std::map<std::string, std::string> province_of;  // contract/offer id -> province
  std::int64_t contracts_posted = 0, contracts_cancelled = 0, offers_posted = 0;
  json contract_units = json::object(), offer_units = json::object();
  auto add = [](json& units, const std::string& unit, const char* key, std::int64_t q) {
    json& u = units[unit];
    if (!u.is_object()) u = json::object();
    u[key] = u.value(key, std::int64_t{0}) + q;
  };
  LIENKET_RETURN_IF_ERROR(for_each(c.cx, "contract", [&](const json& r) {
    province_of[r["id"]] = r["place"]["province"];
    if ((flt.province && r["place"]["province"] != *flt.province) ||
        (flt.party && r["buyer"] != *flt.party) || !flt.in_dates(r["posted_at"]))
      return Status::Ok();
    ++contracts_posted;
    if (r["status"] == "cancelled") ++contracts_cancelled;
    add(contract_units, r["unit"], "quantity", r["quantity"]);
    add(contract_units, r["unit"], "matched", r["signed"]);
    return Status::Ok();
  }));
  LIENKET_RETURN_IF_ERROR(for_each(c.cx, "offer", [&](const json& r) {
    province_of[r["id"]] = r["place"]["province"];
    if ((flt.province && r["place"]["province"] != *flt.province) ||
        (flt.party && r["seller"] != *flt.party) || !flt.in_dates(r["posted_at"]))
      return Status::Ok();
    ++offers_posted;
    add(offer_units, r["unit"], "quantity", r["quantity"]);
    add(offer_units, r["unit"], "matched", r["signed"]);
    return Status::Ok();
  }));
  for (auto* units : {&contract_units, &offer_units})
    for (auto& [unit, u] : units->items()) u["matched_pct"] = pct(u["matched"], u["quantity"]);

  std::int64_t count = 0, value = 0, paid = 0, overdue_total = 0, interest_total = 0,
               penalties_total = 0;
  json by_status = json::object(), cc_units = json::object(), overdue = json::array();
  const std::int64_t today = local_days(c.cx.now_ms());
  std::map<std::string, PartyScore> scores;
  LIENKET_RETURN_IF_ERROR(for_each(c.cx, "consumption", [&](const json& r) {
    if (flt.province && province_of[r["contract_id"]] != *flt.province &&
        province_of[r["offer_id"]] != *flt.province)
      return Status::Ok();
    if ((flt.party && r["buyer"] != *flt.party && r["seller"] != *flt.party) ||
        !flt.in_dates(r["signed_at"]))
      return Status::Ok();
    ++count;
    value += r["value_vnd"].get<std::int64_t>();
    paid += r["paid_vnd"].get<std::int64_t>();
    by_status[r["status"].get<std::string>()] =
        by_status.value(r["status"].get<std::string>(), 0) + 1;
    add(cc_units, r["unit"], "quantity", r["quantity"]);
    add(cc_units, r["unit"], "delivered", r["delivered"]);
    add(cc_units, r["unit"], "accepted", r["accepted"]);
    // Money as of today, not as of the record's last change: interest runs while nothing happens.
    auto cc = consumption_from_json(r);
    if (!cc.ok()) return cc.status();
    const Account a = account(*cc, today);
    for (const auto& p : cc->penalties) penalties_total += p.amount_vnd;
    interest_total += a.late_interest_vnd;
    if (a.overdue_vnd > 0) {
      overdue_total += a.overdue_vnd;
      overdue.push_back({{"consumption_id", cc->id},
                         {"buyer", cc->buyer},
                         {"seller", cc->seller},
                         {"overdue_vnd", a.overdue_vnd},
                         {"overdue_since", a.overdue_since},
                         {"late_interest_vnd", a.late_interest_vnd}});
    }
    for (const char* role : {"buyer", "seller"}) {
      PartyScore& s = scores[r[role]];
      ++s.contracts;
      if (r["status"] == "fulfilled")
        ++s.fulfilled;
      else if (r["status"] == "breached")
        ++s.breached, s.at_fault += r.value("at_fault", "") == role;
      else
        ++s.open;
    }
    return Status::Ok();
  }));
  for (auto& [unit, u] : cc_units.items()) {
    u["delivered_pct"] = pct(u["delivered"], u["quantity"]);
    u["accepted_pct"] = pct(u["accepted"], u["quantity"]);
  }
  json parties = json::array();
  for (const auto& [party, s] : scores) {
    const std::int64_t closed = s.fulfilled + s.breached;
    parties.push_back({{"party", party},
                       {"contracts", s.contracts},
                       {"open", s.open},
                       {"fulfilled", s.fulfilled},
                       {"breached", s.breached},
                       {"breached_at_fault", s.at_fault},
                       {"fulfilment_rate_pct", pct(closed - s.at_fault, closed)}});
  }
  json filter = json::object();
  if (flt.province) filter["province"] = *flt.province;
  if (flt.party) filter["party"] = *flt.party;
  if (flt.from) filter["from"] = *flt.from;
  if (flt.to) filter["to"] = *flt.to;
  return json{{"filter", filter},
              {"contracts",
               {{"posted", contracts_posted},
                {"cancelled", contracts_cancelled},
                {"by_unit", contract_units}}},
              {"offers", {{"posted", offers_posted}, {"by_unit", offer_units}}},
              {"consumption",
               {{"count", count},
                {"by_status", by_status},
                {"by_unit", cc_units},
                {"value_vnd", value},
                {"paid_vnd", paid},
                {"paid_pct", pct(paid, value)}}},
              {"payments",
               {{"as_of", days_to_date(today)},
                {"overdue_vnd", overdue_total},
                {"late_interest_vnd", interest_total},
                {"penalties_vnd", penalties_total},
                {"overdue", overdue}}},
              {"parties", parties}};
}

}  // namespace lienket::offtake
