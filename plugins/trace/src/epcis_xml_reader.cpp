// XML -> JSON-LD, the standard's mapping (EPCIS 2.0 section 9 and its JSON/XML examples).
#include <libxml/tree.h>

#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "epcis_xml.hpp"
#include "epcis_xml_schema.hpp"
#include "event_repository.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

// Namespaces that are the binding's own, never a user extension's.
const std::set<std::string> kBindingNamespaces = {
    "urn:epcglobal:epcis:xsd:2", "urn:epcglobal:epcis-query:xsd:2",
    "http://www.w3.org/2001/XMLSchema-instance", "urn:epcglobal:xsd:1",
    "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"};
const std::set<std::string> kSchemes = {"http", "https",  "urn", "ftp",
                                        "file", "mailto", "tag", "ni"};
const std::set<std::string> kEpcLists = {"epcList", "childEPCs", "inputEPCList", "outputEPCList"};
const std::set<std::string> kQuantityLists = {"quantityList", "childQuantityList",
                                              "inputQuantityList", "outputQuantityList"};
const std::set<std::string> kNumericAttributes = {"value", "minValue", "maxValue", "meanValue",
                                                  "sDev",  "percRank", "percValue"};

std::string str(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

std::string text_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = str(c);
  xmlFree(c);
  auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool is_element(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }
bool standard(const xmlNode* n) { return !n->ns || kBindingNamespaces.count(str(n->ns->href)); }
std::string local(const xmlNode* n) { return str(n->name); }

// xsd:decimal and xsd:double as JSON numbers: integers stay integers ("10" -> 10, "26.0" -> 26.0)
// as the standard's JSON examples write them.
json number(const std::string& s) {
  if (s.empty()) return s;
  char* end = nullptr;
  if (s.find_first_of(".eE") == std::string::npos) {
    long long i = std::strtoll(s.c_str(), &end, 10);
    if (*end == '\0') return i;
  }
  double d = std::strtod(s.c_str(), &end);
  return *end == '\0' ? json(d) : json(s);
}

// The prefixes of the user namespaces: the document's own where it has one, else a made-up one;
// they become the "@context"'s second member.
class Prefixes {
 public:
  // A namespace prefix of the XML is only a name's: a value spelled "example:Ghi" stays that
  // string (the reference hash reads XML so). In JSON-LD a context prefix would expand it, so a
  // prefix some value starts with is given another name ("example2") in the context.
  void avoid_value_prefixes(const xmlNode* n) {
    for (; n; n = n->next) {
      if (n->type == XML_TEXT_NODE) avoid_prefix_of(str(n->content));
      if (!is_element(n)) continue;
      for (const xmlAttr* a = n->properties; a; a = a->next)
        if (a->children) avoid_prefix_of(str(a->children->content));
      avoid_value_prefixes(n->children);
    }
  }
  std::string prefix_of(const std::string& uri, std::string wanted) {
    if (auto it = by_uri_.find(uri); it != by_uri_.end()) return it->second;
    // A prefix spelled like a URI scheme would turn every "https://..." value into a CURIE.
    if (wanted.empty() || kSchemes.count(wanted)) wanted = "ns";
    std::string p = wanted;
    for (int i = 2; context_.contains(p) || avoid_.count(p); ++i) p = wanted + std::to_string(i);
    by_uri_[uri] = p;
    if (!kBindingNamespaces.count(uri)) context_[p] = uri;
    return p;
  }
  std::string name(const xmlNode* n) {
    if (standard(n)) return local(n);
    return prefix_of(str(n->ns->href), str(n->ns->prefix)) + ":" + local(n);
  }
  std::string name(const xmlAttr* a) {
    if (!a->ns) return str(a->name);
    return prefix_of(str(a->ns->href), str(a->ns->prefix)) + ":" + str(a->name);
  }
  const json& context() const { return context_; }

 private:
  void avoid_prefix_of(const std::string& value) {
    auto b = value.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return;
    auto colon = value.find(':', b);
    if (colon == std::string::npos || value.compare(colon, 3, "://") == 0) return;
    std::string prefix = value.substr(b, colon - b);
    if (!prefix.empty() && prefix.find_first_of(" \t\r\n/") == std::string::npos)
      avoid_.insert(prefix);
  }

  std::set<std::string> avoid_;
  std::map<std::string, std::string> by_uri_;
  json context_ = json::object();
};

// A member that may repeat: the second occurrence makes it a list.
void put(json& obj, const std::string& key, json value) {
  if (!obj.contains(key)) {
    obj[key] = std::move(value);
    return;
  }
  if (!obj[key].is_array()) obj[key] = json::array({obj[key]});
  obj[key].push_back(std::move(value));
}

class Reader {
 public:
  explicit Reader(Prefixes& p) : p_(p) {}

  // A user extension: its text, or an object of its attributes and child elements.
  json extension(const xmlNode* n) {
    bool nested = false;
    json obj = json::object();
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      if (a->ns && kBindingNamespaces.count(str(a->ns->href))) continue;  // xsi:type, ...
      nested = true;
      obj[p_.name(a)] = str(a->children ? a->children->content : nullptr);
    }
    for (const xmlNode* c = n->children; c; c = c->next)
      if (is_element(c)) {
        nested = true;
        put(obj, p_.name(c), extension(c));
      }
    return nested ? obj : json(text_of(n));
  }

  // The children of `n` into `obj`: `standard_field` reads the binding's own elements;
  // <extension> and <baseExtension> wrappers (EPCIS 1.x) are dissolved into their parent.
  template <typename F>
  void members(const xmlNode* n, json& obj, F&& standard_field) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (!is_element(c)) continue;
      std::string name = local(c);
      if (standard(c) && (name == "extension" || name == "baseExtension"))
        members(c, obj, standard_field);
      else if (standard(c))
        standard_field(c, name, obj);
      else
        put(obj, p_.name(c), extension(c));
    }
  }

  json list_of(const xmlNode* n, json (Reader::*item)(const xmlNode*)) {
    json out = json::array();
    for (const xmlNode* c = n->children; c; c = c->next)
      if (is_element(c)) out.push_back((this->*item)(c));
    return out;
  }

  json text(const xmlNode* n) { return text_of(n); }

  json quantity(const xmlNode* n) {
    json q = json::object();
    members(n, q, [](const xmlNode* c, const std::string& name, json& obj) {
      std::string value = text_of(c);
      if (name != "quantity")
        obj[name] = value;
      else if (!value.empty())  // <quantity xsi:nil="true"/>: no quantity
        obj[name] = number(value);
    });
    return q;
  }

  // bizTransaction, source, destination: the value and its optional type attribute.
  json typed(const xmlNode* n) {
    json t{{local(n), text_of(n)}};
    if (xmlChar* type = xmlGetNoNsProp(n, BAD_CAST "type")) {
      t["type"] = str(type);
      xmlFree(type);
    }
    return t;
  }

  json attributes(const xmlNode* n) {
    json obj = json::object();
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
      std::string value = str(v), key = p_.name(a);
      xmlFree(v);
      if (!a->ns && kNumericAttributes.count(key))
        obj[key] = number(value);
      else if (!a->ns && key == "booleanValue")
        obj[key] = value == "true" || value == "1";
      else
        obj[key] = value;
    }
    return obj;
  }

  json sensor_element(const xmlNode* n) {
    json s = json::object();
    members(n, s, [this](const xmlNode* c, const std::string& name, json& obj) {
      if (name == "sensorReport") {
        if (!obj.contains(name)) obj[name] = json::array();
        obj[name].push_back(attributes(c));
      } else {
        obj[name] = attributes(c);
      }
    });
    return s;
  }

  // readPoint, bizLocation, ilmd, errorDeclaration, persistentDisposition and the event itself.
  json object(const xmlNode* n) {
    json obj = json::object();
    members(n, obj,
            [this](const xmlNode* c, const std::string& name, json& o) { field(c, name, o); });
    return obj;
  }

  void field(const xmlNode* c, const std::string& name, json& obj) {
    if (kEpcLists.count(name) || name == "correctiveEventIDs")
      obj[name] = list_of(c, &Reader::text);
    else if (kQuantityLists.count(name))
      obj[name] = list_of(c, &Reader::quantity);
    else if (name == "bizTransactionList" || name == "sourceList" || name == "destinationList")
      obj[name] = list_of(c, &Reader::typed);
    else if (name == "sensorElementList")
      obj[name] = list_of(c, &Reader::sensor_element);
    else if (name == "readPoint" || name == "bizLocation" || name == "ilmd" ||
             name == "errorDeclaration" || name == "persistentDisposition")
      obj[name] = object(c);
    else if (name == "set" || name == "unset")  // lists even with one member
      obj[name].push_back(text_of(c));
    else
      obj[name] = text_of(c);
  }

  json event(const xmlNode* n) {
    json ev{{"type", p_.name(n)}};
    json body = object(n);
    ev.update(body);
    return ev;
  }

  // The events of an <EventList>, extension event types (in its <extension>) included.
  void events(const xmlNode* list, json& out) {
    for (const xmlNode* c = list->children; c; c = c->next) {
      if (!is_element(c)) continue;
      if (standard(c) && local(c) == "extension")
        events(c, out);
      else
        out.push_back(event(c));
    }
  }

 private:
  Prefixes& p_;
};

