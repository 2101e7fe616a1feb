#include "epcis_validator.hpp"

#include <set>

#include "cbv.hpp"
#include "digital_link.hpp"
#include "gs1_keys.hpp"
#include "hash_identifier.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

Status bad(const std::string& field, const std::string& message) {
  return Status::InvalidArgument(field + " " + message, field);
}

std::string at(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

bool is_uri(const json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  auto colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= s.size() || s.size() > 2000)
    return false;
  for (char c : s)
    if (c == ' ' || c == '\n' || c == '\t') return false;
  return true;
}

Status require_uri(const json& obj, const std::string& key, const std::string& path,
                   bool required) {
  if (!obj.contains(key)) return required ? bad(path + "." + key, "is required") : Status::Ok();
  if (!is_uri(obj[key])) return bad(path + "." + key, "must be an absolute URI");
  return Status::Ok();
}

Status check_vocab(Vocab vocab, const json& v, const std::string& field, const char* what) {
  if (!v.is_string()) return bad(field, "must be a string");
  const auto& s = v.get_ref<const std::string&>();
  if (cbv_name(vocab, s) || is_private_vocab_uri(s)) return Status::Ok();
  return bad(field, std::string("is not a CBV ") + what + " (\"" + s +
                        "\"); use a CBV name such as in the standard or a private absolute URI");
}

Status check_time(const json& obj, const std::string& key, const std::string& path, bool required) {
  if (!obj.contains(key)) return required ? bad(path + "." + key, "is required") : Status::Ok();
  const auto& v = obj[key];
  if (!v.is_string() || !parse_time(v.get<std::string>()))
    return bad(path + "." + key,
               "must be an RFC 3339 date-time such as 2026-03-01T08:00:00.000+07:00");
  return Status::Ok();
}

// An identifier that claims to be a GS1 key (an EPC URN of a scheme we translate, or a Digital Link
// on any resolver) must be a well-formed one with correct check digits: a wrong GTIN would break
// the genealogy silently. Other URIs (private identifiers) are taken as they are.
bool valid_gs1_identifier(const std::string& s) {
  for (std::string_view scheme :
       {"urn:epc:id:sgtin:", "urn:epc:id:sscc:", "urn:epc:id:sgln:", "urn:epc:id:pgln:",
        "urn:epc:id:grai:", "urn:epc:id:gdti:", "urn:epc:id:giai:", "urn:epc:class:lgtin:"})
    if (s.rfind(scheme, 0) == 0)  // the event hash reads the Tag Data Standard's grammar too
      return epc_urn_to_digital_link(s).has_value() || hash_digital_link(s).has_value();
  const std::string canonical = canonical_identifier(s);
  if (canonical == s && s.rfind(kCanonicalResolver, 0) != 0) return true;  // not a Digital Link
  if (parse_digital_link(canonical).ok()) return true;
  // Spellings the event hash reads as a Digital Link (/gtin/ for /01/, ...): its form is checked.
  auto constrained = hash_digital_link(s);
  return constrained && parse_digital_link(*constrained).ok();
}

Status check_uri_list(const json& obj, const std::string& key, const std::string& path) {
  if (!obj.contains(key)) return Status::Ok();
  const auto& list = obj[key];
  if (!list.is_array()) return bad(path + "." + key, "must be a list of URIs");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!is_uri(list[i])) return bad(at(path + "." + key, i), "must be an absolute URI");
    if (!valid_gs1_identifier(list[i].get<std::string>()))
      return bad(at(path + "." + key, i),
                 "is not a valid GS1 identifier (check digit, length or syntax)");
  }
  return Status::Ok();
}

