// Events of other plugins become EPCIS events, read defensively.
#include <catch2/catch.hpp>

#include "bus_mapper.hpp"
#include "epcis_validator.hpp"
#include "fake_context.hpp"
#include "handlers.hpp"

using nlohmann::json;
using namespace lienket;
using namespace lienket::trace;

namespace {
Event harvest_event() {
  Event e;
  e.seq = 7;
  e.type = "farming.harvest.recorded";
  e.at = "2026-03-01T08:00:00.000+07:00";
  e.by = "htx-thanhnam";
  e.data = {{"lot_id", "TN-001"}, {"plot_id", "p-1"}, {"household_id", "hh-1"}, {"household_name", "Hà Văn A"},
            {"quantity", 1200000}, {"unit", "g"}, {"date", "2026-03-01"}, {"product_id", "tea-thanhnam-green"},
            {"cooperative", "htx-thanhnam"}, {"location", {{"lat", 21.29}, {"lon", 105.05}}}};
  return e;
}
}  // namespace

TEST_CASE("bus events as EPCIS") {
  SECTION("a harvest is a valid ObjectEvent ADD of the lot with its plot as lot master data") {
    auto ev = epcis_from_harvest(harvest_event(), "09520123456788");
    REQUIRE(ev);
    CHECK(validate_event(*ev, "event").ok());
    CHECK((*ev)["quantityList"][0]["epcClass"] == "https://id.gs1.org/01/09520123456788/10/TN-001");
    CHECK((*ev)["quantityList"][0]["uom"] == "GRM");
    CHECK((*ev)["ilmd"]["lk:plot"] == "p-1");
    CHECK((*ev)["readPoint"]["id"] == "geo:21.290000,105.050000");
  }
  SECTION("a product without GTIN gets a private lot URN") {
    auto ev = epcis_from_harvest(harvest_event(), "");
    CHECK((*ev)["quantityList"][0]["epcClass"] == "urn:lienket:lot:TN-001");
  }
  SECTION("missing or odd fields are left out, not fatal") {
    Event e = harvest_event();
    e.data = {{"lot_id", "X"}, {"quantity", "lots"}, {"location", "somewhere"}};
    auto ev = epcis_from_harvest(e, "");
    REQUIRE(ev);
    CHECK(validate_event(*ev, "event").ok());
    e.data = {{"plot_id", "p"}};
    CHECK_FALSE(epcis_from_harvest(e, "").has_value());
  }
  SECTION("a delivery with a lot_id is a shipping event from seller to buyer") {
    Event e;
    e.type = "offtake.delivery.recorded";
    e.at = "2026-03-02T08:00:00.000+07:00";
    e.by = "htx-thanhnam";
    e.data = {{"lot_id", "TN-001"}, {"quantity", 500}, {"seller", "htx-thanhnam"}, {"consumption_id", "c-1"}, {"date", "2026-03-02"}};
    auto ev = epcis_from_delivery(e, "", "dn-tanhiep");
    REQUIRE(ev);
    CHECK(validate_event(*ev, "event").ok());
    CHECK((*ev)["destinationList"][0]["destination"] == "urn:lienket:party:dn-tanhiep");
    e.data.erase("lot_id");
    CHECK_FALSE(epcis_from_delivery(e, "", "").has_value());
  }
  SECTION("record_bus_event stores the harvest and emits trace.event.recorded") {
    testing::FakeContext cx;
    cx.registry_.products["tea-thanhnam-green"] = {{"id", "tea-thanhnam-green"}, {"gtin", "09520123456788"}};
    REQUIRE(record_bus_event(harvest_event(), cx).ok());
    REQUIRE(cx.emitted.size() == 1);
    CHECK(cx.emitted[0]["type"] == "trace.event.recorded");
    Request r;
    r.type = "trace.lot.back";
    r.body = {{"lot", "TN-001"}};
    auto back = handle_request(r, cx, Settings{"http://x"});
    REQUIRE(back.ok());
    CHECK((*back)["plots"][0]["household_name"] == "Hà Văn A");
  }
}
