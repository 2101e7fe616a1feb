// EPCIS 2.0 XML over the REST binding (docs/epcis-rest.md, "XML"), against a running node over
// real HTTP: GS1's XML examples captured with POST /epcis/capture (application/xml), queried back
// with Accept: application/xml as an EPCISQueryDocument that validates against GS1's XSD, the same
// events in XML and in JSON-LD under the same event hash, one event posted and fetched in XML, a
// capture job and a problem in XML, and the content negotiation.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <algorithm>
#include <filesystem>

#include "epcis_client.hpp"
#include "epcis_xml.hpp"
#include "event_hash.hpp"
#include "test_files.hpp"
#include "testkit.hpp"

using lienket::testkit::api_token;
using lienket::testkit::Node;
using lienket::trace::epcis_xml_to_json;
using lienket::trace::validate_epcis_xml;
using lienket::trace::testing::encode;
using lienket::trace::testing::slurp;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kExamples = fs::path(TRACE_TEST_DATA) / "epcis/xml/examples";

// GS1's XML examples that hold events the node takes (the XSD-valid EPCISDocuments).
std::vector<fs::path> event_documents() {
  std::vector<fs::path> out;
  for (const auto& path : lienket::trace::testing::files_with(kExamples, {".xml"})) {
    std::string xml = slurp(path);
    if (xml.find("EPCISCaptureJob") != std::string::npos || !validate_epcis_xml(xml).ok()) continue;
    auto doc = epcis_xml_to_json(xml);
    if (doc.ok() && !(*doc)["epcisBody"]["eventList"].empty()) out.push_back(path);
  }
  return out;
}

class Http {
 public:
  Http(Node& node, const std::string& token) : client_(node.http_url()) {
    client_.set_url_encode(false);
    auth_ = {{"Authorization", "Bearer " + token}};
  }
  httplib::Result get(const std::string& target, const std::string& accept,
                      const httplib::Headers& extra = {}) {
    auto h = auth_;
    h.emplace("Accept", accept);
    h.insert(extra.begin(), extra.end());
    return client_.Get(target.c_str(), h);
  }
  httplib::Result post(const std::string& target, const std::string& body,
                       const std::string& type) {
    return client_.Post(target.c_str(), auth_, body, type.c_str());
  }

 private:
  httplib::Client client_;
  httplib::Headers auth_;
};

json events_of(const json& query_document) {
  return query_document["epcisBody"]["queryResults"]["resultsBody"]["eventList"];
}

// An XML answer that validates against GS1's XSD, read back as JSON-LD.
json valid_xml(const httplib::Result& r) {
  REQUIRE(r);
  INFO(r->body.substr(0, 2000));
  REQUIRE(r->status < 300);
  CHECK(r->get_header_value("Content-Type") == "application/xml");
  auto st = validate_epcis_xml(r->body);
  INFO(st.message());
  REQUIRE(st.ok());
  auto doc = epcis_xml_to_json(r->body);
  REQUIRE(doc.ok());
  return *doc;
}

}  // namespace