const xmlNode* child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (is_element(c) && standard(c) && local(c) == name) return c;
  return nullptr;
}

// <ignoreFields> lists field names as empty elements: ["example:testField1", ...].
json ignore_fields(const xmlNode* n, Prefixes& p) {
  json out = json::array();
  for (const xmlNode* c = n->children; c; c = c->next)
    if (is_element(c)) out.push_back(p.name(c));
  return out;
}

// The document's own user extensions (an ignoreFields declaration among them).
void document_extensions(const xmlNode* n, json& doc, Prefixes& p, Reader& r) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (is_element(c) && !standard(c))
      doc[p.name(c)] = local(c) == "ignoreFields" ? ignore_fields(c, p) : r.extension(c);
}

std::string attribute_of(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetNoNsProp(n, BAD_CAST name);
  std::string s = str(v);
  xmlFree(v);
  return s;
}

// An attribute's value: its text, or an object of the elements inside it (an address).
json attribute_value(const xmlNode* a, Prefixes& p, Reader& r) {
  json obj = json::object();
  for (const xmlNode* c = a->children; c; c = c->next)
    if (is_element(c)) put(obj, p.name(c), r.extension(c));
  return obj.empty() ? json(text_of(a)) : obj;
}

// <VocabularyList> as JSON-LD's vocabularyList: [{type, vocabularyElementList: [{id,
// attributes: [{id, attribute}], children: [id]}]}].
json vocabulary_list(const xmlNode* list, Prefixes& p, Reader& r) {
  json out = json::array();
  for (const xmlNode* v = list->children; v; v = v->next) {
    if (!is_element(v) || local(v) != "Vocabulary") continue;
    json elements = json::array();
    for (const xmlNode* e = child(child(v, "VocabularyElementList"), "VocabularyElement"); e;
         e = e->next) {
      if (!is_element(e) || local(e) != "VocabularyElement") continue;
      json el{{"id", attribute_of(e, "id")}}, attrs = json::array(), kids = json::array();
      for (const xmlNode* c = e->children; c; c = c->next) {
        if (!is_element(c)) continue;
        if (local(c) == "attribute")
          attrs.push_back({{"id", attribute_of(c, "id")}, {"attribute", attribute_value(c, p, r)}});
        else if (local(c) == "children")
          for (const xmlNode* id = c->children; id; id = id->next)
            if (is_element(id)) kids.push_back(text_of(id));
      }
      if (!attrs.empty()) el["attributes"] = attrs;
      if (!kids.empty()) el["children"] = kids;
      elements.push_back(el);
    }
    out.push_back({{"type", attribute_of(v, "type")}, {"vocabularyElementList", elements}});
  }
  return out;
}

