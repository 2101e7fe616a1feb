// JSON-LD -> XML, the standard's mapping read backwards: each event's fields in the order of its
// type in the XSD, then its user extensions as elements in their namespaces.
#include <libxml/tree.h>

#include <map>
#include <string>
#include <vector>

#include "cbv.hpp"
#include "epcis_xml.hpp"
#include "event_repository.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr const char* kEpcisNs = "urn:epcglobal:epcis:xsd:2";
constexpr const char* kQueryNs = "urn:epcglobal:epcis-query:xsd:2";

// The standard fields of each event type, in the XSD's order (EPCglobal-epcis-2_0.xsd).
const std::vector<std::string> kBaseFields = {"eventTime",           "recordTime",
                                              "eventTimeZoneOffset", "eventID",
                                              "errorDeclaration",    "certificationInfo"};
const std::map<std::string, std::vector<std::string>> kTypeFields = {
    {"ObjectEvent",
     {"epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation",
      "bizTransactionList", "quantityList", "sourceList", "destinationList", "sensorElementList",
      "persistentDisposition", "ilmd"}},
    {"AggregationEvent",
     {"parentID", "childEPCs", "action", "bizStep", "disposition", "readPoint", "bizLocation",
      "bizTransactionList", "childQuantityList", "sourceList", "destinationList",
      "sensorElementList", "persistentDisposition"}},
    {"TransactionEvent",
     {"bizTransactionList", "parentID", "epcList", "action", "bizStep", "disposition", "readPoint",
      "bizLocation", "quantityList", "sourceList", "destinationList", "sensorElementList",
      "persistentDisposition"}},
    {"TransformationEvent",
     {"inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList",
      "transformationID", "bizStep", "disposition", "readPoint", "bizLocation",
      "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
      "persistentDisposition", "ilmd"}},
    {"AssociationEvent",
     {"parentID", "childEPCs", "childQuantityList", "action", "bizStep", "disposition", "readPoint",
      "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
      "persistentDisposition"}},
};

// Bare CBV names (JSON-LD) are URNs in XML.
const std::map<std::string, std::string> kCbvUrn = {
    {"bizStep", "urn:epcglobal:cbv:bizstep:"},    {"disposition", "urn:epcglobal:cbv:disp:"},
    {"set", "urn:epcglobal:cbv:disp:"},           {"unset", "urn:epcglobal:cbv:disp:"},
    {"bizTransaction", "urn:epcglobal:cbv:btt:"}, {"source", "urn:epcglobal:cbv:sdt:"},
    {"destination", "urn:epcglobal:cbv:sdt:"},    {"reason", "urn:epcglobal:cbv:er:"}};

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

// A child element in `ns` (xmlNewChild would put one without a namespace in its parent's).
xmlNode* add(xmlNode* parent, xmlNs* ns, const std::string& name) {
  return xmlAddChild(parent, xmlNewNode(ns, x(name)));
}
xmlNode* add(xmlNode* parent, xmlNs* ns, const std::string& name, const std::string& text) {
  xmlNode* e = add(parent, ns, name);
  xmlNodeAddContent(e, x(text));  // text, escaped when written
  return e;
}

std::string scalar(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.is_null() ? "" : v.dump();
}

const std::map<std::string, Vocab> kCbvVocab = {{"bizStep", Vocab::kBizStep},
                                                {"disposition", Vocab::kDisposition},
                                                {"set", Vocab::kDisposition},
                                                {"unset", Vocab::kDisposition},
                                                {"bizTransaction", Vocab::kBizTransactionType},
                                                {"source", Vocab::kSourceDestType},
                                                {"destination", Vocab::kSourceDestType},
                                                {"reason", Vocab::kErrorReason}};

