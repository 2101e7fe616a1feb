// Validation of EPCIS 2.0 events: what the standard allows is accepted, the rest refused with the
// field named.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "epcis_validator.hpp"

using nlohmann::json;
using namespace lienket::trace;

namespace {
json good_event() {
  return json::parse(
      R"({"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","disposition":"active",
    "eventTime":"2026-03-01T08:00:00.000+07:00","eventTimeZoneOffset":"+07:00",
    "epcList":[], "quantityList":[{"epcClass":"https://id.gs1.org/01/09520123456788/10/TN-01","quantity":1200,"uom":"KGM"}],
    "readPoint":{"id":"geo:21.29,105.05"}, "bizLocation":{"id":"urn:lienket:plot:p1"},
    "ilmd":{"lk:plot":"p1"}})");
}
std::string field_of(const json& ev) { return validate_event(ev, "body.event").field(); }
}  // namespace

TEST_CASE("EPCIS event validation") {
  SECTION("a well-formed harvest event is accepted") {
    CHECK(validate_event(good_event(), "body.event").ok());
  }
  SECTION("bizStep and disposition accept CBV names, URNs, web URIs and private URIs") {
    for (std::string v :
         {"shipping", "urn:epcglobal:cbv:bizstep:shipping",
          "https://ref.gs1.org/cbv/BizStep-shipping", "https://lienket.vn/epcis/bizstep/diary"}) {
      json ev = good_event();
      ev["bizStep"] = v;
      CHECK(validate_event(ev, "body.event").ok());
    }
  }
  SECTION("an unknown bizStep is refused, naming the field") {
    json ev = good_event();
    ev["bizStep"] = "harvesting";
    CHECK(field_of(ev) == "body.event.bizStep");
    ev["bizStep"] = "urn:epcglobal:cbv:bizstep:harvesting";
    CHECK(field_of(ev) == "body.event.bizStep");
  }
  SECTION("an unknown disposition is refused") {
    json ev = good_event();
    ev["disposition"] = "fresh";
    CHECK(field_of(ev) == "body.event.disposition");
  }
  SECTION("the event type is one of the five, or an extension type named by a prefix or URI") {
    json ev = good_event();
    ev["type"] = "HarvestEvent";
    CHECK(field_of(ev) == "body.event.type");
    for (const char* t : {"example:CustomEvent", "https://ns.example.com/epcis/HarvestEvent"}) {
      ev["type"] = t;
      CHECK(validate_event(ev, "body.event").ok());
    }
  }
  SECTION("an extension event needs only eventTime and its offset; standard fields are checked") {
    json ev = {{"type", "example:CustomEvent"},
               {"eventTime", "2005-04-03T20:33:31.116000-06:00"},
               {"eventTimeZoneOffset", "-06:00"}};
    CHECK(validate_event(ev, "body.event").ok());
    ev["bizStep"] = "harvesting";
    CHECK(field_of(ev) == "body.event.bizStep");
    ev.erase("bizStep");
    ev["action"] = "CREATE";
    CHECK(field_of(ev) == "body.event.action");
    ev.erase("action");
    ev["colour"] = "green";
    CHECK(field_of(ev) == "body.event.colour");
  }
  SECTION("action must be ADD, OBSERVE or DELETE") {
    json ev = good_event();
    ev["action"] = "CREATE";
    CHECK(field_of(ev) == "body.event.action");
    ev.erase("action");
    CHECK(field_of(ev) == "body.event.action");
  }
  SECTION("eventTime must be a date-time and eventTimeZoneOffset an offset") {
    json ev = good_event();
    ev["eventTime"] = "2026-03-01 08:00";
    CHECK(field_of(ev) == "body.event.eventTime");
    ev = good_event();
    for (std::string bad : {"+7:00", "07:00", "+25:00", "Z", "+07:60"}) {
      ev["eventTimeZoneOffset"] = bad;
      CHECK(field_of(ev) == "body.event.eventTimeZoneOffset");
    }
  }
  SECTION("quantity elements need an epcClass, a non-negative quantity and a UN/CEFACT unit") {
    json ev = good_event();
    ev["quantityList"][0]["uom"] = "kg";
    CHECK(field_of(ev) == "body.event.quantityList[0].uom");
    ev = good_event();
    ev["quantityList"][0]["quantity"] = -1;
    CHECK(field_of(ev) == "body.event.quantityList[0].quantity");
    ev = good_event();
    ev["quantityList"][0].erase("epcClass");
    CHECK(field_of(ev) == "body.event.quantityList[0].epcClass");
  }
  SECTION("readPoint and bizLocation are {id: URI}; geo URIs must hold valid coordinates") {
    json ev = good_event();
    ev["readPoint"] = "urn:epc:id:sgln:0614141.07346.1234";
    CHECK(field_of(ev) == "body.event.readPoint");
    ev = good_event();
    ev["readPoint"]["id"] = "geo:121.3,105";
    CHECK(field_of(ev) == "body.event.readPoint.id");
    ev = good_event();
    ev["bizLocation"] = json::object();
    CHECK(field_of(ev) == "body.event.bizLocation.id");
  }
  SECTION("ilmd is only allowed when objects are created (ADD)") {
    json ev = good_event();
    ev["action"] = "OBSERVE";
    CHECK(field_of(ev) == "body.event.ilmd");
  }
  SECTION("unprefixed unknown fields are refused; prefixed extensions are kept") {
    json ev = good_event();
    ev["harvestDate"] = "2026-03-01";
    CHECK(field_of(ev) == "body.event.harvestDate");
    ev.erase("harvestDate");
    ev["lk:harvestDate"] = "2026-03-01";
    CHECK(validate_event(ev, "body.event").ok());
  }
  SECTION("a TransactionEvent needs its business transactions") {
    json ev = json::parse(
        R"({"type":"TransactionEvent","action":"ADD","eventTime":"2026-03-01T08:00:00+07:00",
      "eventTimeZoneOffset":"+07:00","epcList":["urn:epc:id:sgtin:0614141.107346.2017"]})");
    CHECK(field_of(ev) == "body.event.bizTransactionList");
  }
  SECTION("documents name the failing event by its index") {
    json doc{{"@context", "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"},
             {"type", "EPCISDocument"},
             {"schemaVersion", "2.0"},
             {"creationDate", "2026-03-01T08:00:00Z"},
             {"epcisBody", {{"eventList", json::array({good_event(), good_event()})}}}};
    CHECK(validate_document(doc, "body.document").ok());
    doc["epcisBody"]["eventList"][1]["bizStep"] = "harvesting";
    CHECK(validate_document(doc, "body.document").field() ==
          "body.document.epcisBody.eventList[1].bizStep");
  }
  SECTION("a document whose type is not a string is refused, naming it (found by epcis_fuzz)") {
    json doc{{"type", {{"id", "urn:epc:id:sgln:0614141.07346.1234"}}}};
    CHECK(validate_document(doc, "body.document").field() == "body.document.type");
  }
}

