// Events of other plugins, read through their typed headers, become EPCIS events; what cannot be
// mapped is refused by field; quantities move from the product's unit to EPCIS units.
#include <catch2/catch.hpp>

#include "bus_mapper.hpp"
#include "contract.hpp"
#include "epcis_validator.hpp"
#include "handlers.hpp"
#include "lienket/testing/memory_context.hpp"
#include "trace_page.hpp"

using nlohmann::json;
using namespace lienket;
using namespace lienket::trace;
namespace farming_ev = lienket::farming::events;
namespace offtake_ev = lienket::offtake::events;

namespace {

const std::string kGtin = "09520123456788";

farming_ev::HarvestRecorded harvest() {
  farming_ev::HarvestRecorded h;
  h.id = "harvest-1";
  h.lot_id = "TN-001";
  h.agreement_id = "ag-1";
  h.agreement_version = 1;
  h.enterprise = "dn-tanhiep";
  h.cooperative = "htx-thanhnam";
  h.product_id = "tea-thanhnam-green";
  h.plot_id = "p-1";
  h.household_id = "hh-1";
  h.household_name = "Hà Văn A";
  h.location = {21.29, 105.05, {}};
  h.quantity = 1'200'000;
  h.unit = "g";
  h.grade = "A";
  h.date = "2026-03-01";
  h.recorded_at = "2026-03-01T08:00:00.000+07:00";
  return h;
}

offtake_ev::DeliveryRecorded delivery(std::int64_t quantity, const std::string& unit) {
  offtake_ev::DeliveryRecorded d;
  d.consumption_id = "cs-1";
  d.delivery_no = 1;
  d.buyer = "dn-tanhiep";
  d.seller = "htx-thanhnam";
  d.product_id = "tea-thanhnam-green";
  d.unit = unit;
  d.quantity = quantity;
  d.lot_id = "TN-001";
  d.date = "2026-03-02";
  return d;
}

Event event_of(std::string_view type, json data, std::uint64_t seq = 7) {
  Event e;
  e.seq = seq;
  e.type = std::string(type);
  e.at = "2026-03-01T08:00:00.000+07:00";
  e.by = "htx-thanhnam";
  e.data = std::move(data);
  return e;
}

json quantity_of(const Mapped& m) { return m.event["quantityList"][0]; }

void expect_field(const Status& st, const std::string& field) {
  INFO(st.message());
  CHECK(st.code() == Code::kInvalidArgument);
  CHECK(st.field() == field);
}

}  // namespace