// A CBV value of `field` as XML writes it: bare names as their URNs, or as their web URIs
// (GS1-CBV-XML-Format: Always_Web_URI); private URIs as they are.
std::string cbv_value(const std::string& field, const json& v, CbvForm form) {
  std::string s = scalar(v);
  auto it = kCbvUrn.find(field);
  if (it == kCbvUrn.end() || s.empty()) return s;
  if (form == CbvForm::kWebUri) {
    auto name = cbv_name(kCbvVocab.at(field), s);
    return name ? cbv_web_uri(kCbvVocab.at(field), *name) : s;
  }
  if (s.find(':') != std::string::npos) return s;
  return it->second + s;
}

class Writer {
 public:
  Writer(xmlNode* root, const json& context, CbvForm form) : root_(root), form_(form) {
    collect(context);
    if (!ns_.count("lk")) declare("lk", kLienketNamespace);
  }

  void event(xmlNode* list, const json& ev) {
    std::string type = ev.value("type", "");
    auto fields = kTypeFields.find(type);
    xmlNode* e = nullptr;
    if (fields == kTypeFields.end()) {  // an extension event type: in <extension>, by its name
      xmlNs* ns = ns_of(type);
      if (!ns) return;
      xmlNode* ext = add(list, nullptr, "extension");
      e = add(ext, ns, local(type));
    } else {
      e = add(list, nullptr, type);
    }
    for (const auto& f : kBaseFields)
      if (ev.contains(f)) field(e, f, ev[f]);
    if (fields != kTypeFields.end())
      for (const auto& f : fields->second)
        if (ev.contains(f)) field(e, f, ev[f]);
    extensions(e, ev);
  }

  // epcisHeader.epcisMasterData.vocabularyList as EPCISHeader/extension/EPCISMasterData.
  void master_data(xmlNode* root, const json& vocabularies) {
    xmlNode* md = add(add(add(root, nullptr, "EPCISHeader"), nullptr, "extension"), nullptr,
                      "EPCISMasterData");
    xmlNode* list = add(md, nullptr, "VocabularyList");
    for (const auto& v : vocabularies) {
      if (!v.is_object()) continue;
      xmlNode* voc = add(list, nullptr, "Vocabulary");
      xmlNewProp(voc, x("type"), x(scalar(v.value("type", json("")))));
      json elements = v.value("vocabularyElementList", json::array());
      if (!elements.is_array() || elements.empty()) continue;
      xmlNode* el_list = add(voc, nullptr, "VocabularyElementList");
      for (const auto& el : elements) vocabulary_element(el_list, el);
    }
  }

 private:
  void vocabulary_element(xmlNode* parent, const json& el) {
    if (!el.is_object()) return;
    xmlNode* e = add(parent, nullptr, "VocabularyElement");
    xmlNewProp(e, x("id"), x(scalar(el.value("id", json("")))));
    for (const auto& a : el.value("attributes", json::array())) {
      if (!a.is_object()) continue;
      json v = a.value("attribute", json(""));
      xmlNode* attr = add(e, nullptr, "attribute", v.is_object() ? "" : scalar(v));
      xmlNewProp(attr, x("id"), x(scalar(a.value("id", json("")))));
      // An attribute made of elements (an address): the prefixed ones in their namespaces, the
      // others in none, as the reader found them.
      if (v.is_object())
        for (auto it = v.begin(); it != v.end(); ++it)
          extension(attr, it.key().find(':') == std::string::npos ? nullptr : ns_of(it.key()),
                    local(it.key()), *it);
    }
    json kids = el.value("children", json::array());
    if (kids.is_array() && !kids.empty()) list(e, "children", kids, "id");
  }

