// The plugin's handlers on an in-memory store: capture, hash chain and tamper detection, genealogy,
// recall, paged queries and the EPCIS export round trip of the standard's examples.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "bus_mapper.hpp"
#include "canonical_event.hpp"
#include "contract.hpp"
#include "event_hash.hpp"
#include "event_repository.hpp"
#include "legacy_event_hash.hpp"
#include "lienket/testing/memory_context.hpp"
#include "lienket/time.hpp"
#include "lienket/util/sha256.hpp"

using nlohmann::json;
using namespace lienket;
using namespace lienket::trace;
using MemoryContext = lienket::testing::MemoryContext;

bool schema_invalid_example(const std::string& path);  // epcis_validator_test.cpp

namespace {

const std::string kGtin = "09520123456788";
const std::string kTea = "https://id.gs1.org/01/" + kGtin + "/10/";

// Dispatches through the declared contract, as the node does (without its caller check).
Result<json> call(MemoryContext& cx, const std::string& type, const json& body) {
  static const Settings settings{"http://127.0.0.1:7480"};
  static const PluginInfo info = contract(&settings);
  const MessageSpec* spec = find_message(info, type);
  if (!spec) return Status::UnknownType("unknown message type " + type);
  Request r;
  r.type = type;
  r.body = body;
  r.admin = true;  // an operator: these tests are about the repository, not custody
  return spec->handler(r, cx);
}

json ok(const Result<json>& r) {
  INFO((r.ok() ? "" : r.status().field() + ": " + r.status().message()));
  REQUIRE(r.ok());
  return *r;
}

json object_event(const std::string& action, const std::string& step, const std::string& lot,
                  const std::string& time) {
  return {{"type", "ObjectEvent"},
          {"action", action},
          {"bizStep", step},
          {"eventTime", time},
          {"eventTimeZoneOffset", "+07:00"},
          {"epcList", json::array()},
          {"quantityList",
           json::array({{{"epcClass", kTea + lot}, {"quantity", 100}, {"uom", "KGM"}}})}};
}

json harvest(const std::string& lot, const std::string& plot, const std::string& household) {
  json ev = object_event("ADD", "commissioning", lot, "2026-03-01T08:00:00+07:00");
  ev["ilmd"] = {
      {"lk:plot", plot}, {"lk:household", household}, {"lk:lat", 21.29}, {"lk:lon", 105.05}};
  ev["bizLocation"] = {{"id", plot_urn(plot)}};
  return ev;
}

json transform(const std::vector<std::string>& in, const std::string& out,
               const std::string& time) {
  json ev{{"type", "TransformationEvent"},
          {"bizStep", "commissioning"},
          {"eventTime", time},
          {"eventTimeZoneOffset", "+07:00"},
          {"inputQuantityList", json::array()},
          {"outputQuantityList",
           json::array({{{"epcClass", kTea + out}, {"quantity", 50}, {"uom", "KGM"}}})}};
  for (const auto& i : in)
    ev["inputQuantityList"].push_back({{"epcClass", kTea + i}, {"quantity", 100}, {"uom", "KGM"}});
  return ev;
}

json ship(const std::string& lot, const std::string& to, const std::string& time) {
  json ev = object_event("OBSERVE", "shipping", lot, time);
  ev["destinationList"] = json::array({{{"type", "owning_party"}, {"destination", party_urn(to)}}});
  return ev;
}

// Two plots harvested into lots A and B, blended into C, C packed into D; D shipped to a retailer,
// B alone shipped to an enterprise.
void build_chain(MemoryContext& cx) {
  for (const auto& ev : {harvest("A", "plot-1", "hh-1"), harvest("B", "plot-2", "hh-2"),
                         transform({"A", "B"}, "C", "2026-03-02T08:00:00+07:00"),
                         transform({"C"}, "D", "2026-03-03T08:00:00+07:00"),
                         ship("D", "dn-vinmart", "2026-03-04T08:00:00+07:00"),
                         ship("B", "dn-tanhiep", "2026-03-05T08:00:00+07:00")})
    ok(call(cx, "trace.event.capture", {{"event", ev}}));
}

std::vector<std::string> node_ids(const json& walk) {
  std::vector<std::string> ids;
  for (const auto& n : walk["nodes"]) ids.push_back(n["id"]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("capture stores events with their hash as eventID, chained") {
  MemoryContext cx;
  json ev = harvest("A", "plot-1", "hh-1");
  auto out = ok(call(cx, "trace.event.capture", {{"event", ev}}));
  SECTION("the eventID is the canonical event hash") {
    CHECK(out["stored"] == 1);
    CHECK(
        out["events"][0]["eventID"] ==
        event_hash_id(ev, json("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld")));
    CHECK(out["events"][0]["eventID"].get<std::string>().rfind("ni:///sha-256;", 0) == 0);
  }
  SECTION("a capture emits trace.events.captured") {
    REQUIRE(cx.emitted.size() == 1);
    CHECK(cx.emitted[0]["type"] == "trace.events.captured");
  }
  SECTION("capturing the same event again stores nothing") {
    auto again = ok(call(cx, "trace.event.capture", {{"event", ev}}));
    CHECK(again["stored"] == 0);
    CHECK(again["events"][0]["duplicate"] == true);
  }
  SECTION("an invalid event is refused with its field and nothing is stored") {
    auto before = cx.store_.data;
    json bad = ship("A", "x", "2026-03-02T08:00:00+07:00");
    bad["eventTimeZoneOffset"] = "+7";
    auto r = call(cx, "trace.event.capture", {{"event", bad}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().field() == "body.event.eventTimeZoneOffset");
    CHECK(cx.store_.data == before);
  }
  SECTION("a document with one bad event is refused as a whole") {
    json doc{{"@context", "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"},
             {"type", "EPCISDocument"},
             {"schemaVersion", "2.0"},
             {"creationDate", "2026-03-01T08:00:00Z"},
             {"epcisBody",
              {{"eventList", json::array({ship("A", "x", "2026-03-02T08:00:00+07:00"), ev})}}}};
    doc["epcisBody"]["eventList"][1]["bizStep"] = "harvesting";
    auto r = call(cx, "trace.event.capture", {{"document", doc}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().field() == "body.document.epcisBody.eventList[1].bizStep");
  }
}

TEST_CASE("capture stores the spelling GS1's schema wants, exports add recordTime") {
  MemoryContext cx;
  json ev = harvest("A", "plot-1", "hh-1");
  ev["bizStep"] = "urn:epcglobal:cbv:bizstep:commissioning";
  ev["disposition"] = "https://ref.gs1.org/cbv/Disp-active";
  ev["bizTransactionList"] = {
      {{"type", "urn:epcglobal:cbv:btt:po"}, {"bizTransaction", "urn:lienket:po:1"}}};
  ev["sourceList"] = {{{"type", "urn:epcglobal:cbv:sdt:owning_party"},
                       {"source", "urn:epc:id:pgln:4012345.00000"}}};
  auto out = ok(call(cx, "trace.event.capture", {{"event", ev}}));
  const std::string hash = event_hash_id(ev, json(kDefaultContext));
  auto q = ok(call(cx, "trace.events.query", json::object()));
  REQUIRE(q["events"].size() == 1);
  const json& got = q["events"][0];
  SECTION("vocabulary values as bare CBV names; identifiers as captured") {
    CHECK(got["bizStep"] == "commissioning");
    CHECK(got["disposition"] == "active");
    CHECK(got["bizTransactionList"][0]["type"] == "po");
    CHECK(got["sourceList"][0]["type"] == "owning_party");
    CHECK(got["sourceList"][0]["source"] == "urn:epc:id:pgln:4012345.00000");
  }
  SECTION("only the spelling changed: the hash and the eventID are the captured event's") {
    CHECK(out["events"][0]["hash"] == hash);
    CHECK(got["eventID"] == hash);
    CHECK(event_hash_id(got, json(kDefaultContext)) == hash);
  }
  SECTION("recordTime is when this node recorded the event, in queries and exports") {
    CHECK(got["recordTime"] == format_time(cx.now_ms()));
    auto exp = ok(call(cx, "trace.export.epcis", {{"lot", "A"}}));
    CHECK(exp["document"]["epcisBody"]["eventList"][0]["recordTime"] == format_time(cx.now_ms()));
  }
}

TEST_CASE("an error declaration is stored after the event it declares in error, with its ID") {
  MemoryContext cx;
  json ev = harvest("A", "plot-1", "hh-1");
  auto first = ok(call(cx, "trace.event.capture", {{"event", ev}}));
  json declared = ev;
  declared["errorDeclaration"] = {{"declarationTime", "2026-03-05T08:00:00+07:00"},
                                  {"reason", "incorrect_data"}};
  auto second = ok(call(cx, "trace.event.capture", {{"event", declared}}));
  CHECK(second["stored"] == 1);
  CHECK(second["events"][0]["eventID"] == first["events"][0]["eventID"]);
  CHECK(second["events"][0]["hash"] == first["events"][0]["hash"]);
  auto again = ok(call(cx, "trace.event.capture", {{"event", declared}}));
  CHECK(again["events"][0]["duplicate"] == true);
  auto q = ok(call(cx, "trace.events.query", json::object()));
  REQUIRE(q["events"].size() == 2);
  CHECK(q["events"][1]["errorDeclaration"]["reason"] == "incorrect_data");
  CHECK(ok(call(cx, "trace.verify", json::object()))["ok"] == true);
}

TEST_CASE("extension event types are stored and exported; genealogy passes them by") {
  MemoryContext cx;
  std::ifstream in(std::string(TRACE_TEST_DATA) +
                   "/epcis/examples/schema-test/Extended-Event.json");
  json ev = json::parse(in);
  ev["epcList"] = {kTea + "X"};
  auto out = ok(call(cx, "trace.event.capture", {{"event", ev}}));
  CHECK(out["stored"] == 1);
  CHECK(out["events"][0]["hash"] == event_hash_id(ev, ev["@context"]));
  auto q = ok(call(cx, "trace.events.query", {{"type", "example:CustomEvent"}}));
  REQUIRE(q["events"].size() == 1);
  CHECK(q["events"][0]["eventTime"] == ev["eventTime"]);
  ok(call(cx, "trace.lot.back", {{"lot", kTea + "X"}}));
}

TEST_CASE("fields a document declares not part of its events (ignoreFields) are left out") {
  MemoryContext cx;
  const std::string dir = std::string(TRACE_TEST_DATA) + "/event-hash/examples/";
  std::ifstream in(dir + "epcisDocHavingEventWithIgnoreFields.jsonld");
  json doc = json::parse(in);
  std::ifstream hashes(dir + "epcisDocHavingEventWithIgnoreFields.hashes");
  std::string first;
  std::getline(hashes, first);
  auto out = ok(call(cx, "trace.event.capture", {{"document", doc}}));
  // The two events differ only by the ignored fields: one event, the reference's hash.
  CHECK(out["stored"] == 1);
  CHECK(out["events"][0]["hash"] == first);
  CHECK(out["events"][1]["duplicate"] == true);
  auto q = ok(call(cx, "trace.events.query", json::object()));
  CHECK_FALSE(q["events"][0].contains("repository-x:hash"));
}

TEST_CASE("trace.verify detects tampering with the stored history") {
  MemoryContext cx;
  build_chain(cx);
  SECTION("an untouched history verifies") {
    auto v = ok(call(cx, "trace.verify", json::object()));
    CHECK(v["ok"] == true);
    CHECK(v["events"] == 6);
  }
  SECTION("a changed field of a stored event is found") {
    auto& raw = cx.store_.data["e/" + key_number(3)];
    json rec = json::parse(raw);
    rec["event"]["outputQuantityList"][0]["quantity"] = 80;
    raw = rec.dump();
    auto v = ok(call(cx, "trace.verify", json::object()));
    CHECK(v["ok"] == false);
    CHECK(v["bad_seq"] == 3);
  }
  SECTION("a re-hashed forgery breaks the chain of links") {
    auto& raw = cx.store_.data["e/" + key_number(2)];
    json rec = json::parse(raw);
    rec["event"]["ilmd"]["lk:plot"] = "plot-9";
    rec["hash"] = event_hash_id(
        rec["event"], json("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"));
    raw = rec.dump();
    auto v = ok(call(cx, "trace.verify", json::object()));
    CHECK(v["ok"] == false);
    CHECK(v["bad_seq"] == 2);
  }
  SECTION("a removed event is found") {
    cx.store_.data.erase("e/" + key_number(4));
    auto v = ok(call(cx, "trace.verify", json::object()));
    CHECK(v["ok"] == false);
    CHECK(v["bad_seq"] == 4);
  }
  SECTION("a removed last event is found") {
    cx.store_.data.erase("e/" + key_number(6));
    auto v = ok(call(cx, "trace.verify", json::object()));
    CHECK(v["ok"] == false);
  }
  SECTION("a history stored by version 0.2, under its hash, still verifies, and tampering shows") {
    std::string prev;
    for (int seq = 1; seq <= 6; ++seq) {
      auto& raw = cx.store_.data["e/" + key_number(seq)];
      json rec = json::parse(raw);
      rec["hash"] = legacy_event_hash_id(rec["event"], json(kDefaultContext));
      rec["prev"] = prev;
      rec["link"] = prev = util::sha256_hex(prev + rec["hash"].get<std::string>());
      raw = rec.dump();
    }
    cx.store_.data["#head"] = json{{"seq", 6}, {"link", prev}}.dump();
    CHECK(ok(call(cx, "trace.verify", json::object()))["ok"] == true);
    auto& raw = cx.store_.data["e/" + key_number(3)];
    json rec = json::parse(raw);
    rec["event"]["outputQuantityList"][0]["quantity"] = 80;
    raw = rec.dump();
    auto v = ok(call(cx, "trace.verify", json::object()));
    CHECK(v["ok"] == false);
    CHECK(v["bad_seq"] == 3);
  }
}

TEST_CASE("trace.verify pages through the chain and keeps a checkpoint") {
  MemoryContext cx;
  build_chain(cx);
  auto verify = [&](const json& body) { return ok(call(cx, "trace.verify", body)); };
  SECTION("a page stops at its limit and names where the next one starts") {
    auto first = verify({{"limit", 4}});
    CHECK(first["ok"] == true);
    CHECK(first["checked"] == 4);
    CHECK(first["events"] == 4);
    CHECK(first["next_after"] == 4);
    CHECK(first["verified_seq"] == 4);
    auto rest = verify({{"after", 4}, {"limit", 4}});
    CHECK(rest["ok"] == true);
    CHECK(rest["checked"] == 2);
    CHECK(rest["events"] == 6);
    CHECK_FALSE(rest.contains("next_after"));
    CHECK(rest["verified_seq"] == 6);
    CHECK(rest["head"] == verify(json::object())["head"]);
  }
  SECTION("from the checkpoint only what is new is checked") {
    CHECK(verify(json::object())["verified_seq"] == 6);
    auto idle = verify({{"from", "checkpoint"}});
    CHECK(idle["ok"] == true);
    CHECK(idle["checked"] == 0);
    CHECK(idle["events"] == 6);
    ok(call(cx, "trace.event.capture",
            {{"event", ship("C", "dn-vinmart", "2026-03-06T08:00:00+07:00")}}));
    auto news = verify({{"from", "checkpoint"}});
    CHECK(news["ok"] == true);
    CHECK(news["checked"] == 1);
    CHECK(news["events"] == 7);
    CHECK(news["verified_seq"] == 7);
  }
  SECTION("a page starting past the checkpoint does not move it") {
    verify({{"limit", 2}});
    auto later = verify({{"after", 4}});
    CHECK(later["ok"] == true);
    CHECK(later["verified_seq"] == 2);
  }
  SECTION("tampering before the checkpoint is found from the start, which drops the checkpoint") {
    verify(json::object());
    auto& raw = cx.store_.data["e/" + key_number(3)];
    json rec = json::parse(raw);
    rec["event"]["outputQuantityList"][0]["quantity"] = 80;
    raw = rec.dump();
    CHECK(verify({{"from", "checkpoint"}})["ok"] == true);  // it trusts what it verified
    auto full = verify(json::object());
    CHECK(full["ok"] == false);
    CHECK(full["bad_seq"] == 3);
    CHECK(full["events"] == 2);
    CHECK(full["verified_seq"] == 0);
    auto again = verify({{"from", "checkpoint"}});
    CHECK(again["ok"] == false);
    CHECK(again["bad_seq"] == 3);
  }
  SECTION("a changed record at the checkpoint is found") {
    verify(json::object());
    auto& raw = cx.store_.data["e/" + key_number(6)];
    json rec = json::parse(raw);
    rec["link"] = std::string(64, '0');
    raw = rec.dump();
    auto v = verify({{"from", "checkpoint"}});
    CHECK(v["ok"] == false);
    CHECK(v["bad_seq"] == 6);
    CHECK(v["verified_seq"] == 0);
  }
  SECTION("from and after exclude each other; from is start or checkpoint") {
    auto both = call(cx, "trace.verify", {{"from", "start"}, {"after", 2}});
    REQUIRE_FALSE(both.ok());
    CHECK(both.status().field() == "body.after");
    auto odd = call(cx, "trace.verify", {{"from", "middle"}});
    REQUIRE_FALSE(odd.ok());
    CHECK(odd.status().field() == "body.from");
  }
}

TEST_CASE("lot genealogy") {
  MemoryContext cx;
  build_chain(cx);
  SECTION("back walks through every transformation down to plots and households") {
    auto b = ok(call(cx, "trace.lot.back", {{"lot", "D"}}));
    CHECK(node_ids(b) == std::vector<std::string>{kTea + "A", kTea + "B", kTea + "C", kTea + "D"});
    CHECK(b["plots"].size() == 2);
    CHECK(b["households"] == json::array({"hh-1", "hh-2"}));
  }
  SECTION("back accepts the lot as a Digital Link on any resolver or as an EPC class URN") {
    auto b = ok(call(cx, "trace.lot.back", {{"lot", "https://example.com/01/" + kGtin + "/10/C"}}));
    CHECK(node_ids(b).size() == 3);
  }
  SECTION("forward walks to every output and receiver") {
    auto f = ok(call(cx, "trace.lot.forward", {{"lot", "A"}}));
    CHECK(node_ids(f) == std::vector<std::string>{kTea + "A", kTea + "C", kTea + "D"});
    REQUIRE(f["receivers"].size() == 1);
    CHECK(f["receivers"][0]["party"] == party_urn("dn-vinmart"));
  }
  SECTION("an unknown lot is not_found on body.lot") {
    auto r = call(cx, "trace.lot.back", {{"lot", "ZZ"}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kNotFound);
    CHECK(r.status().field() == "body.lot");
  }
  SECTION("recall by plot names every party that received anything derived from it") {
    auto r = ok(call(cx, "trace.recall", {{"plot", "plot-2"}}));
    std::vector<std::string> who;
    for (const auto& p : r["parties"]) who.push_back(p["party_id"]);
    CHECK(who == std::vector<std::string>{"dn-tanhiep", "dn-vinmart"});
  }
  SECTION("recall respects the time window") {
    auto r = ok(call(cx, "trace.recall", {{"plot", "plot-2"}, {"from", "2026-03-05"}}));
    REQUIRE(r["parties"].size() == 1);
    CHECK(r["parties"][0]["party_id"] == "dn-tanhiep");
  }
  SECTION("recall needs exactly one of plot and lot") {
    auto r = call(cx, "trace.recall", json::object());
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().field() == "body.plot");
  }
}

TEST_CASE("paged event queries") {
  MemoryContext cx;
  build_chain(cx);
  SECTION("pages follow the cursor without gaps or repeats") {
    auto p1 = ok(call(cx, "trace.events.query", {{"limit", 4}}));
    CHECK(p1["events"].size() == 4);
    REQUIRE(p1.contains("next_after"));
    auto p2 = ok(call(cx, "trace.events.query", {{"limit", 4}, {"after", p1["next_after"]}}));
    CHECK(p2["events"].size() == 2);
    CHECK_FALSE(p2.contains("next_after"));
  }
  SECTION("filters by bizStep in any spelling, lot and time") {
    auto s =
        ok(call(cx, "trace.events.query", {{"bizStep", "urn:epcglobal:cbv:bizstep:shipping"}}));
    CHECK(s["events"].size() == 2);
    auto l = ok(call(cx, "trace.events.query", {{"lot", "B"}}));
    CHECK(l["events"].size() == 3);
    auto t = ok(call(cx, "trace.events.query", {{"from", "2026-03-03"}, {"to", "2026-03-04"}}));
    CHECK(t["events"].size() == 2);
  }
  SECTION("bad parameters are refused by name") {
    auto r = call(cx, "trace.events.query", {{"limit", 0}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().field() == "body.limit");
  }
}

TEST_CASE("the standard's example documents round-trip through capture and export") {
  namespace fs = std::filesystem;
  int docs = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(std::string(TRACE_TEST_DATA) + "/epcis/examples")) {
    auto path = entry.path().string();
    if (entry.path().extension() != ".jsonld" || path.find("schema-test") != std::string::npos ||
        path.find("EPCISQueryDocument") != std::string::npos)
      continue;
    std::ifstream in(path);
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded() || schema_invalid_example(path)) continue;
    INFO(path);
    MemoryContext cx;  // one store per document: several examples share events
    auto cap = ok(call(cx, "trace.event.capture", {{"document", doc}}));
    auto exp = ok(call(cx, "trace.export.epcis", {{"query", {{"limit", 10000}}}}));
    const json& in_events = doc["epcisBody"]["eventList"];
    const json& out_events = exp["document"]["epcisBody"]["eventList"];
    // Events identical by hash are stored once.
    REQUIRE(out_events.size() == cap["stored"].get<std::size_t>());
    std::size_t j = 0;
    for (std::size_t i = 0; i < in_events.size(); ++i) {
      if (cap["events"][i].value("duplicate", false)) continue;
      // As captured, in the schema's spelling, with the time this node recorded it.
      json want = canonical_jsonld(in_events[i]);
      if (!want.contains("eventID")) want["eventID"] = cap["events"][i]["eventID"];
      want["recordTime"] = format_time(cx.now_ms());
      CHECK(out_events[j] == want);
      CHECK(event_hash_id(out_events[j++], doc["@context"]) == cap["events"][i]["hash"]);
    }
    ++docs;
  }
  CHECK(docs > 40);
}
