// The safe reading of an EPCIS XML document and its validation against GS1's XSD (the schemas are
// copied beside the plugin's module as trace-xsd/, or read from the source tree in a build).
// Internal to epcis_xml_*.cpp.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string_view>

#include "lienket/status.hpp"

namespace lienket::trace {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// `xml` parsed without network access, DTDs or entity expansion (a DOCTYPE is refused), and
// validated against the XSD of its root element. Errors name the line.
Result<XmlDocPtr> parse_valid_epcis_xml(std::string_view xml);
// The same without the XSD.
Result<XmlDocPtr> parse_epcis_xml(std::string_view xml);

}  // namespace lienket::trace
