#include "master_data.hpp"

#include <algorithm>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <set>

#include "digital_link.hpp"
#include "event_repository.hpp"
#include "gs1_keys.hpp"
#include "lienket/fields.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

// Stored elements: "md/<canonical id>\x1f<type>" -> {id, type, attributes, children}, so that one
// id's elements of every type are one prefix.
constexpr const char* kPrefix = "md/";
constexpr const char* kPartyUrn = "urn:lienket:party:";
constexpr const char* kPlotUrn = "urn:lienket:plot:";
constexpr const char* kMda = "urn:epcglobal:cbv:mda#";
constexpr int kListPage = 200;

std::string key_of(const std::string& id, const std::string& type) {
  return std::string(kPrefix) + canonical_identifier(id) + '\x1f' + type;
}

std::string text(const json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : "";
}

// An element with its attributes [{id, attribute}] from {attribute id: value}, nulls left out.
json element(const std::string& id, const std::vector<std::pair<std::string, json>>& attrs,
             json children = json::array()) {
  json list = json::array();
  for (const auto& [a, v] : attrs)
    if (!v.is_null() && !(v.is_string() && v.get<std::string>().empty()))
      list.push_back({{"id", a}, {"attribute", v}});
  json e{{"id", id}, {"attributes", list}};
  if (!children.empty()) e["children"] = std::move(children);
  return e;
}

std::string mda(const char* name) { return std::string(kMda) + name; }
std::string lk(const char* name) { return std::string(kLienketNamespace) + name; }

json opt(const json& o, const char* k) { return o.is_object() && o.contains(k) ? o[k] : json(); }

// ---- what the node knows itself -----------------------------------------------------------

// Every page of a list message: `visit` each item of `member`.
Status each_listed(Context& cx, const std::string& type, json body, const char* member,
                   const std::function<bool(const json&)>& visit) {
  body["limit"] = kListPage;
  for (;;) {
    auto r = cx.call(type, body);
    if (!r.ok()) return r.status().code() == Code::kUnknownType ? Status::Ok() : r.status();
    for (const auto& item : opt(*r, member))
      if (!visit(item)) return Status::Ok();
    std::string after = text(*r, "next_after");
    if (after.empty()) return Status::Ok();
    body["after"] = after;
  }
}

json plot_element(const json& p) {
  json loc = opt(p, "location");
  return element(kPlotUrn + text(p, "id"),
                 {{mda("name"), "Thửa " + text(p, "id") + " – hộ " + text(p, "household_name")},
                  {mda("latitude"), opt(loc, "lat")},
                  {mda("longitude"), opt(loc, "lon")},
                  {mda("countryCode"), "VN"},
                  {lk("areaM2"), opt(p, "area_m2")},
                  {lk("crop"), opt(p, "crop")},
                  {lk("household"), opt(p, "household_name")},
                  {lk("cooperative"), kPartyUrn + text(p, "cooperative")},
                  {lk("certification"), text(opt(p, "certification"), "scheme")}});
}

// A party's plots (farming.plot.list; none when the farming plugin is not loaded).
Result<json> plot_ids_of(Context& cx, const std::string& party) {
  json ids = json::array();
  auto st =
      each_listed(cx, "farming.plot.list", {{"cooperative", party}}, "plots", [&](const json& p) {
        ids.push_back(kPlotUrn + text(p, "id"));
        return true;
      });
  if (!st.ok()) return st;
  return ids;
}

Result<json> party_element(Context& cx, const json& p, bool children) {
  json kids = json::array();
  if (children) {
    auto plots = plot_ids_of(cx, text(p, "id"));
    if (!plots.ok()) return plots.status();
    kids = *plots;
  }
  return element(kPartyUrn + text(p, "id"),
                 {{mda("name"), opt(p, "name")},
                  {mda("streetAddressOne"), opt(p, "address")},
                  {mda("city"), opt(p, "district")},
                  {mda("state"), opt(p, "province")},
                  {mda("countryCode"), "VN"},
                  {mda("latitude"), opt(p, "lat")},
                  {mda("longitude"), opt(p, "lon")},
                  {lk("partyKind"), opt(p, "kind")}},
                 kids);
}

