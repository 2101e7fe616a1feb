#include "bus_mapper.hpp"

#include <algorithm>

#include <cstdio>
#include <tuple>

#include "digital_link.hpp"
#include "epcis_validator.hpp"
#include "event_repository.hpp"
#include "gs1_keys.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

Status unmappable(const Event& e, const std::string& field, const std::string& why) {
  return Status::InvalidArgument(
      "trace cannot record " + e.type + " #" + std::to_string(e.seq) + ": " + field + " " + why,
      field);
}

std::string geo_uri(double lat, double lon) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "geo:%.6f,%.6f", lat, lon);
  return buf;
}

// `path` names the location object in the event's data ("data.location").
Status check_place(const Event& e, double lat, double lon, const std::string& path) {
  if (!(lat >= -90 && lat <= 90)) return unmappable(e, path + ".lat", "must be between -90 and 90");
  if (!(lon >= -180 && lon <= 180))
    return unmappable(e, path + ".lon", "must be between -180 and 180");
  return Status::Ok();
}

Status check_id(const Event& e, const std::string& value, const std::string& field) {
  if (!Fields::is_id(value))
    return unmappable(e, field, "must be 1-64 characters of A-Z a-z 0-9 . _ : -");
  return Status::Ok();
}

// The quantity element of a lot: its identifier and the quantity in EPCIS units.
Result<json> lot_quantity(const Event& e, const std::string& lot, const std::string& gtin,
                          std::int64_t quantity, const std::string& unit) {
  if (quantity < 0) return unmappable(e, "data.quantity", "must not be negative");
  auto q = epcis_quantity(quantity, unit);
  if (!q) return unmappable(e, "data.unit", "\"" + unit + "\" is not g, ml or piece");
  return json{{"epcClass", lot_identifier(lot, gtin)}, {"quantity", q->quantity}, {"uom", q->uom}};
}

// When it happened, not when it was recorded: the day `date` names (a harvest's, a diary entry's,
// a delivery's), at the time of recording when that is the same day, else at the start of the day
// in +07:00. The recording time is the event's recordTime (EventRepository) and lk:sourceEvent.
std::string event_time(const Event& e, const std::string& date) {
  if (date.empty() || e.at.rfind(date, 0) == 0 || !date_to_days(date)) return e.at;
  return date + "T00:00:00.000+07:00";
}

json base_event(const Event& e, const char* action, const std::string& date) {
  std::string time = event_time(e, date);
  return json{{"type", "ObjectEvent"},
              {"action", action},
              {"eventTime", time},
              {"eventTimeZoneOffset", time.size() >= 6 ? time.substr(time.size() - 6) : "+07:00"},
              {"lk:sourceEvent", e.type + "#" + std::to_string(e.seq)}};
}

// Our mapping must give valid EPCIS; if the data still breaks it, the data is to blame.
Result<Mapped> checked(const Event& e, Mapped m) {
  if (auto st = validate_event(m.event, "event"); !st.ok())
    return unmappable(e, "data", "does not make a valid EPCIS event: " + st.message());
  return m;
}

}  // namespace

namespace detail {
namespace {

// The first member of `shape` that `value` lacks or has with another JSON type, with its path.
struct Mismatch {
  std::string field;
  const json* want = nullptr;
};

std::optional<Mismatch> first_mismatch(const json& shape, const json& value,
                                       const std::string& path) {
  if (shape.is_object()) {
    if (!value.is_object()) return Mismatch{path, &shape};
    for (auto it = shape.begin(); it != shape.end(); ++it) {
      auto v = value.find(it.key());
      if (v == value.end() || v->is_null()) return Mismatch{path + "." + it.key(), &*it};
      if (auto m = first_mismatch(*it, *v, path + "." + it.key())) return m;
    }
    return std::nullopt;
  }
  bool same = shape.is_string()    ? value.is_string()
              : shape.is_boolean() ? value.is_boolean()
              : shape.is_number()  ? value.is_number()
              : shape.is_array()   ? value.is_array()
                                   : true;
  if (same) return std::nullopt;
  return Mismatch{path, &shape};
}

std::string kind_of(const json& j) {
  if (j.is_string()) return "a string";
  if (j.is_number()) return "a number";
  if (j.is_boolean()) return "true or false";
  if (j.is_array()) return "a list";
  return "an object";
}

}  // namespace

Status undecodable(const Event& e, const json& shape, const char* what) {
  auto m = first_mismatch(shape, e.data, "data");
  if (!m)
    return unmappable(e, "data", std::string("is not as its producer declares it (") + what + ")");
  return unmappable(e, m->field, "is missing or is not " + kind_of(*m->want));
}

}  // namespace detail

json lienket_context() { return json::array({kDefaultContext, {{"lk", kLienketNamespace}}}); }

std::string lot_identifier(const std::string& lot, const std::string& gtin) {
  // Written as the Digital Link parser reads it back: the lot percent-encoded, the GTIN in 14
  // digits.
  if (!gtin.empty())
    return canonical_identifier(lot_digital_link(std::string(kCanonicalResolver), gtin, lot));
  return "urn:lienket:lot:" + lot;
}
std::string party_urn(const std::string& id) { return "urn:lienket:party:" + id; }
std::string plot_urn(const std::string& id) { return "urn:lienket:plot:" + id; }

