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
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".xml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
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
