// The trace plugin inside a real `lienket node`: capture, every query, verify, the export validated
// against GS1's JSON schema, QR codes decoded back, and the public page over HTTP and in headless
// Chromium. Tools from Debian (python3-jsonschema, chromium, zbar-tools) are used when installed;
// a missing one makes its check SKIP with a message saying which package to install.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "contract.hpp"
#include "epcis_xml.hpp"
#include "handlers.hpp"
#include "schema_check.hpp"
#include "test_files.hpp"
#include "testkit.hpp"

using lienket::trace::testing::lines_of;

using lienket::testkit::expect_error;
using lienket::testkit::Node;
using lienket::testkit::ok;
using nlohmann::json;

namespace {

const std::string kGtin = "09520123456788";
const std::string kLot = "https://id.gs1.org/01/" + kGtin + "/10/";
const std::string kContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
namespace fs = std::filesystem;

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    int st = pclose(p);
    if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

fs::path artifacts() {
  fs::path dir = fs::current_path() / "trace-artifacts";
  fs::create_directories(dir);
  return dir;
}

// GS1's schema on `document`, written to the artifacts as `name`: 0 valid, 1 not, 77 skipped.
int schema_check(const json& document, const std::string& name) {
  auto file = artifacts() / name;
  std::ofstream(file) << document.dump(2);
  auto verdict = lienket::trace::testing::gs1_schema_check({file});
  INFO(verdict.output);
  return verdict.status;
}

json quantity(const std::string& lot, int kg) {
  return {{"epcClass", kLot + lot}, {"quantity", kg}, {"uom", "KGM"}};
}

json harvest(const std::string& lot, const std::string& plot, const std::string& household,
             double lat, double lon) {
  return {{"type", "ObjectEvent"},
          {"action", "ADD"},
          {"bizStep", "commissioning"},
          {"disposition", "active"},
          {"eventTime", "2026-03-01T07:00:00.000+07:00"},
          {"eventTimeZoneOffset", "+07:00"},
          {"epcList", json::array()},
          {"quantityList", json::array({quantity(lot, 600)})},
          {"readPoint", {{"id", "geo:" + std::to_string(lat) + "," + std::to_string(lon)}}},
          {"bizLocation", {{"id", "urn:lienket:plot:" + plot}}},
          {"ilmd",
           {{"lk:plot", plot},
            {"lk:household", household},
            {"lk:householdName", "Hộ " + household},
            {"lk:lat", lat},
            {"lk:lon", lon},
            {"lk:harvestDate", "2026-03-01"},
            {"lk:product", "tea-thanhnam-green"},
            {"lk:cooperative", "htx-thanhnam"}}}};
}

json document(const json& events) {
  return {{"@context", json::array({kContext, {{"lk", "https://lienket.vn/epcis/"}}})},
          {"type", "EPCISDocument"},
          {"schemaVersion", "2.0"},
          {"creationDate", "2026-03-01T08:00:00.000+07:00"},
          {"epcisBody", {{"eventList", events}}}};
}

// Thanh Nam tea: two plots' harvests blended and dried into lot TN-DRY, packed into a case, shipped
// to the Tan Hiep enterprise and received there.
void capture_tea_chain(Node& node) {
  json events = json::array();
  events.push_back(harvest("TN-H1", "tn-plot-1", "hh-01", 21.2901, 105.0502));
  events.push_back(harvest("TN-H2", "tn-plot-2", "hh-02", 21.2921, 105.0531));
  events.push_back(
      {{"type", "TransformationEvent"},
       {"bizStep", "https://lienket.vn/epcis/bizstep/drying"},
       {"eventTime", "2026-03-02T09:00:00.000+07:00"},
       {"eventTimeZoneOffset", "+07:00"},
       {"inputQuantityList", json::array({quantity("TN-H1", 600), quantity("TN-H2", 600)})},
       {"outputQuantityList", json::array({quantity("TN-DRY", 240)})}});
  events.push_back({{"type", "AggregationEvent"},
                    {"action", "ADD"},
                    {"bizStep", "packing"},
                    {"eventTime", "2026-03-03T09:00:00.000+07:00"},
                    {"eventTimeZoneOffset", "+07:00"},
                    {"parentID", "urn:epc:id:sscc:0952012.0000000001"},
                    {"childQuantityList", json::array({quantity("TN-DRY", 240)})}});
  events.push_back(
      {{"type", "ObjectEvent"},
       {"action", "OBSERVE"},
       {"bizStep", "shipping"},
       {"disposition", "in_transit"},
       {"eventTime", "2026-03-04T09:00:00.000+07:00"},
       {"eventTimeZoneOffset", "+07:00"},
       {"epcList", {"urn:epc:id:sscc:0952012.0000000001"}},
       {"sourceList",
        json::array({{{"type", "owning_party"}, {"source", "urn:lienket:party:htx-thanhnam"}}})},
       {"destinationList", json::array({{{"type", "owning_party"},
                                         {"destination", "urn:lienket:party:dn-tanhiep"}}})}});
  auto r = ok(node.call("trace.event.capture", {{"document", document(events)}}, "htx-thanhnam"));
  REQUIRE(r["stored"] == 5);
}

// The contract test (tests/support/testkit.hpp): every successful call's body and result and every
// event's data so far, checked against the schemas the node declares.
void check_contract(Node& node) {
  auto v = lienket::testkit::contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

bool plugin_built(const char* name) {
  return fs::exists(fs::path(lienket::testkit::plugin_dir()) /
                    (std::string("liblienket_") + name + ".so"));
}

}  // namespace

TEST_CASE("trace plugin in a running node") {
  Node node;  // the page is on the node's HTTP server, at a free port (node.http_url())
  register_tea_market(node, kGtin);
  capture_tea_chain(node);

  SECTION("capture refuses a schema-invalid event by field and stores nothing") {
    json bad = harvest("TN-X", "p", "h", 21, 105);
    bad["bizStep"] = "harvesting";
    expect_error(node.call("trace.event.capture", {{"event", bad}}), "invalid_argument",
                 "body.event.bizStep");
    bad["bizStep"] = "commissioning";
    bad["eventTimeZoneOffset"] = "+07";
    expect_error(node.call("trace.event.capture", {{"event", bad}}), "invalid_argument",
                 "body.event.eventTimeZoneOffset");
    auto q = ok(node.call("trace.events.query", {{"limit", 100}}));
    CHECK(q["events"].size() == 5);
  }

  SECTION("verify reports an intact chain, also after a restart") {
    auto v = ok(node.call("trace.verify"));
    CHECK(v["ok"] == true);
    CHECK(v["events"] == 5);
    node.stop();
    node.start();
    auto again = ok(node.call("trace.verify"));
    CHECK(again["ok"] == true);
    CHECK(again["head"] == v["head"]);
  }

  SECTION("back, forward and recall follow the genealogy") {
    auto back = ok(node.call("trace.lot.back", {{"lot", "urn:epc:id:sscc:0952012.0000000001"}}));
    CHECK(back["nodes"].size() == 4);
    CHECK(back["households"] == json::array({"hh-01", "hh-02"}));
    auto fwd = ok(node.call("trace.lot.forward", {{"lot", "TN-H2"}}));
    CHECK(fwd["nodes"].size() == 3);
    REQUIRE(fwd["receivers"].size() == 1);
    auto recall = ok(node.call("trace.recall", {{"plot", "tn-plot-1"}}));
    REQUIRE(recall["parties"].size() == 1);
    CHECK(recall["parties"][0]["party_id"] == "dn-tanhiep");
    expect_error(node.call("trace.lot.back", {{"lot", "NO-SUCH-LOT"}}), "not_found", "body.lot");
  }

  SECTION("events.query pages by cursor") {
    auto p1 = ok(node.call("trace.events.query", {{"limit", 3}}));
    REQUIRE(p1["events"].size() == 3);
    auto p2 = ok(node.call("trace.events.query", {{"limit", 3}, {"after", p1["next_after"]}}));
    CHECK(p2["events"].size() == 2);
    auto ship = ok(node.call("trace.events.query", {{"bizStep", "shipping"}}));
    CHECK(ship["events"].size() == 1);
  }

  SECTION("the export validates against GS1's EPCIS 2.0 JSON schema") {
    auto exp = ok(node.call("trace.export.epcis", {{"lot", "TN-DRY"}}));
    CHECK(exp["document"]["epcisBody"]["eventList"].size() == 5);
    int status = schema_check(exp["document"], "export-TN-DRY.json");
    if (status == 77)
      WARN("SKIPPED schema check: apt-get install python3-jsonschema");
    else
      CHECK(status == 0);
  }

  SECTION("trace.qr gives the lot's Digital Link and an SVG that decodes back to it") {
    auto qr = ok(node.call("trace.qr", {{"lot", "TN-DRY"}}));
    std::string uri = qr["uri"];
    CHECK(uri == node.http_url() + "/01/" + kGtin + "/10/TN-DRY");
    auto svg = artifacts() / "qr-TN-DRY.svg";
    std::ofstream(svg) << qr["svg"].get<std::string>();
    if (!have("chromium") || !have("zbarimg")) {
      WARN("SKIPPED QR decode: apt-get install chromium zbar-tools");
    } else {
      auto shot = artifacts() / "qr-TN-DRY.png";
      run("chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=600,600 "
          "--screenshot='" +
          shot.string() + "' 'file://" + svg.string() + "' 2>/dev/null");
      CHECK(run("zbarimg --quiet --raw '" + shot.string() + "'") == uri);
    }
    expect_error(node.call("trace.qr", {{"lot", "TN-DRY"}, {"format", "gif"}}), "invalid_argument",
                 "body.format");
  }

  SECTION("lienket trace qr writes the lot's QR code as SVG or PNG") {
    const std::string cli = lienket::testkit::lienket_binary() + " --endpoint " +
                            node.request_endpoint() + " trace qr TN-DRY --out ";
    const std::string uri = node.http_url() + "/01/" + kGtin + "/10/TN-DRY";
    auto svg = artifacts() / "cli-TN-DRY.svg", png = artifacts() / "cli-TN-DRY.png";
    int status = -1;
    CHECK(run(cli + "'" + svg.string() + "'", &status) == svg.string() + ": " + uri);
    CHECK(status == 0);
    // The test node's resolver is its loopback address: the command says so.
    CHECK(run(cli + "'" + svg.string() + "' 2>&1 >/dev/null")
              .find("a phone that scans the printed code will not open the page") !=
          std::string::npos);
    std::stringstream text;
    text << std::ifstream(svg).rdbuf();
    CHECK(text.str() == ok(node.call("trace.qr", {{"lot", "TN-DRY"}}))["svg"]);
    CHECK(run(cli + "'" + png.string() + "'", &status) == png.string() + ": " + uri);
    CHECK(status == 0);
    if (have("zbarimg")) CHECK(run("zbarimg --quiet --raw '" + png.string() + "'") == uri);
    run(cli + "qr.gif 2>&1", &status);
    CHECK(status == 2);
    run(lienket::testkit::lienket_binary() + " --endpoint " + node.request_endpoint() +
            " trace qr NO-SUCH-LOT --out x.svg 2>&1",
        &status);
    CHECK(status == 1);
  }

  SECTION("the public page serves HTML, JSON and a 404") {
    httplib::Client http(node.http_url());
    auto page = http.Get("/01/" + kGtin + "/10/TN-DRY");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(page->get_header_value("Vary") == "Accept, Accept-Language");  // one URL, two languages
    CHECK(page->body.find("Chè xanh Thanh Nam") != std::string::npos);
    CHECK(page->body.find("HTX Chè Thanh Nam") != std::string::npos);
    CHECK(page->body.find("<html lang=\"vi\">") != std::string::npos);
    CHECK(page->body.find("<div id=\"map\"") != std::string::npos);
    CHECK(page->body.find("/vendor/leaflet/leaflet.min.js") != std::string::npos);
    CHECK(page->body.find("<meta property=\"og:title\" content=\"Chè xanh Thanh Nam – lô "
                          "TN-DRY\">") != std::string::npos);
    CHECK(page->body.find("<meta property=\"og:url\" content=\"" + node.http_url() + "/01/" +
                          kGtin + "/10/TN-DRY\">") != std::string::npos);
    CHECK(page->body.find("Dữ liệu đã được xác minh") != std::string::npos);
    CHECK(page->body.find("<b>Phơi/sấy</b> · 240 kg") != std::string::npos);
    CHECK(page->body.find("01/03/2026</time><b>Thu hoạch</b> · 600 kg") != std::string::npos);
    CHECK(page->body.find("<b>Đóng gói</b>") != std::string::npos);
    CHECK(page->body.find("Từ HTX Chè Thanh Nam đến Công ty CP Chè Tân Hiệp") != std::string::npos);
    CHECK(page->body.find("hộ hh-01") != std::string::npos);
    CHECK(page->body.find("hộ Hộ") == std::string::npos);
    CHECK(page->body.find("tạo lô") == std::string::npos);
    auto english = http.Get("/01/" + kGtin + "/10/TN-DRY", {{"Accept-Language", "en-US,en"}});
    REQUIRE(english);
    CHECK(english->body.find("<html lang=\"en\">") != std::string::npos);
    CHECK(english->body.find("<b>Drying</b> · 240 kg") != std::string::npos);
    CHECK(english->body.find("Phơi/sấy") == std::string::npos);
    auto as_json = http.Get("/01/" + kGtin + "/10/TN-DRY", {{"Accept", "application/json"}});
    REQUIRE(as_json);
    auto j = json::parse(as_json->body);
    CHECK(j["product"]["ocop_stars"] == 4);
    CHECK(j["plots"].size() == 2);
    CHECK(j["certifications"] == json::array({"VietGAP"}));
    CHECK(j["custody"].size() >= 4);
    CHECK(j["verified"]["ok"] == true);
    auto link_type = http.Get("/01/" + kGtin + "/10/TN-DRY?linkType=gs1:traceability");
    REQUIRE(link_type);
    CHECK(json::parse(link_type->body)["lot"] == "TN-DRY");
    auto missing = http.Get("/01/" + kGtin + "/10/NO-SUCH");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("Không tìm thấy") != std::string::npos);
    auto missing_en = http.Get("/01/" + kGtin + "/10/NO-SUCH?lang=en");
    REQUIRE(missing_en);
    CHECK(missing_en->status == 404);
    CHECK(missing_en->body.find("<html lang=\"en\">") != std::string::npos);
    CHECK(missing_en->body.find("We could not find this lot") != std::string::npos);
    auto nowhere = http.Get("/elsewhere");
    REQUIRE(nowhere);
    CHECK(nowhere->status == 404);
    auto data = ok(node.call("trace.page.get", {{"gtin", kGtin}, {"lot", "TN-DRY"}}));
    CHECK(data["lot"] == "TN-DRY");
    expect_error(node.call("trace.page.get", {{"gtin", "09520123456789"}, {"lot", "TN-DRY"}}),
                 "invalid_argument", "body.gtin");
  }

