// Specification of a consumption contract's life (consumption_rules.hpp).
#include <catch2/catch.hpp>

#include "consumption_rules.hpp"
#include "lienket/time.hpp"

using namespace lienket::offtake;

namespace {

// Tân Hiệp buys 2,000 kg of Thanh Nam green tea at 180,000 VND/kg, delivered in March 2026.
Consumption tea() {
  Consumption c;
  c.id = "cc-00000001";
  c.buyer = "dn-tanhiep";
  c.seller = "htx-thanhnam";
  c.product_id = "tea-thanhnam-green";
  c.unit = "g";
  c.quantity = 2'000'000;
  c.unit_price_vnd = 180'000;
  c.value_vnd = *goods_value_vnd(c.quantity, c.unit_price_vnd, c.unit);
  c.deliver_from = "2026-03-01";
  c.deliver_to = "2026-03-31";
  return c;
}

std::int64_t day(const char* d) { return *lienket::date_to_days(d); }

}  // namespace

TEST_CASE("value of goods in whole VND") {
  CHECK(*goods_value_vnd(2'000'000, 180'000, "g") == 360'000'000);
  CHECK(*goods_value_vnd(1'500, 180'000, "g") == 270'000);      // 1.5 kg
  CHECK(*goods_value_vnd(1, 1'499, "ml") == 1);                 // 1.499 VND rounds down
  CHECK(*goods_value_vnd(1, 1'500, "ml") == 2);                 // half rounds up
  CHECK(*goods_value_vnd(300, 45'000, "piece") == 13'500'000);  // pomelos
  CHECK_FALSE(goods_value_vnd(INT64_MAX, 1'000'000, "piece").has_value());
}

TEST_CASE("deliveries, acceptance, payment and fulfilment") {
  Consumption c = tea();
  std::int64_t no = 0;
  SECTION("a first delivery moves signed to delivering") {
    REQUIRE(record_delivery(c, 1'200'000, "2026-03-05", "lot-tn-0305", &no).ok());
    CHECK(no == 1);
    CHECK(c.status == "delivering");
    CHECK(c.pending() == 1'200'000);
  }
  SECTION("more than the open quantity is refused and changes nothing") {
    REQUIRE(record_delivery(c, 1'200'000, "2026-03-05", "", &no).ok());
    auto st = record_delivery(c, 800'001, "2026-03-06", "", &no);
    CHECK(st.field() == "body.quantity");
    CHECK(c.deliveries.size() == 1);
  }
  SECTION("a rejected delivery frees its quantity to be delivered again") {
    REQUIRE(record_delivery(c, 2'000'000, "2026-03-05", "", &no).ok());
    CHECK_FALSE(reject_delivery(c, 1, "").ok());  // a reason is required
    REQUIRE(reject_delivery(c, 1, "grade C: leaves too old").ok());
    CHECK(c.rejected() == 2'000'000);
    CHECK(record_delivery(c, 2'000'000, "2026-03-10", "", &no).ok());
  }
  SECTION("a delivery is answered once") {
    REQUIRE(record_delivery(c, 1'000'000, "2026-03-05", "", &no).ok());
    REQUIRE(accept_delivery(c, 1, "A").ok());
    CHECK(accept_delivery(c, 1, "A").code() == lienket::Code::kFailedPrecondition);
    CHECK(reject_delivery(c, 1, "late").code() == lienket::Code::kFailedPrecondition);
    CHECK(accept_delivery(c, 9, "A").code() == lienket::Code::kNotFound);
  }
  SECTION("payment may not exceed the value") {
    CHECK(record_payment(c, 360'000'001, "2026-03-05", "").field() == "body.amount_vnd");
    CHECK(record_payment(c, 100'000'000, "2026-03-05", "UNC-1").ok());
    CHECK(c.paid_vnd() == 100'000'000);
  }
  SECTION("fulfilled when all is accepted and paid; then nothing more is allowed") {
    REQUIRE(record_delivery(c, 2'000'000, "2026-03-05", "", &no).ok());
    REQUIRE(accept_delivery(c, 1, "A").ok());
    CHECK_FALSE(settle(c, "now"));
    REQUIRE(record_payment(c, 360'000'000, "2026-03-06", "").ok());
    CHECK(settle(c, "now"));
    CHECK(c.status == "fulfilled");
    CHECK(record_delivery(c, 1, "2026-03-07", "", &no).code() ==
          lienket::Code::kFailedPrecondition);
    CHECK(record_payment(c, 1, "2026-03-07", "").code() == lienket::Code::kFailedPrecondition);
  }
}

TEST_CASE("breach after the delivery window, with the side at fault") {
  Consumption c = tea();
  std::int64_t no = 0;
  SECTION("not before the day after deliver_to + grace") {
    CHECK_FALSE(assess_breach(c, day("2026-03-31"), 0));
    CHECK(assess_breach(c, day("2026-04-01"), 0));
    CHECK_FALSE(assess_breach(c, day("2026-04-02"), 2));
  }
  SECTION("short delivery: the seller is at fault") {
    REQUIRE(record_delivery(c, 1'000'000, "2026-03-05", "", &no).ok());
    REQUIRE(accept_delivery(c, 1, "").ok());
    CHECK(assess_breach(c, day("2026-04-01"), 0)->at_fault == "seller");
  }
  SECTION("rejected goods do not count as delivered: the seller is at fault") {
    REQUIRE(record_delivery(c, 2'000'000, "2026-03-05", "", &no).ok());
    REQUIRE(reject_delivery(c, 1, "moisture above 7%").ok());
    CHECK(assess_breach(c, day("2026-04-01"), 0)->at_fault == "seller");
  }
  SECTION("delivered but left unanswered or unpaid: the buyer is at fault") {
    REQUIRE(record_delivery(c, 2'000'000, "2026-03-05", "", &no).ok());
    CHECK(assess_breach(c, day("2026-04-01"), 0)->at_fault == "buyer");
    REQUIRE(accept_delivery(c, 1, "").ok());
    CHECK(assess_breach(c, day("2026-04-01"), 0)->at_fault == "buyer");
  }
  SECTION("a fulfilled contract is never breached") {
    REQUIRE(record_delivery(c, 2'000'000, "2026-03-05", "", &no).ok());
    REQUIRE(accept_delivery(c, 1, "").ok());
    REQUIRE(record_payment(c, c.value_vnd, "2026-03-06", "").ok());
    REQUIRE(settle(c, "now"));
    CHECK_FALSE(assess_breach(c, day("2026-05-01"), 0));
  }
}

TEST_CASE("a consumption contract survives a JSON round trip") {
  Consumption c = tea();
  std::int64_t no = 0;
  REQUIRE(record_delivery(c, 500'000, "2026-03-05", "lot-1", &no).ok());
  REQUIRE(accept_delivery(c, 1, "A").ok());
  REQUIRE(record_payment(c, 90'000'000, "2026-03-06", "UNC-7").ok());
  auto back = consumption_from_json(to_json(c));
  REQUIRE(back.ok());
  CHECK(to_json(*back) == to_json(c));
}
