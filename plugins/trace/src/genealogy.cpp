#include "genealogy.hpp"

#include <deque>
#include <map>
#include <set>

#include "digital_link.hpp"
#include "genealogy_walk.hpp"
#include "gs1_keys.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

std::string text(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return "";
  const auto& v = obj[key];
  return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : "";
}

json plot_of(const json& ilmd) {
  json p{{"plot", text(ilmd, "lk:plot")}};
  for (auto [from, to] : {std::pair{"lk:household", "household"},
                          {"lk:householdName", "household_name"},
                          {"lk:harvestDate", "harvest_date"},
                          {"lk:cooperative", "cooperative"}})
    if (auto v = text(ilmd, from); !v.empty()) p[to] = v;
  for (auto [from, to] : {std::pair{"lk:lat", "lat"}, {"lk:lon", "lon"}})
    if (ilmd.contains(from) && ilmd[from].is_number()) p[to] = ilmd[from];
  if (ilmd.contains("lk:polygon")) p["polygon"] = ilmd["lk:polygon"];
  return p;
}

}  // namespace

json event_summary(const json& rec) {
  const json& ev = rec["event"];
  json s{{"seq", rec["seq"]},
         {"eventID", ev.value("eventID", "")},
         {"type", ev.value("type", "")},
         {"eventTime", ev.value("eventTime", "")}};
  for (const char* k : {"action", "bizStep", "disposition"})
    if (ev.contains(k)) s[k] = ev[k];
  if (ev.contains("bizLocation")) s["bizLocation"] = ev["bizLocation"].value("id", "");
  if (ev.contains("readPoint")) s["readPoint"] = ev["readPoint"].value("id", "");
  for (const char* list : {"sourceList", "destinationList"})
    if (ev.contains(list)) s[list] = ev[list];
  return s;
}

Result<std::vector<std::string>> resolve_lot(EventRepository& repo, const std::string& lot,
                                             const std::string& field) {
  std::vector<std::string> ids;
  if (lot.find(':') != std::string::npos) {
    std::string id = canonical_identifier(lot);
    auto seqs = repo.events_of(id);
    if (!seqs.ok()) return seqs.status();
    if (!seqs->empty()) ids.push_back(id);
  } else {
    // The index keys a lot by its number as its identifier writes it: percent-encoded in a Digital
    // Link ("ABC%2B123"), as it is in urn:lienket:lot:.
    std::set<std::string> found;
    for (const auto& key : {encode_ai_value(lot), lot}) {
      auto some = repo.ids_of_lot(key);
      if (!some.ok()) return some.status();
      found.insert(some->begin(), some->end());
    }
    ids.assign(found.begin(), found.end());
  }
  if (ids.empty()) return Status::NotFound("no traced lot or identifier " + lot, field);
  return ids;
}

Result<std::vector<std::pair<std::string, int>>> closure(EventRepository& repo,
                                                         const std::vector<std::string>& start,
                                                         bool upstream) {
  GenealogyWalk walk(repo);
  return walk.closure(start, upstream, kMaxGenealogyNodes);
}

Result<json> trace_back(EventRepository& repo, const std::vector<std::string>& start) {
  GenealogyWalk walk(repo);
  auto nodes = walk.closure(start, true, kMaxGenealogyNodes);
  if (!nodes.ok()) return nodes.status();
  json out_nodes = json::array(), plots = json::array(), diary = json::array(),
       inputs = json::array();
  std::set<std::string> households, plot_ids;
  for (const auto& [id, depth] : *nodes) {
    auto recs = walk.records_of(id);
    if (!recs.ok()) return recs.status();
    json events = json::array();
    for (const json* one : *recs) {
      const json& rec = *one;
      events.push_back(event_summary(rec));
      const json& ev = rec["event"];
      if (!ev.contains("ilmd") || !ev["ilmd"].is_object()) continue;
      json p = plot_of(ev["ilmd"]);
      const std::string plot = p["plot"];
      if (plot.empty() || !plot_ids.insert(plot).second) continue;
      if (p.contains("household")) households.insert(p["household"].get<std::string>());
      plots.push_back(p);
    }
    json node{{"id", id}, {"depth", depth}, {"events", events}};
    if (auto lot = lot_of_identifier(id); !lot.empty()) node["lot"] = lot;
    out_nodes.push_back(std::move(node));
  }
  // The planting diary of every plot reached: entries recorded at the plot's location.
  for (const auto& plot : plot_ids) {
    auto recs = walk.records_of("urn:lienket:plot:" + plot);
    if (!recs.ok()) return recs.status();
    for (const json* one : *recs) {
      const json& rec = *one;
      const json& ev = rec["event"];
      if (!ev.contains("lk:diary") || !ev["lk:diary"].is_object()) continue;  // captured by anyone
      json entry = ev["lk:diary"];
      entry["plot"] = plot;
      entry["eventID"] = ev.value("eventID", "");
      std::string kind = text(entry, "kind");
      if (kind == "fertilizer" || kind == "pesticide" || kind == "fertiliser")
        inputs.push_back(entry);
      diary.push_back(std::move(entry));
    }
  }
  return json{{"nodes", out_nodes},
              {"plots", plots},
              {"households", households},
              {"diary", diary},
              {"inputs_applied", inputs}};
}