Status check_quantity_list(const json& obj, const std::string& key, const std::string& path) {
  if (!obj.contains(key)) return Status::Ok();
  const auto& list = obj[key];
  std::string lp = path + "." + key;
  if (!list.is_array()) return bad(lp, "must be a list of quantity elements");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& q = list[i];
    std::string qp = at(lp, i);
    if (!q.is_object()) return bad(qp, "must be an object {epcClass, quantity, uom}");
    LIENKET_RETURN_IF_ERROR(require_uri(q, "epcClass", qp, true));
    if (q.contains("quantity") && (!q["quantity"].is_number() || q["quantity"].get<double>() < 0))
      return bad(qp + ".quantity", "must be a number not below 0");
    if (q.contains("uom")) {
      const auto& u = q["uom"];
      bool ok = u.is_string() && u.get_ref<const std::string&>().size() >= 2 &&
                u.get_ref<const std::string&>().size() <= 3;
      if (ok)
        for (char c : u.get_ref<const std::string&>())
          ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
      if (!ok)
        return bad(qp + ".uom",
                   "must be a UN/CEFACT unit code of 2-3 capitals or digits, e.g. KGM");
      if (!q.contains("quantity")) return bad(qp + ".quantity", "is required when uom is given");
    }
    for (auto it = q.begin(); it != q.end(); ++it)
      if (it.key() != "epcClass" && it.key() != "quantity" && it.key() != "uom")
        return bad(qp + "." + it.key(), "is not a known field");
  }
  return Status::Ok();
}

Status check_location(const json& obj, const std::string& key, const std::string& path) {
  if (!obj.contains(key)) return Status::Ok();
  const auto& loc = obj[key];
  std::string lp = path + "." + key;
  if (!loc.is_object()) return bad(lp, "must be an object {\"id\": URI}");
  LIENKET_RETURN_IF_ERROR(require_uri(loc, "id", lp, true));
  const auto& id = loc["id"].get_ref<const std::string&>();
  if (id.rfind("geo:", 0) == 0) {  // RFC 5870 geo URI: GPS coordinates of the place
    double lat = 0, lon = 0;
    if (std::sscanf(id.c_str(), "geo:%lf,%lf", &lat, &lon) != 2 || lat < -90 || lat > 90 ||
        lon < -180 || lon > 180)
      return bad(
          lp + ".id",
          "must be geo:<latitude>,<longitude> with latitude -90..90 and longitude -180..180");
  }
  return Status::Ok();
}

Status check_party_list(const json& obj, const std::string& key, const std::string& item,
                        const std::string& path) {
  if (!obj.contains(key)) return Status::Ok();
  const auto& list = obj[key];
  std::string lp = path + "." + key;
  if (!list.is_array()) return bad(lp, "must be a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ip = at(lp, i);
    if (!list[i].is_object()) return bad(ip, "must be an object {type, " + item + "}");
    LIENKET_RETURN_IF_ERROR(require_uri(list[i], item, ip, true));
    if (item == "bizTransaction") {
      if (list[i].contains("type"))
        LIENKET_RETURN_IF_ERROR(check_vocab(Vocab::kBizTransactionType, list[i]["type"],
                                            ip + ".type", "business transaction type"));
    } else {
      if (!list[i].contains("type")) return bad(ip + ".type", "is required");
      LIENKET_RETURN_IF_ERROR(check_vocab(Vocab::kSourceDestType, list[i]["type"], ip + ".type",
                                          "source/destination type"));
    }
  }
  return Status::Ok();
}

const std::set<std::string>& common_fields() {
  static const std::set<std::string> k = {"@context",
                                          "id",
                                          "type",
                                          "eventTime",
                                          "recordTime",
                                          "eventTimeZoneOffset",
                                          "eventID",
                                          "errorDeclaration",
                                          "certificationInfo"};
  return k;
}