TEST_CASE("EPCIS 2.0 XML over the REST binding") {
  Node node;
  Http admin(node, api_token(node, ""));  // an admin records without custody
  std::size_t captured = 0;
  for (const auto& path : event_documents()) {
    INFO(path.filename().string());
    auto r = admin.post("/epcis/capture", slurp(path), "application/xml");
    REQUIRE(r);
    REQUIRE(r->status == 202);
    auto job = admin.get(r->get_header_value("Location"), "application/json");
    REQUIRE(job);
    json j = json::parse(job->body);
    INFO(j.dump());
    REQUIRE(j["success"] == true);
    captured += (*epcis_xml_to_json(slurp(path)))["epcisBody"]["eventList"].size();
  }
  REQUIRE(captured >= 20);

  SECTION("a query answers XML that validates, and the same events as in JSON-LD") {
    json in_xml = valid_xml(admin.get("/epcis/events?perPage=1000", "application/xml"));
    CHECK(in_xml["type"] == "EPCISQueryDocument");
    CHECK(in_xml["epcisBody"]["queryResults"]["queryName"] == "SimpleEventQuery");
    auto js = admin.get("/epcis/events?perPage=1000", "application/ld+json");
    REQUIRE(js);
    json in_json = json::parse(js->body);
    // Some examples repeat another's events: those are stored once.
    REQUIRE(events_of(in_json).size() >= 20);
    REQUIRE(events_of(in_xml).size() == events_of(in_json).size());
    // Each event keeps its EPCIS event hash from JSON-LD to XML and back.
    for (std::size_t i = 0; i < events_of(in_json).size(); ++i) {
      const json& x = events_of(in_xml)[i];
      const json& j = events_of(in_json)[i];
      INFO(j.dump());
      CHECK(lienket::trace::event_hash_id(x, in_xml["@context"]) ==
            lienket::trace::event_hash_id(j, in_json["@context"]));
    }
  }

  SECTION("Accept chooses by q-value; JSON when both are equal") {
    auto prefer_json = admin.get("/epcis/events?perPage=1", "application/xml;q=0.5, */*");
    REQUIRE(prefer_json);
    CHECK(prefer_json->get_header_value("Content-Type") == "application/ld+json");
    auto prefer_xml = admin.get("/epcis/events?perPage=1", "application/json;q=0.2, text/xml");
    valid_xml(prefer_xml);
    CHECK(prefer_xml->get_header_value("GS1-EPCIS-Version") == "2.0.0");
    auto neither = admin.get("/epcis/events", "text/html");
    REQUIRE(neither);
    CHECK(neither->status == 406);
  }

  SECTION("GS1-CBV-XML-Format: CBV values as URNs by default, or as web URIs") {
    auto urn = admin.get("/epcis/events?perPage=1000&EQ_bizStep=receiving", "application/xml");
    valid_xml(urn);
    CHECK(urn->body.find("<bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>") !=
          std::string::npos);
    auto web = admin.get("/epcis/events?perPage=1000&EQ_bizStep=receiving", "application/xml",
                         {{"GS1-CBV-XML-Format", "Always_Web_URI"}});
    valid_xml(web);
    CHECK(web->body.find("<bizStep>https://ref.gs1.org/cbv/BizStep-receiving</bizStep>") !=
          std::string::npos);
    CHECK(web->body.find("urn:epcglobal:cbv:bizstep:") == std::string::npos);
    auto bad = admin.get("/epcis/events", "application/xml", {{"GS1-CBV-XML-Format", "Sometimes"}});
    REQUIRE(bad);
    CHECK(bad->status == 406);
  }

  SECTION("problems in XML: the XSD's EPCISException") {
    auto r = admin.get("/epcis/events?EQ_action=JUMP", "application/xml");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->get_header_value("Content-Type") == "application/problem+xml");
    INFO(r->body);
    CHECK(validate_epcis_xml(r->body).ok());
    CHECK(r->body.find("epcisException:QueryParameterException") != std::string::npos);
  }
}

TEST_CASE("EPCIS 2.0 XML over the REST binding: one event, capture jobs") {
  Node node;
  lienket::testkit::register_tea_market(node, "09520123456788");
  Http coop(node, api_token(node, "htx-thanhnam"));
  const std::string one = R"(<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
    creationDate="2026-11-30T08:00:00Z">
  <EPCISBody><EventList><ObjectEvent>
    <eventTime>2026-11-30T08:00:00+07:00</eventTime>
    <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
    <epcList/>
    <action>ADD</action>
    <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
    <quantityList><quantityElement>
      <epcClass>urn:epc:class:lgtin:9520123.045678.TN-XML</epcClass>
      <quantity>600</quantity><uom>KGM</uom>
    </quantityElement></quantityList>
  </ObjectEvent></EventList></EPCISBody>
</epcis:EPCISDocument>)";

  SECTION("POST /epcis/events takes a document of one event; GET answers it in XML") {
    auto r = coop.post("/epcis/events", one, "application/xml");
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 201);
    std::string location = r->get_header_value("Location");
    REQUIRE(location.rfind("/epcis/events/", 0) == 0);
    json back =
        valid_xml(coop.get("/epcis/events/" + encode(location.substr(14)), "application/xml"));
    REQUIRE(events_of(back).size() == 1);
    CHECK(events_of(back)[0]["quantityList"][0]["quantity"] == 600);
    auto again = coop.post("/epcis/events", one, "application/xml");
    REQUIRE(again);
    CHECK(again->status == 409);

    std::string two = one;
    auto at = two.find("<ObjectEvent>");
    auto end = two.find("</ObjectEvent>") + std::string("</ObjectEvent>").size();
    two.insert(end, two.substr(at, end - at));
    auto both = coop.post("/epcis/events", two, "application/xml");
    REQUIRE(both);
    CHECK(both->status == 400);
    CHECK(both->body.find("one event") != std::string::npos);
  }

  SECTION("a capture job in XML, with the errors of an XML document the XSD refuses") {
    std::string bad = one;
    bad.replace(bad.find("<action>ADD</action>"), 20, "<action>JUMP</action>");
    auto r = coop.post("/epcis/capture", bad, "application/xml");
    REQUIRE(r);
    REQUIRE(r->status == 202);
    auto job = coop.get(r->get_header_value("Location"), "application/xml");
    REQUIRE(job);
    INFO(job->body);
    CHECK(job->get_header_value("Content-Type") == "application/xml");
    CHECK(validate_epcis_xml(job->body).ok());
    CHECK(job->body.find("success=\"false\"") != std::string::npos);
    CHECK(job->body.find("epcisException:ValidationException") != std::string::npos);
    CHECK(job->body.find("action") != std::string::npos);  // the XSD's complaint names it
  }
}
