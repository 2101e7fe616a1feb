#include "event_hash.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "cbv.hpp"
#include "hash_identifier.hpp"
#include "lienket/time.hpp"
#include "lienket/util/sha256.hpp"
#include "lienket/util/text.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

// The reference implementation works on (name, text, children) triples, built from JSON the way
// its XML reader builds them from XML; so do we, to follow its rules exactly (including which
// elements count as "consumed" by the property order). A `pair` is a bizTransaction, source or
// destination: its type and its value, in that order, never sorted.
struct Node {
  std::string name;
  std::string text;
  std::vector<Node> children;
  bool pair = false;
  bool listed = false;  // an item of a JSON array (a list in the reference's JSON model)
};

struct Order {
  std::string name;
  std::vector<Order> children;  // empty: a leaf
};

std::vector<Order> leaves(std::initializer_list<const char*> names) {
  std::vector<Order> out;
  for (const char* n : names) out.push_back({n, {}});
  return out;
}

// PROP_ORDER of the reference implementation. bizTransactionList, sourceList and destinationList
// are listed there too but match nothing: they fall through to the sorted remaining elements.
const std::vector<Order>& prop_order() {
  static const std::vector<Order> k = [] {
    const std::vector<Order> quantity{{"quantityElement", leaves({"epcClass", "quantity", "uom"})}};
    const std::vector<Order> epc = leaves({"epc"});
    std::vector<Order> o =
        leaves({"eventTime", "eventTimeZoneOffset", "certificationInfo", "parentID"});
    o.insert(o.end(), {{"epcList", epc},
                       {"inputEPCList", epc},
                       {"childEPCs", epc},
                       {"quantityList", quantity},
                       {"childQuantityList", quantity},
                       {"inputQuantityList", quantity},
                       {"outputEPCList", epc},
                       {"outputQuantityList", quantity},
                       {"action", {}},
                       {"transformationID", {}},
                       {"bizStep", {}},
                       {"disposition", {}},
                       {"persistentDisposition", leaves({"set", "unset"})},
                       {"readPoint", leaves({"id"})},
                       {"bizLocation", leaves({"id"})}});
    auto meta = leaves({"time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData",
                        "dataProcessingMethod", "bizRules"});
    auto report = leaves({"type",
                          "exception",
                          "deviceID",
                          "deviceMetadata",
                          "rawData",
                          "dataProcessingMethod",
                          "time",
                          "microorganism",
                          "chemicalSubstance",
                          "value",
                          "component",
                          "stringValue",
                          "booleanValue",
                          "hexBinaryValue",
                          "uriValue",
                          "minValue",
                          "maxValue",
                          "meanValue",
                          "sDev",
                          "percRank",
                          "percValue",
                          "uom",
                          "coordinateReferenceSystem"});
    o.push_back({"sensorElementList",
                 {{"sensorElement", {{"sensorMetadata", meta}, {"sensorReport", report}}}}});
    return o;
  }();
  return k;
}

// ---- values -----------------------------------------------------------------------------------

// Python's repr() of a float: the shortest round-trip digits, positional from 1e-4 to 1e16.
std::string float_repr(double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, r.ptr);  // "-1.2345e+05"
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  auto e = sci.find('e');
  std::string digits = sci.substr(0, 1) + (e > 2 ? sci.substr(2, e - 2) : "");
  int exp = std::stoi(sci.substr(e + 1));
  std::string out;
  if (exp < -4 || exp >= 16) {
    out = digits.substr(0, 1) + (digits.size() > 1 ? "." + digits.substr(1) : "");
    char tail[16];
    std::snprintf(tail, sizeof tail, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += tail;
  } else if (exp < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else {
    if (digits.size() <= static_cast<std::size_t>(exp) + 1)
      digits.append(static_cast<std::size_t>(exp) + 1 - digits.size(), '0');
    std::string frac = digits.substr(static_cast<std::size_t>(exp) + 1);
    out = digits.substr(0, static_cast<std::size_t>(exp) + 1) + "." + (frac.empty() ? "0" : frac);
  }
  return negative ? "-" + out : out;
}

// True for what Python's float() reads as a finite decimal: sign, digits with single '_' between
// them, an optional fraction and exponent.
bool python_decimal(std::string_view s) {
  std::size_t i = 0, mantissa = 0;
  auto run = [&](std::size_t& count) {
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i, ++count;
      if (i + 1 < s.size() && s[i] == '_' && std::isdigit(static_cast<unsigned char>(s[i + 1])))
        ++i;
    }
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  run(mantissa);
  if (i < s.size() && s[i] == '.') ++i, run(mantissa);
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp = 0;
    run(exp);
    if (exp == 0) return false;
  }
  return i == s.size();
}

