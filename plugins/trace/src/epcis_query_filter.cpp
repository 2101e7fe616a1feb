#include "epcis_query_filter.hpp"

#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "cbv.hpp"
#include "gs1_keys.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;
using Test = std::function<bool(const json&)>;
using Values = std::vector<std::string>;

// The standard's parameters that this node does not evaluate: refused by name rather than ignored,
// so a client never mistakes an unfiltered answer for a filtered one.
const std::set<std::string> kUnsupported = {"EQ_INNER_bizTransaction", "EQ_INNER_source",
                                            "EQ_INNER_destination"};
bool starts(const std::string& s, const char* prefix);

using Namespaces = std::map<std::string, std::string>;  // prefix -> namespace URI

struct Param {
  std::string name;
  const json& value;
  std::string field;
  const Namespaces* namespaces = nullptr;  // the client's (GS1-Extensions), when it said them
  Status bad(const std::string& why) const {
    return Status::InvalidArgument(field + " " + why, field);
  }
};

Result<Values> list_of(const Param& p) {
  Values out;
  if (p.value.is_string()) {
    std::string s = p.value.get<std::string>();
    std::size_t start = 0;
    while (true) {
      auto bar = s.find('|', start);
      out.push_back(s.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  } else if (p.value.is_array()) {
    for (const auto& v : p.value) {
      if (!v.is_string()) return p.bad("must be a list of strings");
      out.push_back(v.get<std::string>());
    }
  } else {
    return p.bad("must be a string or a list of strings");
  }
  for (const auto& v : out)
    if (v.empty() || v.size() > 2000) return p.bad("holds an empty or over-long value");
  if (out.empty()) return p.bad("must not be empty");
  return out;
}

Result<std::int64_t> time_of(const Param& p) {
  auto t = p.value.is_string() ? parse_time(p.value.get<std::string>()) : std::nullopt;
  if (!t) return p.bad("must be a date-time with its offset (2026-03-01T07:00:00.000+07:00)");
  return *t;
}

Result<double> number_of(const Param& p) {
  if (p.value.is_number()) return p.value.get<double>();
  if (p.value.is_string()) {
    const std::string s = p.value.get<std::string>();
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size()) return d;
  }
  return p.bad("must be a number");
}

Result<bool> bool_of(const Param& p) {
  if (p.value.is_boolean()) return p.value.get<bool>();
  if (p.value == "true") return true;
  if (p.value == "false") return false;
  return p.bad("must be true or false");
}

std::string str(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
}

const json& event_of(const json& rec) {
  static const json kEmpty = json::object();
  return rec.contains("event") ? rec["event"] : kEmpty;
}

// A value in any of its CBV spellings compares by its bare name.
std::string vocab(Vocab v, const std::string& value) {
  if (auto n = cbv_name(v, value)) return *n;
  return value;
}

bool in(const Values& values, const std::string& v) {
  for (const auto& x : values)
    if (x == v) return true;
  return false;
}

// An EPC matches a wanted one when both name the same identifier in any spelling, or the wanted
// one is a pattern (urn:epc:idpat:...) covering it.
Test epc_test(Values wanted, std::vector<std::string> lists, bool parent, bool classes) {
  std::vector<std::pair<std::string, bool>> want;
  for (const auto& w : wanted)
    want.emplace_back(canonical_identifier(w), w.rfind("urn:epc:idpat:", 0) == 0);
  return [want, lists, parent, classes](const json& rec) {
    const json& ev = event_of(rec);
    auto hit = [&](const json& v) {
      if (!v.is_string()) return false;
      std::string id = canonical_identifier(v.get<std::string>());
      for (const auto& [w, pattern] : want)
        if (id == w || (pattern && id.rfind(w + "/", 0) == 0)) return true;
      return false;
    };
    if (parent && ev.contains("parentID") && hit(ev["parentID"])) return true;
    for (const auto& l : lists) {
      if (!ev.contains(l) || !ev[l].is_array()) continue;
      for (const auto& e : ev[l])
        if (hit(classes && e.is_object() ? e.value("epcClass", json()) : e)) return true;
    }
    return false;
  };
}

Test field_in(const std::string& key, Vocab v, bool is_vocab, Values wanted) {
  for (auto& w : wanted)
    if (is_vocab) w = vocab(v, w);
  return [key, v, is_vocab, wanted](const json& rec) {
    const json& ev = event_of(rec);
    if (!ev.contains(key) || !ev[key].is_string()) return false;
    std::string have = ev[key].get<std::string>();
    return in(wanted, is_vocab ? vocab(v, have) : have);
  };
}

Test location_in(const std::string& key, const Values& wanted) {
  std::set<std::string> want;
  for (const auto& w : wanted) want.insert(canonical_identifier(w));
  return [key, want](const json& rec) {
    const json& ev = event_of(rec);
    return ev.contains(key) && ev[key].is_object() &&
           want.count(canonical_identifier(str(ev[key].value("id", json())))) > 0;
  };
}

Test time_bound(std::function<std::optional<std::string>(const json&)> get, std::int64_t t,
                bool ge) {
  return [get, t, ge](const json& rec) {
    auto v = get(rec);
    auto have = v ? parse_time(*v) : std::nullopt;
    return have && (ge ? *have >= t : *have < t);
  };
}

std::optional<std::string> event_time(const json& rec) {
  const json& ev = event_of(rec);
  if (ev.contains("eventTime") && ev["eventTime"].is_string())
    return ev["eventTime"].get<std::string>();
  return std::nullopt;
}

std::optional<std::string> record_time(const json& rec) {
  if (rec.contains("captured_at") && rec["captured_at"].is_string())
    return rec["captured_at"].get<std::string>();
  return std::nullopt;
}

std::optional<std::string> error_time(const json& rec) {
  const json& ev = event_of(rec);
  if (!ev.contains("errorDeclaration") || !ev["errorDeclaration"].is_object()) return std::nullopt;
  auto t = ev["errorDeclaration"].value("declarationTime", json());
  if (!t.is_string()) return std::nullopt;
  return t.get<std::string>();
}

// Any QuantityElement's quantity compared with `limit`.
bool compares(const std::string& op, double have, const Values& eq, double limit) {
  if (op == "EQ") {
    for (const auto& e : eq)
      if (std::strtod(e.c_str(), nullptr) == have) return true;
    return false;
  }
  return (op == "GT" && have > limit) || (op == "GE" && have >= limit) ||
         (op == "LT" && have < limit) || (op == "LE" && have <= limit);
}

// Any quantity element (of the unit `uom`, when given) whose quantity compares.
Test quantity_test(const std::string& op, double limit, Values eq = {}, std::string uom = "") {
  if (op == "EQ" && eq.empty()) eq.push_back(std::to_string(limit));
  return [=](const json& rec) {
    const json& ev = event_of(rec);
    for (const char* l :
         {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"}) {
      if (!ev.contains(l) || !ev[l].is_array()) continue;
      for (const auto& q : ev[l]) {
        if (!q.is_object() || !q.contains("quantity") || !q["quantity"].is_number()) continue;
        if (!uom.empty() && str(q.value("uom", json())) != uom) continue;
        if (compares(op, q["quantity"].get<double>(), eq, limit)) return true;
      }
    }
    return false;
  };
}

// EQ_bizTransaction_<type>, EQ_source_<type>, EQ_destination_<type>.
Test typed_list_test(const std::string& list, const std::string& item, Vocab v,
                     const std::string& type, Values wanted, bool identifiers) {
  std::string want_type = vocab(v, type);
  if (identifiers)
    for (auto& w : wanted) w = canonical_identifier(w);
  return [list, item, v, want_type, wanted, identifiers](const json& rec) {
    const json& ev = event_of(rec);
    if (!ev.contains(list) || !ev[list].is_array()) return false;
    for (const auto& e : ev[list]) {
      if (!e.is_object() || vocab(v, str(e.value("type", json()))) != want_type) continue;
      std::string value = str(e.value(item, json()));
      if (in(wanted, identifiers ? canonical_identifier(value) : value)) return true;
    }
    return false;
  };
}

// Every sensor metadata and report object of an event.
std::vector<const json*> sensor_parts(const json& ev) {
  std::vector<const json*> out;
  if (!ev.contains("sensorElementList") || !ev["sensorElementList"].is_array()) return out;
  for (const auto& el : ev["sensorElementList"]) {
    if (!el.is_object()) continue;
    if (el.contains("sensorMetadata") && el["sensorMetadata"].is_object())
      out.push_back(&el["sensorMetadata"]);
    if (el.contains("sensorReport") && el["sensorReport"].is_array())
      for (const auto& r : el["sensorReport"])
        if (r.is_object()) out.push_back(&r);
  }
  return out;
}

// Measurement types compare without their gs1: prefix or vocabulary URI.
std::string bare_type(std::string t) {
  for (const char* p : {"gs1:", "https://gs1.org/voc/", "http://gs1.org/voc/"})
    if (t.rfind(p, 0) == 0) return t.substr(std::string(p).size());
  return t;
}

Test sensor_test(const std::string& key, Values wanted) {
  bool type = key == "type";
  if (type)
    for (auto& w : wanted) w = bare_type(w);
  return [key, wanted, type](const json& rec) {
    for (const json* part : sensor_parts(event_of(rec))) {
      if (!part->contains(key)) continue;
      std::string v = str((*part)[key]);
      if (in(wanted, type ? bare_type(v) : v)) return true;
    }
    return false;
  };
}

// <OP>_<attribute>_<UOM>: a sensor report in that unit whose attribute (value, minValue, ...)
// compares; units are compared as written, never converted.
Test measure_test(const std::string& op, const std::string& attribute, const std::string& uom,
                  Values eq, double limit) {
  return [=](const json& rec) {
    const json& ev = event_of(rec);
    for (const auto& el : ev.value("sensorElementList", json::array()))
      for (const auto& r : el.is_object() ? el.value("sensorReport", json::array()) : json())
        if (r.is_object() && str(r.value("uom", json())) == uom && r.contains(attribute) &&
            r[attribute].is_number() && compares(op, r[attribute].get<double>(), eq, limit))
          return true;
    return false;
  };
}

Test sensor_time_test(const std::string& key, std::int64_t t, bool ge) {
  return [key, t, ge](const json& rec) {
    for (const json* part : sensor_parts(event_of(rec))) {
      auto have = part->contains(key) ? parse_time(str((*part)[key])) : std::nullopt;
      if (have && (ge ? *have >= t : *have < t)) return true;
    }
    return false;
  };
}

bool starts_with_sensor(const std::string& scope) { return scope.rfind("SENSOR", 0) == 0; }

// Where an extension field is looked for: the event itself ("") or one of its parts (ILMD,
// ERROR_DECLARATION, readPoint, bizLocation, SENSORELEMENT, SENSORMETADATA, SENSORREPORT).
std::vector<const json*> holders(const json& ev, const std::string& scope) {
  std::vector<const json*> out;
  auto object_at = [&](const json& o, const char* key) {
    if (o.contains(key) && o[key].is_object()) out.push_back(&o[key]);
  };
  if (scope.empty()) out.push_back(&ev);
  if (scope == "ILMD") object_at(ev, "ilmd");
  if (scope == "ERROR_DECLARATION") object_at(ev, "errorDeclaration");
  if (scope == "readPoint" || scope == "bizLocation") object_at(ev, scope.c_str());
  if (starts_with_sensor(scope))
    for (const auto& el : ev.value("sensorElementList", json::array())) {
      if (!el.is_object()) continue;
      if (scope == "SENSORELEMENT") out.push_back(&el);
      if (scope == "SENSORMETADATA") object_at(el, "sensorMetadata");
      if (scope == "SENSORREPORT" && el.contains("sensorReport") && el["sensorReport"].is_array())
        for (const auto& r : el["sensorReport"])
          if (r.is_object()) out.push_back(&r);
    }
  return out;
}

// `name` among the members of `o` and, with `inner`, at any depth inside its extension members
// (EQ_INNER_: a field nested in another extension field).
using IsField = std::function<bool(const std::string& key)>;

void find_field(const json& o, const IsField& is_field, bool inner, bool top,
                std::vector<const json*>& out) {
  if (o.is_array()) {
    for (const auto& v : o) find_field(v, is_field, inner, false, out);
    return;
  }
  if (!o.is_object()) return;
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (!(top && inner) && is_field(it.key())) out.push_back(&*it);
    if (inner && (!top || it.key().find(':') != std::string::npos))
      find_field(*it, is_field, inner, false, out);
  }
}

// The prefixes an event's @context declares.
Namespaces prefixes_of(const json& context) {
  Namespaces out;
  for (const auto& part : context.is_array() ? context : json::array({context}))
    if (part.is_object())
      for (auto it = part.begin(); it != part.end(); ++it)
        if (it->is_string()) out[it.key()] = it->get<std::string>();
  return out;
}

// Which member names are the field `name` ("prefix:local") in a record: with the client's
// namespace for its prefix (GS1-Extensions), any prefix the event's context maps to that
// namespace, followed by the same local name; otherwise the name as written.
IsField field_names(const std::string& name, const std::string& uri, const json& rec) {
  if (uri.empty()) return [name](const std::string& k) { return k == name; };
  std::string local = name.substr(name.find(':') + 1);
  auto prefixes = std::make_shared<Namespaces>(prefixes_of(rec.value("context", json())));
  return [local, uri, prefixes](const std::string& k) {
    auto colon = k.find(':');
    if (colon == std::string::npos || k.compare(colon + 1, std::string::npos, local) != 0)
      return false;
    auto it = prefixes->find(k.substr(0, colon));
    return it != prefixes->end() && it->second == uri;
  };
}

// EQ_/GT_/GE_/LT_/LE_/EXISTS_ of an extension field (a prefixed name, "example:myField") in
// `scope` (holders()), directly or, with `inner`, nested in another extension field. Any value
// found that compares satisfies it.
Result<Test> field_compare(const Param& p, const std::string& op, const std::string& scope,
                           bool inner, const std::string& name) {
  std::string uri;
  if (p.namespaces)
    if (auto it = p.namespaces->find(name.substr(0, name.find(':'))); it != p.namespaces->end())
      uri = it->second;
  auto get = [scope, inner, name, uri](const json& rec) {
    std::vector<const json*> found;
    IsField is_field = field_names(name, uri, rec);
    for (const json* h : holders(event_of(rec), scope))
      find_field(*h, is_field, inner, true, found);
    return found;
  };
  if (op == "EXISTS") {
    auto want = bool_of(p);
    if (!want.ok()) return want.status();
    bool w = *want;
    return Test([get, w](const json& rec) { return !get(rec).empty() == w; });
  }
  if (op == "EQ") {
    auto values = list_of(p);
    if (!values.ok()) return values.status();
    Values v = *values;
    return Test([get, v](const json& rec) {
      for (const json* f : get(rec))
        if (in(v, str(*f))) return true;
      return false;
    });
  }
  auto limit = number_of(p);
  std::optional<std::int64_t> as_time;
  if (!limit.ok()) {
    auto t = time_of(p);
    if (!t.ok()) return p.bad("must be a number or a date-time");
    as_time = *t;
  }
  double w = as_time ? static_cast<double>(*as_time) : *limit;
  return Test([get, op, w, as_time](const json& rec) {
    for (const json* f : get(rec)) {
      std::optional<double> v;
      if (as_time) {
        auto t = f->is_string() ? parse_time(f->get<std::string>()) : std::nullopt;
        if (t) v = static_cast<double>(*t);
      } else if (f->is_number()) {
        v = f->get<double>();
      } else if (f->is_string()) {  // XML gives every value as text: "3" is 3
        auto n = number_of(Param{"", *f, ""});
        if (n.ok()) v = *n;
      }
      if (v && ((op == "GT" && *v > w) || (op == "GE" && *v >= w) || (op == "LT" && *v < w) ||
                (op == "LE" && *v <= w)))
        return true;
    }
    return false;
  });
}

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The typed-list parameters: EQ_bizTransaction_po, EQ_source_owning_party, ...
std::optional<Result<Test>> typed_list_param(const Param& p) {
  struct Kind {
    const char* prefix;
    const char* list;
    const char* item;
    Vocab vocab;
    bool identifiers;
  };
  static const Kind kinds[] = {
      {"EQ_bizTransaction_", "bizTransactionList", "bizTransaction", Vocab::kBizTransactionType,
       false},
      {"EQ_source_", "sourceList", "source", Vocab::kSourceDestType, true},
      {"EQ_destination_", "destinationList", "destination", Vocab::kSourceDestType, true}};
  for (const auto& k : kinds) {
    if (!starts(p.name, k.prefix)) continue;
    std::string type = p.name.substr(std::string(k.prefix).size());
    if (type.empty()) return Result<Test>(p.bad("names no type"));
    auto values = list_of(p);
    if (!values.ok()) return Result<Test>(values.status());
    return Result<Test>(typed_list_test(k.list, k.item, k.vocab, type, *values, k.identifiers));
  }
  return std::nullopt;
}

// EPC and class parameters: which lists (and parentID) each one reads.
std::optional<Result<Test>> epc_param(const Param& p) {
  struct Kind {
    const char* name;
    std::vector<std::string> lists;
    bool parent;
    bool classes;
  };
  static const Kind kinds[] = {
      {"MATCH_epc", {"epcList", "childEPCs"}, false, false},
      {"MATCH_parentID", {}, true, false},
      {"MATCH_inputEPC", {"inputEPCList"}, false, false},
      {"MATCH_outputEPC", {"outputEPCList"}, false, false},
      {"MATCH_anyEPC", {"epcList", "childEPCs", "inputEPCList", "outputEPCList"}, true, false},
      {"MATCH_epcClass", {"quantityList", "childQuantityList"}, false, true},
      {"MATCH_inputEPCClass", {"inputQuantityList"}, false, true},
      {"MATCH_outputEPCClass", {"outputQuantityList"}, false, true},
      {"MATCH_anyEPCClass",
       {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"},
       false,
       true}};
  for (const auto& k : kinds) {
    if (p.name != k.name) continue;
    auto values = list_of(p);
    if (!values.ok()) return Result<Test>(values.status());
    return Result<Test>(epc_test(*values, k.lists, k.parent, k.classes));
  }
  return std::nullopt;
}

// Parameters whose value is a list compared with one field of the event.
std::optional<Result<Test>> field_list_param(const Param& p) {
  struct Kind {
    const char* name;
    const char* key;
    bool is_vocab;
    Vocab vocab;
  };
  static const Kind kinds[] = {{"eventType", "type", false, Vocab::kBizStep},
                               {"EQ_action", "action", false, Vocab::kBizStep},
                               {"EQ_bizStep", "bizStep", true, Vocab::kBizStep},
                               {"EQ_disposition", "disposition", true, Vocab::kDisposition},
                               {"EQ_transformationID", "transformationID", false, Vocab::kBizStep},
                               {"EQ_eventID", "eventID", false, Vocab::kBizStep}};
  for (const auto& k : kinds) {
    if (p.name != k.name) continue;
    auto values = list_of(p);
    if (!values.ok()) return Result<Test>(values.status());
    if (p.name == "EQ_action")
      for (const auto& v : *values)
        if (v != "ADD" && v != "OBSERVE" && v != "DELETE")
          return Result<Test>(p.bad("must be ADD, OBSERVE or DELETE"));
    return Result<Test>(field_in(k.key, k.vocab, k.is_vocab, *values));
  }
  return std::nullopt;
}

std::optional<Result<Test>> time_param(const Param& p) {
  using Get = std::function<std::optional<std::string>(const json&)>;
  struct Kind {
    const char* name;
    Get get;
    bool ge;
  };
  static const Kind kinds[] = {{"GE_eventTime", event_time, true},
                               {"LT_eventTime", event_time, false},
                               {"GE_recordTime", record_time, true},
                               {"LT_recordTime", record_time, false},
                               {"GE_errorDeclarationTime", error_time, true},
                               {"LT_errorDeclarationTime", error_time, false}};
  for (const auto& k : kinds) {
    if (p.name != k.name) continue;
    auto t = time_of(p);
    if (!t.ok()) return Result<Test>(t.status());
    return Result<Test>(time_bound(k.get, *t, k.ge));
  }
  for (const char* key : {"startTime", "endTime"})
    for (bool ge : {true, false})
      if (p.name == std::string(ge ? "GE_" : "LT_") + key) {
        auto t = time_of(p);
        if (!t.ok()) return Result<Test>(t.status());
        return Result<Test>(sensor_time_test(key, *t, ge));
      }
  return std::nullopt;
}

std::optional<Result<Test>> error_param(const Param& p) {
  if (p.name == "EXISTS_errorDeclaration") {
    auto want = bool_of(p);
    if (!want.ok()) return Result<Test>(want.status());
    bool w = *want;
    // false: "regardless of whether they contain one" (the standard), so no test at all.
    return Result<Test>(
        Test([w](const json& rec) { return !w || event_of(rec).contains("errorDeclaration"); }));
  }
  bool reason = p.name == "EQ_errorReason";
  if (!reason && p.name != "EQ_correctiveEventID") return std::nullopt;
  auto values = list_of(p);
  if (!values.ok()) return Result<Test>(values.status());
  Values want = *values;
  if (reason)
    for (auto& w : want) w = vocab(Vocab::kErrorReason, w);
  return Result<Test>(Test([want, reason](const json& rec) {
    const json& ev = event_of(rec);
    if (!ev.contains("errorDeclaration") || !ev["errorDeclaration"].is_object()) return false;
    const json& d = ev["errorDeclaration"];
    if (reason) return in(want, vocab(Vocab::kErrorReason, str(d.value("reason", json()))));
    if (!d.contains("correctiveEventIDs") || !d["correctiveEventIDs"].is_array()) return false;
    for (const auto& id : d["correctiveEventIDs"])
      if (in(want, str(id))) return true;
    return false;
  }));
}

std::optional<Result<Test>> sensor_param(const Param& p) {
  static const char* kKeys[] = {"type",          "deviceID",          "dataProcessingMethod",
                                "microorganism", "chemicalSubstance", "bizRules",
                                "stringValue",   "hexBinaryValue",    "uriValue"};
  for (const char* key : kKeys) {
    if (p.name != std::string("EQ_") + key) continue;
    auto values = list_of(p);
    if (!values.ok()) return Result<Test>(values.status());
    return Result<Test>(sensor_test(key, *values));
  }
  if (p.name != "EQ_booleanValue") return std::nullopt;
  auto b = bool_of(p);
  if (!b.ok()) return Result<Test>(b.status());
  return Result<Test>(sensor_test("booleanValue", {*b ? "true" : "false"}));
}

// <OP>_<attribute>_<UOM> of sensor reports and <OP>_quantity_<UOM>; EQ_ takes a list.
std::optional<Result<Test>> measure_param(const Param& p) {
  static const std::set<std::string> kAttributes = {"value", "minValue",  "maxValue", "meanValue",
                                                    "sDev",  "percValue", "quantity"};
  auto first = p.name.find('_'), last = p.name.rfind('_');
  if (first == std::string::npos || last == first) return std::nullopt;
  std::string op = p.name.substr(0, first), attribute = p.name.substr(first + 1, last - first - 1),
              uom = p.name.substr(last + 1);
  bool unit = uom.size() >= 2 && uom.size() <= 4 &&
              uom.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos;
  if (!kAttributes.count(attribute) || !unit ||
      (op != "EQ" && op != "GT" && op != "GE" && op != "LT" && op != "LE"))
    return std::nullopt;
  if (op == "EQ" && attribute != "value" && attribute != "quantity")
    return Result<Test>(p.bad("is not a query parameter of EPCIS 2.0 (EQ_ only for value)"));
  Values eq;
  double limit = 0;
  if (op == "EQ") {
    // A list of numbers (the query schema's form), or "1.5|2" as a URL writes it.
    json items = p.value.is_array() ? p.value : json::array({p.value});
    if (p.value.is_string()) {
      auto values = list_of(p);
      if (!values.ok()) return Result<Test>(values.status());
      items = json(*values);
    }
    for (const auto& v : items) {
      auto n = number_of(Param{p.name, v, p.field});
      if (!n.ok()) return Result<Test>(p.bad("must be a list of numbers"));
      eq.push_back(std::to_string(*n));
    }
    if (eq.empty()) return Result<Test>(p.bad("must not be empty"));
  } else {
    auto n = number_of(p);
    if (!n.ok()) return Result<Test>(n.status());
    limit = *n;
  }
  if (attribute == "quantity") return Result<Test>(quantity_test(op, limit, eq, uom));
  return Result<Test>(measure_test(op, attribute, uom, eq, limit));
}

std::optional<Result<Test>> persistent_param(const Param& p) {
  bool set = p.name == "EQ_persistentDisposition_set";
  if (!set && p.name != "EQ_persistentDisposition_unset") return std::nullopt;
  auto values = list_of(p);
  if (!values.ok()) return Result<Test>(values.status());
  Values want = *values;
  for (auto& w : want) w = vocab(Vocab::kDisposition, w);
  std::string key = set ? "set" : "unset";
  return Result<Test>(Test([want, key](const json& rec) {
    const json& ev = event_of(rec);
    if (!ev.contains("persistentDisposition") || !ev["persistentDisposition"].is_object())
      return false;
    const json& l = ev["persistentDisposition"].value(key, json::array());
    if (!l.is_array()) return false;
    for (const auto& v : l)
      if (in(want, vocab(Vocab::kDisposition, str(v)))) return true;
    return false;
  }));
}

// <OP>_[INNER_][<scope>_]<name> of an extension field (a prefixed name): EQ_example:f,
// GT_ILMD_example:f, EXISTS_INNER_SENSORREPORT_example:f, EQ_readPoint_example:f, ...
std::optional<Result<Test>> extension_param(const Param& p) {
  static const char* kScopes[] = {"ILMD_",           "ERROR_DECLARATION_", "SENSORELEMENT_",
                                  "SENSORMETADATA_", "SENSORREPORT_",      "readPoint_",
                                  "bizLocation_"};
  for (const char* op : {"EQ", "GT", "GE", "LT", "LE", "EXISTS"}) {
    std::string prefix = std::string(op) + "_";
    if (!starts(p.name, prefix.c_str())) continue;
    std::string rest = p.name.substr(prefix.size());
    bool inner = starts(rest, "INNER_");
    if (inner) rest = rest.substr(6);
    std::string scope;
    for (const char* sc : kScopes)
      if (starts(rest, sc)) {
        scope = std::string(sc, std::string(sc).size() - 1);
        rest = rest.substr(scope.size() + 1);
        break;
      }
    if (rest.find(':') == std::string::npos || rest.size() < 3) return std::nullopt;
    return field_compare(p, op, scope, inner, rest);
  }
  return std::nullopt;
}

Status order_param(const Param& p, EpcisFilter& f) {
  if (p.name == "orderBy") {
    if (p.value != "eventTime" && p.value != "recordTime")
      return p.bad("must be eventTime or recordTime (this node orders by no other field)");
    f.order.by = p.value.get<std::string>();
  } else if (p.name == "orderDirection") {
    if (p.value != "ASC" && p.value != "DESC") return p.bad("must be ASC or DESC");
    f.order.desc = p.value == "DESC";
  } else {
    auto n = number_of(p);
    if (!n.ok() || *n < 1 || *n > 1e9 || *n != static_cast<double>(static_cast<std::int64_t>(*n)))
      return p.bad("must be a positive integer");
    auto v = static_cast<std::int64_t>(*n);
    (p.name == "eventCountLimit" ? f.event_count_limit : f.max_event_count) = v;
  }
  return Status::Ok();
}

Result<Test> one_param(const Param& p) {
  for (auto parse : {field_list_param, time_param, epc_param, typed_list_param, error_param,
                     sensor_param, measure_param, persistent_param})
    if (auto t = parse(p)) return std::move(*t);
  if (p.name == "EQ_readPoint" || p.name == "EQ_bizLocation") {
    auto values = list_of(p);
    if (!values.ok()) return values.status();
    return location_in(p.name.substr(3), *values);
  }
  for (const char* op : {"EQ", "GT", "GE", "LT", "LE"})
    if (p.name == std::string(op) + "_quantity") {
      auto n = number_of(p);
      if (!n.ok()) return n.status();
      return quantity_test(op, *n);
    }
  if (auto t = extension_param(p)) return std::move(*t);
  if (kUnsupported.count(p.name) || starts(p.name, "HASATTR_") || starts(p.name, "EQ_ATTR_"))
    return p.bad("is a standard parameter this node does not support (docs/epcis-rest.md)");
  return p.bad("is not a query parameter of EPCIS 2.0");
}

}  // namespace

Result<EpcisFilter> parse_epcis_filter(const json& params, const std::string& field,
                                       const std::map<std::string, std::string>& namespaces) {
  if (!params.is_object()) return Status::InvalidArgument(field + " must be an object", field);
  EpcisFilter f;
  for (auto it = params.begin(); it != params.end(); ++it) {
    Param p{it.key(), it.value(), field + "." + it.key(), &namespaces};
    if (p.name == "orderBy" || p.name == "orderDirection" || p.name == "eventCountLimit" ||
        p.name == "maxEventCount") {
      LIENKET_RETURN_IF_ERROR(order_param(p, f));
      continue;
    }
    if (p.name == "WD_readPoint" || p.name == "WD_bizLocation") {
      // Descendants come from master data, which the caller adds (with_descendants).
      auto values = list_of(p);
      if (!values.ok()) return values.status();
      f.within[p.name.substr(3)] = *values;
      continue;
    }
    auto t = one_param(p);
    if (!t.ok()) return t.status();
    f.tests.push_back(std::move(*t));
  }
  if (f.event_count_limit && f.max_event_count)
    return Status::InvalidArgument(field + ".eventCountLimit and maxEventCount exclude each other",
                                   field + ".eventCountLimit");
  if (f.event_count_limit && f.order.by.empty())
    return Status::InvalidArgument(field + ".eventCountLimit needs orderBy",
                                   field + ".eventCountLimit");
  return f;
}

void add_location_test(EpcisFilter& filter, const std::string& key,
                       const std::vector<std::string>& ids) {
  filter.tests.push_back(location_in(key, ids));
}

bool matches(const EpcisFilter& filter, const json& record) {
  for (const auto& t : filter.tests)
    if (!t(record)) return false;
  return true;
}

bool is_epc_class(const std::string& id) {
  if (starts(id, "urn:epc:class:") || starts(id, "urn:epc:idpat:")) return true;
  std::string c = canonical_identifier(id);
  return c.find("/01/") != std::string::npos && c.find("/21/") == std::string::npos;
}

}  // namespace lienket::trace