// A list as one attribute value ("VietGAP, OCOP"): GS1's schema allows text, numbers and objects.
json joined(const json& list) {
  std::string out;
  for (const auto& v : list.is_array() ? list : json::array())
    if (v.is_string()) out += (out.empty() ? "" : ", ") + v.get<std::string>();
  return out;
}

json product_element(const json& p) {
  return element("https://id.gs1.org/01/" + text(p, "gtin"),
                 {{mda("descriptionShort"), opt(p, "name")},
                  {mda("informationProvider"), kPartyUrn + text(p, "owner")},
                  {lk("product"), opt(p, "id")},
                  {lk("category"), opt(p, "category")},
                  {lk("ocopStars"), opt(p, "ocop_stars")},
                  {lk("certifications"), joined(opt(p, "certifications"))}});
}

// The GTIN of a product class or lot identifier ("" when it names none).
std::string gtin_of(const std::string& id) {
  auto dl = parse_digital_link(canonical_identifier(id), kNodeReading);
  return dl.ok() ? dl->get("01") : "";
}

// The node's own element for `id` (nullopt when it is none of its parties, plots or products).
Result<std::optional<std::pair<std::string, json>>> own_element(Context& cx, const std::string& id,
                                                                bool children) {
  using Found = std::optional<std::pair<std::string, json>>;
  if (id.rfind(kPartyUrn, 0) == 0) {
    auto p = cx.registry().party(id.substr(std::string(kPartyUrn).size()));
    if (!p.ok()) return Found();
    auto e = party_element(cx, *p, children);
    if (!e.ok()) return e.status();
    return Found({kBusinessLocation, *e});
  }
  if (id.rfind(kPlotUrn, 0) == 0) {
    auto p = cx.call("farming.plot.get", {{"id", id.substr(std::string(kPlotUrn).size())}});
    if (!p.ok()) return Found();
    return Found({kBusinessLocation, plot_element(opt(*p, "plot"))});
  }
  std::string gtin = gtin_of(id);
  if (gtin.empty()) return Found();
  Found found;
  auto st = each_listed(cx, "product.list", json::object(), "products", [&](const json& p) {
    if (text(p, "gtin") != gtin) return true;
    found = std::make_pair(std::string(kEpcClass), product_element(p));
    return false;
  });
  if (!st.ok()) return st;
  return found;
}

// ---- what captured documents declared --------------------------------------------------------

// Declared elements of `id` (every type).
Result<std::vector<json>> stored_elements(Store& store, const std::string& id) {
  std::vector<json> out;
  std::string prefix = std::string(kPrefix) + canonical_identifier(id) + '\x1f';
  Status bad = Status::Ok();
  auto st = store.scan(prefix, "", [&](std::string_view, std::string_view v) {
    auto j = json::parse(v, nullptr, false);
    if (j.is_discarded()) bad = Status::Internal("corrupt master data at " + prefix);
    out.push_back(std::move(j));
    return bad.ok();
  });
  if (!st.ok()) return st;
  if (!bad.ok()) return bad;
  return out;
}

// `over`'s attributes replace `base`'s of the same id; children are joined.
json merged(json base, const json& over) {
  json attrs = base.value("attributes", json::array());
  for (const auto& a : over.value("attributes", json::array())) {
    auto same = std::find_if(attrs.begin(), attrs.end(),
                             [&](const json& b) { return b.value("id", "") == a.value("id", ""); });
    if (same != attrs.end())
      *same = a;
    else
      attrs.push_back(a);
  }
  base["attributes"] = attrs;
  json kids = base.value("children", json::array());
  for (const auto& c : over.value("children", json::array()))
    if (std::find(kids.begin(), kids.end(), c) == kids.end()) kids.push_back(c);
  if (!kids.empty()) base["children"] = kids;
  return base;
}