TEST_CASE("units: the product's unit becomes an EPCIS unit") {
  SECTION("grams are kilograms: 3,000,000 g is 3000 KGM, not 3,000,000") {
    auto q = epcis_quantity(3'000'000, "g");
    REQUIRE(q);
    CHECK(q->uom == "KGM");
    CHECK(q->quantity.is_number_integer());
    CHECK(q->quantity == 3000);
    CHECK(epcis_quantity(1'500, "g")->quantity.get<double>() == Approx(1.5));
    CHECK(epcis_quantity(1, "g")->quantity.get<double>() == Approx(0.001));
  }
  SECTION("millilitres are litres") {
    auto q = epcis_quantity(750, "ml");
    REQUIRE(q);
    CHECK(q->uom == "LTR");
    CHECK(q->quantity.get<double>() == Approx(0.75));
    CHECK(epcis_quantity(5'000'000, "ml")->quantity == 5000);
  }
  SECTION("pieces are counted as they are") {
    auto q = epcis_quantity(120, "piece");
    REQUIRE(q);
    CHECK(q->uom == "H87");
    CHECK(q->quantity == 120);
  }
  SECTION("any other unit has no mapping") {
    CHECK_FALSE(epcis_quantity(1, "kg"));
    CHECK_FALSE(epcis_quantity(1, ""));
  }
  SECTION("the trace page writes figures the Vietnamese way, whole tonnes as tonnes") {
    CHECK(format_quantity_vi(3000, "KGM") == "3 tấn");
    CHECK(format_quantity_vi(3001, "KGM") == "3.001 kg");
    CHECK(format_quantity_vi(1.5, "LTR") == "1,5 lít");
    CHECK(format_quantity_vi(1234567.891, "KGM") == "1.234.567,891 kg");
    CHECK(format_quantity_vi(0.75, "LTR") == "0,75 lít");
    CHECK(format_quantity_vi(120, "H87") == "120 cái");
    CHECK(format_quantity_vi(999, "KGM") == "999 kg");
  }
}

TEST_CASE("bus events as EPCIS") {
  SECTION(
      "a harvest is a valid ObjectEvent ADD of the lot in kilograms, with its plot as lot master "
      "data") {
    auto e = event_of(farming_ev::kHarvestRecorded, harvest());
    auto m = epcis_from_harvest(e, harvest(), kGtin);
    REQUIRE(m.ok());
    CHECK(validate_event(m->event, "event").ok());
    CHECK(quantity_of(*m)["epcClass"] == "https://id.gs1.org/01/" + kGtin + "/10/TN-001");
    CHECK(quantity_of(*m)["quantity"] == 1200);
    CHECK(quantity_of(*m)["uom"] == "KGM");
    CHECK(m->event["ilmd"]["lk:plot"] == "p-1");
    CHECK(m->event["ilmd"]["lk:householdName"] == "Hà Văn A");
    CHECK(m->event["readPoint"]["id"] == "geo:21.290000,105.050000");
    CHECK((m->custodians == std::vector<std::string>{"htx-thanhnam"}));
  }
  SECTION("an event happened on the day its data names, not when it was recorded") {
    auto same_day =
        epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, harvest()), harvest(), kGtin);
    REQUIRE(same_day.ok());
    CHECK(same_day->event["eventTime"] == "2026-03-01T08:00:00.000+07:00");
    auto late = harvest();
    late.date = "2026-02-26";
    auto m = epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, late), late, kGtin);
    REQUIRE(m.ok());
    CHECK(m->event["eventTime"] == "2026-02-26T00:00:00.000+07:00");
    CHECK(m->event["eventTimeZoneOffset"] == "+07:00");
    CHECK(m->event["ilmd"]["lk:harvestDate"] == "2026-02-26");
    auto d = delivery(5000, "g");
    auto shipped = epcis_from_delivery(event_of(offtake_ev::kDeliveryRecorded, d), d, kGtin);
    REQUIRE(shipped.ok());
    CHECK(shipped->event["eventTime"] == "2026-03-02T00:00:00.000+07:00");
  }
  SECTION("harvests in ml and pieces use litres and counts") {
    auto h = harvest();
    h.unit = "ml";
    h.quantity = 5'000'000;
    auto m = epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, h), h, kGtin);
    REQUIRE(m.ok());
    CHECK(quantity_of(*m)["quantity"] == 5000);
    CHECK(quantity_of(*m)["uom"] == "LTR");
    h.unit = "piece";
    h.quantity = 800;
    m = epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, h), h, kGtin);
    REQUIRE(m.ok());
    CHECK(quantity_of(*m)["quantity"] == 800);
    CHECK(quantity_of(*m)["uom"] == "H87");
  }
  SECTION(
      "quality at the gate: the lot is what the buyer took; a lot rejected whole is traced "
      "as not sellable") {
    auto h = harvest();  // 1,200 kg
    h.rejected_quantity = 200'000;
    h.deducted_quantity = 15'000;  // moisture: changes what is paid, not what is there
    auto m = epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, h), h, kGtin);
    REQUIRE(m.ok());
    CHECK(validate_event(m->event, "event").ok());
    CHECK(quantity_of(*m)["quantity"] == 1000);
    CHECK(m->event["disposition"] == "active");
    CHECK(m->event["ilmd"]["lk:rejectedQuantity"] == 200'000);
    h.rejected_quantity = h.quantity;
    m = epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, h), h, kGtin);
    REQUIRE(m.ok());
    CHECK(quantity_of(*m)["quantity"] == 1200);
    CHECK(m->event["disposition"] == "non_sellable_other");
  }
  SECTION("a product without GTIN gets a private lot URN") {
    auto m = epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, harvest()), harvest(), "");
    REQUIRE(m.ok());
    CHECK(quantity_of(*m)["epcClass"] == "urn:lienket:lot:TN-001");
  }
  SECTION("a delivery of a lot is a shipping event from seller to buyer, in EPCIS units") {
    struct Case {
      std::int64_t quantity;
      const char* unit;
      json want;
      const char* uom;
    };
    for (const auto& c : {Case{3'000'000, "g", 3000, "KGM"}, Case{1'250, "g", 1.25, "KGM"},
                          Case{750'000, "ml", 750, "LTR"}, Case{330, "ml", 0.33, "LTR"},
                          Case{120, "piece", 120, "H87"}}) {
      INFO(c.quantity << " " << c.unit);
      auto d = delivery(c.quantity, c.unit);
      auto m = epcis_from_delivery(event_of(offtake_ev::kDeliveryRecorded, d), d, kGtin);
      REQUIRE(m.ok());
      CHECK(validate_event(m->event, "event").ok());
      CHECK(quantity_of(*m)["quantity"].get<double>() == Approx(c.want.get<double>()));
      CHECK(quantity_of(*m)["uom"] == c.uom);
      CHECK(m->event["bizStep"] == "shipping");
      CHECK(m->event["sourceList"][0]["source"] == "urn:lienket:party:htx-thanhnam");
      CHECK(m->event["destinationList"][0]["destination"] == "urn:lienket:party:dn-tanhiep");
      CHECK(m->event["bizTransactionList"][0]["bizTransaction"] == "urn:lienket:consumption:cs-1");
      CHECK((m->custodians == std::vector<std::string>{"htx-thanhnam", "dn-tanhiep"}));
    }
  }
  SECTION("a diary entry is an observation at its plot") {
    farming_ev::DiaryRecorded d;
    d.entry.id = "diary-1";
    d.entry.plot_id = "p-1";
    d.entry.kind = "fertiliser";
    d.entry.date = "2026-02-20";
    d.entry.cooperative = "htx-thanhnam";
    d.entry.household_id = "hh-1";
    d.entry.crop = "tea";
    d.entry.location = {21.29, 105.05, {}};
    d.entry.input = "NPK 5-10-3";
    d.entry.recorded_at = "2026-02-20T08:00:00.000+07:00";
    auto m = epcis_from_diary(event_of(farming_ev::kDiaryRecorded, d), d);
    REQUIRE(m.ok());
    CHECK(validate_event(m->event, "event").ok());
    CHECK(m->event["bizLocation"]["id"] == "urn:lienket:plot:p-1");
    CHECK(m->event["lk:diary"]["input"] == "NPK 5-10-3");
    CHECK_FALSE(m->event["lk:diary"].contains("location"));
    CHECK(m->custodians.empty());
  }
}

TEST_CASE("what cannot be mapped is refused by field") {
  SECTION("a required field missing or mistyped is named") {
    json d = delivery(500, "g");
    d.erase("unit");
    expect_field(
        decode_event<offtake_ev::DeliveryRecorded>(event_of(offtake_ev::kDeliveryRecorded, d))
            .status(),
        "data.unit");
    d = delivery(500, "g");
    d["quantity"] = "lots";
    expect_field(
        decode_event<offtake_ev::DeliveryRecorded>(event_of(offtake_ev::kDeliveryRecorded, d))
            .status(),
        "data.quantity");
    json h = harvest();
    h["location"]["lat"] = "north";
    expect_field(
        decode_event<farming_ev::HarvestRecorded>(event_of(farming_ev::kHarvestRecorded, h))
            .status(),
        "data.location.lat");
    expect_field(
        decode_event<farming_ev::DiaryRecorded>(event_of(farming_ev::kDiaryRecorded, json::array()))
            .status(),
        "data");
  }
  SECTION("an unknown unit, a negative quantity, a bad lot id or a place off the globe") {
    auto d = delivery(500, "kg");
    expect_field(epcis_from_delivery(event_of(offtake_ev::kDeliveryRecorded, d), d, kGtin).status(),
                 "data.unit");
    d = delivery(-1, "g");
    expect_field(epcis_from_delivery(event_of(offtake_ev::kDeliveryRecorded, d), d, kGtin).status(),
                 "data.quantity");
    d = delivery(500, "g");
    d.lot_id = "lot with spaces";
    expect_field(epcis_from_delivery(event_of(offtake_ev::kDeliveryRecorded, d), d, kGtin).status(),
                 "data.lot_id");
    auto h = harvest();
    h.location.lat = 95;
    expect_field(epcis_from_harvest(event_of(farming_ev::kHarvestRecorded, h), h, kGtin).status(),
                 "data.location.lat");
  }
}

TEST_CASE("record_bus_event") {
  lienket::testing::MemoryContext cx;
  cx.registry_.products["tea-thanhnam-green"] = {
      {"id", "tea-thanhnam-green"}, {"gtin", kGtin}, {"unit", "g"}};
  Settings settings{"http://x"};
  PluginInfo info = contract(&settings);
  auto call = [&](const std::string& type, json body) {
    const MessageSpec* spec = find_message(info, type);
    REQUIRE(spec);
    Request r;
    r.type = type;
    r.body = std::move(body);
    return spec->handler(r, cx);
  };

  SECTION("a harvest is stored and trace.event.recorded emitted") {
    REQUIRE(record_bus_event(event_of(farming_ev::kHarvestRecorded, harvest()), cx).ok());
    REQUIRE(cx.emitted.size() == 1);
    CHECK(cx.emitted[0]["type"] == "trace.event.recorded");
    CHECK(cx.emitted[0]["data"]["source"] == "farming.harvest.recorded#7");
    auto back = call("trace.lot.back", {{"lot", "TN-001"}});
    REQUIRE(back.ok());
    CHECK((*back)["plots"][0]["household_name"] == "Hà Văn A");
  }
  SECTION("a delivery takes its GTIN from the registry's product, not from earlier events") {
    REQUIRE(
        record_bus_event(event_of(offtake_ev::kDeliveryRecorded, delivery(3'000'000, "g"), 9), cx)
            .ok());
    auto q = call("trace.events.query", {{"bizStep", "shipping"}});
    REQUIRE(q.ok());
    REQUIRE((*q)["events"].size() == 1);
    const json& el = (*q)["events"][0]["quantityList"][0];
    CHECK(el["epcClass"] == "https://id.gs1.org/01/" + kGtin + "/10/TN-001");
    CHECK(el["quantity"] == 3000);
    CHECK(el["uom"] == "KGM");
  }
  SECTION("a delivery without a lot is no traceability event: nothing stored, no error") {
    auto d = delivery(500, "g");
    d.lot_id.reset();
    REQUIRE(record_bus_event(event_of(offtake_ev::kDeliveryRecorded, d), cx).ok());
    CHECK(cx.emitted.empty());
    CHECK(cx.store_.data.empty());
  }
  SECTION("a mapping failure is an error of the emitting command, not a log line") {
    json d = delivery(500, "g");
    d.erase("buyer");
    expect_field(record_bus_event(event_of(offtake_ev::kDeliveryRecorded, d), cx), "data.buyer");
    expect_field(
        record_bus_event(event_of(offtake_ev::kDeliveryRecorded, delivery(500, "tonne")), cx),
        "data.unit");
    auto h = harvest();
    h.product_id = "no-such-product";
    expect_field(record_bus_event(event_of(farming_ev::kHarvestRecorded, h), cx),
                 "data.product_id");
    CHECK(cx.emitted.empty());
  }
  SECTION("events it does not record are left alone") {
    CHECK(record_bus_event(event_of("farming.plot.registered", json::object()), cx).ok());
    CHECK(cx.emitted.empty());
  }
}

TEST_CASE("the declared contract") {
  Settings settings{"http://x"};
  PluginInfo info = contract(&settings);
  SECTION("every message has a handler, callers and schemas; only capture and verify write") {
    CHECK(info.messages.size() == 12);
    for (const auto& m : info.messages) {
      INFO(m.type);
      CHECK(m.type.rfind("trace.", 0) == 0);
      CHECK(static_cast<bool>(m.handler));
      CHECK_FALSE(m.callers.empty());
      CHECK(m.body.json()["type"] == "object");
      // verify keeps its checkpoint (chain_verification.hpp)
      CHECK(m.read_only == (m.type != "trace.event.capture" && m.type != "trace.verify"));
    }
    CHECK(find_message(info, "trace.nothing") == nullptr);
  }
  SECTION("it records exactly the three event types it maps, inside the emitting command") {
    REQUIRE(info.subscriptions.size() == 3);
    for (const auto& s : info.subscriptions) CHECK(s.delivery == Delivery::kRequired);
    CHECK(info.subscriptions[0].prefix == farming_ev::kHarvestRecorded);
    CHECK(info.subscriptions[1].prefix == farming_ev::kDiaryRecorded);
    CHECK(info.subscriptions[2].prefix == offtake_ev::kDeliveryRecorded);
  }
}
