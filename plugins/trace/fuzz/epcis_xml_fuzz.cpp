// Fuzzes the EPCIS 2.0 XML reader and writer (plugins/trace/src/epcis_xml_*.cpp): any bytes give a
// document or an error, never a crash, a hang or a file read; what converts is written back as
// XML that parses again, and a document that validated against GS1's XSD is written back as one
// that validates too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "epcis_xml.hpp"
#include "support/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lienket::trace;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto doc = epcis_xml_to_json(text, XmlCheck::kWellFormed);
    if (!doc.ok()) return 0;
    std::string xml = epcis_json_to_xml(*doc);
    auto again = epcis_xml_to_json(xml, XmlCheck::kWellFormed);
    if (!again.ok())
      lienket::fuzz::fail("written XML does not parse", text + " -> " + again.status().message());
    if (validate_epcis_xml(text).ok() && (*doc)["type"] == "EPCISDocument") {
      auto st = validate_epcis_xml(xml);
      if (!st.ok()) lienket::fuzz::fail("written XML is not valid", text + " -> " + st.message());
    }
  } catch (const std::exception& e) {
    lienket::fuzz::fail("exception escaped", text + ": " + e.what());
  }
  return 0;
}