  void collect(const json& c) {
    if (c.is_array())
      for (const auto& m : c) collect(m);
    else if (c.is_object())
      for (auto it = c.begin(); it != c.end(); ++it)
        if (it->is_string() && it.key().find(':') == std::string::npos && it.key()[0] != '@')
          declare(it.key(), it->get<std::string>());
  }
  void declare(const std::string& prefix, const std::string& uri) {
    if (prefix == "epcis" || prefix == "xsi" || ns_.count(prefix)) return;
    if (xmlNs* ns = xmlNewNs(root_, x(uri), x(prefix))) ns_[prefix] = ns;
  }
  static std::string local(const std::string& name) { return name.substr(name.find(':') + 1); }
  xmlNs* ns_of(const std::string& name) {
    auto colon = name.find(':');
    if (colon == std::string::npos) return nullptr;
    auto it = ns_.find(name.substr(0, colon));
    return it == ns_.end() ? nullptr : it->second;
  }

  // The members of `obj` that are user extensions ("prefix:name" with a declared prefix).
  void extensions(xmlNode* parent, const json& obj) {
    for (auto it = obj.begin(); it != obj.end(); ++it)
      if (xmlNs* ns = ns_of(it.key())) extension(parent, ns, local(it.key()), *it);
  }

  void extension(xmlNode* parent, xmlNs* ns, const std::string& name, const json& v) {
    if (v.is_array()) {
      for (const auto& item : v) extension(parent, ns, name, item);
      return;
    }
    if (!v.is_object()) {
      add(parent, ns, name, scalar(v));
      return;
    }
    xmlNode* e = add(parent, ns, name);
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key().empty() || it.key()[0] == '@') continue;
      // Inside an extension, an unprefixed member is an element in no namespace.
      if (it.key().find(':') == std::string::npos)
        extension(e, nullptr, it.key(), *it);
      else if (xmlNs* cns = ns_of(it.key()))
        extension(e, cns, local(it.key()), *it);
    }
  }

  void text(xmlNode* parent, const std::string& name, const std::string& value) {
    add(parent, nullptr, name, value);
  }

  void list(xmlNode* parent, const std::string& name, const json& v, const char* item) {
    xmlNode* l = add(parent, nullptr, name);
    if (v.is_array())
      for (const auto& i : v) text(l, item, scalar(i));
  }

  void quantities(xmlNode* parent, const std::string& name, const json& v) {
    xmlNode* l = add(parent, nullptr, name);
    for (const auto& q : v.is_array() ? v : json::array()) {
      xmlNode* e = add(l, nullptr, "quantityElement");
      if (q.contains("epcClass")) text(e, "epcClass", scalar(q["epcClass"]));
      // The XSD takes a uom only after a quantity.
      if (!q.contains("quantity") || !q["quantity"].is_number()) continue;
      text(e, "quantity", scalar(q["quantity"]));
      if (q.contains("uom")) text(e, "uom", scalar(q["uom"]));
    }
  }

  // bizTransactionList, sourceList, destinationList: the value with its type attribute.
  void typed(xmlNode* parent, const std::string& name, const json& v, const std::string& item) {
    xmlNode* l = add(parent, nullptr, name);
    for (const auto& t : v.is_array() ? v : json::array()) {
      xmlNode* e = add(l, nullptr, item, scalar(t.value(item, json(""))));
      if (t.contains("type")) xmlNewProp(e, x("type"), x(cbv_value(item, t["type"], form_)));
    }
  }

  void attributes(xmlNode* e, const json& obj) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (it->is_object() || it->is_array()) continue;
      if (it.key().find(':') == std::string::npos)
        xmlNewProp(e, x(it.key()), x(scalar(*it)));
      else if (xmlNs* ns = ns_of(it.key()))
        xmlNewNsProp(e, ns, x(local(it.key())), x(scalar(*it)));
    }
  }

  void sensors(xmlNode* parent, const json& v) {
    xmlNode* l = add(parent, nullptr, "sensorElementList");
    for (const auto& s : v.is_array() ? v : json::array()) {
      xmlNode* e = add(l, nullptr, "sensorElement");
      if (s.contains("sensorMetadata"))
        attributes(add(e, nullptr, "sensorMetadata"), s["sensorMetadata"]);
      for (const auto& r : s.value("sensorReport", json::array()))
        attributes(add(e, nullptr, "sensorReport"), r);
      extensions(e, s);
    }
  }

  void error_declaration(xmlNode* parent, const json& v) {
    xmlNode* e = add(parent, nullptr, "errorDeclaration");
    if (v.contains("declarationTime")) text(e, "declarationTime", scalar(v["declarationTime"]));
    if (v.contains("reason")) text(e, "reason", cbv_value("reason", v["reason"], form_));
    if (v.contains("correctiveEventIDs"))
      list(e, "correctiveEventIDs", v["correctiveEventIDs"], "correctiveEventID");
    extensions(e, v);
  }

  void persistent(xmlNode* parent, const json& v) {
    xmlNode* e = add(parent, nullptr, "persistentDisposition");
    for (const char* f : {"unset", "set"})
      for (const auto& d : v.value(f, json::array())) text(e, f, cbv_value(f, d, form_));
  }

  // readPoint, bizLocation: the id, then extensions; ilmd: extensions only.
  void place(xmlNode* parent, const std::string& name, const json& v) {
    xmlNode* e = add(parent, nullptr, name);
    if (v.contains("id")) text(e, "id", scalar(v["id"]));
    extensions(e, v);
  }

  void field(xmlNode* e, const std::string& f, const json& v) {
    if (f == "epcList" || f == "childEPCs" || f == "inputEPCList" || f == "outputEPCList")
      list(e, f, v, "epc");
    else if (f == "quantityList" || (f.size() > 12 && f.substr(f.size() - 12) == "QuantityList"))
      quantities(e, f, v);
    else if (f == "bizTransactionList")
      typed(e, f, v, "bizTransaction");
    else if (f == "sourceList")
      typed(e, f, v, "source");
    else if (f == "destinationList")
      typed(e, f, v, "destination");
    else if (f == "sensorElementList")
      sensors(e, v);
    else if (f == "errorDeclaration")
      error_declaration(e, v);
    else if (f == "persistentDisposition")
      persistent(e, v);
    else if (f == "readPoint" || f == "bizLocation" || f == "ilmd")
      place(e, f, v);
    else if (f == "certificationInfo")  // the XSD allows one: the first of a list
      text(e, f, scalar(v.is_array() && !v.empty() ? v[0] : v));
    else
      text(e, f, cbv_value(f, v, form_));
  }

  xmlNode* root_;
  CbvForm form_;
  std::map<std::string, xmlNs*> ns_;
};