  SECTION("the page renders in headless Chromium at phone size") {
    if (!have("chromium")) {
      WARN("SKIPPED: headless Chromium is not installed (apt-get install chromium)");
    } else {
      auto shot = artifacts() / "trace-page-TN-DRY.png";
      fs::remove(shot);
      run("chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=412,915 "
          "--screenshot='" +
          shot.string() + "' '" + node.http_url() + "/01/" + kGtin + "/10/TN-DRY' 2>/dev/null");
      REQUIRE(fs::exists(shot));
      std::ifstream in(shot, std::ios::binary);
      std::string head(8, '\0');
      in.read(head.data(), 8);
      CHECK(head == std::string("\x89PNG\r\n\x1a\n", 8));
      CHECK(fs::file_size(shot) > 10000);  // not a blank page
    }
  }
  SECTION("the start-up log warns that QR codes holding the loopback address open nothing") {
    std::stringstream log;
    log << std::ifstream(node.log_path()).rdbuf();
    CHECK(log.str().find("a phone that scans a printed code cannot open it") != std::string::npos);
  }
  SECTION("only the declared messages are served, to the declared callers") {
    expect_error(node.call("trace.nothing"), "unknown_type");
    ok(node.call("trace.verify", json::object(), "dn-tanhiep"));  // reads: anyone
    auto schema = ok(node.call("node.schema", {{"type", "trace."}}));
    // Exactly what the plugin declares (contract.cpp), nothing more.
    const lienket::trace::Settings settings{"http://x"};
    CHECK(schema["messages"].size() == lienket::trace::contract(&settings).messages.size());
    CHECK(schema["events"].size() == 2);
  }
  check_contract(node);
}

