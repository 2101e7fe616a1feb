// Hostile requests to the trace plugin against one real node holding traced lots: each row gets its
// error code and field, and nothing the node serves changes (hostile.hpp). The lots come from a
// farming harvest (commissioning) and the buyer's custody from an offtake delivery, so this test
// runs only in a build with those plugins.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hostile.hpp"

using namespace lienket::testkit;

namespace {

const std::string kTeaLot = "https://id.gs1.org/01/" + kTeaGtin + "/10/TN-2026-001";

json epcis_event() {
  return {
      {"type", "ObjectEvent"},
      {"action", "OBSERVE"},
      {"bizStep", "shipping"},
      {"disposition", "in_transit"},
      {"eventTime", "2026-03-01T07:30:00.000+07:00"},
      {"eventTimeZoneOffset", "+07:00"},
      {"epcList", json::array({kTeaLot})},
      {"readPoint", {{"id", "geo:21.29,105.05"}}},
      {"sourceList",
       json::array({{{"type", "owning_party"}, {"source", "urn:lienket:party:htx-thanhnam"}}})},
      {"destinationList",
       json::array({{{"type", "owning_party"}, {"destination", "urn:lienket:party:dn-tanhiep"}}})}};
}

void seed_trace(Node& node) {
  // The delivery of lot TN-2026-001 gives the buyer custody (offtake), then the cooperative ships
  // it.
  auto contract =
      ok(node.call("offtake.contract.post",
                   {{"product_id", "tea-thanhnam-green"},
                    {"quantity", 1'000'000},
                    {"unit_price_vnd", 180'000},
                    {"deliver_from", "2026-03-01"},
                    {"deliver_to", "2026-04-30"},
                    {"place", {{"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.85}}}},
                   "dn-tanhiep"));
  ok(node.call("offtake.offer.post",
               {{"product_id", "tea-thanhnam-green"},
                {"quantity", 1'000'000},
                {"available_from", "2026-03-01"},
                {"available_to", "2026-04-30"},
                {"place", {{"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}}},
                {"min_unit_price_vnd", 150'000}},
               "htx-thanhnam"));
  auto proposal = ok(node.call("offtake.match.run"))["proposals"][0]["id"];
  ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal}}, "htx-thanhnam"));
  auto cc = ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal}},
                         "dn-tanhiep"))["consumption"]["id"];
  ok(node.call("offtake.delivery.record",
               {{"consumption_id", cc},
                {"quantity", 500'000},
                {"date", "2026-03-01"},
                {"lot_id", "TN-2026-001"}},
               "htx-thanhnam"));
  (void)contract;
  auto r = ok(node.call("trace.event.capture", {{"event", epcis_event()}}, "htx-thanhnam"));
  REQUIRE(r["stored"] == 1);
}

std::vector<Row> trace_rows() {
  const json ev = epcis_event();
  auto capture = [](const json& event) { return json{{"event", event}}; };
  return {
      call_row("EPCIS event about another party's lot", "trace.event.capture", "htx-toi-phumai",
               capture(ev), "permission_denied", "body.event"),
      call_row("EPCIS event without eventTime", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/eventTime", kRemove)), "invalid_argument",
               "body.event.eventTime"),
      call_row("EPCIS eventTime not RFC 3339", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/eventTime", "01/03/2026 07:30")), "invalid_argument",
               "body.event.eventTime"),
      call_row("EPCIS bizStep not in the CBV", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/bizStep", "harvesting_now")), "invalid_argument",
               "body.event.bizStep"),
      call_row("EPCIS action CREATE", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/action", "CREATE")), "invalid_argument", "body.event.action"),
      call_row("EPCIS time zone offset +15:00", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/eventTimeZoneOffset", "+15:00")), "invalid_argument",
               "body.event.eventTimeZoneOffset"),
      call_row("EPCIS event type unknown", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/type", "HarvestEvent")), "invalid_argument", "body.event.type"),
      call_row("EPC that is not a URI", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/epcList/0", "lot TN-2026-001")), "invalid_argument",
               "body.event.epcList[0]"),
      call_row(
          "EPC Digital Link with a bad GTIN check digit", "trace.event.capture", "htx-thanhnam",
          capture(with(ev, "/epcList/0", "https://id.gs1.org/01/08935001000113/10/TN-2026-001")),
          "invalid_argument", "body.event.epcList[0]"),
      call_row("EPC sgtin URN that is malformed", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/epcList/0", "urn:epc:id:sgtin:893500.10A00.TN1")),
               "invalid_argument", "body.event.epcList[0]"),
      call_row("EPCIS readPoint geo URI off the globe", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/readPoint/id", "geo:95,200")), "invalid_argument",
               "body.event.readPoint.id"),
      call_row(
          "EPCIS quantity of -1", "trace.event.capture", "htx-thanhnam",
          capture(with(ev, "/quantityList",
                       json::array({{{"epcClass", kTeaLot}, {"quantity", -1}, {"uom", "KGM"}}}))),
          "invalid_argument", "body.event.quantityList[0].quantity"),
      call_row("EPCIS unprefixed extension field", "trace.event.capture", "htx-thanhnam",
               capture(with(ev, "/farmer", "Nguyễn Văn An")), "invalid_argument",
               "body.event.farmer"),
      call_row("capture with both event and document", "trace.event.capture", "htx-thanhnam",
               {{"event", ev}, {"document", json::object()}}, "invalid_argument", "body.event"),
      call_row("capture of a document whose eventList is not a list", "trace.event.capture",
               "htx-thanhnam",
               {{"document",
                 {{"@context", "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"},
                  {"type", "EPCISDocument"},
                  {"schemaVersion", "2.0"},
                  {"creationDate", "2026-03-01T08:00:00.000+07:00"},
                  {"epcisBody", {{"eventList", ev}}}}}},
               "invalid_argument", "body.document.epcisBody.eventList"),
      call_row("trace page for a GTIN with a bad check digit", "trace.page.get", "",
               {{"gtin", "08935001000113"}, {"lot", "TN-2026-001"}}, "invalid_argument",
               "body.gtin"),
      call_row("trace QR in PNG", "trace.qr", "", {{"lot", "TN-2026-001"}, {"format", "png"}},
               "invalid_argument", "body.format"),
      call_row("tracing back an unknown lot", "trace.lot.back", "", {{"lot", "TN-1999-404"}},
               "not_found", "body.lot"),
      call_row("recall by both plot and lot", "trace.recall", "",
               {{"plot", "tn-plot-an"}, {"lot", "TN-2026-001"}}, "invalid_argument", "body.plot"),
      call_row("events query limit 0", "trace.events.query", "", {{"limit", 0}}, "invalid_argument",
               "body.limit"),
  };
}

}  // namespace

TEST_CASE("hostile requests to trace: each gets its error code and field, and nothing changes") {
  Node node;
  register_value_chain(node);
  seed_trace(node);
  auto rows = trace_rows();
  REQUIRE(rows.size() >= 10);
  expect_all_refused(node, rows, [](Node& n) {
    return json{{"trace_events", ok(n.call("trace.events.query", {{"limit", 1000}}))},
                {"trace_verify", ok(n.call("trace.verify"))}};
  });
}