// An EPCISDocument's events, or an EPCISQueryDocument's.
json event_list(const json& document) {
  json none = json::array();
  if (!document.is_object()) return none;
  json body = document.value("epcisBody", json::object());
  if (!body.is_object()) return none;
  if (body.contains("eventList")) return body["eventList"];
  json results = body.value("queryResults", json::object());
  if (!results.is_object()) return none;
  json rb = results.value("resultsBody", json::object());
  return rb.is_object() ? rb.value("eventList", none) : none;
}

// The document's text, declaration included.
std::string dump(xmlDoc* doc) {
  xmlChar* buf = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc, &buf, &size, "UTF-8", 1);
  std::string out(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(size));
  xmlFree(buf);
  xmlFreeDoc(doc);
  return out;
}

// The members of an RFC 7807 problem in the XSD's order (RFC7807ProblemResponseBodyType).
void problem_members(xmlNode* parent, const json& p) {
  if (!p.is_object()) return;
  add(parent, nullptr, "type", scalar(p.value("type", json("about:blank"))));
  add(parent, nullptr, "title", scalar(p.value("title", json(""))));
  if (p.contains("status") && p["status"].is_number_integer())
    add(parent, nullptr, "status", scalar(p["status"]));
  for (const char* f : {"detail", "instance"})
    if (p.contains(f)) add(parent, nullptr, f, scalar(p[f]));
}

