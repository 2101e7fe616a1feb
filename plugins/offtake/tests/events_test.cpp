// Specification of the typed offtake events (include/lienket/offtake/events.hpp), as a consumer in
// another plugin reads them: exact JSON shapes, round trips, and tolerance of absent optional
// fields.
#include <catch2/catch.hpp>

#include "lienket/offtake/events.hpp"

namespace ev = lienket::offtake::events;
using nlohmann::json;

namespace {

template <typename T>
T round_trip(const T& value) {
  return json(value).get<T>();
}

ev::DeliveryAccepted tea_delivery() {
  ev::DeliveryAccepted d;
  d.consumption_id = "cc-00000001";
  d.delivery_no = 2;
  d.buyer = "dn-tanhiep";
  d.seller = "htx-dahen";
  d.product_id = "tea-dahen-green";
  d.unit = "g";
  d.quantity = 1'500'000;
  d.lot_id = "dh-2026-03-a";
  d.date = "2026-03-06";
  d.grade = "A";
  return d;
}

ev::ConsumptionContract signed_contract() {
  ev::ConsumptionContract c;
  c.id = "cc-00000001", c.proposal_id = "pr-00000001", c.contract_id = "ct-00000001",
  c.offer_id = "of-00000003";
  c.buyer = "dn-tanhiep", c.seller = "htx-dahen", c.product_id = "tea-dahen-green", c.unit = "g";
  c.quantity = 3'000'000, c.unit_price_vnd = 180'000, c.value_vnd = 540'000'000;
  c.deliver_from = "2026-03-05", c.deliver_to = "2026-03-31", c.status = "delivering";
  ev::DeliveryLine first, second;
  first.no = 1, first.quantity = 1'000'000, first.date = "2026-03-06", first.lot_id = "dh-1";
  first.status = "accepted", first.grade = "A";
  first.accepted_quantity = 1'000'000, first.net_quantity = 985'000, first.deduction_bp = 150;
  first.measures = json{{"moisture", 1350}}, first.value_vnd = 177'300'000;
  second.no = 2, second.quantity = 500'000, second.date = "2026-03-07", second.status = "rejected";
  second.reason = "moisture 9%";
  c.deliveries = {first, second};
  c.payments = {{100'000'000, "2026-03-08", "UNC 0318"}, {5, "2026-03-09", std::nullopt}};
  c.delivered = 1'000'000, c.accepted = 1'000'000, c.rejected = 500'000, c.paid_vnd = 100'000'005;
  c.signed_at = "2026-03-01T08:00:00+07:00";
  return c;
}

}  // namespace

TEST_CASE("every event type has its name constant in the offtake namespace") {
  for (auto type : ev::kAll) CHECK(type.rfind("offtake.", 0) == 0);
  CHECK(ev::kDeliveryRecorded == "offtake.delivery.recorded");
  CHECK(ev::kDeliveryAccepted == "offtake.delivery.accepted");
  CHECK(ev::kDeliveryRejected == "offtake.delivery.rejected");
}

TEST_CASE("delivery events carry the delivery and its contract's parties, product and unit") {
  SECTION("the exact shape of offtake.delivery.accepted") {
    CHECK(json(tea_delivery()) == json::parse(R"({"consumption_id": "cc-00000001", "delivery_no": 2,
        "buyer": "dn-tanhiep", "seller": "htx-dahen", "product_id": "tea-dahen-green", "unit": "g",
        "quantity": 1500000, "lot_id": "dh-2026-03-a", "date": "2026-03-06", "grade": "A"})"));
  }
  SECTION("optional fields are left out when empty and read back empty when missing or null") {
    auto d = tea_delivery();
    d.lot_id.reset();
    d.grade.reset();
    json j = d;
    CHECK_FALSE(j.contains("lot_id"));
    CHECK_FALSE(j.contains("grade"));
    ev::DeliveryAccepted back;
    back.lot_id = "stale";
    REQUIRE_NOTHROW(back = j.get<ev::DeliveryAccepted>());
    CHECK_FALSE(back.lot_id.has_value());
    j["lot_id"] = nullptr;
    REQUIRE_NOTHROW(back = j.get<ev::DeliveryAccepted>());
    CHECK_FALSE(back.lot_id.has_value());
    CHECK(back == d);
  }
  SECTION("recorded, accepted and rejected share the delivery fields") {
    ev::DeliveryRecorded recorded;
    static_cast<ev::DeliveryEvent&>(recorded) = tea_delivery();
    CHECK(round_trip(recorded) == recorded);
    ev::DeliveryRejected rejected;
    static_cast<ev::DeliveryEvent&>(rejected) = tea_delivery();
    rejected.reason = "grade C: moisture 9%";
    CHECK(json(rejected)["reason"] == "grade C: moisture 9%");
    CHECK(round_trip(rejected) == rejected);
    // A recorded delivery read as the common part: what a mapper to EPCIS needs.
    auto common = json(recorded).get<ev::DeliveryEvent>();
    CHECK(common.buyer == "dn-tanhiep");
    CHECK(common.unit == "g");
    CHECK(common.quantity == 1'500'000);
  }
  SECTION("a missing required field is an error, not a silent default") {
    json j = tea_delivery();
    j.erase("buyer");
    CHECK_THROWS_AS(j.get<ev::DeliveryRecorded>(), json::exception);
    CHECK_THROWS_AS(json("not an object").get<ev::DeliveryRecorded>(), json::exception);
  }
}

