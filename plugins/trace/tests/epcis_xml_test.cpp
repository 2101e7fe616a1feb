// EPCIS 2.0 XML: GS1's XML examples validate, convert to JSON-LD that capture accepts and back to
// XML that validates again; the reference hash documents in XML give their expected pre-hash
// strings and hashes after conversion; hostile XML is refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "epcis_validator.hpp"
#include "epcis_xml.hpp"
#include "event_hash.hpp"
#include "test_files.hpp"

using lienket::trace::testing::lines_of;
using lienket::trace::testing::slurp;

using nlohmann::json;
using namespace lienket::trace;
namespace fs = std::filesystem;

namespace {

const fs::path kData = TRACE_TEST_DATA;

// Where two pre-hash strings part, to read a failure at a glance.
std::string parting(const std::string& got, const std::string& want) {
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  std::size_t from = i < 40 ? 0 : i - 40;
  return "got  ..." + got.substr(from, 160) + "\nwant ..." + want.substr(from, 160);
}

std::vector<fs::path> xml_files(const fs::path& dir) {
  return lienket::trace::testing::files_with(dir, {".xml"});
}

}  // namespace

TEST_CASE("GS1's EPCIS 2.0 XML examples") {
  int valid = 0, documents = 0;
  for (const auto& path : xml_files(kData / "epcis/xml/examples")) {
    INFO(path.filename().string());
    std::string xml = slurp(path);
    auto st = validate_epcis_xml(xml);
    // The master-data example needs the master-data schema, which capture does not take.
    if (path.filename() == "Example-masterData.xml") {
      CHECK_FALSE(st.ok());
      continue;
    }
    INFO(st.message());
    REQUIRE(st.ok());
    ++valid;
    if (path.parent_path().filename() == "CaptureJob") continue;  // a capture job, not events
    auto doc = epcis_xml_to_json(xml);
    INFO(doc.status().message());
    REQUIRE(doc.ok());
    ++documents;
    INFO(doc->dump(2));
    CHECK(validate_document(*doc, "document").ok());
    std::string back = epcis_json_to_xml(*doc);
    INFO(back);
    auto again = epcis_xml_to_json(back);
    INFO(again.status().message());
    REQUIRE(again.ok());
    // The round trip keeps every event's hash.
    auto before = document_events(*doc), after = document_events(*again);
    REQUIRE(before.size() == after.size());
    for (std::size_t i = 0; i < before.size(); ++i)
      CHECK(event_hash_id(after[i], (*again)["@context"]) ==
            event_hash_id(before[i], (*doc)["@context"]));
  }
  CHECK(valid == 32);
  CHECK(documents == 28);
}

TEST_CASE("the reference hash documents in XML give the reference hashes") {
  int events = 0, matched = 0;
  for (const auto& path : xml_files(kData / "event-hash/examples")) {
    INFO(path.filename().string());
    auto doc = epcis_xml_to_json(slurp(path), XmlCheck::kWellFormed);
    REQUIRE(doc.ok());
    INFO(doc->dump(2));
    auto hashes = lines_of(fs::path(path).replace_extension(".hashes"));
    auto prehashes = lines_of(fs::path(path).replace_extension(".prehashes"));
    auto list = document_events(*doc);
    REQUIRE(list.size() == hashes.size());
    for (std::size_t i = 0; i < list.size(); ++i, ++events) {
      INFO("event " << i);
      std::string pre = event_prehash(list[i], (*doc)["@context"]);
      if (i < prehashes.size()) {
        INFO(parting(pre, prehashes[i]));
        CHECK(pre == prehashes[i]);
      }
      CHECK(event_hash_id(list[i], (*doc)["@context"]) == hashes[i]);
      matched += event_hash_id(list[i], (*doc)["@context"]) == hashes[i];
    }
  }
  CHECK(events == matched);
  CHECK(events >= 20);
}

TEST_CASE("bad and hostile XML is refused with its line") {
  SECTION("not well-formed") {
    auto r =
        epcis_xml_to_json("<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\">\n<a>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("line 2") != std::string::npos);
  }
  SECTION("an external entity (XXE) is never read: a DOCTYPE is refused") {
    auto r = epcis_xml_to_json(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\">&x;</epcis:EPCISDocument>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("DOCTYPE may declare nothing") != std::string::npos);
    CHECK(r.status().message().find("root:") == std::string::npos);
  }
  SECTION("another root element") {
    auto r = epcis_xml_to_json("<html/>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("EPCISDocument") != std::string::npos);
  }
  SECTION("invalid against the XSD: the line and the reason") {
    std::string xml = slurp(kData / "epcis/xml/examples/WithExtension/ObjectEvent.xml");
    auto at = xml.find("<action>");
    REQUIRE(at != std::string::npos);
    xml.insert(at + 8, "JUMP");  // no such action
    auto r = epcis_xml_to_json(xml);
    REQUIRE_FALSE(r.ok());
    INFO(r.status().message());
    CHECK(r.status().message().find("XSD: line ") != std::string::npos);
    CHECK(r.status().message().find("action") != std::string::npos);
  }
}