// A number without superfluous zeros, sign or ".0", as the reference's float round trip writes
// it (integers exactly as the double holds them); anything else unchanged.
std::string numeric_text(const std::string& s) {
  if (!python_decimal(s)) return s;
  std::string plain;
  for (char c : s)
    if (c != '_') plain += c;
  double d = std::strtod(plain.c_str(), nullptr);
  if (!std::isfinite(d)) return s;
  if (d == 0) return "0";
  if (d != std::floor(d)) return float_repr(d);
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", d);
  return buf;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// Legacy CBV URNs as web URIs, numbers without superfluous digits, GS1 identifiers as constrained
// canonical Digital Links.
std::string canonize_value(std::string text) {
  static const std::pair<const char*, const char*> kWeb[] = {
      {"urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"},
      {"urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"},
      {"urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"},
      {"urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"},
      {"urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"}};
  for (const auto& [urn, web] : kWeb) replace_all(text, urn, web);
  text = numeric_text(text);
  if (auto dl = hash_digital_link(text)) return *dl;
  return text;
}

bool is_time_field(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return lower.find("time") != std::string::npos && lower.find("offset") == std::string::npos;
}

// ---- JSON -> nodes ----------------------------------------------------------------------------

// Prefix -> namespace, from the standard context and the document's.
class Namespaces {
 public:
  explicit Namespaces(const json& context) {
    prefixes_ = {{"epcis", "https://ref.gs1.org/epcis/"},
                 {"cbv", "https://ref.gs1.org/cbv/"},
                 {"cbvmda", "urn:epcglobal:cbv:mda:"},
                 {"gs1", "https://gs1.org/voc/"},
                 {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
                 {"owl", "http://www.w3.org/2002/07/owl#"},
                 {"xsd", "http://www.w3.org/2001/XMLSchema#"},
                 {"dcterms", "http://purl.org/dc/terms/"}};
    collect(context);
  }
  void add(const std::string& prefix, const std::string& ns) { prefixes_[prefix] = ns; }
  // "example:myField" -> "{https://ns.example.com/epcis/}myField"
  std::string name(const std::string& key) const {
    auto ns = lookup(key);
    return ns ? "{" + *ns + "}" + key.substr(key.find(':') + 1) : key;
  }
  // A CURIE value "gs1:Angle" -> "https://gs1.org/voc/Angle"
  std::string value(const std::string& v) const {
    auto ns = lookup(v);
    return ns ? *ns + v.substr(v.find(':') + 1) : v;
  }

 private:
  std::optional<std::string> lookup(const std::string& s) const {
    auto colon = s.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto it = prefixes_.find(s.substr(0, colon));
    if (it == prefixes_.end()) return std::nullopt;
    return it->second;
  }
  void collect(const json& c) {
    if (c.is_array())
      for (const auto& e : c) collect(e);
    if (!c.is_object()) return;
    for (auto it = c.begin(); it != c.end(); ++it)
      if (it->is_string() && it.key().rfind('@', 0) != 0)
        prefixes_[it.key()] = it->get<std::string>();
  }
  std::map<std::string, std::string> prefixes_;
};

// The web URI of a vocabulary value, by the field it sits in: bare names as the JSON-LD context
// expands them, and the CBV's other spellings of its values as well, so that the spelling the
// plugin stores (canonical_event.hpp) hashes as the one captured.
std::string vocab_value(const std::string& field, const std::string& parent,
                        const std::string& value) {
  bool is_bare = value.find(':') == std::string::npos;
  if (is_bare && parent == "sensorReport" && (field == "type" || field == "exception"))
    return "https://gs1.org/voc/" + value;
  if (is_bare && parent == "sensorReport" && field == "component")
    return "https://ref.gs1.org/cbv/Comp-" + value;
  std::optional<Vocab> vocab;
  if (field == "bizStep")
    vocab = Vocab::kBizStep;
  else if (field == "disposition" ||
           ((field == "set" || field == "unset") && parent == "persistentDisposition"))
    vocab = Vocab::kDisposition;
  else if (field == "type" && parent == "bizTransactionList")
    vocab = Vocab::kBizTransactionType;
  else if (field == "type" && (parent == "sourceList" || parent == "destinationList"))
    vocab = Vocab::kSourceDestType;
  if (!vocab) return value;
  if (auto name = cbv_name(*vocab, value)) return cbv_web_uri(*vocab, *name);
  return value;
}

class Converter {
 public:
  explicit Converter(const json& context) : ns_(context) {}

  // The event as the reference's tree: its children, lists regrouped as XML has them.
  std::vector<Node> event_children(const json& event) {
    Node root = object_node("", event);
    return std::move(root.children);
  }

 private:
  static bool ignored(const std::string& key, const std::string& name) {
    return key == "#text" || key == "comment" || key == "rdfs:comment" || key == "@context" ||
           name == "{http://www.w3.org/2000/01/rdf-schema#}comment";
  }

  std::string scalar_text(const std::string& field, const std::string& parent, const json& v) {
    if (v.is_string()) return ns_.value(vocab_value(field, parent, v.get<std::string>()));
    if (v.is_number_float()) return float_repr(v.get<double>());
    if (v.is_number()) return v.dump();
    // JSON true is what XML writes ("true"; the reference, reading JSON, writes Python's "True").
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return "";
  }

  Node object_node(const std::string& name, const json& obj) {
    Node n{name, "", {}, false};
    for (auto it = obj.begin(); it != obj.end(); ++it)  // namespaces an XML reader carried over
      if (it.key().rfind("@xmlns:", 0) == 0 && it->is_string())
        ns_.add(it.key().substr(7), it->get<std::string>());
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      if (key == "#text") n.text = scalar_text(name, "", *it);
      std::string child = ns_.name(key);
      if (ignored(key, child) || key.rfind("@xmlns", 0) == 0) continue;
      add(n.children, child, *it, name);
    }
    regroup(n.children);
    return n;
  }

  Node value_node(const std::string& name, const json& v, const std::string& parent) {
    if (v.is_object()) return object_node(name, v);
    return {name, scalar_text(name, parent, v), {}, false, false};
  }

  // A list becomes repeated elements of the list's name, regrouped by regroup().
  void add(std::vector<Node>& out, const std::string& name, const json& v,
           const std::string& parent) {
    if (v.is_null()) return;
    if (!v.is_array()) {
      out.push_back(value_node(name, v, parent));
      return;
    }
    for (const auto& e : v)
      if (!e.is_null() && !e.is_array()) {
        out.push_back(value_node(name, e, parent));
        out.back().listed = true;
      }
  }

  // {"type": t, "bizTransaction": x} -> the pair (type=t, bizTransaction=x).
  Node pair_node(const std::string& item, const Node& element) {
    Node p{"", "", {}, true, false};
    for (const char* k : {"type", item.c_str()})
      for (const auto& c : element.children)
        if (c.name == k) p.children.push_back({c.name, c.text, {}, false, false});
    return p;
  }

  // The reference's JSON/XML model correction: "xList": [a, b] -> xList{x=a, x=b};
  // childEPCs -> childEPCs{epc...}; inputEPC/outputEPC -> epc; the quantity elements of the
  // quantity lists -> quantityElement.
  void regroup(std::vector<Node>& children) {
    std::map<std::string, Node> lists;
    std::vector<Node> rest;
    for (auto& c : children) {
      // Only an array is a list to regroup: an extension's "xList" element written as an object
      // (as XML gives it, <x:resourceList><x:epc/>...</x:resourceList>) already holds its items.
      bool is_list =
          c.listed && c.name.size() > 4 && c.name.compare(c.name.size() - 4, 4, "List") == 0;
      if (!is_list && c.name != "childEPCs") {
        rest.push_back(std::move(c));
        continue;
      }
      auto [it, fresh] = lists.try_emplace(c.name, Node{c.name, "", {}, false, false});
      std::string item = is_list ? c.name.substr(0, c.name.size() - 4) : "epc";
      if (c.name == "bizTransactionList" || c.name == "sourceList" || c.name == "destinationList")
        it->second.children.push_back(pair_node(item, c));
      else
        it->second.children.push_back({item, c.text, std::move(c.children), false, false});
    }
    for (auto& [name, list] : lists) {
      for (auto& item : list.children) rename_item(item);
      rest.push_back(std::move(list));
    }
    children = std::move(rest);
  }

  static void rename_item(Node& n) {
    if (n.name == "inputEPC" || n.name == "outputEPC") n.name = "epc";
    if (n.name == "inputQuantity" || n.name == "outputQuantity" || n.name == "childQuantity" ||
        (n.name == "quantity" && !n.children.empty()))
      n.name = "quantityElement";
  }

  Namespaces ns_;
};

// ---- pre-hash ---------------------------------------------------------------------------------

std::string generic_pre_hash(const std::vector<Node>& children);

std::string node_text(const Node& n) {
  std::string text = util::trim(n.text);
  return text.empty() ? "" : "=" + canonize_value(text);
}

bool should_sort(const std::vector<Node>& children) {
  for (const auto& c : children)
    if (c.name == "bizTransaction" || c.name == "source" || c.name == "destination") return false;
  return true;
}

// Elements outside the property order (and what the order left of others): name=value and their
// children, sorted.
std::string generic_pre_hash(const std::vector<Node>& children) {
  std::vector<std::string> values;
  for (const auto& c : children)
    values.push_back(c.name + node_text(c) + generic_pre_hash(c.children));
  if (should_sort(children)) std::sort(values.begin(), values.end());
  std::string out;
  for (auto& v : values) out += v;
  return out;
}

// Extensions ("{ns/}name") of a standard element with an extension point (readPoint, sensor
// elements, ...) come at the end of that element; not at event level, where they follow all the
// standard fields anyway.
std::vector<Node> take_user_extensions(std::vector<Node>& children) {
  std::vector<Node> ext;
  if (children.size() <= 1) return ext;
  for (const auto& c : children)
    if (c.name.find("eventTime") != std::string::npos || c.name.find("action") != std::string::npos)
      return ext;
  for (auto it = children.begin(); it != children.end();) {
    if (!it->pair && it->name.find('{') != std::string::npos &&
        it->name.find("/}") != std::string::npos) {
      ext.push_back(std::move(*it));
      it = children.erase(it);
    } else {
      ++it;
    }
  }
  return ext;
}

std::string children_in_order(std::vector<Node>& children, const std::vector<Order>& order);

std::string child_pre_hash(Node& child, const std::vector<Order>& sub_order) {
  std::string grand;
  if (!sub_order.empty()) grand = children_in_order(child.children, sub_order);
  std::string text = util::trim(child.text);
  if (!text.empty()) {
    text = is_time_field(child.name) ? utc_millis(text) : canonize_value(text);
    if (!text.empty()) text = "=" + text;
  }
  if (!text.empty() || !grand.empty()) return child.name + text + grand;
  return "";
}

// The children named in `order`, in that order, each name's values sorted; fully consumed
// elements leave the tree, the rest reappear among the remaining elements.
std::string children_in_order(std::vector<Node>& children, const std::vector<Order>& order) {
  std::vector<Node> extensions = take_user_extensions(children);
  std::string pre_hash;
  for (const auto& o : order) {
    std::vector<std::string> values;
    for (auto it = children.begin(); it != children.end();) {
      if (it->pair || it->name != o.name) {
        ++it;
        continue;
      }
      std::string v = child_pre_hash(*it, o.children);
      if (!v.empty()) values.push_back(std::move(v));
      it = it->children.empty() ? children.erase(it) : it + 1;
    }
    std::sort(values.begin(), values.end());
    for (auto& v : values) pre_hash += v;
  }
  return pre_hash + generic_pre_hash(extensions);
}

// ---- time ---------------------------------------------------------------------------------

int read_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool digits_at(std::string_view s, std::size_t at, std::size_t n) {
  if (s.size() < at + n) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// Minutes east of UTC of "Z", "+hh:mm", "+hhmm", "+hh" or "" (taken as UTC).
std::optional<int> zone_minutes(std::string_view z) {
  if (z.empty() || z == "Z" || z == "z") return 0;
  if (z[0] != '+' && z[0] != '-') return std::nullopt;
  std::string d;
  for (char c : z.substr(1))
    if (c != ':') d += c;
  if ((d.size() != 2 && d.size() != 4) || !digits_at(d, 0, d.size())) return std::nullopt;
  int h = read_int(d.substr(0, 2)), m = d.size() == 4 ? read_int(d.substr(2)) : 0;
  if (h > 23 || m > 59) return std::nullopt;
  return (h * 60 + m) * (z[0] == '-' ? -1 : 1);
}

// Milliseconds since the epoch of an ISO 8601 date-time, the fraction rounded to the millisecond
// as the reference does: to the microsecond first (digits past the sixth dropped), then half to
// even (Python's round(microsecond, -3)).
std::optional<std::int64_t> iso_millis(std::string_view s) {
  if (!digits_at(s, 0, 4) || s.size() < 16 || s[4] != '-' || !digits_at(s, 5, 2) || s[7] != '-' ||
      !digits_at(s, 8, 2) || (s[10] != 'T' && s[10] != ' ') || !digits_at(s, 11, 2) ||
      s[13] != ':' || !digits_at(s, 14, 2))
    return std::nullopt;
  int y = read_int(s.substr(0, 4)), mo = read_int(s.substr(5, 2)), d = read_int(s.substr(8, 2));
  int h = read_int(s.substr(11, 2)), mi = read_int(s.substr(14, 2)), sec = 0;
  std::size_t i = 16;
  std::int64_t micros = 0;
  if (i < s.size() && s[i] == ':') {
    if (!digits_at(s, i + 1, 2)) return std::nullopt;
    sec = read_int(s.substr(i + 1, 2));
    i += 3;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      std::size_t n = 0;
      for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++n)
        if (n < 6) micros = micros * 10 + (s[i] - '0');
      if (n == 0) return std::nullopt;
      for (; n < 6; ++n) micros *= 10;
    }
  }
  auto zone = zone_minutes(s.substr(i));
  if (!zone || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  auto days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  if (days_to_date(days) != s.substr(0, 10)) return std::nullopt;  // 30 February and the like
  std::int64_t ms = micros / 1000, rest = micros % 1000;
  if (rest > 500 || (rest == 500 && ms % 2 == 1)) ++ms;
  return ((days * 24 + h) * 60 + mi - *zone) * 60000 + std::int64_t{sec} * 1000 + ms;
}

}  // namespace