namespace {

const std::string kHashData = std::string(TRACE_TEST_DATA) + "/event-hash/examples/";

// What capture takes: an EPCISDocument. A query document's events are captured as one, with its
// context and its ignoreFields declaration.
json as_capture_document(const json& doc) {
  if (doc.value("type", "") != "EPCISQueryDocument") return doc;
  json out{
      {"@context", doc["@context"]},
      {"type", "EPCISDocument"},
      {"schemaVersion", "2.0"},
      {"creationDate", doc["creationDate"]},
      {"epcisBody", {{"eventList", doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"]}}}};
  for (const auto& [key, value] : doc["epcisBody"]["queryResults"].items())
    if (key.size() > 13 && key.substr(key.size() - 13) == ":ignoreFields") out[key] = value;
  return out;
}

}  // namespace

// The reference implementation's test documents (tests/data/gs1/event-hash), through the node:
// trace.event.hash gives their pre-hash strings and hashes, capture assigns their hashes as event
// IDs (an event that carries its own eventID keeps it), and the export of all of them validates
// against GS1's schema although they were written with URNs.
TEST_CASE("the EPCIS event hash of the reference documents, through the node") {
  Node node;
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(kHashData))
    if (entry.path().extension() == ".jsonld") docs.push_back(entry.path());
  std::sort(docs.begin(), docs.end());
  REQUIRE(docs.size() == 22);
  // The reference's own test reads only .hashes; three .prehashes lines were left behind by later
  // changes (they do not hash to their .hashes line): there the hash is the contract.
  const std::set<std::string> kStalePrehashes = {"epcisDocWithAllGS1Keys#0",
                                                 "epcisDocWithCustomSchemaInContext#1",
                                                 "epcisDocWithDefaultSchemaInContext#1"};
  int events = 0;
  std::map<std::string, std::string> first_ids;  // hash -> the eventID it was first stored under
  for (const auto& path : docs) {
    INFO(path.filename().string());
    std::ifstream in(path);
    json doc = json::parse(in);
    auto hashes = lines_of(fs::path(path).replace_extension(".hashes"));
    auto prehashes = lines_of(fs::path(path).replace_extension(".prehashes"));
    auto h = ok(node.call("trace.event.hash", {{"document", doc}}));
    REQUIRE(h["events"].size() == hashes.size());
    auto cap = ok(node.call("trace.event.capture", {{"document", as_capture_document(doc)}}));
    REQUIRE(cap["events"].size() == hashes.size());
    json given = as_capture_document(doc)["epcisBody"]["eventList"];
    for (std::size_t i = 0; i < hashes.size(); ++i, ++events) {
      INFO("event " << i);
      CHECK(h["events"][i]["hash"] == hashes[i]);
      std::string at = path.stem().string() + "#" + std::to_string(i);
      if (i < prehashes.size() && !kStalePrehashes.count(at))
        CHECK(h["events"][i]["prehash"] == prehashes[i]);
      CHECK(cap["events"][i]["hash"] == hashes[i]);
      // An event stored before (another document repeats it) keeps the ID it was first stored
      // under, the one a query finds.
      auto first = first_ids.emplace(hashes[i], given[i].value("eventID", hashes[i])).first;
      CHECK(cap["events"][i]["eventID"] == first->second);
    }
  }
  CHECK(events == 43);
  SECTION("a single event is hashed under its own context") {
    std::ifstream in(kHashData + "epcisDocWithSingleEvent.jsonld");
    json doc = json::parse(in);
    json ev = doc["epcisBody"]["eventList"][0];
    ev["@context"] = doc["@context"];
    auto h = ok(node.call("trace.event.hash", {{"event", ev}}));
    CHECK(h["events"][0]["prehash"] ==
          lines_of(kHashData + "epcisDocWithSingleEvent.prehashes")[0]);
    expect_error(node.call("trace.event.hash", {{"document", {{"type", "EPCISDocument"}}}}),
                 "invalid_argument", "body.document.epcisBody");
  }
  SECTION("the export of every captured event validates against GS1's JSON schema") {
    auto exp = ok(node.call("trace.export.epcis", {{"query", {{"limit", 10000}}}}));
    const json& list = exp["document"]["epcisBody"]["eventList"];
    CHECK(list.size() >= 30);
    for (const auto& ev : list) CHECK(ev.contains("recordTime"));
    int status = schema_check(exp["document"], "export-event-hash-references.json");
    if (status == 77)
      WARN("SKIPPED schema check: apt-get install python3-jsonschema");
    else
      CHECK(status == 0);
  }
  check_contract(node);
}

// Needs the farming plugin in the build (it is skipped when only this plugin was built): the trace
// plugin records its harvests and diary entries on its own, without either plugin knowing the
// other.
TEST_CASE("farming events become EPCIS events through the bus") {
  if (!plugin_built("farming")) {
    WARN(
        "SKIPPED: the farming plugin is not built (-DLIENKET_ONLY_PLUGINS=\"trace;farming\" or a "
        "full build)");
    return;
  }
  Node node;  // the page is on the node's HTTP server, at a free port (node.http_url())
  register_tea_market(node, kGtin);
  ok(node.call("farming.plot.register",
               {{"id", "tn-p1"},
                {"household_id", "hh-01"},
                {"household_name", "Hà Văn Minh"},
                {"crop", "tea"},
                {"area_m2", 5000},
                {"location", {{"lat", 21.2901}, {"lon", 105.0502}}}},
               "htx-thanhnam"));
  ok(node.call("farming.diary.record",
               {{"plot_id", "tn-p1"},
                {"kind", "fertiliser"},
                {"date", "2026-02-20"},
                {"input", "NPK 5-10-3"},
                {"quantity", 50},
                {"quantity_unit", "kg"}},
               "htx-thanhnam"));
  auto agreement =
      ok(node.call("farming.agreement.propose",
                   {{"enterprise", "dn-tanhiep"},
                    {"cooperative", "htx-thanhnam"},
                    {"product_id", "tea-thanhnam-green"},
                    {"plots", json::array({{{"plot_id", "tn-p1"}, {"expected_yield", 1000000}}})},
                    {"season", {{"start", "2026-01-01"}, {"end", "2026-12-31"}}},
                    {"harvest_window", {{"start", "2026-02-01"}, {"end", "2026-04-30"}}},
                    {"price", {{"kind", "fixed"}, {"unit_price_vnd", 60}}}},
                   "dn-tanhiep"))["agreement"];
  ok(node.call("farming.agreement.sign",
               {{"id", agreement["id"]}, {"version", agreement["version"]}}, "htx-thanhnam"));
  ok(node.call("farming.harvest.record",
               {{"agreement_id", agreement["id"]},
                {"plot_id", "tn-p1"},
                {"quantity", 600000},
                {"date", "2026-02-27"},
                {"lot_id", "TN-0301"}},
               "htx-thanhnam"));

  SECTION(
      "the harvest is an ObjectEvent ADD of the lot's Digital Link, with plot, household and "
      "diary") {
    auto back = ok(node.call("trace.lot.back", {{"lot", "TN-0301"}}));
    CHECK(back["ids"] == json::array({kLot + "TN-0301"}));
    REQUIRE(back["plots"].size() == 1);
    CHECK(back["plots"][0]["household"] == "hh-01");
    CHECK(back["plots"][0]["lat"] == Approx(21.2901));
    CHECK(back["diary"].size() == 1);
    CHECK(back["inputs_applied"].size() == 1);
    CHECK(ok(node.call("trace.verify"))["ok"] == true);
  }
  SECTION("the public page of the harvested lot shows the household's plot") {
    httplib::Client http(node.http_url());
    auto page = http.Get("/01/" + kGtin + "/10/TN-0301", {{"Accept", "application/json"}});
    REQUIRE(page);
    REQUIRE(page->status == 200);
    auto j = json::parse(page->body);
    CHECK(j["plots"][0]["household_name"] == "Hà Văn Minh");
    CHECK(j["diary"]["entries"] == 1);
    REQUIRE(j["custody"].size() == 1);
    CHECK(j["custody"][0]["kind"] == "harvest");
    CHECK(j["custody"][0]["date"] == "2026-02-27");  // picked then, recorded on 1 March
    auto html = http.Get("/01/" + kGtin + "/10/TN-0301");
    REQUIRE(html);
    CHECK(html->body.find("27/02/2026</time><b>Thu hoạch</b> · 600 kg") != std::string::npos);
    CHECK(html->body.find("20/02/2026</time><b>Bón phân</b>") != std::string::npos);
    CHECK(html->body.find("Vật tư: NPK 5-10-3 · Lượng dùng: 50 kg") != std::string::npos);
    CHECK(html->body.find("hộ Hà Văn Minh") != std::string::npos);
    CHECK(html->body.find("fertiliser") == std::string::npos);
    CHECK(html->body.find("01/03/2026") == std::string::npos);
  }
  SECTION("EPCIS master data: the plot, its cooperative and the product, with names and GPS") {
    const std::string plot = "urn:lienket:plot:tn-p1", coop = "urn:lienket:party:htx-thanhnam";
    auto attr = [](const json& el, const std::string& id) {
      for (const auto& a : el["attributes"])
        if (a["id"] == id) return a["attribute"];
      return json();
    };
    auto md = ok(node.call("trace.masterdata.query", {{"EQ_name", {plot}}}))["vocabularyList"];
    REQUIRE(md.size() == 1);
    CHECK(md[0]["type"] == "urn:epcglobal:epcis:vtype:BusinessLocation");
    const json& p = md[0]["vocabularyElementList"][0];
    CHECK(p["id"] == plot);
    CHECK(attr(p, "urn:epcglobal:cbv:mda#latitude") == Approx(21.2901));
    CHECK(attr(p, "urn:epcglobal:cbv:mda#longitude") == Approx(105.0502));
    CHECK(attr(p, "https://lienket.vn/epcis/household") == "Hà Văn Minh");
    CHECK(attr(p, "https://lienket.vn/epcis/areaM2") == 5000);
    // The cooperative's premises and, below them, its plots.
    auto within = ok(node.call("trace.masterdata.query", {{"WD_name", {coop}}}))["vocabularyList"];
    REQUIRE(within.size() == 1);
    const json& els = within[0]["vocabularyElementList"];
    REQUIRE(els.size() == 2);
    CHECK(els[0]["id"] == coop);
    CHECK(attr(els[0], "urn:epcglobal:cbv:mda#name") == "HTX Chè Thanh Nam");
    CHECK(attr(els[0], "urn:epcglobal:cbv:mda#state") == "Phú Thọ");
    CHECK(els[0]["children"] == json::array({plot}));
    CHECK(els[1]["id"] == plot);
    // Another party's declaration adds to the cooperative's element but cannot rename it.
    json declared = {
        {"@context", {"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"}},
        {"type", "EPCISDocument"},
        {"schemaVersion", "2.0"},
        {"creationDate", "2026-03-01T07:00:00Z"},
        {"epcisHeader",
         {{"epcisMasterData",
           {{"vocabularyList",
             {{{"type", "urn:epcglobal:epcis:vtype:BusinessLocation"},
               {"vocabularyElementList",
                {{{"id", coop},
                  {"attributes",
                   {{{"id", "urn:epcglobal:cbv:mda#name"}, {"attribute", "Kho giả mạo"}},
                    {{"id", "urn:example:dock"}, {"attribute", "Cửa số 2"}}}}}}}}}}}}}},
        {"epcisBody", {{"eventList", json::array()}}}};
    ok(node.call("trace.event.capture", {{"document", declared}}, "dn-tanhiep"));
    auto merged = ok(node.call("trace.masterdata.query", {{"EQ_name", {coop}}}))["vocabularyList"];
    REQUIRE(merged.size() == 1);
    REQUIRE(merged[0]["vocabularyElementList"].size() == 1);
    const json& c = merged[0]["vocabularyElementList"][0];
    CHECK(attr(c, "urn:epcglobal:cbv:mda#name") == "HTX Chè Thanh Nam");
    CHECK(attr(c, "urn:example:dock") == "Cửa số 2");
    auto names = ok(node.call("trace.masterdata.query",
                              {{"vocabularyName", {"urn:epcglobal:epcis:vtype:EPCClass"}},
                               {"includeAttributes", false}}))["vocabularyList"];
    REQUIRE(names.size() == 1);
    CHECK(names[0]["vocabularyElementList"] ==
          json::array({{{"id", "https://id.gs1.org/01/" + kGtin}}}));
    expect_error(node.call("trace.masterdata.query", {{"maxElementCount", 1}}), "too_large");
    // WD_bizLocation: events at the cooperative's premises or anywhere below them (its plots).
    auto at = [&](const char* param) {
      return ok(node.call("trace.events.query", {{"epcis", {{param, coop}}}}))["events"].size();
    };
    CHECK(at("WD_bizLocation") == 2);  // the diary entry and the harvest, both on tn-p1
    CHECK(at("EQ_bizLocation") == 0);
    expect_error(node.call("trace.masterdata.query", {{"EQ_name", "tn-p1"}}), "invalid_argument",
                 "body.EQ_name");
    // An export carries the master data of what its events name, and still validates.
    auto exp = ok(node.call("trace.export.epcis", {{"lot", "TN-0301"}}));
    const json& header = exp["document"]["epcisHeader"]["epcisMasterData"]["vocabularyList"];
    std::set<std::string> ids;
    for (const auto& v : header)
      for (const auto& e : v["vocabularyElementList"]) ids.insert(e["id"].get<std::string>());
    CHECK(ids.count(plot) == 1);
    CHECK(ids.count("https://id.gs1.org/01/" + kGtin) == 1);
    int status = schema_check(exp["document"], "export-master-data.json");
    if (status == 77)
      WARN("SKIPPED schema check: apt-get install python3-jsonschema");
    else
      CHECK(status == 0);
    // And in XML: EPCISHeader/extension/EPCISMasterData, valid against the XSD, read back alike.
    auto xml = ok(node.call("trace.export.epcis", {{"lot", "TN-0301"}, {"format", "xml"}}));
    std::string text = xml["xml"];
    CHECK(lienket::trace::validate_epcis_xml(text).ok());
    auto back = lienket::trace::epcis_xml_to_json(text);
    REQUIRE(back.ok());
    CHECK((*back)["epcisHeader"]["epcisMasterData"]["vocabularyList"].size() == header.size());
  }
  SECTION("the harvest's 600,000 g are 600 KGM") {
    auto q = ok(node.call("trace.events.query", {{"lot", "TN-0301"}}));
    REQUIRE(q["events"].size() == 1);
    CHECK(q["events"][0]["quantityList"][0]["quantity"] == 600);
    CHECK(q["events"][0]["quantityList"][0]["uom"] == "KGM");
  }
  check_contract(node);
}

TEST_CASE("only a party with custody of a lot records events about it") {
  Node node;
  for (const auto& [id, kind] : std::vector<std::pair<std::string, std::string>>{
           {"htx-thanhnam", "cooperative"}, {"htx-khac", "cooperative"}})
    ok(node.call("party.register", {{"id", id},
                                    {"kind", kind},
                                    {"name", "HTX " + id},
                                    {"province", "Phú Thọ"},
                                    {"lat", 21.29},
                                    {"lon", 105.05}}));
  json ev = {{"type", "ObjectEvent"},
             {"action", "OBSERVE"},
             {"bizStep", "storing"},
             {"eventTime", "2026-03-01T07:30:00.000+07:00"},
             {"eventTimeZoneOffset", "+07:00"},
             {"epcList", {"urn:lienket:lot:TN-CUSTODY-1"}}};
  ok(node.call("trace.event.capture", {{"event", ev}},
               "htx-thanhnam"));  // first to name it: takes custody
  ev["eventTime"] = "2026-03-02T07:30:00.000+07:00";
  auto before = ok(node.call("node.info"))["node"]["last_seq"];
  expect_error(node.call("trace.event.capture", {{"event", ev}}, "htx-khac"), "permission_denied",
               "body.event");
  CHECK(ok(node.call("node.info"))["node"]["last_seq"] == before);
  ok(node.call("trace.event.capture", {{"event", ev}}, "htx-thanhnam"));
  check_contract(node);
}

namespace {

// A signed consumption contract of `quantity` of `product` between dn-tanhiep (buyer) and
// htx-thanhnam (seller), through the offtake plugin's own messages. Returns its id.
std::string sign_consumption(Node& node, const std::string& product, std::int64_t quantity) {
  json place_hn = {{"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.85}};
  json place_pt = {{"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}};
  ok(node.call("offtake.contract.post",
               {{"product_id", product},
                {"quantity", quantity},
                {"unit_price_vnd", 100},
                {"deliver_from", "2026-03-01"},
                {"deliver_to", "2026-06-30"},
                {"place", place_hn}},
               "dn-tanhiep"));
  ok(node.call("offtake.offer.post",
               {{"product_id", product},
                {"quantity", quantity},
                {"available_from", "2026-03-01"},
                {"available_to", "2026-06-30"},
                {"place", place_pt},
                {"min_unit_price_vnd", 50}},
               "htx-thanhnam"));
  auto match = ok(node.call("offtake.match.run"));
  REQUIRE(match["proposals"].size() == 1);
  std::string proposal = match["proposals"][0]["id"];
  ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal}}, "dn-tanhiep"));
  auto signed_ =
      ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal}}, "htx-thanhnam"));
  REQUIRE(signed_.contains("consumption"));
  return signed_["consumption"]["id"];
}

