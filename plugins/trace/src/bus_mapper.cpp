#include "bus_mapper.hpp"

#include "event_repository.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

std::string str(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return "";
  const auto& v = obj[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  return "";
}

std::optional<std::int64_t> integer(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_number_integer()) return std::nullopt;
  return obj[key].get<std::int64_t>();
}

// A {lat, lon} found at obj[key] (or obj[key].center / first polygon point), if any.
std::optional<std::pair<double, double>> lat_lon(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return std::nullopt;
  const json* p = &obj[key];
  if (p->is_object() && !p->contains("lat") && p->contains("center")) p = &(*p)["center"];
  if (p->is_array() && !p->empty()) p = &(*p)[0];
  if (!p->is_object() || !p->contains("lat") || !p->contains("lon")) return std::nullopt;
  if (!(*p)["lat"].is_number() || !(*p)["lon"].is_number()) return std::nullopt;
  double lat = (*p)["lat"], lon = (*p)["lon"];
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return std::nullopt;
  return std::pair{lat, lon};
}

std::string geo_uri(std::pair<double, double> ll) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "geo:%.6f,%.6f", ll.first, ll.second);
  return buf;
}

json base_event(const Event& e, const char* action) {
  return json{{"type", "ObjectEvent"}, {"action", action}, {"eventTime", e.at},
              {"eventTimeZoneOffset", e.at.size() >= 6 ? e.at.substr(e.at.size() - 6) : "+07:00"},
              {"lk:sourceEvent", e.type + "#" + std::to_string(e.seq)}};
}

}  // namespace

json lienket_context() { return json::array({kDefaultContext, {{"lk", kLienketNamespace}}}); }

std::string lot_identifier(const std::string& lot, const std::string& gtin) {
  if (!gtin.empty()) return "https://id.gs1.org/01/" + gtin + "/10/" + lot;
  return "urn:lienket:lot:" + lot;
}
std::string party_urn(const std::string& id) { return "urn:lienket:party:" + id; }
std::string plot_urn(const std::string& id) { return "urn:lienket:plot:" + id; }

std::string uom_of(const std::string& unit) {
  if (unit == "g") return "GRM";
  if (unit == "ml") return "MLT";
  if (unit == "piece") return "H87";
  return "KGM";
}

std::optional<json> epcis_from_harvest(const Event& e, const std::string& gtin) {
  const json& d = e.data;
  std::string lot = str(d, "lot_id");
  if (lot.empty()) return std::nullopt;
  json ev = base_event(e, "ADD");
  ev["bizStep"] = "commissioning";
  ev["disposition"] = "active";
  ev["epcList"] = json::array();
  json q{{"epcClass", lot_identifier(lot, gtin)}};
  if (auto n = integer(d, "quantity")) {
    q["quantity"] = *n;
    q["uom"] = uom_of(str(d, "unit"));
  }
  ev["quantityList"] = json::array({q});
  std::string plot = str(d, "plot_id").empty() ? str(d, "plot") : str(d, "plot_id");
  json ilmd = json::object();
  if (!plot.empty()) {
    ilmd["lk:plot"] = plot;
    ev["bizLocation"] = {{"id", plot_urn(plot)}};
  }
  auto ll = lat_lon(d, "location");
  if (ll) {
    ev["readPoint"] = {{"id", geo_uri(*ll)}};
    ilmd["lk:lat"] = ll->first;
    ilmd["lk:lon"] = ll->second;
  }
  if (d.contains("location") && d["location"].is_object() && d["location"].contains("polygon"))
    ilmd["lk:polygon"] = d["location"]["polygon"];
  for (auto [from, to] : {std::pair{"household_id", "lk:household"}, {"household", "lk:household"},
                          {"household_name", "lk:householdName"}, {"date", "lk:harvestDate"},
                          {"product_id", "lk:product"}, {"grade", "lk:grade"}, {"cooperative", "lk:cooperative"},
                          {"agreement_id", "lk:agreement"}})
    if (auto v = str(d, from); !v.empty() && !ilmd.contains(to)) ilmd[to] = v;
  ev["ilmd"] = ilmd;
  if (auto coop = str(d, "cooperative"); !coop.empty())
    ev["sourceList"] = json::array({{{"type", "owning_party"}, {"source", party_urn(coop)}}});
  return ev;
}

std::optional<json> epcis_from_diary(const Event& e) {
  const json& entry = e.data.contains("entry") ? e.data["entry"] : e.data;
  std::string plot = str(entry, "plot_id").empty() ? str(entry, "plot") : str(entry, "plot_id");
  if (plot.empty()) return std::nullopt;
  json ev = base_event(e, "OBSERVE");
  ev["bizStep"] = std::string(kLienketNamespace) + "bizstep/diary";
  ev["epcList"] = json::array();
  ev["bizLocation"] = {{"id", plot_urn(plot)}};
  if (auto ll = lat_lon(entry, "location")) ev["readPoint"] = {{"id", geo_uri(*ll)}};
  json diary = json::object();
  for (auto it = entry.begin(); it != entry.end(); ++it)
    if (it.key() != "location" && (it->is_string() || it->is_number())) diary[it.key()] = *it;
  ev["lk:diary"] = diary;
  return ev;
}

std::optional<json> epcis_from_delivery(const Event& e, const std::string& gtin, const std::string& buyer) {
  const json& d = e.data.contains("delivery") && e.data["delivery"].is_object() ? e.data["delivery"] : e.data;
  std::string lot = str(d, "lot_id");
  if (lot.empty()) return std::nullopt;
  json ev = base_event(e, "OBSERVE");
  ev["bizStep"] = "shipping";
  ev["disposition"] = "in_transit";
  ev["epcList"] = json::array();
  json q{{"epcClass", lot_identifier(lot, gtin)}};
  if (auto n = integer(d, "quantity")) {
    q["quantity"] = *n;
    q["uom"] = uom_of(str(d, "unit"));
  }
  ev["quantityList"] = json::array({q});
  std::string seller = str(d, "seller").empty() ? e.by : str(d, "seller");
  std::string to = str(d, "buyer").empty() ? buyer : str(d, "buyer");
  if (!seller.empty())
    ev["sourceList"] = json::array({{{"type", "owning_party"}, {"source", party_urn(seller)}}});
  if (!to.empty())
    ev["destinationList"] = json::array({{{"type", "owning_party"}, {"destination", party_urn(to)}}});
  if (auto c = str(d, "consumption_id"); !c.empty())
    ev["bizTransactionList"] = json::array({{{"type", "po"}, {"bizTransaction", "urn:lienket:consumption:" + c}}});
  if (auto date = str(d, "date"); !date.empty()) ev["lk:deliveryDate"] = date;
  return ev;
}

}  // namespace lienket::trace