// ---- the query ---------------------------------------------------------------------------

// Elements by type, in the order found; each (type, canonical id) once, what is added later merged
// over what was there (so the node's own, added last, wins).
class Collected {
 public:
  explicit Collected(std::int64_t max) : max_(max) {}
  Status add(const std::string& type, const json& e) {
    std::string k = type + '\x1f' + canonical_identifier(e.value("id", ""));
    auto it = index_.find(k);
    if (it != index_.end()) {
      it->second->second = merged(it->second->second, e);
      return Status::Ok();
    }
    if (static_cast<std::int64_t>(items_.size()) >= max_)
      return Status::TooLarge("more than maxElementCount (" + std::to_string(max_) +
                              ") vocabulary elements match");
    items_.emplace_back(type, e);
    index_[k] = std::prev(items_.end());
    return Status::Ok();
  }
  const std::list<std::pair<std::string, json>>& items() const { return items_; }

 private:
  std::int64_t max_;
  std::list<std::pair<std::string, json>> items_;
  std::map<std::string, std::list<std::pair<std::string, json>>::iterator> index_;
};

bool wanted_type(const MasterDataQuery& q, const std::string& type) {
  return q.types.empty() || std::find(q.types.begin(), q.types.end(), type) != q.types.end();
}

// Every element of `id` into `out`: what captured documents declared, then the node's own, whose
// attributes win for its parties, plots and products (a declaration cannot rename them).
Status collect_id(Context& cx, const MasterDataQuery& q, const std::string& id, Collected& out) {
  auto declared = stored_elements(cx.store(), id);
  if (!declared.ok()) return declared.status();
  for (const auto& d : *declared)
    if (wanted_type(q, text(d, "type"))) LIENKET_RETURN_IF_ERROR(out.add(text(d, "type"), d));
  auto own = own_element(cx, id, q.children);
  if (!own.ok()) return own.status();
  if (*own && wanted_type(q, (*own)->first))
    LIENKET_RETURN_IF_ERROR(out.add((*own)->first, (*own)->second));
  return Status::Ok();
}

// WD_name: the element and, through children, its descendants (each once).
Status collect_within(Context& cx, const MasterDataQuery& q, const std::string& root,
                      Collected& out) {
  std::set<std::string> seen;
  std::vector<std::string> todo{root};
  while (!todo.empty()) {
    std::string id = todo.back();
    todo.pop_back();
    if (!seen.insert(canonical_identifier(id)).second) continue;
    MasterDataQuery any = q;
    any.types.clear();    // descendants are found through elements of any type...
    any.children = true;  // ...and their children
    Collected one(1000);
    LIENKET_RETURN_IF_ERROR(collect_id(cx, any, id, one));
    for (const auto& [type, e] : one.items()) {
      if (wanted_type(q, type)) LIENKET_RETURN_IF_ERROR(out.add(type, e));
      for (const auto& c : e.value("children", json::array()))
        if (c.is_string()) todo.push_back(c.get<std::string>());
    }
  }
  return Status::Ok();
}

// No names: every declared element, then the node's parties, plots and products.
Status collect_all(Context& cx, const MasterDataQuery& q, Collected& out) {
  Status inner = Status::Ok();
  auto keep = [&](const std::string& type, const json& e) {
    if (wanted_type(q, type)) inner = out.add(type, e);
    return inner.ok();
  };
  LIENKET_RETURN_IF_ERROR(cx.store().scan(kPrefix, "", [&](std::string_view, std::string_view v) {
    auto j = json::parse(v, nullptr, false);
    return j.is_discarded() || keep(text(j, "type"), j);
  }));
  LIENKET_RETURN_IF_ERROR(inner);
  if (wanted_type(q, kBusinessLocation)) {
    LIENKET_RETURN_IF_ERROR(
        each_listed(cx, "party.list", json::object(), "parties", [&](const json& p) {
          auto e = party_element(cx, p, q.children);
          if (!e.ok()) inner = e.status();
          return inner.ok() && keep(kBusinessLocation, *e);
        }));
    LIENKET_RETURN_IF_ERROR(inner);
    LIENKET_RETURN_IF_ERROR(
        each_listed(cx, "farming.plot.list", json::object(), "plots",
                    [&](const json& p) { return keep(kBusinessLocation, plot_element(p)); }));
    LIENKET_RETURN_IF_ERROR(inner);
  }
  if (wanted_type(q, kEpcClass))
    LIENKET_RETURN_IF_ERROR(
        each_listed(cx, "product.list", json::object(), "products", [&](const json& p) {
          return text(p, "gtin").empty() || keep(kEpcClass, product_element(p));
        }));
  return inner;
}

