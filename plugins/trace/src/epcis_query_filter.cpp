#include "epcis_query_filter.hpp"

#include <cstdlib>
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

struct Param {
  std::string name;
  const json& value;
  std::string field;
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
Test quantity_test(const std::string& op, double limit) {
  return [op, limit](const json& rec) {
    const json& ev = event_of(rec);
    for (const char* l :
         {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"}) {
      if (!ev.contains(l) || !ev[l].is_array()) continue;
      for (const auto& q : ev[l]) {
        if (!q.is_object() || !q.contains("quantity") || !q["quantity"].is_number()) continue;
        double v = q["quantity"].get<double>();
        if ((op == "EQ" && v == limit) || (op == "GT" && v > limit) || (op == "GE" && v >= limit) ||
            (op == "LT" && v < limit) || (op == "LE" && v <= limit))
          return true;
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

Test sensor_time_test(const std::string& key, std::int64_t t, bool ge) {
  return [key, t, ge](const json& rec) {
    for (const json* part : sensor_parts(event_of(rec))) {
      auto have = part->contains(key) ? parse_time(str((*part)[key])) : std::nullopt;
      if (have && (ge ? *have >= t : *have < t)) return true;
    }
    return false;
  };
}

// EQ_/GT_/GE_/LT_/LE_/EXISTS_ of an extension field (a prefixed name, "example:myField") at the
// top of the event, or of ILMD (EQ_ILMD_<name>, ...).
Result<Test> field_compare(const Param& p, const std::string& op, bool ilmd,
                           const std::string& name) {
  auto get = [ilmd, name](const json& rec) -> const json* {
    const json& ev = event_of(rec);
    const json* holder = &ev;
    if (ilmd) {
      if (!ev.contains("ilmd") || !ev["ilmd"].is_object()) return nullptr;
      holder = &ev["ilmd"];
    }
    return holder->contains(name) ? &(*holder)[name] : nullptr;
  };
  if (op == "EXISTS") {
    auto want = bool_of(p);
    if (!want.ok()) return want.status();
    bool w = *want;
    return Test([get, w](const json& rec) { return (get(rec) != nullptr) == w; });
  }
  if (op == "EQ") {
    auto values = list_of(p);
    if (!values.ok()) return values.status();
    Values v = *values;
    return Test([get, v](const json& rec) {
      const json* f = get(rec);
      return f && in(v, str(*f));
    });
  }
  auto limit = number_of(p);
  std::optional<std::int64_t> as_time;
  if (!limit.ok()) {
    auto t = time_of(p);
    if (!t.ok()) return p.bad("must be a number or a date-time");
    as_time = *t;
  }
  double n = limit.ok() ? *limit : 0;
  return Test([get, op, n, as_time](const json& rec) {
    const json* f = get(rec);
    if (!f) return false;
    double v = 0;
    if (as_time) {
      auto t = f->is_string() ? parse_time(f->get<std::string>()) : std::nullopt;
      if (!t) return false;
      v = static_cast<double>(*t);
    } else if (f->is_number()) {
      v = f->get<double>();
    } else {
      return false;
    }
    double w = as_time ? static_cast<double>(*as_time) : n;
    return (op == "GT" && v > w) || (op == "GE" && v >= w) || (op == "LT" && v < w) ||
           (op == "LE" && v <= w);
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

// EQ_ILMD_<name>, GT_<name> (an extension field: a prefixed name), EXISTS_...
std::optional<Result<Test>> extension_param(const Param& p) {
  for (const char* op : {"EQ", "GT", "GE", "LT", "LE", "EXISTS"}) {
    std::string prefix = std::string(op) + "_";
    if (!starts(p.name, prefix.c_str())) continue;
    std::string rest = p.name.substr(prefix.size());
    bool ilmd = starts(rest, "ILMD_");
    if (ilmd) rest = rest.substr(5);
    if (rest.find(':') == std::string::npos || rest.size() < 3) return std::nullopt;
    return field_compare(p, op, ilmd, rest);
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
                     sensor_param, persistent_param})
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
  if (kUnsupported.count(p.name) || starts(p.name, "EQ_INNER_") || starts(p.name, "EQ_value"))
    return p.bad("is a standard parameter this node does not support (docs/epcis-rest.md)");
  return p.bad("is not a query parameter of EPCIS 2.0");
}

}  // namespace

Result<EpcisFilter> parse_epcis_filter(const json& params, const std::string& field) {
  if (!params.is_object()) return Status::InvalidArgument(field + " must be an object", field);
  EpcisFilter f;
  for (auto it = params.begin(); it != params.end(); ++it) {
    Param p{it.key(), it.value(), field + "." + it.key()};
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