TEST_CASE("record-carrying events round-trip whole") {
  SECTION("a purchase contract, by product and by category") {
    ev::PurchaseContract c;
    c.id = "ct-00000001", c.buyer = "dn-tanhiep", c.category = "tea", c.unit = "g",
    c.quantity = 5'000'000;
    c.unit_price_vnd = 180'000, c.deliver_from = "2026-03-05", c.deliver_to = "2026-03-31";
    c.place = {"Hà Nội", 21.03, 105.85};
    c.min_ocop_stars = 3, c.certifications = {"VietGAP"}, c.max_distance_km = 150,
    c.min_lot = 500'000;
    c.status = "open", c.posted_at = "2026-03-01T08:00:00+07:00";
    json j = ev::ContractPosted{c};
    CHECK(j["contract"]["signed"] == 0);
    CHECK_FALSE(j["contract"].contains("product_id"));
    CHECK(round_trip(ev::ContractPosted{c}).contract == c);
    c.product_id = "tea-dahen-green";
    c.note = "Chè xanh";
    CHECK(round_trip(ev::ContractPosted{c}).contract == c);
  }
  SECTION("an offer") {
    ev::SupplyOffer o;
    o.id = "of-00000001", o.seller = "htx-vandon", o.product_id = "buoi-vandon",
    o.category = "pomelo";
    o.unit = "piece", o.ocop_stars = 3, o.quantity = 12'000, o.available_from = "2026-03-01";
    o.available_to = "2026-04-15", o.place = {"Hòa Bình", 20.8, 105.3},
    o.min_unit_price_vnd = 35'000;
    o.status = "withdrawn", o.withdrawn_at = "2026-03-02T08:00:00+07:00";
    CHECK(round_trip(ev::OfferPosted{o}).offer == o);
  }
  SECTION("a proposal") {
    ev::Proposal p;
    p.id = "pr-00000001", p.contract_id = "ct-00000001", p.offer_id = "of-00000003",
    p.buyer = "dn-tanhiep";
    p.seller = "htx-dahen", p.product_id = "tea-dahen-green", p.unit = "g", p.quantity = 3'000'000;
    p.unit_price_vnd = 180'000, p.distance_km = 85, p.distance_m = 85'123,
    p.transport_cost_vnd = 765'000;
    p.status = "signed", p.buyer_accepted = p.seller_accepted = true,
    p.created_at = "2026-03-01T08:00:00+07:00";
    p.expires_at = "2026-03-04T08:00:00+07:00", p.expires_ms = 1'772'586'000'000,
    p.consumption_id = "cc-00000001";
    CHECK(round_trip(ev::ProposalCreated{p}).proposal == p);
  }
  SECTION("a consumption contract with its deliveries and payments") {
    auto c = signed_contract();
    json j = ev::ConsumptionSigned{c};
    CHECK(j["consumption"]["deliveries"][1]["reason"] == "moisture 9%");
    CHECK_FALSE(j["consumption"]["deliveries"][1].contains("lot_id"));
    CHECK_FALSE(j["consumption"]["payments"][1].contains("reference"));
    CHECK(round_trip(ev::ConsumptionSigned{c}).consumption == c);
  }
}

TEST_CASE("the other events round-trip and keep their JSON names") {
  CHECK(json(ev::ContractCancelled{"ct-1", "dn-tanhiep", "g", 3'000'000, 1, 2'000'000,
                                   "Phú Thọ"})["signed"] == 2'000'000);
  CHECK(round_trip(
            ev::ContractCancelled{"ct-1", "dn-tanhiep", "g", 3'000'000, 1, 2'000'000, "Phú Thọ"}) ==
        ev::ContractCancelled{"ct-1", "dn-tanhiep", "g", 3'000'000, 1, 2'000'000, "Phú Thọ"});
  ev::OfferWithdrawn w{"of-1", "htx-dahen", "g", 500, 2};
  CHECK(round_trip(w) == w);
  ev::MatchCompleted m{2, 5'000'000, 1'200'000, 1, 3, 3, 0};
  CHECK(round_trip(m) == m);
  ev::ProposalAccepted a{"pr-1", "seller", "dn-tanhiep", "htx-dahen"};
  CHECK(round_trip(a) == a);
  ev::ProposalRejected r{"pr-1", "ct-1", "of-1", "dn-tanhiep", "htx-dahen", "g", 3'000'000, ""};
  CHECK(json(r)["reason"] == "");
  CHECK(round_trip(r) == r);
  ev::PaymentRecorded p{"cc-1",       "dn-tanhiep", "htx-dahen", 1000,
                        "2026-03-08", std::nullopt, 1000,        540'000'000};
  CHECK_FALSE(json(p).contains("reference"));
  CHECK(round_trip(p) == p);
  p.reference = "UNC 0318";
  CHECK(round_trip(p) == p);
  ev::ConsumptionFulfilled f{"cc-1", "dn-tanhiep", "htx-dahen", "tea-dahen-green",
                             "g",    3'000'000,    540'000'000};
  CHECK(round_trip(f) == f);
  ev::ConsumptionBreached b{"cc-2",      "dn-tanhiep",   "htx-thanhnam",
                            "seller",    "htx-thanhnam", "delivered 0 of 2000000 by 2026-03-31",
                            "g",         2'000'000,      0,
                            100'000'000, 360'000'000,    28'800'000};
  CHECK(round_trip(b) == b);
}
