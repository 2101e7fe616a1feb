// EPCIS 2.0 in XML (the standard's XML binding, GS1's XSD in plugins/trace/xsd/), converted to and
// from the JSON-LD form the plugin stores, following the standard's JSON/XML mapping: event types
// by element name, epcList/childEPCs/... as lists of EPCs, quantity elements with numbers,
// bizTransaction/source/destination with their type attribute, sensor elements with typed
// attributes, the 1.x <extension>/<baseExtension> wrappers dissolved into their parent, and user
// extensions as "prefix:name" members whose namespaces go into the "@context" with their prefixes.
// Converting an event either way keeps its EPCIS event hash (event_hash.hpp).
//
// Reading never touches the network and never loads a DTD or expands an entity (a document with
// a DOCTYPE is refused), so an XML capture cannot read files or call out (no XXE). Functions are
// safe to call from several threads at once.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::trace {

// An EPCISDocument or EPCISQueryDocument in XML, validated against GS1's XSD, as the same document
// in JSON-LD ("type": "EPCISDocument" or "EPCISQueryDocument"). Errors are invalid_argument and
// name the line and what is wrong ("line 12: Element 'action': [facet 'enumeration'] ...").
// kWellFormed skips the XSD (for the event hash, defined for any event: some writers put their
// own elements where the XSD does not allow them).
enum class XmlCheck { kXsd, kWellFormed };
Result<nlohmann::json> epcis_xml_to_json(std::string_view xml, XmlCheck check = XmlCheck::kXsd);

// `xml` against GS1's XSD for its root element (EPCISDocument, EPCISQueryDocument,
// EPCISCaptureJob or EPCISException); the first problems found, each with its line, when it does
// not validate.
Status validate_epcis_xml(std::string_view xml);

// A JSON-LD EPCISDocument (as trace.export.epcis makes) as an EPCIS 2.0 XML EPCISDocument, or an
// EPCISQueryDocument (a query's result) as an XML one, that validates against the XSD: fields in
// the schema's order, bare CBV names as their URNs, the context's prefixes as namespaces. Members
// the XML binding cannot hold (a user extension whose prefix the context does not declare) are left
// out.
// CBV values (bizStep, disposition, types, error reasons) as URNs, or as GS1 web URIs
// ("https://ref.gs1.org/cbv/BizStep-shipping"): the REST binding's GS1-CBV-XML-Format.
enum class CbvForm { kUrn, kWebUri };
std::string epcis_json_to_xml(const nlohmann::json& document, CbvForm form = CbvForm::kUrn);

// A capture job of the REST binding ({captureID, running, success, captureErrorBehaviour,
// createdAt, finishedAt, errors}) as the XSD's EPCISCaptureJob, its errors as problems.
std::string capture_job_to_xml(const nlohmann::json& job);
// An RFC 7807 problem ({type, title, status, detail, instance}) as the XSD's EPCISException: the
// binding's application/problem+xml.
std::string problem_to_xml(const nlohmann::json& problem);

}  // namespace lienket::trace
