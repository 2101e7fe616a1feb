#include "legacy_event_hash.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "cbv.hpp"
#include "gs1_keys.hpp"
#include "lienket/time.hpp"
#include "lienket/util/sha256.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

// The reference implementation works on (name, text, children) triples; so do we, to follow its
// rules exactly (including which elements count as "consumed" by the property order).
struct Node {
  std::string name;
  std::string text;
  std::vector<Node> children;
};

struct Order {
  std::string name;
  std::vector<Order> children;  // empty: a leaf
};

const std::vector<Order>& quantity_order() {
  static const std::vector<Order> k{
      {"quantityElement", {{"epcClass", {}}, {"quantity", {}}, {"uom", {}}}}};
  return k;
}

// PROP_ORDER of the reference implementation. bizTransactionList, sourceList and destinationList
// are deliberately absent: there they fall through to the sorted "remaining elements".
const std::vector<Order>& prop_order() {
  static const std::vector<Order> k = [] {
    std::vector<Order> o;
    o.push_back({"eventTime", {}});
    o.push_back({"eventTimeZoneOffset", {}});
    o.push_back({"epcList", {{"epc", {}}}});
    o.push_back({"parentID", {}});
    o.push_back({"inputEPCList", {{"epc", {}}}});
    o.push_back({"childEPCs", {{"epc", {}}}});
    o.push_back({"quantityList", quantity_order()});
    o.push_back({"childQuantityList", quantity_order()});
    o.push_back({"inputQuantityList", quantity_order()});
    o.push_back({"outputEPCList", {{"epc", {}}}});
    o.push_back({"outputQuantityList", quantity_order()});
    o.push_back({"action", {}});
    o.push_back({"transformationID", {}});
    o.push_back({"bizStep", {}});
    o.push_back({"disposition", {}});
    o.push_back({"persistentDisposition", {{"set", {}}, {"unset", {}}}});
    o.push_back({"readPoint", {{"id", {}}}});
    o.push_back({"bizLocation", {{"id", {}}}});
    std::vector<Order> meta;
    for (auto n : {"time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData",
                   "dataProcessingMethod", "bizRules"})
      meta.push_back({n, {}});
    std::vector<Order> report;
    for (auto n : {"type",
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
                   "coordinateReferenceSystem"})
      report.push_back({n, {}});
    o.push_back({"sensorElementList",
                 {{"sensorElement", {{"sensorMetadata", meta}, {"sensorReport", report}}}}});
    return o;
  }();
  return k;
}

// ---- JSON -> nodes ----------------------------------------------------------------------------

class Namespaces {
 public:
  explicit Namespaces(const json& context) { collect(context); }
  // "ext1:int" -> "http://example.com/ext1#int" style expansion of user-extension names.
  std::string expand(const std::string& key) const {
    auto colon = key.find(':');
    if (colon == std::string::npos) return key;
    auto it = prefixes_.find(key.substr(0, colon));
    if (it == prefixes_.end()) return key;
    const std::string& ns = it->second;
    char last = ns.empty() ? '/' : ns.back();
    return ns + (last == '/' || last == '#' ? "" : "#") + key.substr(colon + 1);
  }

 private:
  void collect(const json& c) {
    if (c.is_array())
      for (const auto& e : c) collect(e);
    if (!c.is_object()) return;
    for (auto it = c.begin(); it != c.end(); ++it)
      if (it->is_string()) prefixes_[it.key()] = it->get<std::string>();
  }
  std::map<std::string, std::string> prefixes_;
};

std::string number_text(const json& v) {
  if (v.is_number_integer()) return v.dump();
  double d = v.get<double>();
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
    return std::to_string(static_cast<long long>(d));
  return v.dump();  // shortest round-trip form, like Python's repr
}

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return number_text(v);
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return "";
}

// Expands a bare CBV name by the field it sits in (the JSON-LD context does this for the standard).
std::string vocab_value(const std::string& field, const std::string& parent,
                        const std::string& value) {
  std::optional<Vocab> vocab;
  if (field == "bizStep")
    vocab = Vocab::kBizStep;
  else if (field == "disposition" ||
           ((field == "set" || field == "unset") && parent == "persistentDisposition"))
    vocab = Vocab::kDisposition;
  else if (field == "type" && parent == "bizTransaction")
    vocab = Vocab::kBizTransactionType;
  else if (field == "type" && (parent == "source" || parent == "destination"))
    vocab = Vocab::kSourceDestType;
  else if (field == "reason")
    vocab = Vocab::kErrorReason;
  if (!vocab) return value;
  if (auto name = cbv_name(*vocab, value)) return cbv_web_uri(*vocab, *name);
  return value;
}

Node to_node(const std::string& name, const json& v, const std::string& parent,
             const Namespaces& ns);