Result<json> trace_forward(EventRepository& repo, const std::vector<std::string>& start) {
  GenealogyWalk walk(repo);
  auto nodes = walk.closure(start, false, kMaxGenealogyNodes);
  if (!nodes.ok()) return nodes.status();
  json out_nodes = json::array();
  std::map<std::string, json> receivers;
  for (const auto& [id, depth] : *nodes) {
    auto recs = walk.records_of(id);
    if (!recs.ok()) return recs.status();
    json events = json::array();
    for (const json* one : *recs) {
      const json& rec = *one;
      events.push_back(event_summary(rec));
      const json& ev = rec["event"];
      if (!ev.contains("destinationList")) continue;
      for (const auto& d : ev["destinationList"]) {
        std::string who = text(d, "destination");
        if (who.empty()) continue;
        auto& r = receivers[who];
        if (r.is_null())
          r = {{"party", who}, {"ids", json::array()}, {"first_at", ev.value("eventTime", "")}};
        if (std::find(r["ids"].begin(), r["ids"].end(), json(id)) == r["ids"].end())
          r["ids"].push_back(id);
      }
    }
    json node{{"id", id}, {"depth", depth}, {"events", events}};
    if (auto lot = lot_of_identifier(id); !lot.empty()) node["lot"] = lot;
    out_nodes.push_back(std::move(node));
  }
  json recv = json::array();
  for (auto& [k, v] : receivers) recv.push_back(v);
  return json{{"nodes", out_nodes}, {"receivers", recv}};
}

Result<json> recall(EventRepository& repo, const std::vector<std::string>& start,
                    std::optional<std::int64_t> from_ms, std::optional<std::int64_t> to_ms) {
  GenealogyWalk walk(repo);
  auto nodes = walk.closure(start, false, kMaxGenealogyNodes);
  if (!nodes.ok()) return nodes.status();
  std::map<std::string, json> parties;
  json affected = json::array();
  for (const auto& [id, depth] : *nodes) {
    affected.push_back(id);
    auto recs = walk.records_of(id);
    if (!recs.ok()) return recs.status();
    for (const json* one : *recs) {
      const json& rec = *one;
      const json& ev = rec["event"];
      if (!ev.contains("destinationList")) continue;
      auto t = parse_time(ev.value("eventTime", ""));
      if (t && from_ms && *t < *from_ms) continue;
      if (t && to_ms && *t > *to_ms) continue;
      for (const auto& d : ev["destinationList"]) {
        std::string who = text(d, "destination");
        if (who.empty()) continue;
        auto& p = parties[who];
        if (p.is_null()) p = {{"party", who}, {"ids", json::array()}, {"events", json::array()}};
        if (std::find(p["ids"].begin(), p["ids"].end(), json(id)) == p["ids"].end())
          p["ids"].push_back(id);
        json eid = ev.value("eventID", "");
        if (std::find(p["events"].begin(), p["events"].end(), eid) == p["events"].end())
          p["events"].push_back(eid);
      }
    }
  }
  json list = json::array();
  for (auto& [k, v] : parties) list.push_back(v);
  return json{{"parties", list}, {"affected", affected}};
}

}  // namespace lienket::trace