std::string utc_millis(const std::string& timestamp) {
  auto ms = iso_millis(timestamp);
  if (!ms) return timestamp;
  std::int64_t days = (*ms >= 0 ? *ms : *ms - 86399999) / 86400000;
  std::int64_t in_day = *ms - days * 86400000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", days_to_date(days).c_str(),
                static_cast<int>(in_day / 3600000), static_cast<int>(in_day / 60000 % 60),
                static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
  return buf;
}

std::string event_prehash(const json& event, const json& context) {
  if (!event.is_object()) return "eventType=";
  Converter convert(context.is_null() && event.contains("@context") ? event["@context"] : context);
  std::vector<Node> children = convert.event_children(event);
  std::string type =
      event.contains("type") && event["type"].is_string() ? event["type"].get<std::string>() : "";
  std::string ordered = children_in_order(children, prop_order());
  // Not part of the event's identity: its ID, when it was recorded, and a later declaration that
  // it was in error (a corrected event keeps its original's ID).
  std::vector<Node> rest;
  for (auto& c : children)
    if (c.name != "type" && c.name != "eventID" && c.name != "recordTime" &&
        c.name != "errorDeclaration")
      rest.push_back(std::move(c));
  return "eventType=" + type + ordered + generic_pre_hash(rest);
}