// EPCISHeader/extension/EPCISMasterData/VocabularyList, as epcisHeader.epcisMasterData.
void header_master_data(const xmlNode* root, json& doc, Prefixes& p, Reader& r) {
  const xmlNode* header = child(root, "EPCISHeader");
  const xmlNode* md = child(child(header, "extension"), "EPCISMasterData");
  if (const xmlNode* list = child(md, "VocabularyList"))
    doc["epcisHeader"] = {{"epcisMasterData", {{"vocabularyList", vocabulary_list(list, p, r)}}}};
}

json convert(const xmlNode* root) {
  Prefixes p;
  p.avoid_value_prefixes(root);
  Reader r(p);
  bool query = local(root) == "EPCISQueryDocument";
  json doc{{"type", query ? "EPCISQueryDocument" : "EPCISDocument"}};
  for (const char* attr : {"schemaVersion", "creationDate"})
    if (xmlChar* v = xmlGetNoNsProp(root, BAD_CAST attr)) {
      doc[attr] = str(v);
      xmlFree(v);
    }
  // Query results sit in EPCISBody/QueryResults (some writers leave out either wrapper); their
  // extensions (an ignoreFields declaration) go with them.
  const xmlNode* body = child(root, "EPCISBody");
  const xmlNode* results = query ? child(body ? body : root, "QueryResults") : nullptr;
  if (query && !results) results = body ? body : root;
  json qr = json::object();
  document_extensions(root, query ? qr : doc, p, r);
  if (results != root) document_extensions(results, qr, p, r);
  json list = json::array();
  const xmlNode* holder = query ? child(results, "resultsBody") : body;
  if (const xmlNode* el = child(holder, "EventList")) r.events(el, list);
  if (query) {
    for (const char* f : {"queryName", "subscriptionID"})
      if (const xmlNode* c = child(results, f)) qr[f] = text_of(c);
    qr["resultsBody"] = {{"eventList", list}};
    doc["epcisBody"] = {{"queryResults", qr}};
  } else {
    header_master_data(root, doc, p, r);
    doc["epcisBody"] = {{"eventList", list}};
  }
  doc["@context"] = p.context().empty() ? json::array({kDefaultContext})
                                        : json::array({kDefaultContext, p.context()});
  return doc;
}

}  // namespace

Result<json> epcis_xml_to_json(std::string_view xml, XmlCheck check) {
  auto doc = check == XmlCheck::kXsd ? parse_valid_epcis_xml(xml) : parse_epcis_xml(xml);
  if (!doc.ok()) return doc.status();
  return convert(xmlDocGetRootElement(doc->get()));
}

}  // namespace lienket::trace
