#include "page_data.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "cbv.hpp"
#include "digital_link.hpp"
#include "event_repository.hpp"
#include "genealogy.hpp"
#include "gs1_keys.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

const std::string kPartyPrefix = "urn:lienket:party:";
const std::string kPlotPrefix = "urn:lienket:plot:";

std::string text(const json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : "";
}

// A registry product with this GTIN, searched in product.list (open to anyone).
json find_product(Context& cx, const std::string& gtin) {
  std::string after;
  for (int page = 0; page < 50; ++page) {
    json body{{"limit", 200}};
    if (!after.empty()) body["after"] = after;
    auto r = cx.call("product.list", body);
    if (!r.ok() || !r->contains("products")) return nullptr;
    for (const auto& p : (*r)["products"])
      if (text(p, "gtin") == gtin) return p;
    after = text(*r, "next_after");
    if (after.empty()) return nullptr;
  }
  return nullptr;
}

// The registry's name of a party URN; the URN's id when the registry does not know it, the URN
// itself when it is no party of ours.
std::string party_name(Context& cx, const std::string& urn) {
  if (urn.rfind(kPartyPrefix, 0) != 0) return urn;
  auto p = cx.registry().party(urn.substr(kPartyPrefix.size()));
  if (!p.ok()) return urn.substr(kPartyPrefix.size());
  return text(*p, "name");
}

// The quantity of `id` in a stored event's quantity lists, as {"quantity", "uom"} when it has both.
json quantity_of(const json& event, const std::string& id) {
  for (const char* list :
       {"quantityList", "outputQuantityList", "childQuantityList", "inputQuantityList"}) {
    if (!event.contains(list) || !event[list].is_array()) continue;
    for (const auto& q : event[list])
      if (q.is_object() && q.contains("quantity") && q["quantity"].is_number() &&
          q.contains("uom") && q["uom"].is_string() &&
          canonical_identifier(text(q, "epcClass")) == id)
        return json{{"quantity", q["quantity"]}, {"uom", q["uom"]}};
  }
  return nullptr;
}

// "YYYY-MM-DD" of a timestamp in +07:00, "" when it is none.
std::string local_date_of(const std::string& time) {
  auto ms = parse_time(time);
  return ms ? local_date(*ms) : "";
}

// One step of the journey from a stored event, the identifier it was reached by and its record.
json journey_step(Context& cx, const json& full, const std::string& id) {
  json step{{"time", text(full, "eventTime")},
            {"date", local_date_of(text(full, "eventTime"))},
            {"kind", step_kind(full)},
            {"id", id}};
  if (json q = quantity_of(full, id); !q.is_null()) step.update(q);
  if (full.contains("bizLocation") && full["bizLocation"].is_object()) {
    std::string where = text(full["bizLocation"], "id");
    if (where.rfind(kPlotPrefix, 0) == 0)
      step["plot"] = where.substr(kPlotPrefix.size());
    else if (where.rfind(kPartyPrefix, 0) == 0)
      step["place"] = party_name(cx, where);
  }
  if (full.contains("ilmd") && full["ilmd"].is_object())
    if (auto who = text(full["ilmd"], "lk:householdName"); !who.empty())
      step["household_name"] = bare_household_name(who);
  for (auto [list, key, out] : {std::tuple{"sourceList", "source", "from"},
                                std::tuple{"destinationList", "destination", "to"}})
    if (full.contains(list) && full[list].is_array() && !full[list].empty())
      if (auto who = text(full[list][0], key); !who.empty()) step[out] = party_name(cx, who);
  return step;
}

// The planting diary that led to this lot: entries on its plots up to each plot's harvest and at
// most a year before it (an entry of the next season is not this lot's), newest first, with the
// pre-harvest interval of each pesticide checked against the harvest.
json diary_of(const json& entries, const json& plots) {
  std::map<std::string, std::int64_t> harvest_day;
  for (const auto& p : plots)
    if (auto d = date_to_days(text(p, "harvest_date"))) harvest_day[text(p, "plot")] = *d;
  std::vector<json> kept;
  json by_kind = json::object();
  for (const auto& e : entries) {
    auto day = date_to_days(text(e, "date"));
    auto harvest = harvest_day.find(text(e, "plot"));
    json entry = e;
    // What the page works out itself is never taken from the entry (anyone may capture one).
    for (const char* mine : {"eventID", "harvest_date", "days_before_harvest", "phi_respected"})
      entry.erase(mine);
    if (harvest != harvest_day.end() && day) {
      std::int64_t before = harvest->second - *day;
      if (before < 0 || before > 366) continue;
      entry["harvest_date"] = days_to_date(harvest->second);
      entry["days_before_harvest"] = before;
      if (e.contains("phi_days") && e["phi_days"].is_number_integer())
        entry["phi_respected"] = before >= e["phi_days"].get<std::int64_t>();
    }
    if (auto who = text(e, "household_name"); !who.empty())
      entry["household_name"] = bare_household_name(who);
    std::string kind = text(e, "kind").empty() ? "other" : text(e, "kind");
    by_kind[kind] = by_kind.value(kind, 0) + 1;
    kept.push_back(std::move(entry));
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const json& a, const json& b) { return text(a, "date") > text(b, "date"); });
  json list = json::array();
  for (std::size_t i = 0; i < kept.size() && i < kMaxDiaryListed; ++i) list.push_back(kept[i]);
  return json{{"entries", kept.size()}, {"by_kind", by_kind}, {"list", list}};
}

