// Hostile and malformed requests against one real node with the offtake, farming and trace plugins,
// seeded with a small but realistic value chain (a tea cooperative, a garlic cooperative, an
// enterprise buyer, an OCOP distributor; a signed consumption contract, a pending proposal, a
// farming season in force, traced lots). Each row of the table names the error code and field it
// must get; after every row the event log must not have grown, and after the whole table every list
// the node serves must read exactly as before. Extends bad_input_test.cpp (envelope basics) to every
// plugin and to other parties' records.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "testkit.hpp"

using namespace lienket::testkit;

namespace {

constexpr int kMaxMessageBytes = 4096;
const std::string kTeaGtin = "08935001000112";     // valid GS1 check digit
const std::string kGarlicGtin = "08935001000129";  // valid GS1 check digit
const std::string kTeaLot = "https://id.gs1.org/01/" + kTeaGtin + "/10/TN-2026-001";

// One row of the table: a request (as (type, as, body), or a raw frame, or two frames) and the error
// it must get. `field` is the exact error field; empty means the reply must name no field.
struct Row {
  std::string name;
  std::string type;
  std::string as;
  json body;
  std::string code;
  std::string field;
  std::optional<std::string> raw;
  bool two_frames = false;
};

Row call_row(std::string name, std::string type, std::string as, json body, std::string code, std::string field) {
  return Row{std::move(name), std::move(type), std::move(as), std::move(body), std::move(code), std::move(field),
             std::nullopt};
}
Row raw_row(std::string name, std::string frame, std::string code, std::string field) {
  return Row{std::move(name), "", "", json(), std::move(code), std::move(field), std::move(frame)};
}

// `base` with the value at `pointer` ("/place/lat") replaced, or removed when `value` is discarded.
json with(json base, const std::string& pointer, const json& value) {
  json::json_pointer p(pointer);
  if (value.is_discarded()) base[p.parent_pointer()].erase(p.back());
  else base[p] = value;
  return base;
}
const json kRemove = json(json::value_t::discarded);

// Sends two frames as one multipart message from a DEALER and returns the parsed reply.
json send_two_frames(const std::string& endpoint, const std::string& a, const std::string& b) {
  zmq::context_t ctx;
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  s.set(zmq::sockopt::linger, 0);
  s.set(zmq::sockopt::rcvtimeo, 10000);
  s.connect(endpoint);
  s.send(zmq::buffer(a), zmq::send_flags::sndmore);
  s.send(zmq::buffer(b), zmq::send_flags::none);
  zmq::message_t reply;
  if (!s.recv(reply)) return json{{"ok", false}, {"error", {{"code", "timeout"}}}};
  return json::parse(reply.to_string(), nullptr, false);
}

// ---- the seeded value chain -------------------------------------------------------------------

struct Seed {
  std::string contract_id, garlic_contract_id, offer_id, garlic_offer_id;
  std::string signed_proposal_id, pending_proposal_id, consumption_id;
};

void register_parties(Node& node) {
  ok(node.call("party.register", {{"id", "htx-thanhnam"}, {"kind", "cooperative"}, {"name", "HTX Chè Thanh Nam"},
                                  {"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}, {"members", 120}}));
  ok(node.call("party.register", {{"id", "htx-toi-phumai"}, {"kind", "cooperative"},
                                  {"name", "HTX Nông nghiệp sinh thái Tỏi Phù Mai"}, {"province", "Sơn La"},
                                  {"lat", 21.33}, {"lon", 103.91}, {"members", 85}}));
  ok(node.call("party.register", {{"id", "dn-tanhiep"}, {"kind", "enterprise"}, {"name", "Công ty CP Chè Tân Hiệp"},
                                  {"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.85}}));
  ok(node.call("party.register", {{"id", "npp-ocop-hanoi"}, {"kind", "distributor"},
                                  {"name", "Chuỗi cửa hàng OCOP Hà Nội"}, {"province", "Hà Nội"}, {"lat", 21.02},
                                  {"lon", 105.83}}));
  ok(node.call("product.register", {{"id", "tea-thanhnam-green"}, {"name", "Chè xanh Thanh Nam"}, {"category", "tea"},
                                    {"unit", "g"}, {"ocop_stars", 4}, {"certifications", {"VietGAP"}}, {"gtin", kTeaGtin}},
               "htx-thanhnam"));
  ok(node.call("product.register", {{"id", "garlic-black-phumai"}, {"name", "Tỏi đen Phù Mai"}, {"category", "garlic"},
                                    {"unit", "g"}, {"ocop_stars", 3}, {"gtin", kGarlicGtin}},
               "htx-toi-phumai"));
}

json place(const std::string& province, double lat, double lon) {
  return {{"province", province}, {"lat", lat}, {"lon", lon}};
}

json tea_contract() {
  return {{"product_id", "tea-thanhnam-green"}, {"quantity", 2'000'000}, {"unit_price_vnd", 180'000},
          {"deliver_from", "2026-03-10"}, {"deliver_to", "2026-04-30"}, {"place", place("Hà Nội", 21.03, 105.85)},
          {"certifications", {"VietGAP"}}, {"min_lot", 100'000}};
}

json tea_offer() {
  return {{"product_id", "tea-thanhnam-green"}, {"quantity", 1'500'000}, {"available_from", "2026-03-05"},
          {"available_to", "2026-04-15"}, {"place", place("Phú Thọ", 21.29, 105.05)},
          {"min_unit_price_vnd", 150'000}};
}

// Two contracts, two offers, a match: the tea proposal is signed by both sides (a consumption
// contract with one delivery of a traced lot), the garlic proposal stays pending.
Seed seed_offtake(Node& node) {
  Seed s;
  s.contract_id = ok(node.call("offtake.contract.post", tea_contract(), "dn-tanhiep"))["contract_id"];
  s.garlic_contract_id =
      ok(node.call("offtake.contract.post",
                   {{"category", "garlic"}, {"unit", "g"}, {"quantity", 200'000}, {"unit_price_vnd", 350'000},
                    {"deliver_from", "2026-03-15"}, {"deliver_to", "2026-05-15"},
                    {"place", place("Hà Nội", 21.02, 105.83)}, {"min_ocop_stars", 3}},
                   "npp-ocop-hanoi"))["contract_id"];
  s.offer_id = ok(node.call("offtake.offer.post", tea_offer(), "htx-thanhnam"))["offer_id"];
  s.garlic_offer_id =
      ok(node.call("offtake.offer.post",
                   {{"product_id", "garlic-black-phumai"}, {"quantity", 200'000}, {"available_from", "2026-03-01"},
                    {"available_to", "2026-06-30"}, {"place", place("Sơn La", 21.33, 103.91)},
                    {"min_unit_price_vnd", 300'000}, {"note", "Tỏi đen lên men 60 ngày"}},
                   "htx-toi-phumai"))["offer_id"];
  auto match = ok(node.call("offtake.match.run"));
  REQUIRE(match["proposals"].size() == 2);
  for (const auto& p : match["proposals"]) {
    if (p["offer_id"] == s.offer_id) s.signed_proposal_id = p["id"];
    else s.pending_proposal_id = p["id"];
  }
  REQUIRE(!s.signed_proposal_id.empty());
  REQUIRE(!s.pending_proposal_id.empty());
  ok(node.call("offtake.proposal.accept", {{"proposal_id", s.signed_proposal_id}}, "htx-thanhnam"));
  auto signed_ = ok(node.call("offtake.proposal.accept", {{"proposal_id", s.signed_proposal_id}}, "dn-tanhiep"));
  s.consumption_id = signed_["consumption"]["id"];
  ok(node.call("offtake.delivery.record",
               {{"consumption_id", s.consumption_id}, {"quantity", 500'000}, {"date", "2026-03-01"},
                {"lot_id", "TN-2026-001"}},
               "htx-thanhnam"));
  return s;
}

json tea_plot() {
  return {{"id", "tn-plot-an"}, {"household_id", "hh-nguyen-van-an"}, {"household_name", "Nguyễn Văn An"},
          {"crop", "tea"}, {"area_m2", 5'000},
          {"polygon", json::array({{{"lat", 21.2901}, {"lon", 105.0502}}, {{"lat", 21.2907}, {"lon", 105.0511}},
                                   {{"lat", 21.2896}, {"lon", 105.0515}}})},
          {"certification", {{"scheme", "VietGAP"}, {"number", "VG-PT-0231"}, {"expires", "2027-12-31"}}}};
}

json tea_agreement() {
  return {{"id", "agr-tn-2026"},
          {"enterprise", "dn-tanhiep"},
          {"cooperative", "htx-thanhnam"},
          {"product_id", "tea-thanhnam-green"},
          {"plots", json::array({{{"plot_id", "tn-plot-an"}, {"expected_yield", 800'000}}})},
          {"season", {{"start", "2026-01-01"}, {"end", "2026-12-31"}}},
          {"harvest_window", {{"start", "2026-02-15"}, {"end", "2026-05-31"}}},
          {"price", {{"kind", "fixed"}, {"unit_price_vnd", 160'000}}}};
}

json advance() {
  return {{"agreement_id", "agr-tn-2026"}, {"item", "fertiliser"}, {"description", "Phân NPK 16-16-8"},
          {"quantity", 40}, {"quantity_unit", "bag 50 kg"}, {"value_vnd", 12'000'000}, {"date", "2026-02-20"}};
}

json harvest() {
  return {{"agreement_id", "agr-tn-2026"}, {"plot_id", "tn-plot-an"}, {"quantity", 300'000}, {"grade", "A"},
          {"date", "2026-03-01"}, {"lot_id", "TN-2026-H01"}};
}

// A plot for each cooperative, a season agreement in force with an advance, a diary entry and a
// harvest (which the trace plugin records as a commissioning event).
void seed_farming(Node& node) {
  ok(node.call("farming.plot.register", tea_plot(), "htx-thanhnam"));
  ok(node.call("farming.plot.register",
               {{"id", "pm-plot-binh"}, {"household_id", "hh-lo-van-binh"}, {"household_name", "Lò Văn Bình"},
                {"crop", "garlic"}, {"area_m2", 3'000}, {"location", {{"lat", 21.331}, {"lon", 103.912}}}},
               "htx-toi-phumai"));
  ok(node.call("farming.agreement.propose", tea_agreement(), "dn-tanhiep"));
  ok(node.call("farming.agreement.sign", {{"id", "agr-tn-2026"}, {"version", 1}}, "htx-thanhnam"));
  ok(node.call("farming.advance.record", advance(), "dn-tanhiep"));
  ok(node.call("farming.diary.record",
               {{"plot_id", "tn-plot-an"}, {"kind", "fertiliser"}, {"date", "2026-02-25"}, {"input", "NPK 16-16-8"},
                {"quantity", 200}, {"quantity_unit", "kg"}},
               "htx-thanhnam"));
  ok(node.call("farming.harvest.record", harvest(), "htx-thanhnam"));
}

json epcis_event() {
  return {{"type", "ObjectEvent"},
          {"action", "OBSERVE"},
          {"bizStep", "shipping"},
          {"disposition", "in_transit"},
          {"eventTime", "2026-03-01T07:30:00.000+07:00"},
          {"eventTimeZoneOffset", "+07:00"},
          {"epcList", json::array({kTeaLot})},
          {"readPoint", {{"id", "geo:21.29,105.05"}}},
          {"sourceList", json::array({{{"type", "owning_party"}, {"source", "urn:lienket:party:htx-thanhnam"}}})},
          {"destinationList", json::array({{{"type", "owning_party"}, {"destination", "urn:lienket:party:dn-tanhiep"}}})}};
}

void seed_trace(Node& node) {
  auto r = ok(node.call("trace.event.capture", {{"event", epcis_event()}}, "htx-thanhnam"));
  REQUIRE(r["stored"] == 1);
}

// ---- "nothing changed" ------------------------------------------------------------------------

std::int64_t last_seq(Node& node) { return ok(node.call("node.info"))["node"]["last_seq"].get<std::int64_t>(); }

// Every event and every list the node serves, read back in full.
json snapshot(Node& node) {
  json s;
  json events = json::array();
  std::int64_t after = 0;
  for (;;) {
    auto page = ok(node.call("events.since", {{"after_seq", after}, {"limit", 1000}}));
    for (auto& e : page["events"]) events.push_back(e);
    after = page["next_after"];
    if (after == page["last_seq"].get<std::int64_t>()) break;
  }
  s["events"] = events;
  s["parties"] = ok(node.call("party.list", {{"limit", 500}}));
  s["products"] = ok(node.call("product.list", {{"limit", 500}}));
  s["contracts"] = ok(node.call("offtake.contract.list", {{"limit", 500}}));
  s["offers"] = ok(node.call("offtake.offer.list", {{"limit", 500}}));
  s["proposals"] = ok(node.call("offtake.proposal.list", {{"limit", 500}}));
  s["consumptions"] = ok(node.call("offtake.consumption.list", {{"limit", 500}}));
  s["report"] = ok(node.call("offtake.report"));
  s["plots"] = ok(node.call("farming.plot.list", {{"limit", 500}}));
  s["agreements"] = ok(node.call("farming.agreement.list"));
  s["agreement"] = ok(node.call("farming.agreement.get", {{"id", "agr-tn-2026"}}));
  s["advances"] = ok(node.call("farming.advance.list", {{"agreement_id", "agr-tn-2026"}}));
  s["harvests"] = ok(node.call("farming.harvest.list", {{"agreement_id", "agr-tn-2026"}}));
  s["diary_tn"] = ok(node.call("farming.diary.list", {{"plot_id", "tn-plot-an"}}));
  s["diary_pm"] = ok(node.call("farming.diary.list", {{"plot_id", "pm-plot-binh"}}));
  s["trace_events"] = ok(node.call("trace.events.query", {{"limit", 1000}}));
  s["trace_verify"] = ok(node.call("trace.verify"));
  return s;
}

// ---- the table --------------------------------------------------------------------------------

std::vector<Row> envelope_rows() {
  const std::string good_body = R"({"id":"htx-thanhnam"})";
  auto frame = [&](const std::string& keys) { return "{" + keys + "}"; };
  std::string deep_open, deep_close;
  for (int i = 0; i < 100; ++i) deep_open += "{\"a\":", deep_close += "}";
  std::string nest65_open, nest65_close;  // 1 (envelope) + 1 (body) + 63 = 65 levels: one too many
  for (int i = 0; i < 63; ++i) nest65_open += "[", nest65_close += "]";
  const std::string big_name(kMaxMessageBytes, 'x');
  return {
      raw_row("not JSON at all", "party.get htx-thanhnam", "invalid_argument", ""),
      raw_row("truncated JSON", R"({"v":1,"id":"x","type":"party.get","body":{"id":)", "invalid_argument", ""),
      raw_row("a JSON array, not an object", R"([1,"party.get",{"id":"htx-thanhnam"}])", "invalid_argument", ""),
      raw_row("a bare JSON string", R"("party.get")", "invalid_argument", ""),
      raw_row("JSON null", "null", "invalid_argument", ""),
      raw_row("missing v", frame(R"("id":"x","type":"party.get","body":)" + good_body), "invalid_argument", "v"),
      raw_row("v is 2", frame(R"("v":2,"id":"x","type":"party.get","body":)" + good_body), "invalid_argument", "v"),
      raw_row("v is a string", frame(R"("v":"1","id":"x","type":"party.get","body":)" + good_body),
              "invalid_argument", "v"),
      raw_row("v is 1.5 (not an integer)", frame(R"("v":1.5,"id":"x","type":"party.get","body":)" + good_body),
              "invalid_argument", "v"),
      raw_row("missing id", frame(R"("v":1,"type":"party.get","body":)" + good_body), "invalid_argument", "id"),
      raw_row("id is a number", frame(R"("v":1,"id":7,"type":"party.get","body":)" + good_body), "invalid_argument",
              "id"),
      raw_row("id of 129 bytes",
              frame(R"("v":1,"id":")" + std::string(129, 'i') + R"(","type":"party.get","body":)" + good_body),
              "invalid_argument", "id"),
      raw_row("missing type", frame(R"("v":1,"id":"x","body":)" + good_body), "invalid_argument", "type"),
      raw_row("type is a number", frame(R"("v":1,"id":"x","type":42,"body":)" + good_body), "invalid_argument",
              "type"),
      raw_row("type in capitals", frame(R"("v":1,"id":"x","type":"Party.Get","body":)" + good_body),
              "invalid_argument", "type"),
      raw_row("type with a slash", frame(R"("v":1,"id":"x","type":"party/get","body":)" + good_body),
              "invalid_argument", "type"),
      raw_row("body is a list", frame(R"("v":1,"id":"x","type":"party.get","body":["htx-thanhnam"])"),
              "invalid_argument", "body"),
      raw_row("body is a string", frame(R"("v":1,"id":"x","type":"party.get","body":"htx-thanhnam")"),
              "invalid_argument", "body"),
      raw_row("as is a number", frame(R"("v":1,"id":"x","type":"party.get","as":12,"body":)" + good_body),
              "invalid_argument", "as"),
      raw_row("as is not an id", frame(R"("v":1,"id":"x","type":"party.get","as":"htx thanh nam","body":)" + good_body),
              "invalid_argument", "as"),
      raw_row("idempotency_key of 129 bytes",
              frame(R"("v":1,"id":"x","type":"party.get","idempotency_key":")" + std::string(129, 'k') +
                    R"(","body":)" + good_body),
              "invalid_argument", "idempotency_key"),
      raw_row("idempotency_key is an object",
              frame(R"("v":1,"id":"x","type":"party.get","idempotency_key":{"k":1},"body":)" + good_body),
              "invalid_argument", "idempotency_key"),
      raw_row("an unknown envelope key", frame(R"("v":1,"id":"x","type":"party.get","colour":"red","body":)" + good_body),
              "invalid_argument", "colour"),
      raw_row("100 levels of nesting in the body",
              frame(R"("v":1,"id":"x","type":"party.register","body":)" + deep_open + "1" + deep_close),
              "invalid_argument", ""),
      raw_row("65 levels of nesting (one past the limit)",
              frame(R"("v":1,"id":"x","type":"party.register","body":{"id":)" + nest65_open + nest65_close + "}"),
              "invalid_argument", ""),
      raw_row("invalid UTF-8 bytes in a string",
              frame("\"v\":1,\"id\":\"x\",\"type\":\"party.register\",\"body\":{\"id\":\"htx-x\",\"kind\":\"cooperative\","
                    "\"name\":\"HTX \xff\xfe\",\"province\":\"S\xc6\xa1n La\",\"lat\":21.3,\"lon\":103.9}"),
              "invalid_argument", ""),
      raw_row("an overlong UTF-8 encoding of '/'",
              frame("\"v\":1,\"id\":\"x\",\"type\":\"party.get\",\"body\":{\"id\":\"htx\xc0\xafthanhnam\"}"),
              "invalid_argument", ""),
      raw_row("a lone UTF-16 surrogate escape",
              frame(R"("v":1,"id":"x","type":"party.get","body":{"id":"htx\ud800"})"), "invalid_argument", ""),
      raw_row("a frame over max_message_bytes",
              frame(R"("v":1,"id":"big","type":"party.register","body":{"name":")" + big_name + R"("})"), "too_large",
              ""),
      [] {
        Row r = raw_row("two frames in one message", R"({"v":1,"id":"x","type":"node.info"})", "invalid_argument",
                        "frame");
        r.two_frames = true;
        return r;
      }(),
      call_row("an unknown type of a plugin's namespace", "offtake.contract.explode", "", json::object(),
               "unknown_type", "type"),
      call_row("an unknown namespace", "bank.transfer", "", {{"amount_vnd", 1'000'000}}, "unknown_type", "type"),
      call_row("an unknown acting party", "party.get", "htx-ma", {{"id", "htx-thanhnam"}}, "unauthenticated", "as"),
      call_row("an unknown acting party posting a contract", "offtake.contract.post", "dn-ghost", tea_contract(),
               "unauthenticated", "as"),
  };
}

std::vector<Row> registry_rows() {
  const json coop = {{"id", "htx-longcoc"}, {"kind", "cooperative"}, {"name", "HTX Chè Long Cốc"},
                     {"province", "Phú Thọ"}, {"lat", 21.17}, {"lon", 104.98}, {"members", 60}};
  const json product = {{"id", "tea-longcoc"}, {"name", "Chè Long Cốc"}, {"category", "tea"}, {"unit", "g"},
                        {"ocop_stars", 4}, {"gtin", "08935001000136"}};
  std::string long_name;
  for (int i = 0; i < 67; ++i) long_name += "ệ";  // 67 x 3 bytes = 201 bytes, 67 characters
  return {
      call_row("party.register with a taken id", "party.register", "", with(coop, "/id", "htx-thanhnam"),
               "already_exists", "body.id"),
      call_row("party.register kind in capitals", "party.register", "", with(coop, "/kind", "Cooperative"),
               "invalid_argument", "body.kind"),
      call_row("party.register lat just below -90", "party.register", "", with(coop, "/lat", -90.0001),
               "invalid_argument", "body.lat"),
      call_row("party.register lon as a string", "party.register", "", with(coop, "/lon", "104.98"),
               "invalid_argument", "body.lon"),
      call_row("party.register name of 201 bytes (67 characters)", "party.register", "",
               with(coop, "/name", long_name), "invalid_argument", "body.name"),
      call_row("party.register members beyond 10 million", "party.register", "",
               with(coop, "/members", 1'000'000'000'000LL), "invalid_argument", "body.members"),
      call_row("party.register members = 2^64-1", "party.register", "",
               with(coop, "/members", 18446744073709551615ULL), "invalid_argument", "body.members"),
      call_row("product.register GTIN with a bad check digit", "product.register", "htx-thanhnam",
               with(product, "/gtin", "08935001000137"), "invalid_argument", "body.gtin"),
      call_row("product.register GTIN of 13 digits", "product.register", "htx-thanhnam",
               with(product, "/gtin", "8935001000136"), "invalid_argument", "body.gtin"),
      call_row("product.register without an owner", "product.register", "", product, "unauthenticated", "as"),
      call_row("product.register for another owner", "product.register", "htx-thanhnam",
               with(product, "/owner", "htx-toi-phumai"), "invalid_argument", "body.owner"),
      call_row("product.register with unit kg", "product.register", "htx-thanhnam", with(product, "/unit", "kg"),
               "invalid_argument", "body.unit"),
      call_row("product.register with 6 OCOP stars", "product.register", "htx-thanhnam",
               with(product, "/ocop_stars", 6), "invalid_argument", "body.ocop_stars"),
      call_row("product.register over another's product id", "product.register", "htx-toi-phumai",
               with(product, "/id", "tea-thanhnam-green"), "already_exists", "body.id"),
      call_row("party.get of an unknown party", "party.get", "", {{"id", "htx-ma"}}, "not_found", "body.id"),
      call_row("events.since with a negative after_seq", "events.since", "", {{"after_seq", -1}}, "invalid_argument",
               "body.after_seq"),
      call_row("node.clock.advance backwards", "node.clock.advance", "", {{"seconds", -3600}}, "invalid_argument",
               "body.seconds"),
  };
}

std::vector<Row> offtake_rows(const Seed& s) {
  const json contract = tea_contract();
  const json offer = tea_offer();
  const std::string cc = s.consumption_id;
  return {
      call_row("contract with a negative quantity", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", -2'000'000), "invalid_argument", "body.quantity"),
      call_row("contract with quantity 0", "offtake.contract.post", "dn-tanhiep", with(contract, "/quantity", 0),
               "invalid_argument", "body.quantity"),
      call_row("contract quantity just past 10^12", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 1'000'000'000'001LL), "invalid_argument", "body.quantity"),
      call_row("contract quantity 2^63 (past int64)", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 9223372036854775808ULL), "invalid_argument", "body.quantity"),
      call_row("contract quantity 1e30 (a float)", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/quantity", 1e30), "invalid_argument", "body.quantity"),
      call_row("contract value past the limit (10^12 g at 10^9 VND/kg)", "offtake.contract.post", "dn-tanhiep",
               with(with(contract, "/quantity", 1'000'000'000'000LL), "/unit_price_vnd", 1'000'000'000),
               "invalid_argument", "body.quantity"),
      call_row("contract price as a float", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/unit_price_vnd", 180000.5), "invalid_argument", "body.unit_price_vnd"),
      call_row("contract price as a string", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/unit_price_vnd", "180000"), "invalid_argument", "body.unit_price_vnd"),
      call_row("contract delivery window ends before it starts", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/deliver_to", "2026-03-01"), "invalid_argument", "body.deliver_to"),
      call_row("contract deliver_from 30 February", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/deliver_from", "2026-02-30"), "invalid_argument", "body.deliver_from"),
      call_row("contract place.lat 95", "offtake.contract.post", "dn-tanhiep", with(contract, "/place/lat", 95),
               "invalid_argument", "body.place.lat"),
      call_row("contract min_lot above quantity", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/min_lot", 2'000'001), "invalid_argument", "body.min_lot"),
      call_row("contract with both product_id and category", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/category", "tea"), "invalid_argument", "body.category"),
      call_row("contract for an unknown product", "offtake.contract.post", "dn-tanhiep",
               with(contract, "/product_id", "tea-ma"), "not_found", "body.product_id"),
      call_row("contract posted by a cooperative", "offtake.contract.post", "htx-thanhnam", contract,
               "permission_denied", "as"),
      call_row("contract posted with no acting party", "offtake.contract.post", "", contract, "unauthenticated", "as"),
      call_row("offer posted by an enterprise", "offtake.offer.post", "dn-tanhiep", offer, "permission_denied", "as"),
      call_row("offer posted by a distributor", "offtake.offer.post", "npp-ocop-hanoi", offer, "permission_denied",
               "as"),
      call_row("offer of another cooperative's product", "offtake.offer.post", "htx-toi-phumai", offer,
               "permission_denied", "as"),
      call_row("offer availability ends before it starts", "offtake.offer.post", "htx-thanhnam",
               with(offer, "/available_to", "2026-03-01"), "invalid_argument", "body.available_to"),
      call_row("offer with a negative minimum price", "offtake.offer.post", "htx-thanhnam",
               with(offer, "/min_unit_price_vnd", -1), "invalid_argument", "body.min_unit_price_vnd"),
      call_row("offer without a place", "offtake.offer.post", "htx-thanhnam", with(offer, "/place", kRemove),
               "invalid_argument", "body.place"),
      call_row("offer with an unknown field", "offtake.offer.post", "htx-thanhnam", with(offer, "/discount_pct", 10),
               "invalid_argument", "body.discount_pct"),
      call_row("accepting a proposal one is not party to (enterprise)", "offtake.proposal.accept", "dn-tanhiep",
               {{"proposal_id", s.pending_proposal_id}}, "permission_denied", "as"),
      call_row("accepting a proposal one is not party to (other cooperative)", "offtake.proposal.accept",
               "htx-thanhnam", {{"proposal_id", s.pending_proposal_id}}, "permission_denied", "as"),
      call_row("rejecting a proposal with no acting party", "offtake.proposal.reject", "",
               {{"proposal_id", s.pending_proposal_id}}, "unauthenticated", "as"),
      call_row("accepting an already signed proposal", "offtake.proposal.accept", "dn-tanhiep",
               {{"proposal_id", s.signed_proposal_id}}, "failed_precondition", "body.proposal_id"),
      call_row("accepting an unknown proposal", "offtake.proposal.accept", "dn-tanhiep",
               {{"proposal_id", "pr-99999999"}}, "not_found", "body.proposal_id"),
      call_row("delivery on another cooperative's consumption contract", "offtake.delivery.record", "htx-toi-phumai",
               {{"consumption_id", cc}, {"quantity", 100'000}, {"date", "2026-03-01"}}, "permission_denied", "as"),
      call_row("delivery recorded by the buyer", "offtake.delivery.record", "dn-tanhiep",
               {{"consumption_id", cc}, {"quantity", 100'000}, {"date", "2026-03-01"}}, "permission_denied", "as"),
      call_row("delivery of a negative quantity", "offtake.delivery.record", "htx-thanhnam",
               {{"consumption_id", cc}, {"quantity", -500}, {"date", "2026-03-01"}}, "invalid_argument",
               "body.quantity"),
      call_row("delivery beyond what is left to deliver", "offtake.delivery.record", "htx-thanhnam",
               {{"consumption_id", cc}, {"quantity", 1'000'001}, {"date", "2026-03-01"}}, "invalid_argument",
               "body.quantity"),
      call_row("delivery on an unknown consumption contract", "offtake.delivery.record", "htx-thanhnam",
               {{"consumption_id", "cc-99999999"}, {"quantity", 100'000}, {"date", "2026-03-01"}}, "not_found",
               "body.consumption_id"),
      call_row("delivery accepted by the seller", "offtake.delivery.accept", "htx-thanhnam",
               {{"consumption_id", cc}, {"delivery_no", 1}}, "permission_denied", "as"),
      call_row("accepting an unknown delivery number", "offtake.delivery.accept", "dn-tanhiep",
               {{"consumption_id", cc}, {"delivery_no", 99}}, "not_found", "body.delivery_no"),
      call_row("rejecting a delivery without a reason", "offtake.delivery.reject", "dn-tanhiep",
               {{"consumption_id", cc}, {"delivery_no", 1}}, "invalid_argument", "body.reason"),
      call_row("payment recorded by the seller", "offtake.payment.record", "htx-thanhnam",
               {{"consumption_id", cc}, {"amount_vnd", 1'000'000}}, "permission_denied", "as"),
      call_row("payment of 0 VND", "offtake.payment.record", "dn-tanhiep", {{"consumption_id", cc}, {"amount_vnd", 0}},
               "invalid_argument", "body.amount_vnd"),
      call_row("payment beyond the contract's value", "offtake.payment.record", "dn-tanhiep",
               {{"consumption_id", cc}, {"amount_vnd", 270'000'001}}, "invalid_argument", "body.amount_vnd"),
      call_row("cancelling another buyer's contract", "offtake.contract.cancel", "npp-ocop-hanoi",
               {{"contract_id", s.contract_id}}, "permission_denied", "as"),
      call_row("cancelling an unknown contract", "offtake.contract.cancel", "dn-tanhiep",
               {{"contract_id", "ct-99999999"}}, "not_found", "body.contract_id"),
      call_row("withdrawing another cooperative's offer", "offtake.offer.withdraw", "htx-toi-phumai",
               {{"offer_id", s.offer_id}}, "permission_denied", "as"),
      call_row("contract.get with a path in the id", "offtake.contract.get", "",
               {{"contract_id", "ct-00000001/../offer"}}, "invalid_argument", "body.contract_id"),
      call_row("contract.list limit 501", "offtake.contract.list", "", {{"limit", 501}}, "invalid_argument",
               "body.limit"),
  };
}

std::vector<Row> farming_rows() {
  const json plot = with(tea_plot(), "/id", "tn-plot-new");
  const json agreement = with(tea_agreement(), "/id", "agr-tn-2026-b");
  const json adv = advance();
  const json diary = {{"plot_id", "tn-plot-an"}, {"kind", "pesticide"}, {"date", "2026-02-28"},
                      {"active_ingredient", "Abamectin"}, {"dose", "10 ml / 16 L"}, {"phi_days", 7}};
  return {
      call_row("plot registered by an enterprise", "farming.plot.register", "dn-tanhiep", plot, "permission_denied",
               "as"),
      call_row("plot registered over a taken id", "farming.plot.register", "htx-toi-phumai",
               with(plot, "/id", "tn-plot-an"), "already_exists", "body.id"),
      call_row("plot of 0 m2", "farming.plot.register", "htx-thanhnam", with(plot, "/area_m2", 0), "invalid_argument",
               "body.area_m2"),
      call_row("plot polygon of 2 points", "farming.plot.register", "htx-thanhnam",
               with(plot, "/polygon", json::array({{{"lat", 21.29}, {"lon", 105.05}}, {{"lat", 21.3}, {"lon", 105.06}}})),
               "invalid_argument", "body.polygon"),
      call_row("plot polygon point at lat 200", "farming.plot.register", "htx-thanhnam",
               with(plot, "/polygon/1/lat", 200), "invalid_argument", "body.polygon[1].lat"),
      call_row("agreement naming another cooperative's plot", "farming.agreement.propose", "dn-tanhiep",
               with(agreement, "/plots/0/plot_id", "pm-plot-binh"), "invalid_argument", "body.plots[0].plot_id"),
      call_row("agreement proposed by a third party", "farming.agreement.propose", "npp-ocop-hanoi", agreement,
               "permission_denied", "as"),
      call_row("agreement with price kind barter", "farming.agreement.propose", "dn-tanhiep",
               with(agreement, "/price/kind", "barter"), "invalid_argument", "body.price.kind"),
      call_row("agreement harvest window outside the season", "farming.agreement.propose", "dn-tanhiep",
               with(agreement, "/harvest_window/end", "2027-01-15"), "invalid_argument", "body.harvest_window"),
      call_row("agreement with a negative expected yield", "farming.agreement.propose", "dn-tanhiep",
               with(agreement, "/plots/0/expected_yield", -800'000), "invalid_argument",
               "body.plots[0].expected_yield"),
      call_row("signing a version already in force", "farming.agreement.sign", "dn-tanhiep",
               {{"id", "agr-tn-2026"}, {"version", 1}}, "failed_precondition", "body.version"),
      call_row("amending another's agreement", "farming.agreement.amend", "htx-toi-phumai",
               {{"id", "agr-tn-2026"}, {"note", "giá mới"}}, "permission_denied", "as"),
      call_row("advance recorded by the cooperative", "farming.advance.record", "htx-thanhnam", adv,
               "permission_denied", "as"),
      call_row("advance on an agreement one is not party to", "farming.advance.record", "npp-ocop-hanoi", adv,
               "permission_denied", "as"),
      call_row("advance of a negative value", "farming.advance.record", "dn-tanhiep",
               with(adv, "/value_vnd", -12'000'000), "invalid_argument", "body.value_vnd"),
      call_row("advance dated tomorrow", "farming.advance.record", "dn-tanhiep", with(adv, "/date", "2026-03-02"),
               "invalid_argument", "body.date"),
      call_row("advance of a tractor", "farming.advance.record", "dn-tanhiep", with(adv, "/item", "tractor"),
               "invalid_argument", "body.item"),
      call_row("advance quantity without its unit", "farming.advance.record", "dn-tanhiep",
               with(adv, "/quantity_unit", kRemove), "invalid_argument", "body.quantity_unit"),
      call_row("advance on an unknown agreement", "farming.advance.record", "dn-tanhiep",
               with(adv, "/agreement_id", "agr-ma"), "not_found", "body.agreement_id"),
      call_row("settlement computed by a non-party", "farming.settlement.compute", "htx-toi-phumai",
               {{"agreement_id", "agr-tn-2026"}}, "permission_denied", "as"),
      call_row("settlement computed with no acting party", "farming.settlement.compute", "",
               {{"agreement_id", "agr-tn-2026"}}, "unauthenticated", "as"),
      call_row("settlement dated in the future", "farming.settlement.compute", "dn-tanhiep",
               {{"agreement_id", "agr-tn-2026"}, {"date", "2026-12-31"}}, "invalid_argument", "body.date"),
      call_row("diary entry on another cooperative's plot", "farming.diary.record", "htx-toi-phumai", diary,
               "permission_denied", "as"),
      call_row("pesticide diary entry without its PHI", "farming.diary.record", "htx-thanhnam",
               with(diary, "/phi_days", kRemove), "invalid_argument", "body.phi_days"),
      call_row("diary entry of kind harvesting", "farming.diary.record", "htx-thanhnam",
               with(diary, "/kind", "harvesting"), "invalid_argument", "body.kind"),
      call_row("harvest recorded by the enterprise", "farming.harvest.record", "dn-tanhiep",
               with(harvest(), "/lot_id", "TN-2026-H02"), "permission_denied", "as"),
      call_row("harvest recorded by another cooperative", "farming.harvest.record", "htx-toi-phumai",
               with(harvest(), "/lot_id", "TN-2026-H02"), "permission_denied", "as"),
      call_row("harvest of a negative quantity", "farming.harvest.record", "htx-thanhnam",
               with(with(harvest(), "/lot_id", "TN-2026-H02"), "/quantity", -300'000), "invalid_argument",
               "body.quantity"),
      call_row("harvest reusing a lot id", "farming.harvest.record", "htx-thanhnam", harvest(), "already_exists",
               "body.lot_id"),
  };
}

std::vector<Row> trace_rows() {
  const json ev = epcis_event();
  auto capture = [](const json& event) { return json{{"event", event}}; };
  return {
      call_row("EPCIS event about another party's lot", "trace.event.capture", "htx-toi-phumai", capture(ev),
               "permission_denied", "body.event"),
      call_row("EPCIS event without eventTime", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/eventTime", kRemove)), "invalid_argument", "body.event.eventTime"),
      call_row("EPCIS eventTime not RFC 3339", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/eventTime", "01/03/2026 07:30")), "invalid_argument", "body.event.eventTime"),
      call_row("EPCIS bizStep not in the CBV", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/bizStep", "harvesting_now")), "invalid_argument", "body.event.bizStep"),
      call_row("EPCIS action CREATE", "trace.event.capture", "htx-thanhnam", capture(with(ev, "/action", "CREATE")),
               "invalid_argument", "body.event.action"),
      call_row("EPCIS time zone offset +15:00", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/eventTimeZoneOffset", "+15:00")), "invalid_argument",
               "body.event.eventTimeZoneOffset"),
      call_row("EPCIS event type unknown", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/type", "HarvestEvent")), "invalid_argument", "body.event.type"),
      call_row("EPC that is not a URI", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/epcList/0", "lot TN-2026-001")), "invalid_argument", "body.event.epcList[0]"),
      call_row("EPC Digital Link with a bad GTIN check digit", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/epcList/0", "https://id.gs1.org/01/08935001000113/10/TN-2026-001")),
               "invalid_argument", "body.event.epcList[0]"),
      call_row("EPC sgtin URN that is malformed", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/epcList/0", "urn:epc:id:sgtin:893500.10A00.TN1")), "invalid_argument",
               "body.event.epcList[0]"),
      call_row("EPCIS readPoint geo URI off the globe", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/readPoint/id", "geo:95,200")), "invalid_argument", "body.event.readPoint.id"),
      call_row("EPCIS quantity of -1", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/quantityList",
                            json::array({{{"epcClass", kTeaLot}, {"quantity", -1}, {"uom", "KGM"}}}))),
               "invalid_argument", "body.event.quantityList[0].quantity"),
      call_row("EPCIS unprefixed extension field", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/farmer", "Nguyễn Văn An")), "invalid_argument", "body.event.farmer"),
      call_row("capture with both event and document", "trace.event.capture", "htx-thanhnam",
               {{"event", ev}, {"document", json::object()}}, "invalid_argument", "body.event"),
      call_row("capture of a document whose eventList is not a list", "trace.event.capture", "htx-thanhnam",
               {{"document", {{"@context", "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"},
                              {"type", "EPCISDocument"}, {"schemaVersion", "2.0"},
                              {"creationDate", "2026-03-01T08:00:00.000+07:00"},
                              {"epcisBody", {{"eventList", ev}}}}}},
               "invalid_argument", "body.document.epcisBody.eventList"),
      call_row("trace page for a GTIN with a bad check digit", "trace.page.get", "",
               {{"gtin", "08935001000113"}, {"lot", "TN-2026-001"}}, "invalid_argument", "body.gtin"),
      call_row("trace QR in PNG", "trace.qr", "", {{"lot", "TN-2026-001"}, {"format", "png"}}, "invalid_argument",
               "body.format"),
      call_row("tracing back an unknown lot", "trace.lot.back", "", {{"lot", "TN-1999-404"}}, "not_found", "body.lot"),
      call_row("recall by both plot and lot", "trace.recall", "", {{"plot", "tn-plot-an"}, {"lot", "TN-2026-001"}},
               "invalid_argument", "body.plot"),
      call_row("events query limit 0", "trace.events.query", "", {{"limit", 0}}, "invalid_argument", "body.limit"),
  };
}

json send(Node& node, const Row& row) {
  if (row.two_frames) return send_two_frames(node.request_endpoint(), *row.raw, *row.raw);
  if (row.raw) return node.client().send_raw(*row.raw);
  return node.call(row.type, row.body, row.as);
}

}  // namespace

TEST_CASE("hostile requests: each gets its error code and field, and nothing changes") {
  Node node(json{{"max_message_bytes", kMaxMessageBytes}, {"plugins", {{"trace", {{"http_endpoint", ""}}}}}});
  register_parties(node);
  const Seed seed = seed_offtake(node);
  seed_farming(node);
  seed_trace(node);

  std::vector<Row> rows;
  for (auto part : {envelope_rows(), registry_rows(), offtake_rows(seed), farming_rows(), trace_rows()})
    rows.insert(rows.end(), part.begin(), part.end());
  REQUIRE(rows.size() >= 60);

  const json before = snapshot(node);
  const std::int64_t seq = last_seq(node);
  REQUIRE(seq > 20);

  for (const auto& row : rows) {
    INFO("row: " << row.name);
    const json reply = send(node, row);
    INFO("reply: " << reply.dump());
    REQUIRE(reply.is_object());
    CHECK(reply.value("ok", true) == false);
    CHECK(reply["error"].value("code", "") == row.code);
    CHECK(reply["error"].value("field", "") == row.field);
    CHECK(!reply["error"].value("message", "").empty());
    CHECK(last_seq(node) == seq);
  }

  const json after = snapshot(node);
  for (auto it = before.begin(); it != before.end(); ++it) {
    INFO("list: " << it.key());
    CHECK(after[it.key()] == it.value());
  }

  // The node still serves: a good request from the table's own world succeeds and is logged.
  auto offer = ok(node.call("offtake.offer.post", with(tea_offer(), "/quantity", 250'000), "htx-thanhnam"));
  CHECK(offer["offer"]["seller"] == "htx-thanhnam");
  CHECK(last_seq(node) == seq + 1);
}