// Four of the standard's examples are rejected by its own JSON schema as well (checked with
// python3-jsonschema: schemaVersion a number or missing, a sourceList that is not a list, ilmd on
// an OBSERVE event); the validator must refuse exactly those.
bool schema_invalid_example(const std::string& path) {
  for (const char* f :
       {"simple-context/Example-TransactionEvents-2020_07_03y.jsonld",
        "simple-context/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld",
        "simple-context/WithSensorData/SensorDataExample12.jsonld",
        "simple-context/WithSensorData/SensorDataExample17.jsonld"})
    if (path.size() >= std::strlen(f) &&
        path.compare(path.size() - std::strlen(f), std::string::npos, f) == 0)
      return true;
  return false;
}

TEST_CASE("the events of GS1's schema tests are accepted, the extension event type included") {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto& entry :
       fs::directory_iterator(std::string(TRACE_TEST_DATA) + "/epcis/examples/schema-test")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    json ev = json::parse(in, nullptr, false);
    INFO(entry.path().string());
    REQUIRE_FALSE(ev.is_discarded());
    auto st = validate_event(ev, "event");
    INFO(st.message());
    CHECK(st.ok());
    ++checked;
  }
  CHECK(checked == 5);
}

TEST_CASE(
    "the standard's own example documents: valid ones accepted, schema-invalid ones refused") {
  namespace fs = std::filesystem;
  int checked = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(std::string(TRACE_TEST_DATA) + "/epcis/examples")) {
    auto path = entry.path().string();
    if (entry.path().extension() != ".jsonld" || path.find("schema-test") != std::string::npos ||
        path.find("EPCISQueryDocument") != std::string::npos)
      continue;
    std::ifstream in(path);
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded()) continue;  // one example carries comments; it is not JSON
    INFO(path);
    auto st = validate_document(doc, "document");
    INFO(st.message());
    CHECK(st.ok() != schema_invalid_example(path));
    ++checked;
  }
  CHECK(checked > 40);
}