// A document whose root is `name` in EPCIS's namespace.
xmlNode* epcis_root(xmlDoc* doc, const char* name) {
  xmlNode* root = xmlNewNode(nullptr, x(name));
  xmlDocSetRootElement(doc, root);
  xmlSetNs(root, xmlNewNs(root, x(kEpcisNs), x("epcis")));
  return root;
}

}  // namespace

std::string capture_job_to_xml(const json& job) {
  xmlDoc* doc = xmlNewDoc(x("1.0"));
  xmlNode* root = epcis_root(doc, "EPCISCaptureJob");
  xmlNewProp(root, x("running"), x(scalar(job.value("running", json(false)))));
  xmlNewProp(root, x("success"), x(scalar(job.value("success", json(false)))));
  xmlNewProp(root, x("captureID"), x(scalar(job.value("captureID", json("")))));
  add(root, nullptr, "captureErrorBehaviour",
      scalar(job.value("captureErrorBehaviour", json("rollback"))));
  for (const char* f : {"createdAt", "finishedAt"})
    if (job.contains(f)) add(root, nullptr, f, scalar(job[f]));
  json errors = job.value("errors", json::array());
  if (errors.is_array() && !errors.empty()) {
    xmlNode* list = add(root, nullptr, "errors");
    for (const auto& e : errors) problem_members(add(list, nullptr, "error"), e);
  }
  return dump(doc);
}

std::string problem_to_xml(const json& problem) {
  xmlDoc* doc = xmlNewDoc(x("1.0"));
  problem_members(epcis_root(doc, "EPCISException"), problem);
  return dump(doc);
}

std::string epcis_json_to_xml(const json& document, CbvForm form) {
  bool query = document.is_object() && document.value("type", "") == "EPCISQueryDocument";
  xmlDoc* doc = xmlNewDoc(x("1.0"));
  xmlNode* root = epcis_root(doc, query ? "EPCISQueryDocument" : "EPCISDocument");
  // A query's result is a document of the query schema's namespace (which imports EPCIS's).
  xmlNs* query_ns = query ? xmlNewNs(root, x(kQueryNs), x("epcisq")) : nullptr;
  if (query) xmlSetNs(root, query_ns);
  xmlNewProp(root, x("schemaVersion"), x("2.0"));
  std::string created = "1970-01-01T00:00:00Z";
  json context;
  if (document.is_object()) {
    if (document.contains("creationDate")) created = scalar(document["creationDate"]);
    context = document.value("@context", json());
  }
  xmlNewProp(root, x("creationDate"), x(created));
  Writer w(root, context, form);
  json header = document.is_object() ? document.value("epcisHeader", json::object()) : json();
  if (!query && header.is_object() && header.contains("epcisMasterData") &&
      header["epcisMasterData"].is_object() &&
      header["epcisMasterData"].value("vocabularyList", json()).is_array())
    w.master_data(root, header["epcisMasterData"]["vocabularyList"]);
  xmlNode* body = add(root, nullptr, "EPCISBody");
  xmlNode* holder = body;
  if (query) {
    // EPCISBody/epcisq:QueryResults/{queryName, subscriptionID?, resultsBody}/EventList; the XSD
    // needs a queryName, which an anonymous query (GET /events) has as the standard's own.
    json results =
        document.value("epcisBody", json::object()).value("queryResults", json::object());
    xmlNode* qr = add(body, query_ns, "QueryResults");
    add(qr, nullptr, "queryName", scalar(results.value("queryName", json("SimpleEventQuery"))));
    if (results.contains("subscriptionID"))
      add(qr, nullptr, "subscriptionID", scalar(results["subscriptionID"]));
    holder = add(qr, nullptr, "resultsBody");
  }
  xmlNode* list = add(holder, nullptr, "EventList");
  for (const auto& ev : event_list(document))
    if (ev.is_object() && ev.contains("type")) w.event(list, ev);
  return dump(doc);
}

}  // namespace lienket::trace