// The stored shipping event of a lot, from trace.events.query.
json shipping_of(Node& node, const std::string& lot) {
  auto q = ok(node.call("trace.events.query", {{"lot", lot}, {"bizStep", "shipping"}}));
  REQUIRE(q["events"].size() == 1);
  return q["events"][0];
}

}  // namespace

// Needs the farming and offtake plugins in the build: a harvest recorded by farming and deliveries
// recorded by offtake become EPCIS events in EPCIS units (kg, litres, pieces), read through the two
// plugins' typed event headers inside the commands that emit them.
TEST_CASE("offtake deliveries and farming harvests are traced in kilograms, litres and pieces") {
  if (!plugin_built("farming") || !plugin_built("offtake")) {
    WARN(
        "SKIPPED: the farming and offtake plugins are not built "
        "(-DLIENKET_ONLY_PLUGINS=\"trace;offtake;farming\" or a full build)");
    return;
  }
  const std::string kWineGtin = "09520123456795", kPomeloGtin = "09520123456801";
  Node node;  // the page is on the node's HTTP server, at a free port (node.http_url())
  register_tea_market(node, kGtin);
  ok(node.call("product.register",
               {{"id", "wine-sonla"},
                {"name", "Rượu men lá Sơn La"},
                {"category", "wine"},
                {"unit", "ml"},
                {"ocop_stars", 3},
                {"gtin", kWineGtin}},
               "htx-thanhnam"));
  ok(node.call("product.register",
               {{"id", "pomelo-vandon"},
                {"name", "Bưởi Văn Dơn"},
                {"category", "pomelo"},
                {"unit", "piece"},
                {"ocop_stars", 3},
                {"gtin", kPomeloGtin}},
               "htx-thanhnam"));

  // Farming: 3,000,000 g of tea harvested into lot TN-0301.
  ok(node.call("farming.plot.register",
               {{"id", "tn-p1"},
                {"household_id", "hh-01"},
                {"household_name", "Hà Văn Minh"},
                {"crop", "tea"},
                {"area_m2", 5000},
                {"location", {{"lat", 21.2901}, {"lon", 105.0502}}}},
               "htx-thanhnam"));
  auto agreement =
      ok(node.call("farming.agreement.propose",
                   {{"enterprise", "dn-tanhiep"},
                    {"cooperative", "htx-thanhnam"},
                    {"product_id", "tea-thanhnam-green"},
                    {"plots", json::array({{{"plot_id", "tn-p1"}, {"expected_yield", 5000000}}})},
                    {"season", {{"start", "2026-01-01"}, {"end", "2026-12-31"}}},
                    {"harvest_window", {{"start", "2026-02-01"}, {"end", "2026-04-30"}}},
                    {"price", {{"kind", "fixed"}, {"unit_price_vnd", 60}}}},
                   "dn-tanhiep"))["agreement"];
  ok(node.call("farming.agreement.sign",
               {{"id", agreement["id"]}, {"version", agreement["version"]}}, "htx-thanhnam"));
  ok(node.call("farming.harvest.record",
               {{"agreement_id", agreement["id"]},
                {"plot_id", "tn-p1"},
                {"quantity", 3000000},
                {"date", "2026-03-01"},
                {"lot_id", "TN-0301"}},
               "htx-thanhnam"));

  // Offtake: one consumption contract per product, each delivered with a lot.
  std::string tea = sign_consumption(node, "tea-thanhnam-green", 3500000);
  std::string wine = sign_consumption(node, "wine-sonla", 1500000);
  std::string pomelo = sign_consumption(node, "pomelo-vandon", 1200);
  auto deliver = [&](const std::string& consumption, std::int64_t quantity,
                     const std::string& lot) {
    json body{{"consumption_id", consumption}, {"quantity", quantity}, {"date", "2026-03-01"}};
    if (!lot.empty()) body["lot_id"] = lot;
    return node.call("offtake.delivery.record", body, "htx-thanhnam");
  };
  ok(deliver(tea, 3000000, "TN-0301"));
  ok(deliver(wine, 1500000, "RV-0301"));
  ok(deliver(pomelo, 1200, "BVD-0301"));

  SECTION("g, ml and piece deliveries are KGM, LTR and H87 quantities") {
    json ev = shipping_of(node, "TN-0301");
    CHECK(ev["quantityList"][0]["epcClass"] == kLot + "TN-0301");
    CHECK(ev["quantityList"][0]["quantity"] == 3000);
    CHECK(ev["quantityList"][0]["uom"] == "KGM");
    CHECK(ev["sourceList"][0]["source"] == "urn:lienket:party:htx-thanhnam");
    CHECK(ev["destinationList"][0]["destination"] == "urn:lienket:party:dn-tanhiep");
    ev = shipping_of(node, "RV-0301");
    CHECK(ev["quantityList"][0]["epcClass"] ==
          "https://id.gs1.org/01/" + kWineGtin + "/10/RV-0301");
    CHECK(ev["quantityList"][0]["quantity"] == 1500);
    CHECK(ev["quantityList"][0]["uom"] == "LTR");
    ev = shipping_of(node, "BVD-0301");
    CHECK(ev["quantityList"][0]["epcClass"] ==
          "https://id.gs1.org/01/" + kPomeloGtin + "/10/BVD-0301");
    CHECK(ev["quantityList"][0]["quantity"] == 1200);
    CHECK(ev["quantityList"][0]["uom"] == "H87");
  }
  SECTION("the harvest and the delivery of one lot form its history, in kilograms") {
    auto q = ok(node.call("trace.events.query", {{"lot", "TN-0301"}}));
    REQUIRE(q["events"].size() == 2);
    CHECK(q["events"][0]["bizStep"] == "commissioning");
    CHECK(q["events"][0]["quantityList"][0]["quantity"] == 3000);
    CHECK(q["events"][0]["quantityList"][0]["uom"] == "KGM");
    auto fwd = ok(node.call("trace.lot.forward", {{"lot", "TN-0301"}}));
    REQUIRE(fwd["receivers"].size() == 1);
    CHECK(fwd["receivers"][0]["party"] == "urn:lienket:party:dn-tanhiep");
    CHECK(ok(node.call("trace.verify"))["ok"] == true);
  }
  SECTION("the public page shows Vietnamese figures in kg, litres and pieces, not grams") {
    httplib::Client http(node.http_url());
    auto tea_page = http.Get("/01/" + kGtin + "/10/TN-0301");
    REQUIRE(tea_page);
    REQUIRE(tea_page->status == 200);
    CHECK(tea_page->body.find("3 tấn") != std::string::npos);
    CHECK(tea_page->body.find("3000000") == std::string::npos);
    CHECK(tea_page->body.find("3.000.000") == std::string::npos);
    auto wine_page = http.Get("/01/" + kWineGtin + "/10/RV-0301");
    REQUIRE(wine_page);
    CHECK(wine_page->body.find("1.500 lít") != std::string::npos);
    auto pomelo_page = http.Get("/01/" + kPomeloGtin + "/10/BVD-0301");
    REQUIRE(pomelo_page);
    CHECK(pomelo_page->body.find("1.200 cái") != std::string::npos);
    auto data = ok(node.call("trace.page.get", {{"gtin", kGtin}, {"lot", "TN-0301"}}));
    bool shipped = false;
    for (const auto& step : data["custody"])
      if (step["kind"] == "shipping") {
        shipped = true;
        CHECK(step["quantity"] == 3000);
        CHECK(step["uom"] == "KGM");
      }
    CHECK(shipped);
  }
  SECTION("the buyer received custody of the delivered lot") {
    json receiving = {
        {"type", "ObjectEvent"},
        {"action", "OBSERVE"},
        {"bizStep", "receiving"},
        {"disposition", "in_progress"},
        {"eventTime", "2026-03-02T09:00:00.000+07:00"},
        {"eventTimeZoneOffset", "+07:00"},
        {"epcList", json::array()},
        {"quantityList",
         json::array({{{"epcClass", kLot + "TN-0301"}, {"quantity", 3000}, {"uom", "KGM"}}})}};
    ok(node.call("trace.event.capture", {{"event", receiving}}, "dn-tanhiep"));
  }
  SECTION("a delivery without a lot is not traced, and does not fail") {
    auto before = ok(node.call("trace.verify"))["events"];
    ok(deliver(tea, 500000, ""));
    CHECK(ok(node.call("trace.verify"))["events"] == before);
  }
  check_contract(node);
}

