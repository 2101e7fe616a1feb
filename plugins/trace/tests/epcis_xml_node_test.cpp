// EPCIS 2.0 XML inside a real `lienket node`: every XML example of GS1's that validates against the
// XSD is captured (trace.event.capture's body.xml), the XML export of what was stored validates
// again, and the reference hash documents in XML get their reference hashes as they are captured,
// the same as their JSON-LD twins through trace.event.hash.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "epcis_xml.hpp"
#include "test_files.hpp"
#include "testkit.hpp"

using lienket::trace::testing::lines_of;
using lienket::trace::testing::slurp;

using lienket::testkit::expect_error;
using lienket::testkit::Node;
using lienket::testkit::ok;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kData = TRACE_TEST_DATA;

std::vector<fs::path> xml_files(const fs::path& dir) {
  return lienket::trace::testing::files_with(dir, {".xml"});
}

void check_contract(Node& node) {
  auto v = lienket::testkit::contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

}  // namespace

TEST_CASE("EPCIS 2.0 XML through the node") {
  Node node;
  int captured = 0;
  for (const auto& path : xml_files(kData / "epcis/xml/examples")) {
    std::string xml = slurp(path);
    // Capture jobs are the REST binding's answers, the master-data example needs another schema.
    if (!lienket::trace::validate_epcis_xml(xml).ok() ||
        xml.find("EPCISCaptureJob") != std::string::npos)
      continue;
    INFO(path.filename().string());
    auto r = ok(node.call("trace.event.capture", {{"xml", xml}}));
    // masterdata_all_possible_fields.xml carries master data only: no events.
    CHECK(r["events"].size() ==
          (*lienket::trace::epcis_xml_to_json(xml))["epcisBody"]["eventList"].size());
    ++captured;
  }
  CHECK(captured == 28);

  SECTION("the master data an XML document declares is kept and served") {
    // masterdata_all_possible_fields.xml: BusinessLocation, ReadPoint and EPCClass elements with
    // attributes of every kind (text, elements) and children.
    std::string xml = slurp(kData /
                            "epcis/xml/examples/WithFullCombinationOfFields/"
                            "masterdata_all_possible_fields.xml");
    auto doc = lienket::trace::epcis_xml_to_json(xml);
    REQUIRE(doc.ok());
    const json& declared = (*doc)["epcisHeader"]["epcisMasterData"]["vocabularyList"];
    REQUIRE(declared.size() >= 2);
    std::size_t elements = 0;
    for (const auto& v : declared) elements += v["vocabularyElementList"].size();
    auto all = ok(node.call("trace.masterdata.query", json::object()))["vocabularyList"];
    std::size_t served = 0;
    for (const auto& v : all)
      for (const auto& e : v["vocabularyElementList"])
        for (const auto& d : declared)
          if (d["type"] == v["type"])
            for (const auto& de : d["vocabularyElementList"])
              if (de["id"] == e["id"]) {
                ++served;
                CHECK(e.value("attributes", json::array()).size() ==
                      de.value("attributes", json::array()).size());
              }
    CHECK(served == elements);
    // The header survives the way back to XML and validates.
    std::string again = lienket::trace::epcis_json_to_xml(*doc);
    auto st = lienket::trace::validate_epcis_xml(again);
    INFO(st.message() << "\n" << again.substr(0, 3000));
    CHECK(st.ok());
    auto reread = lienket::trace::epcis_xml_to_json(again);
    REQUIRE(reread.ok());
    CHECK((*reread)["epcisHeader"] == (*doc)["epcisHeader"]);
  }

  SECTION("a malformed vocabulary is refused, naming the field, and nothing is kept") {
    json doc = {{"@context",
                 json::array({"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"})},
                {"type", "EPCISDocument"},
                {"schemaVersion", "2.0"},
                {"creationDate", "2026-11-30T08:00:00Z"},
                {"epcisHeader",
                 {{"epcisMasterData",
                   {{"vocabularyList",
                     json::array({{{"type", "urn:epcglobal:epcis:vtype:BusinessLocation"},
                                   {"vocabularyElementList",
                                    json::array({{{"id", "urn:epc:id:sgln:9520123.00001.0"}},
                                                 {{"attributes", json::array()}}})}}})}}}}},
                {"epcisBody", {{"eventList", json::array()}}}};
    expect_error(node.call("trace.event.capture", {{"document", doc}}), "invalid_argument",
                 "body.document.epcisHeader.epcisMasterData.vocabularyList.0."
                 "vocabularyElementList.1.id");
    auto md =
        ok(node.call("trace.masterdata.query", {{"EQ_name", {"urn:epc:id:sgln:9520123.00001.0"}}}));
    CHECK(md["vocabularyList"].empty());
  }

  SECTION("the XML export of every stored event validates against GS1's XSD") {
    auto exp =
        ok(node.call("trace.export.epcis", {{"query", {{"limit", 10000}}}, {"format", "xml"}}));
    CHECK(exp["format"] == "xml");
    std::string xml = exp["xml"];
    auto st = lienket::trace::validate_epcis_xml(xml);
    INFO(st.message());
    CHECK(st.ok());
    auto back = lienket::trace::epcis_xml_to_json(xml);
    REQUIRE(back.ok());
    CHECK((*back)["epcisBody"]["eventList"].size() ==
          exp["document"]["epcisBody"]["eventList"].size());
  }

  SECTION("the reference documents in XML are captured under the reference hashes") {
    int events = 0;
    for (const auto& path : xml_files(kData / "event-hash/examples")) {
      std::string xml = slurp(path);
      if (!lienket::trace::validate_epcis_xml(xml).ok()) continue;  // hashed, not captured
      INFO(path.filename().string());
      auto hashes = lines_of(fs::path(path).replace_extension(".hashes"));
      auto cap = ok(node.call("trace.event.capture", {{"xml", xml}}));
      REQUIRE(cap["events"].size() == hashes.size());
      for (std::size_t i = 0; i < hashes.size(); ++i, ++events)
        CHECK(cap["events"][i]["hash"] == hashes[i]);
      // The same events in JSON-LD, where the reference has them, hash the same.
      fs::path twin = fs::path(path).replace_extension(".jsonld");
      if (!fs::exists(twin)) continue;
      auto h = ok(node.call("trace.event.hash", {{"document", json::parse(slurp(twin))}}));
      REQUIRE(h["events"].size() == hashes.size());
      for (std::size_t i = 0; i < hashes.size(); ++i)
        CHECK(h["events"][i]["hash"] == cap["events"][i]["hash"]);
    }
    CHECK(events >= 20);
  }

  SECTION("trace.event.hash reads XML: the reference documents' pre-hash strings and hashes") {
    int events = 0;
    for (const auto& path : xml_files(kData / "event-hash/examples")) {
      INFO(path.filename().string());
      auto hashes = lines_of(fs::path(path).replace_extension(".hashes"));
      auto prehashes = lines_of(fs::path(path).replace_extension(".prehashes"));
      auto h = ok(node.call("trace.event.hash", {{"xml", slurp(path)}}));
      REQUIRE(h["events"].size() == hashes.size());
      for (std::size_t i = 0; i < hashes.size(); ++i, ++events) {
        CHECK(h["events"][i]["hash"] == hashes[i]);
        if (i < prehashes.size()) CHECK(h["events"][i]["prehash"] == prehashes[i]);
      }
    }
    CHECK(events >= 30);
    expect_error(node.call("trace.event.hash", {{"xml", "<a"}}), "invalid_argument", "body.xml");
  }

  SECTION("bad XML is refused naming body.xml and the line") {
    expect_error(node.call("trace.event.capture", {{"xml", "<epcis:EPCISDocument"}}),
                 "invalid_argument", "body.xml");
    expect_error(node.call("trace.event.capture", {{"xml", 42}}), "invalid_argument", "body.xml");
    expect_error(node.call("trace.export.epcis", {{"lot", "X"}, {"format", "csv"}}),
                 "invalid_argument", "body.format");
  }
  check_contract(node);
}