// The hash chain around every record the page shows.
Result<json> verification(EventRepository& repo, const std::set<std::int64_t>& seqs) {
  auto v = repo.verify_records(std::vector<std::int64_t>(seqs.begin(), seqs.end()));
  if (!v.ok()) return v.status();
  json out{{"ok", v->ok}, {"events", v->events}};
  if (!v->ok) out["reason"] = v->reason;
  return out;
}

}  // namespace

std::string bare_household_name(const std::string& name) {
  for (const char* word : {"Hộ ", "hộ ", "HỘ "})
    if (name.rfind(word, 0) == 0 && name.size() > std::string(word).size())
      return name.substr(std::string(word).size());
  return name;
}

std::string step_kind(const json& event) {
  const std::string type = text(event, "type");
  const std::string biz = text(event, "bizStep");
  std::string name;
  if (auto n = cbv_name(Vocab::kBizStep, biz)) {
    name = *n;
  } else if (auto cut = biz.find_last_of("/:#"); cut != std::string::npos) {
    name = biz.substr(cut + 1);  // a private step: https://lienket.vn/epcis/bizstep/drying
  } else {
    name = biz;
  }
  if (name == "commissioning") {
    if (type == "TransformationEvent") return "processing";
    const bool grown =
        event.contains("ilmd") && event["ilmd"].is_object() &&
        (event["ilmd"].contains("lk:plot") || event["ilmd"].contains("lk:harvestDate"));
    return grown ? "harvest" : "created";
  }
  if (name == "harvesting") return "harvest";
  if (name.empty() || name == "transforming" || name == "other")
    return type == "TransformationEvent" ? "processing" : name.empty() ? "other" : name;
  return name;
}

Result<json> build_page_data(Context& cx, const std::string& gtin, const std::string& lot,
                             const std::string& resolver) {
  EventRepository repo(cx.store());
  const std::string id =
      canonical_identifier(lot_digital_link(std::string(kCanonicalResolver), gtin, lot));
  auto seqs = repo.events_of(id);
  if (!seqs.ok()) return seqs.status();
  if (seqs->empty())
    return Status::NotFound("no traced lot " + lot + " of GTIN " + gtin, "body.lot");
  auto back = trace_back(repo, {id});
  if (!back.ok()) return back.status();
  auto fwd = trace_forward(repo, {id});
  if (!fwd.ok()) return fwd.status();

  // Product and cooperative: from the harvest's lot master data, else by GTIN in the registry.
  json product = nullptr, coop = nullptr;
  std::string product_id, coop_id;
  std::vector<json> journey;
  std::set<std::string> seen;
  std::set<std::int64_t> shown;
  for (const json* part : {&(*back)["nodes"], &(*fwd)["nodes"]})
    for (const auto& node : *part)
      for (const auto& ev : node["events"]) {
        if (!seen.insert(text(ev, "eventID")).second) continue;
        const std::int64_t seq = ev["seq"].get<std::int64_t>();
        auto rec = repo.record(seq);
        if (!rec.ok()) return rec.status();
        if (!rec->has_value()) continue;
        shown.insert(seq);
        const json& full = (**rec)["event"];
        if (full.contains("ilmd") && full["ilmd"].is_object()) {
          if (product_id.empty()) product_id = text(full["ilmd"], "lk:product");
          if (coop_id.empty()) coop_id = text(full["ilmd"], "lk:cooperative");
        }
        if (full.contains("lk:diary")) continue;  // diary entries are listed apart
        journey.push_back(journey_step(cx, full, node["id"].get<std::string>()));
      }
  std::stable_sort(journey.begin(), journey.end(), [](const json& a, const json& b) {
    return parse_time(text(a, "time")).value_or(0) < parse_time(text(b, "time")).value_or(0);
  });
  if (!product_id.empty()) {
    auto p = cx.registry().product(product_id);
    if (p.ok()) product = *p;
  }
  if (product.is_null()) product = find_product(cx, gtin);
  if (coop_id.empty() && product.is_object()) coop_id = text(product, "owner");
  if (!coop_id.empty()) {
    auto c = cx.registry().party(coop_id);
    if (c.ok()) coop = *c;
  }
  json plots = (*back)["plots"];
  for (auto& p : plots) {
    // The day of the harvest is its event's time (lk:harvestDate only when no step says it).
    for (const auto& step : journey)
      if (text(step, "kind") == "harvest" && text(step, "plot") == text(p, "plot") &&
          !text(step, "date").empty())
        p["harvest_date"] = text(step, "date");
    if (auto who = text(p, "household_name"); !who.empty())
      p["household_name"] = bare_household_name(who);
    auto on_plot = repo.events_of(kPlotPrefix + text(p, "plot"));
    if (!on_plot.ok()) return on_plot.status();
    shown.insert(on_plot->begin(), on_plot->end());
  }
  auto verified = verification(repo, shown);
  if (!verified.ok()) return verified.status();
  auto list_of = [&](const char* key) {
    return product.is_object() && product.contains(key) && product[key].is_array() ? product[key]
                                                                                   : json::array();
  };
  return json{{"uri", lot_digital_link(resolver, gtin, lot)},
              {"gtin", gtin},
              {"lot", lot},
              {"as_of", local_date(cx.now_ms())},
              {"product", product},
              {"cooperative", coop},
              {"plots", plots},
              {"households", (*back)["households"].size()},
              {"diary", diary_of((*back)["diary"], plots)},
              {"certifications", list_of("certifications")},
              {"certificates", list_of("certificates")},
              {"custody", journey},
              {"verified", *verified}};
}

}  // namespace lienket::trace