namespace {

using lienket::trace::testing::DlVector;

std::vector<DlVector> dl_vectors(const std::string& name) {
  return lienket::trace::testing::dl_vectors(std::string(TRACE_TEST_DATA) + "/digital-link/" +
                                             name);
}

// The engine's tests switch its options between runs: a line listed both VALID and INVALID is
// VALID with the leniencies on and INVALID with them off; any other INVALID line fails with both.
const json kLenient = {
    {"convenience_alphas", true}, {"zero_suppressed_gtin", true}, {"unknown_ais", true}};
const json kStrict = {
    {"convenience_alphas", false}, {"zero_suppressed_gtin", false}, {"unknown_ais", false}};

std::map<std::string, std::set<bool>> expectations(const std::vector<DlVector>& vs, int col) {
  std::map<std::string, std::set<bool>> out;
  for (const auto& v : vs) out[v.cols[col]].insert(v.valid);
  return out;
}

}  // namespace

TEST_CASE("every GS1 Digital Link vector through the node (trace.digital_link.parse)") {
  Node node;
  SECTION("parsing: 118 URIs, their element strings, errors naming body.uri") {
    auto vectors = dl_vectors("parseDLuri-vectors.tsv");
    REQUIRE(vectors.size() == 118);
    auto both = expectations(vectors, 1);
    int passed = 0;
    for (const auto& v : vectors) {
      const std::string& uri = v.cols[1];
      INFO(uri);
      if (v.valid) {
        auto r = ok(node.call("trace.digital_link.parse", {{"uri", uri}, {"options", kLenient}}));
        CHECK(r["element_string"] == v.cols[2]);
        passed += r["element_string"] == v.cols[2];
        continue;
      }
      auto strict = node.call("trace.digital_link.parse", {{"uri", uri}, {"options", kStrict}});
      expect_error(strict, "invalid_argument", "body.uri");
      if (both[uri].size() == 1)
        expect_error(node.call("trace.digital_link.parse", {{"uri", uri}, {"options", kLenient}}),
                     "invalid_argument", "body.uri");
      ++passed;
    }
    CHECK(passed == 118);
  }
  SECTION("generation: 21 element strings and the URIs they make") {
    auto vectors = dl_vectors("generateDLuri-vectors.tsv");
    REQUIRE(vectors.size() == 21);
    auto both = expectations(vectors, 2);
    for (const auto& v : vectors) {
      INFO(v.cols[2]);
      json body{{"elements", v.cols[2]}, {"stem", v.cols[1]}};
      if (v.valid) {
        body["options"] = kLenient;
        CHECK(ok(node.call("trace.digital_link.parse", body))["uri"] == v.cols[3]);
        continue;
      }
      body["options"] = kStrict;
      expect_error(node.call("trace.digital_link.parse", body), "invalid_argument",
                   "body.elements");
      body["options"] = kLenient;
      if (both[v.cols[2]].size() == 1)
        expect_error(node.call("trace.digital_link.parse", body), "invalid_argument",
                     "body.elements");
    }
  }
  SECTION("the node's own reading: canonical URI, identifier and EPC URN") {
    auto r =
        ok(node.call("trace.digital_link.parse",
                     {{"uri", "https://brand.example.com/01/9520123456788/10/ABC+1?17=261231"}}));
    CHECK(r["uri"] == "https://id.gs1.org/01/09520123456788/10/ABC%2B1?17=261231");
    CHECK(r["identifier"] == "https://id.gs1.org/01/09520123456788/10/ABC%2B1");
    CHECK(r["stem"] == "https://brand.example.com");
    CHECK(r["element_string"] == "^010952012345678810ABC+1^17261231");
    CHECK(r["urn"] == "urn:epc:class:lgtin:9520123.045678.ABC+1");
    CHECK(r["elements"][1] == json{{"ai", "10"}, {"value", "ABC+1"}, {"in", "path"}});
    auto u = ok(node.call("trace.digital_link.parse",
                          {{"urn", "urn:epc:id:sgtin:952012345.0678.A%2FB"}, {"gcp_length", 9}}));
    CHECK(u["identifier"] == "https://id.gs1.org/01/09520123456788/21/A%2FB");
    CHECK(u["urn"] == "urn:epc:id:sgtin:952012345.0678.A%2FB");
  }
  SECTION("errors name the field and say why") {
    auto bad = node.call("trace.digital_link.parse",
                         {{"uri", "https://id.gs1.org/01/09520123456787/10/A"}});
    expect_error(bad, "invalid_argument", "body.uri");
    CHECK(bad["error"]["message"] ==
          "body.uri is not a GS1 Digital Link URI: the value of (01) has a wrong check digit");
    auto urn = node.call("trace.digital_link.parse", {{"urn", "urn:epc:id:sgtin:1.2.3"}});
    expect_error(urn, "invalid_argument", "body.urn");
    expect_error(node.call("trace.digital_link.parse",
                           {{"uri", "https://a/01/12312312312333"}, {"urn", "urn:epc:id:x"}}),
                 "invalid_argument");
    expect_error(node.call("trace.digital_link.parse",
                           {{"elements", "(01)12312312312333"}, {"stem", "ftp://x"}}),
                 "invalid_argument", "body.stem");
  }
  check_contract(node);
}