const std::set<std::string>& type_fields(const std::string& type) {
  static const std::set<std::string> kObject = {
      "action",     "epcList",         "quantityList",
      "bizStep",    "disposition",     "persistentDisposition",
      "readPoint",  "bizLocation",     "bizTransactionList",
      "sourceList", "destinationList", "sensorElementList",
      "ilmd"};
  static const std::set<std::string> kAggregation = {"action",
                                                     "parentID",
                                                     "childEPCs",
                                                     "childQuantityList",
                                                     "bizStep",
                                                     "disposition",
                                                     "persistentDisposition",
                                                     "readPoint",
                                                     "bizLocation",
                                                     "bizTransactionList",
                                                     "sourceList",
                                                     "destinationList",
                                                     "sensorElementList"};
  static const std::set<std::string> kTransaction = {"action",
                                                     "parentID",
                                                     "epcList",
                                                     "quantityList",
                                                     "bizStep",
                                                     "disposition",
                                                     "persistentDisposition",
                                                     "readPoint",
                                                     "bizLocation",
                                                     "bizTransactionList",
                                                     "sourceList",
                                                     "destinationList",
                                                     "sensorElementList"};
  static const std::set<std::string> kTransformation = {
      "inputEPCList",       "inputQuantityList",     "outputEPCList",
      "outputQuantityList", "transformationID",      "bizStep",
      "disposition",        "persistentDisposition", "readPoint",
      "bizLocation",        "bizTransactionList",    "sourceList",
      "destinationList",    "sensorElementList",     "ilmd"};
  static const std::set<std::string> kAssociation = {"action",
                                                     "parentID",
                                                     "childEPCs",
                                                     "childQuantityList",
                                                     "bizStep",
                                                     "disposition",
                                                     "persistentDisposition",
                                                     "readPoint",
                                                     "bizLocation",
                                                     "bizTransactionList",
                                                     "sourceList",
                                                     "destinationList",
                                                     "sensorElementList"};
  if (type == "ObjectEvent") return kObject;
  if (type == "AggregationEvent") return kAggregation;
  if (type == "TransactionEvent") return kTransaction;
  if (type == "TransformationEvent") return kTransformation;
  return kAssociation;
}

bool standard_type(const std::string& type) {
  static const std::set<std::string> k = {"ObjectEvent", "AggregationEvent", "TransactionEvent",
                                          "TransformationEvent", "AssociationEvent"};
  return k.count(type) > 0;
}

// GS1's schema allows any other event type that is a URI (a prefixed name such as
// "example:CustomEvent" expands to one through the document's context).
bool is_extension_name(const std::string& type) {
  auto colon = type.find(':');
  return colon != std::string::npos && colon > 0 && colon + 1 < type.size() && type.size() <= 500 &&
         type.find_first_of(" \t\n") == std::string::npos;
}

// An extension event may carry any of the standard's event fields.
const std::set<std::string>& all_type_fields() {
  static const std::set<std::string> k = [] {
    std::set<std::string> all;
    for (const char* t : {"ObjectEvent", "AggregationEvent", "TransactionEvent",
                          "TransformationEvent", "AssociationEvent"}) {
      const auto& f = type_fields(t);
      all.insert(f.begin(), f.end());
    }
    return all;
  }();
  return k;
}

bool is_action(const json& a) {
  return a.is_string() && (a == "ADD" || a == "OBSERVE" || a == "DELETE");
}

bool nonempty_list(const json& ev, const char* key) {
  return ev.contains(key) && ev[key].is_array() && !ev[key].empty();
}