// HASATTR, attributeNames, includeAttributes and includeChildren applied to one element.
std::optional<json> shaped(const MasterDataQuery& q, json e) {
  json attrs = e.value("attributes", json::array());
  for (const auto& want : q.has_attributes)
    if (std::none_of(attrs.begin(), attrs.end(),
                     [&](const json& a) { return a.value("id", "") == want; }))
      return std::nullopt;
  if (!q.attributes) {
    e.erase("attributes");
  } else if (!q.attribute_names.empty()) {
    json kept = json::array();
    for (const auto& a : attrs)
      if (std::find(q.attribute_names.begin(), q.attribute_names.end(), a.value("id", "")) !=
          q.attribute_names.end())
        kept.push_back(a);
    e["attributes"] = kept;
  }
  if (!q.children) e.erase("children");
  if (e.contains("attributes") && e["attributes"].empty()) e.erase("attributes");
  e.erase("type");
  return e;
}

json as_vocabulary_list(const MasterDataQuery& q, const Collected& found) {
  std::map<std::string, json> by_type;
  std::vector<std::string> order;
  for (const auto& [type, e] : found.items()) {
    auto one = shaped(q, e);
    if (!one) continue;
    if (!by_type.count(type)) order.push_back(type);
    by_type[type].push_back(*one);
  }
  json list = json::array();
  for (const auto& t : order) list.push_back({{"type", t}, {"vocabularyElementList", by_type[t]}});
  return list;
}

// The ids an event names that may have master data: its locations, sources and destinations, and
// the products of its lots and classes.
std::set<std::string> named_ids(const json& ev) {
  std::set<std::string> ids;
  for (const char* place : {"bizLocation", "readPoint"})
    if (ev.contains(place)) ids.insert(text(ev[place], "id"));
  for (const char* list : {"sourceList", "destinationList"})
    for (const auto& s : opt(ev, list))
      for (const char* f : {"source", "destination"})
        if (s.contains(f)) ids.insert(text(s, f));
  for (const char* list :
       {"quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"})
    for (const auto& qe : opt(ev, list))
      if (auto g = gtin_of(text(qe, "epcClass")); !g.empty())
        ids.insert("https://id.gs1.org/01/" + g);
  for (const char* list : {"epcList", "childEPCs", "inputEPCList", "outputEPCList"})
    for (const auto& e : opt(ev, list))
      if (auto g = e.is_string() ? gtin_of(e.get<std::string>()) : ""; !g.empty())
        ids.insert("https://id.gs1.org/01/" + g);
  ids.erase("");
  return ids;
}

// ---- validation --------------------------------------------------------------------------