TEST_CASE("a lot is one key whatever its spelling, and its QR link opens its page") {
  Node node;
  register_tea_market(node, kGtin);
  // Three lots: "ABC+123" captured with a raw '+', "XYZ-9" captured percent-encoded (%2d), and
  // "A/B+C" captured as an EPC URN.
  json by_urn = harvest("unused", "p-3", "hh-3", 21.2903, 105.0503);
  by_urn["quantityList"][0]["epcClass"] = "urn:epc:class:lgtin:9520123.045678.A%2FB+C";
  json events = json::array({harvest("ABC+123", "p-1", "hh-1", 21.2901, 105.0501),
                             harvest("XYZ%2d9", "p-2", "hh-2", 21.2902, 105.0502), by_urn});
  REQUIRE(ok(node.call("trace.event.capture", {{"document", document(events)}},
                       "htx-thanhnam"))["stored"] == 3);
  httplib::Client http(node.http_url());
  http.set_url_encode(false);  // the paths below are sent exactly as written
  auto page_lot = [&](const std::string& path) {
    auto r = http.Get(path, {{"Accept", "application/json"}});
    REQUIRE(r);
    INFO(path << " -> " << r->status << " " << r->body);
    return r->status == 200 ? json::parse(r->body).value("lot", "")
                            : "HTTP " + std::to_string(r->status);
  };

  SECTION("each lot's QR link opens its page, from the node and from lienket trace qr") {
    for (const std::string lot : {"ABC+123", "XYZ-9", "A/B+C"}) {
      INFO(lot);
      std::string uri = ok(node.call("trace.qr", {{"lot", lot}}))["uri"];
      REQUIRE(uri.rfind(node.http_url(), 0) == 0);
      CHECK(page_lot(uri.substr(node.http_url().size())) == lot);
      auto svg = artifacts() / "qr-spelling.svg";
      CHECK(run(lienket::testkit::lienket_binary() + " --endpoint " + node.request_endpoint() +
                " trace qr '" + lot + "' --out '" + svg.string() + "' 2>/dev/null") ==
            svg.string() + ": " + uri);
    }
  }
  SECTION("a 13-digit GTIN, '+' or '%2B', any case of escape: the same page") {
    for (const char* path : {"/01/9520123456788/10/ABC+123", "/01/9520123456788/10/ABC%2B123",
                             "/01/09520123456788/10/ABC%2b123", "/01/09520123456788/10/ABC+123"})
      CHECK(page_lot(path) == "ABC+123");
    CHECK(page_lot("/01/9520123456788/10/XYZ%2d9") == "XYZ-9");
    CHECK(page_lot("/01/9520123456788/10/A%2FB+C") == "A/B+C");
    CHECK(page_lot("/01/9520123456787/10/ABC+123") == "HTTP 404");
    auto bad = http.Get("/01/9520123456787/10/ABC+123", {{"Accept", "application/json"}});
    REQUIRE(bad);
    CHECK(json::parse(bad->body)["error"]["message"] ==
          "No page at this address: not a GS1 Digital Link URI: the value of (01) has a wrong "
          "check digit");
    auto data = ok(node.call("trace.page.get", {{"gtin", "9520123456788"}, {"lot", "ABC+123"}}));
    CHECK(data["gtin"] == kGtin);
  }
  SECTION("queries find one lot by any of its spellings") {
    const json want = {kLot + "ABC%2B123"};
    for (const char* spelling : {"ABC+123", "https://id.gs1.org/01/09520123456788/10/ABC+123",
                                 "https://example.com/shop/01/9520123456788/10/ABC%2b123",
                                 "urn:epc:class:lgtin:9520123.045678.ABC+123",
                                 "urn:epc:class:lgtin:952012.0345678.ABC%2B123"}) {
      INFO(spelling);
      auto back = ok(node.call("trace.lot.back", {{"lot", spelling}}));
      CHECK(back["ids"] == want);
      CHECK(back["nodes"][0]["lot"] == "ABC+123");
      CHECK(ok(node.call("trace.events.query", {{"lot", spelling}}))["events"].size() == 1);
    }
    CHECK(ok(node.call("trace.events.query",
                       {{"epc", "urn:epc:class:lgtin:9520123.045678.XYZ-9"}}))["events"]
              .size() == 1);
    CHECK(ok(node.call("trace.lot.forward", {{"lot", "A/B+C"}}))["ids"] ==
          json{kLot + "A%2FB%2BC"});
  }
  check_contract(node);
}