Status check_structure(const json& ev, const std::string& type, const std::string& path) {
  std::string action = ev.value("action", "");
  if (type == "ObjectEvent" && !ev.contains("epcList") && !nonempty_list(ev, "quantityList") &&
      !(nonempty_list(ev, "sensorElementList") && ev.contains("readPoint")))
    return bad(path + ".epcList",
               "is required (or a quantityList, or sensor data with a readPoint)");
  if ((type == "AggregationEvent" || type == "AssociationEvent") && action != "OBSERVE" &&
      !ev.contains("parentID"))
    return bad(path + ".parentID", "is required when action is " + action);
  if (type == "TransactionEvent" && !nonempty_list(ev, "bizTransactionList"))
    return bad(path + ".bizTransactionList", "is required for a TransactionEvent");
  if (type == "TransformationEvent" && !nonempty_list(ev, "inputEPCList") &&
      !nonempty_list(ev, "inputQuantityList") && !nonempty_list(ev, "outputEPCList") &&
      !nonempty_list(ev, "outputQuantityList") && !ev.contains("transformationID"))
    return bad(path + ".inputQuantityList",
               "a TransformationEvent needs inputs, outputs or a transformationID");
  if (ev.contains("ilmd")) {
    if (!ev["ilmd"].is_object()) return bad(path + ".ilmd", "must be an object");
    if (type == "ObjectEvent" && action != "ADD")
      return bad(path + ".ilmd",
                 "is only allowed on an ObjectEvent with action ADD (instance/lot master data is "
                 "set when objects are created)");
  }
  return Status::Ok();
}

}  // namespace

bool valid_time_zone_offset(const std::string& s) {
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  for (int i : {1, 2, 4, 5})
    if (s[i] < '0' || s[i] > '9') return false;
  int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
  return h <= 14 && m <= 59 && !(h == 14 && m > 0);
}

