// Boost.DLL on std::filesystem, so that the plugin needs no Boost.Filesystem library.
#define BOOST_DLL_USE_STD_FS
#include "epcis_xml_schema.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <boost/dll/runtime_symbol_info.hpp>

#include "epcis_xml.hpp"

namespace lienket::trace {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEpcisNs = "urn:epcglobal:epcis:xsd:2";
constexpr const char* kQueryNs = "urn:epcglobal:epcis-query:xsd:2";
constexpr std::size_t kMaxReported = 5;
// Larger documents are refused before parsing: capture takes at most 10,000 events.
constexpr std::size_t kMaxXmlBytes = 64u << 20;

// Built and installed beside the module (<plugins>/trace-xsd/); in a build tree whose module sits
// elsewhere (the unit tests), the source tree's copy.
fs::path xsd_dir() {
  fs::path beside = fs::path(boost::dll::this_line_location().parent_path().string()) / "trace-xsd";
  if (fs::is_regular_file(beside / "EPCglobal-epcis-2_0.xsd")) return beside;
  return fs::path(LIENKET_TRACE_XSD_SOURCE_DIR);
}

std::string describe(const xmlError* e) {
  std::string msg = e && e->message ? e->message : "not well-formed XML";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return "line " + std::to_string(e ? e->line : 0) + ": " + msg;
}

// Collects the validator's messages instead of letting libxml2 print them.
struct Errors {
  std::vector<std::string> lines;
  std::size_t count = 0;
  static void add(void* self, const xmlError* e) {
    auto* errs = static_cast<Errors*>(self);
    if (errs->count++ < kMaxReported) errs->lines.push_back(describe(e));
  }
  std::string joined() const {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "; ") + l;
    if (count > lines.size()) out += "; and " + std::to_string(count - lines.size()) + " more";
    return out;
  }
};

// xmlStructuredErrorFunc takes a non-const xmlError* before libxml2 2.12 and a const one after.
template <typename Err>
void collect(void* self, Err* e) {
  Errors::add(self, e);
}

// One compiled schema per root (parsed once, then shared by every validation: libxml2 allows
// several validation contexts on one schema).
struct CompiledSchema {
  std::once_flag once;
  xmlSchemaPtr schema = nullptr;
  std::string error;
};

CompiledSchema& compiled(bool query) {
  static CompiledSchema capture_schema, query_schema;
  CompiledSchema& c = query ? query_schema : capture_schema;
  std::call_once(c.once, [&c, query] {
    fs::path file =
        xsd_dir() / (query ? "EPCglobal-epcis-query-2_0.xsd" : "EPCglobal-epcis-2_0.xsd");
    Errors errs;
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(file.string().c_str());
    if (pc) {
      xmlSchemaSetParserStructuredErrors(pc, collect, &errs);
      c.schema = xmlSchemaParse(pc);
      xmlSchemaFreeParserCtxt(pc);
    }
    if (!c.schema) c.error = "GS1's XSD " + file.string() + " cannot be read: " + errs.joined();
  });
  return c;
}

// "<!DOCTYPE project>", which some of GS1's examples carry, declares nothing; any declaration
// (an entity above all: XXE, entity expansion) or an external DTD is refused.
bool harmless(const xmlDtd* dtd) {
  return !dtd || (!dtd->ExternalID && !dtd->SystemID && !dtd->children && !dtd->entities &&
                  !dtd->pentities);
}

Result<XmlDocPtr> parse_unchecked(std::string_view xml) {
  if (xml.size() > kMaxXmlBytes) return Status::TooLarge("the XML document is over 64 MiB");
  xmlInitParser();
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return Status::Internal("libxml2: out of memory");
  // No network, no DTD loading, no entity substitution (XML_PARSE_NOENT is not set), no
  // messages on stderr: the errors come back from the context.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  XmlDocPtr doc(
      xmlCtxtReadMemory(ctxt, xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, options));
  std::string error = doc ? "" : describe(xmlCtxtGetLastError(ctxt));
  xmlFreeParserCtxt(ctxt);
  if (!doc) return Status::InvalidArgument("not well-formed XML: " + error);
  if (!harmless(doc->intSubset) || doc->extSubset)
    return Status::InvalidArgument(
        "line " + std::to_string(xmlGetLineNo(doc->children)) +
        ": a DOCTYPE may declare nothing in an EPCIS document (no entities, no external DTD)");
  return doc;
}

bool named(const xmlNode* n, const char* ns, const char* local) {
  return n && n->ns && xmlStrEqual(n->ns->href, BAD_CAST ns) &&
         xmlStrEqual(n->name, BAD_CAST local);
}

Status validate(xmlDoc* doc) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  bool query = named(root, kQueryNs, "EPCISQueryDocument");
  if (!query && !named(root, kEpcisNs, "EPCISDocument") &&
      !named(root, kEpcisNs, "EPCISCaptureJob") && !named(root, kEpcisNs, "EPCISException"))
    return Status::InvalidArgument(
        "line " + std::to_string(root ? root->line : 0) +
        ": the root element is not an EPCISDocument (urn:epcglobal:epcis:xsd:2) or an "
        "EPCISQueryDocument (urn:epcglobal:epcis-query:xsd:2)");
  CompiledSchema& c = compiled(query);
  if (!c.schema) return Status::Internal(c.error);
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(c.schema);
  if (!vc) return Status::Internal("libxml2: out of memory");
  Errors errs;
  xmlSchemaSetValidStructuredErrors(vc, collect, &errs);
  int rc = xmlSchemaValidateDoc(vc, doc);
  xmlSchemaFreeValidCtxt(vc);
  if (rc == 0) return Status::Ok();
  return Status::InvalidArgument("not valid against GS1's EPCIS 2.0 XSD: " +
                                 (errs.lines.empty() ? std::string("rejected") : errs.joined()));
}

}  // namespace

Result<XmlDocPtr> parse_valid_epcis_xml(std::string_view xml) {
  auto doc = parse_unchecked(xml);
  if (!doc.ok()) return doc.status();
  LIENKET_RETURN_IF_ERROR(validate(doc->get()));
  return std::move(*doc);
}

Result<XmlDocPtr> parse_epcis_xml(std::string_view xml) { return parse_unchecked(xml); }

Status validate_epcis_xml(std::string_view xml) { return parse_valid_epcis_xml(xml).status(); }

}  // namespace lienket::trace