void append_value(std::vector<Node>& out, const std::string& key, const json& v,
                  const std::string& parent, const Namespaces& ns) {
  static const std::map<std::string, std::string> kItemName = {
      {"epcList", "epc"},
      {"inputEPCList", "epc"},
      {"outputEPCList", "epc"},
      {"childEPCs", "epc"},
      {"quantityList", "quantityElement"},
      {"childQuantityList", "quantityElement"},
      {"inputQuantityList", "quantityElement"},
      {"outputQuantityList", "quantityElement"},
      {"sensorElementList", "sensorElement"},
      {"correctiveEventIDs", "correctiveEventID"}};
  std::string name = ns.expand(key);
  if (!v.is_array()) {
    out.push_back(to_node(name, v, parent, ns));
    return;
  }
  if (key == "bizTransactionList" || key == "sourceList" || key == "destinationList") {
    // {"type": t, "bizTransaction": x} -> bizTransaction=x with a child type=t.
    std::string item = key.substr(0, key.size() - 4);
    Node list{name, "", {}};
    for (const auto& e : v) {
      if (!e.is_object()) continue;
      Node n{item, e.contains(item) ? scalar_text(e[item]) : "", {}};
      if (e.contains("type") && !e["type"].is_null())
        n.children.push_back({"type", vocab_value("type", item, scalar_text(e["type"])), {}});
      list.children.push_back(std::move(n));
    }
    out.push_back(std::move(list));
    return;
  }
  auto item = kItemName.find(key);
  if (item != kItemName.end()) {
    Node list{name, "", {}};
    for (const auto& e : v) list.children.push_back(to_node(item->second, e, key, ns));
    out.push_back(std::move(list));
    return;
  }
  // Any other list (sensorReport, set/unset, extensions): repeated elements of the same name.
  for (const auto& e : v) out.push_back(to_node(name, e, parent, ns));
}

Node to_node(const std::string& name, const json& v, const std::string& parent,
             const Namespaces& ns) {
  Node n{name, "", {}};
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "@xmlns" || it.key().rfind("@xmlns:", 0) == 0) continue;
      if (it.key() == "#text") {
        n.text = scalar_text(*it);
        continue;
      }
      append_value(n.children, it.key(), *it, name, ns);
    }
  } else {
    n.text = vocab_value(name, parent, scalar_text(v));
  }
  return n;
}

// ---- pre-hash ---------------------------------------------------------------------------------

bool is_time_field(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto at = lower.find("time");
  return at != std::string::npos && at > 0 && lower.find("offset") == std::string::npos;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// A number written without superfluous zeros or sign, like the reference's float round trip.
std::string numeric_text(const std::string& s) {
  if (s.empty()) return s;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d)) return s;
  for (char c : s)  // strtod also reads "inf", hex and the like: only plain decimals count
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
          c == 'e' || c == 'E'))
      return s;
  return number_text(json(d));
}

std::string canonize_value(const std::string& text) {
  std::string t = numeric_text(text);
  if (t.rfind("urn:epc:", 0) == 0 || t.rfind("http", 0) == 0) {
    std::string c = canonical_identifier(t);
    if (c != t) return c;
  }
  return t;
}

std::string legacy_utc_millis(const std::string& timestamp) {
  auto ms = parse_time(timestamp);
  if (!ms) return timestamp;
  std::int64_t days = (*ms >= 0 ? *ms : *ms - 86399999) / 86400000;
  std::int64_t in_day = *ms - days * 86400000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", days_to_date(days).c_str(),
                static_cast<int>(in_day / 3600000), static_cast<int>(in_day / 60000 % 60),
                static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
  return buf;
}

std::string children_in_order(std::vector<Node>& children, const std::vector<Order>& order);

std::string child_pre_hash(Node& child, const std::vector<Order>& sub_order) {
  std::string grand;
  if (!sub_order.empty()) grand = children_in_order(child.children, sub_order);
  std::string text;
  if (!child.text.empty()) {
    text = trim(child.text);
    text = is_time_field(child.name) ? legacy_utc_millis(text) : canonize_value(text);
    if (!text.empty()) text = "=" + text;
  }
  if (!text.empty() || !grand.empty()) return child.name + text + grand;
  return "";
}

std::string children_in_order(std::vector<Node>& children, const std::vector<Order>& order) {
  std::string pre_hash;
  for (const auto& o : order) {
    std::vector<std::string> values;
    for (auto it = children.begin(); it != children.end();) {
      if (it->name != o.name) {
        ++it;
        continue;
      }
      std::string v = child_pre_hash(*it, o.children);
      if (!v.empty()) values.push_back(std::move(v));
      // Only fully consumed elements leave the tree; the rest reappear among the extensions.
      it = it->children.empty() ? children.erase(it) : it + 1;
    }
    std::sort(values.begin(), values.end());
    for (auto& v : values) pre_hash += v;
  }
  return pre_hash;
}

std::string generic_pre_hash(const std::vector<Node>& children) {
  std::vector<std::string> values;
  for (const auto& c : children) {
    std::string text = trim(c.text);
    if (!text.empty()) text = "=" + canonize_value(text);
    values.push_back(c.name + text + generic_pre_hash(c.children));
  }
  std::sort(values.begin(), values.end());
  std::string out;
  for (auto& v : values) out += v;
  return out;
}

}  // namespace

std::string legacy_event_prehash(const json& event, const json& context) {
  Namespaces ns(context.is_null() && event.contains("@context") ? event["@context"] : context);
  std::vector<Node> children;
  std::string type =
      event.contains("type") && event["type"].is_string() ? event["type"].get<std::string>() : "";
  for (auto it = event.begin(); it != event.end(); ++it) {
    const std::string& k = it.key();
    if (k == "type" || k == "@context" || k == "eventID" || k == "recordTime" ||
        k == "certificationInfo")
      continue;
    append_value(children, k, *it, "", ns);
  }
  std::string ordered = children_in_order(children, prop_order());
  return "eventType=" + type + ordered + generic_pre_hash(children);
}

std::string legacy_event_hash_id(const json& event, const json& context) {
  return "ni:///sha-256;" + util::sha256_hex(legacy_event_prehash(event, context)) + "?ver=CBV2.0";
}

}  // namespace lienket::trace