Status validate_event(const json& ev, const std::string& path) {
  if (!ev.is_object()) return bad(path, "must be an EPCIS event object");
  if (!ev.contains("type") || !ev["type"].is_string()) return bad(path + ".type", "is required");
  std::string type = ev["type"].get<std::string>();
  const bool extension = !standard_type(type);
  if (extension && !is_extension_name(type))
    return bad(path + ".type",
               "must be one of ObjectEvent, AggregationEvent, TransactionEvent, "
               "TransformationEvent, AssociationEvent, or an extension type with a prefix "
               "(\"example:CustomEvent\") or a URI");
  const auto& allowed = extension ? all_type_fields() : type_fields(type);
  for (auto it = ev.begin(); it != ev.end(); ++it) {
    const std::string& k = it.key();
    if (common_fields().count(k) || allowed.count(k)) continue;
    // User extensions must carry a namespace prefix ("example:myField"); bare names are typos.
    if (k.find(':') != std::string::npos && k.front() != ':') continue;
    return bad(path + "." + k, "is not a field of a " + type);
  }
  LIENKET_RETURN_IF_ERROR(check_time(ev, "eventTime", path, true));
  LIENKET_RETURN_IF_ERROR(check_time(ev, "recordTime", path, false));
  if (!ev.contains("eventTimeZoneOffset")) return bad(path + ".eventTimeZoneOffset", "is required");
  if (!ev["eventTimeZoneOffset"].is_string() ||
      !valid_time_zone_offset(ev["eventTimeZoneOffset"].get<std::string>()))
    return bad(path + ".eventTimeZoneOffset",
               "must be a UTC offset +hh:mm or -hh:mm between -14:00 and +14:00");
  if (ev.contains("eventID")) LIENKET_RETURN_IF_ERROR(require_uri(ev, "eventID", path, false));
  if (extension && ev.contains("action") && !is_action(ev["action"]))
    return bad(path + ".action", "must be ADD, OBSERVE or DELETE");
  if (!extension && type != "TransformationEvent") {
    if (!ev.contains("action")) return bad(path + ".action", "is required");
    if (!is_action(ev["action"])) return bad(path + ".action", "must be ADD, OBSERVE or DELETE");
  }
  if (ev.contains("bizStep"))
    LIENKET_RETURN_IF_ERROR(
        check_vocab(Vocab::kBizStep, ev["bizStep"], path + ".bizStep", "bizStep"));
  if (ev.contains("disposition"))
    LIENKET_RETURN_IF_ERROR(
        check_vocab(Vocab::kDisposition, ev["disposition"], path + ".disposition", "disposition"));
  if (ev.contains("persistentDisposition")) {
    const auto& pd = ev["persistentDisposition"];
    std::string pp = path + ".persistentDisposition";
    if (!pd.is_object()) return bad(pp, "must be an object {set, unset}");
    for (const char* k : {"set", "unset"}) {
      if (!pd.contains(k)) continue;
      if (!pd[k].is_array()) return bad(pp + "." + k, "must be a list of dispositions");
      for (std::size_t i = 0; i < pd[k].size(); ++i)
        LIENKET_RETURN_IF_ERROR(
            check_vocab(Vocab::kDisposition, pd[k][i], at(pp + "." + k, i), "disposition"));
    }
  }
  for (const char* k : {"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
    LIENKET_RETURN_IF_ERROR(check_uri_list(ev, k, path));
  for (const char* k :
       {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"})
    LIENKET_RETURN_IF_ERROR(check_quantity_list(ev, k, path));
  if (ev.contains("parentID")) LIENKET_RETURN_IF_ERROR(require_uri(ev, "parentID", path, false));
  if (ev.contains("transformationID"))
    LIENKET_RETURN_IF_ERROR(require_uri(ev, "transformationID", path, false));
  LIENKET_RETURN_IF_ERROR(check_location(ev, "readPoint", path));
  LIENKET_RETURN_IF_ERROR(check_location(ev, "bizLocation", path));
  LIENKET_RETURN_IF_ERROR(check_party_list(ev, "bizTransactionList", "bizTransaction", path));
  LIENKET_RETURN_IF_ERROR(check_party_list(ev, "sourceList", "source", path));
  LIENKET_RETURN_IF_ERROR(check_party_list(ev, "destinationList", "destination", path));
  if (ev.contains("sensorElementList") && !ev["sensorElementList"].is_array())
    return bad(path + ".sensorElementList", "must be a list");
  if (ev.contains("errorDeclaration")) {
    const auto& ed = ev["errorDeclaration"];
    if (!ed.is_object()) return bad(path + ".errorDeclaration", "must be an object");
    LIENKET_RETURN_IF_ERROR(check_time(ed, "declarationTime", path + ".errorDeclaration", true));
    if (ed.contains("reason"))
      LIENKET_RETURN_IF_ERROR(check_vocab(Vocab::kErrorReason, ed["reason"],
                                          path + ".errorDeclaration.reason", "error reason"));
  }
  // An extension type's own rules are its definer's: the standard's fields it uses are checked.
  return extension ? Status::Ok() : check_structure(ev, type, path);
}

Status validate_document(const json& doc, const std::string& path) {
  if (!doc.is_object()) return bad(path, "must be an EPCISDocument object");
  if (!doc.contains("type") || doc["type"] != "EPCISDocument")  // any JSON type compares
    return bad(path + ".type", "must be \"EPCISDocument\"");
  if (!doc.contains("schemaVersion") || !doc["schemaVersion"].is_string())
    return bad(path + ".schemaVersion", "is required (\"2.0\")");
  LIENKET_RETURN_IF_ERROR(check_time(doc, "creationDate", path, true));
  if (!doc.contains("@context"))
    return bad(path + ".@context", "is required (the EPCIS 2.0 JSON-LD context)");
  if (!doc.contains("epcisBody") || !doc["epcisBody"].is_object())
    return bad(path + ".epcisBody", "is required");
  const auto& body = doc["epcisBody"];
  std::string lp = path + ".epcisBody.eventList";
  if (!body.contains("eventList") || !body["eventList"].is_array())
    return bad(lp, "is required (a list of events)");
  const auto& list = body["eventList"];
  if (list.size() > kMaxEventsPerDocument)
    return bad(lp, "has more than " + std::to_string(kMaxEventsPerDocument) + " events");
  for (std::size_t i = 0; i < list.size(); ++i)
    LIENKET_RETURN_IF_ERROR(validate_event(list[i], at(lp, i)));
  return Status::Ok();
}

}  // namespace lienket::trace