Status check_element(const json& e, const std::string& path) {
  if (!e.is_object() || !e.contains("id") || !e["id"].is_string() ||
      e["id"].get<std::string>().empty() || e["id"].get<std::string>().size() > 2000)
    return Status::InvalidArgument(path + ".id must be a URI (a non-empty string)", path + ".id");
  const json attrs = e.value("attributes", json::array());
  if (!attrs.is_array()) return Status::InvalidArgument("must be an array", path + ".attributes");
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    std::string at = path + ".attributes." + std::to_string(i);
    if (!attrs[i].is_object() || !attrs[i].contains("id") || !attrs[i]["id"].is_string())
      return Status::InvalidArgument("an attribute needs an id (a URI)", at + ".id");
    const json v = attrs[i].value("attribute", json(""));
    if (!v.is_string() && !v.is_number() && !v.is_object())
      return Status::InvalidArgument("an attribute's value is text, a number or an object",
                                     at + ".attribute");
  }
  const json kids = e.value("children", json::array());
  if (!kids.is_array() ||
      std::any_of(kids.begin(), kids.end(), [](const json& c) { return !c.is_string(); }))
    return Status::InvalidArgument("must be an array of URIs", path + ".children");
  return Status::Ok();
}

}  // namespace

Status validate_vocabulary_list(const json& list, const std::string& path) {
  if (!list.is_array()) return Status::InvalidArgument(path + " must be an array", path);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = path + "." + std::to_string(i);
    const json& v = list[i];
    if (!v.is_object() || text(v, "type").empty())
      return Status::InvalidArgument(at + ".type must be a vocabulary type URI", at + ".type");
    const json els = v.value("vocabularyElementList", json::array());
    if (!els.is_array())
      return Status::InvalidArgument("must be an array", at + ".vocabularyElementList");
    for (std::size_t j = 0; j < els.size(); ++j)
      LIENKET_RETURN_IF_ERROR(
          check_element(els[j], at + ".vocabularyElementList." + std::to_string(j)));
  }
  return Status::Ok();
}

Status store_vocabularies(Store& store, const json& list) {
  for (const auto& v : list)
    for (const auto& e : v.value("vocabularyElementList", json::array())) {
      std::string type = text(v, "type"), key = key_of(text(e, "id"), type);
      auto old = store.get_json(key);
      if (!old.ok()) return old.status();
      json fresh = e;
      fresh["type"] = type;
      LIENKET_RETURN_IF_ERROR(store.put_json(key, old->has_value() ? merged(**old, fresh) : fresh));
    }
  return Status::Ok();
}

Result<json> query_master_data(Context& cx, const MasterDataQuery& q) {
  Collected found(q.max_elements);
  if (q.names.empty() && q.within.empty()) {
    LIENKET_RETURN_IF_ERROR(collect_all(cx, q, found));
  } else {
    for (const auto& id : q.names) LIENKET_RETURN_IF_ERROR(collect_id(cx, q, id, found));
    for (const auto& id : q.within) LIENKET_RETURN_IF_ERROR(collect_within(cx, q, id, found));
  }
  return as_vocabulary_list(q, found);
}

Result<json> master_data_of_events(Context& cx, const std::vector<json>& events) {
  std::set<std::string> ids;
  for (const auto& ev : events) ids.merge(named_ids(ev));
  MasterDataQuery q;
  q.children = false;  // what the events name, not every plot of each party
  q.max_elements = 100000;
  Collected found(q.max_elements);
  for (const auto& id : ids) LIENKET_RETURN_IF_ERROR(collect_id(cx, q, id, found));
  return as_vocabulary_list(q, found);
}

Result<json> handle_master_data_query(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"vocabularyName", "EQ_name", "WD_name", "HASATTR", "attributeNames", "includeAttributes",
          "includeChildren", "maxElementCount"});
  MasterDataQuery q;
  q.types = f.str_list("vocabularyName", 20);
  q.names = f.str_list("EQ_name", 500);
  q.within = f.str_list("WD_name", 50);
  q.has_attributes = f.str_list("HASATTR", 20);
  q.attribute_names = f.str_list("attributeNames", 50);
  q.attributes = f.opt_bool("includeAttributes").value_or(true);
  q.children = f.opt_bool("includeChildren").value_or(true);
  q.max_elements = f.opt_integer("maxElementCount", 1, 10000).value_or(1000);
  if (!f.ok()) return f.status();
  auto list = query_master_data(cx, q);
  if (!list.ok()) return list.status();
  return json{{"vocabularyList", *list}};
}

}  // namespace lienket::trace