std::optional<EpcisQuantity> epcis_quantity(std::int64_t quantity, const std::string& unit) {
  auto thousandths = [&](const char* uom) {
    json q =
        quantity % 1000 == 0 ? json(quantity / 1000) : json(static_cast<double>(quantity) / 1000.0);
    return EpcisQuantity{q, uom};
  };
  if (unit == "g") return thousandths("KGM");
  if (unit == "ml") return thousandths("LTR");
  if (unit == "piece") return EpcisQuantity{json(quantity), "H87"};
  return std::nullopt;
}

Result<Mapped> epcis_from_harvest(const Event& e, const farming::events::HarvestRecorded& h,
                                  const std::string& gtin) {
  LIENKET_RETURN_IF_ERROR(check_id(e, h.lot_id, "data.lot_id"));
  LIENKET_RETURN_IF_ERROR(check_id(e, h.plot_id, "data.plot_id"));
  LIENKET_RETURN_IF_ERROR(check_place(e, h.location.lat, h.location.lon, "data.location"));
  // What entered the chain is what the buyer took at the gate: the rejected part stayed with the
  // household (a moisture deduction changes what is paid, not what is there). A lot rejected
  // whole is still traced, as not sellable, so that a recall finds it.
  const std::int64_t rejected =
      std::clamp<std::int64_t>(h.rejected_quantity.value_or(0), 0, h.quantity);
  const bool taken = rejected < h.quantity;
  auto q = lot_quantity(e, h.lot_id, gtin, taken ? h.quantity - rejected : h.quantity, h.unit);
  if (!q.ok()) return q.status();
  json ev = base_event(e, "ADD", h.date);
  ev["bizStep"] = "commissioning";
  ev["disposition"] = taken ? "active" : "non_sellable_other";
  ev["epcList"] = json::array();
  ev["quantityList"] = json::array({*q});
  ev["bizLocation"] = {{"id", plot_urn(h.plot_id)}};
  ev["readPoint"] = {{"id", geo_uri(h.location.lat, h.location.lon)}};
  json ilmd{{"lk:plot", h.plot_id}, {"lk:lat", h.location.lat}, {"lk:lon", h.location.lon}};
  if (!h.location.polygon.empty()) ilmd["lk:polygon"] = h.location.polygon;
  for (auto [key, value] : {std::pair{"lk:household", &h.household_id},
                            {"lk:householdName", &h.household_name},
                            {"lk:harvestDate", &h.date},
                            {"lk:product", &h.product_id},
                            {"lk:grade", &h.grade},
                            {"lk:cooperative", &h.cooperative},
                            {"lk:agreement", &h.agreement_id}})
    if (!value->empty()) ilmd[key] = *value;
  if (rejected > 0) ilmd["lk:rejectedQuantity"] = rejected;  // in the product's unit
  ev["ilmd"] = ilmd;
  Mapped m{ev, {}};
  if (!h.cooperative.empty()) {
    m.event["sourceList"] =
        json::array({{{"type", "owning_party"}, {"source", party_urn(h.cooperative)}}});
    m.custodians.push_back(h.cooperative);
  }
  return checked(e, std::move(m));
}

Result<Mapped> epcis_from_diary(const Event& e, const farming::events::DiaryRecorded& d) {
  const auto& entry = d.entry;
  LIENKET_RETURN_IF_ERROR(check_id(e, entry.plot_id, "data.entry.plot_id"));
  LIENKET_RETURN_IF_ERROR(
      check_place(e, entry.location.lat, entry.location.lon, "data.entry.location"));
  json ev = base_event(e, "OBSERVE", entry.date);
  ev["bizStep"] = std::string(kLienketNamespace) + "bizstep/diary";
  ev["epcList"] = json::array();
  ev["bizLocation"] = {{"id", plot_urn(entry.plot_id)}};
  ev["readPoint"] = {{"id", geo_uri(entry.location.lat, entry.location.lon)}};
  json diary = json::object();
  json all = entry;
  for (auto it = all.begin(); it != all.end(); ++it)
    if (it->is_string() || it->is_number()) diary[it.key()] = *it;
  ev["lk:diary"] = diary;
  return checked(e, Mapped{ev, {}});
}

Result<Mapped> epcis_from_delivery(const Event& e, const offtake::events::DeliveryRecorded& d,
                                   const std::string& gtin) {
  if (!d.lot_id) return unmappable(e, "data.lot_id", "is required");
  LIENKET_RETURN_IF_ERROR(check_id(e, *d.lot_id, "data.lot_id"));
  auto q = lot_quantity(e, *d.lot_id, gtin, d.quantity, d.unit);
  if (!q.ok()) return q.status();
  json ev = base_event(e, "OBSERVE", d.date);
  ev["bizStep"] = "shipping";
  ev["disposition"] = "in_transit";
  ev["epcList"] = json::array();
  ev["quantityList"] = json::array({*q});
  Mapped m{ev, {}};
  for (const auto& [party, list, key] : {std::tuple{&d.seller, "sourceList", "source"},
                                         std::tuple{&d.buyer, "destinationList", "destination"}}) {
    if (party->empty()) continue;
    m.event[list] = json::array({{{"type", "owning_party"}, {key, party_urn(*party)}}});
    m.custodians.push_back(
        *party);  // custody follows the goods: the seller keeps it, the buyer gets it
  }
  if (!d.consumption_id.empty())
    m.event["bizTransactionList"] = json::array(
        {{{"type", "po"}, {"bizTransaction", "urn:lienket:consumption:" + d.consumption_id}}});
  if (!d.date.empty()) m.event["lk:deliveryDate"] = d.date;
  return checked(e, std::move(m));
}

}  // namespace lienket::trace