std::string hash_id_of_prehash(const std::string& prehash) {
  return "ni:///sha-256;" + util::sha256_hex(prehash) + "?ver=CBV2.0";
}

std::string event_hash_id(const json& event, const json& context) {
  return hash_id_of_prehash(event_prehash(event, context));
}

std::vector<json> document_events(const json& doc) {
  if (!doc.is_object() || !doc.contains("epcisBody") || !doc["epcisBody"].is_object()) return {};
  const json& body = doc["epcisBody"];
  static const json kNone = json::array();
  const json* list = &kNone;
  const json* holder = &doc;  // where the ignoreFields declaration sits
  json single;
  if (body.contains("eventList") && body["eventList"].is_array()) {
    list = &body["eventList"];
  } else if (body.contains("queryResults") && body["queryResults"].is_object()) {
    holder = &body["queryResults"];
    const auto pointer = "/resultsBody/eventList"_json_pointer;
    if (holder->contains(pointer)) list = &(*holder)[pointer];
  } else if (body.contains("event")) {
    single = json::array({body["event"]});
    list = &single;
  }
  std::vector<std::string> ignore;
  for (auto it = holder->begin(); it != holder->end(); ++it) {
    auto colon = it.key().find(':');
    if (colon != std::string::npos && it.key().substr(colon + 1) == "ignoreFields" &&
        it->is_array())
      for (const auto& f : *it)
        if (f.is_string()) ignore.push_back(f.get<std::string>());
  }
  std::vector<json> events;
  for (const auto& one : *list) {  // each event copied once
    json ev = one;
    if (ev.is_object())
      for (const auto& f : ignore) ev.erase(f);
    events.push_back(std::move(ev));
  }
  return events;
}

}  // namespace lienket::trace
