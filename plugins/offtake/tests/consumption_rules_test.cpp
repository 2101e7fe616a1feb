// Specification of a consumption contract's life (consumption_rules.hpp): deliveries within a
// tolerance, acceptance in part / at a grade / with deductions, versions, payment terms and late
// interest, call-offs, termination and disputes. Every figure is worked out by hand in a comment.
#include <catch2/catch.hpp>

#include "consumption_rules.hpp"
#include "lienket/time.hpp"

using namespace lienket::offtake;
using lienket::Code;

namespace {

// Tân Hiệp buys 2,000 kg of Thanh Nam green tea at 180,000 VND/kg, delivered in March 2026,
// signed on 20 February.
Consumption tea(ContractTerms terms = {}) {
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
  c.signed_at = "2026-02-20T09:00:00+07:00";
  c.terms = std::move(terms);
  sign_first_version(c);
  return c;
}

std::int64_t day(const char* d) { return *lienket::date_to_days(d); }

std::int64_t deliver(Consumption& c, std::int64_t q, const char* date) {
  std::int64_t no = 0;
  REQUIRE(record_delivery(c, q, date, "", 0, &no).ok());
  return no;
}

Acceptance on(const char* date, std::string grade = "") {
  Acceptance a;
  a.date = date;
  a.grade = std::move(grade);
  return a;
}

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
    CHECK(deliver(c, 1'200'000, "2026-03-05") == 1);
    CHECK(c.status == "delivering");
    CHECK(c.pending() == 1'200'000);
  }
  SECTION("more than the open quantity is refused and changes nothing") {
    deliver(c, 1'200'000, "2026-03-05");
    auto st = record_delivery(c, 800'001, "2026-03-06", "", 0, &no);
    CHECK(st.field() == "body.quantity");
    CHECK(c.deliveries.size() == 1);
  }
  SECTION("a rejected delivery frees its quantity to be delivered again") {
    deliver(c, 2'000'000, "2026-03-05");
    CHECK_FALSE(reject_delivery(c, 1, "", "2026-03-06").ok());  // a reason is required
    REQUIRE(reject_delivery(c, 1, "grade C: leaves too old", "2026-03-06").ok());
    CHECK(c.rejected() == 2'000'000);
    CHECK(record_delivery(c, 2'000'000, "2026-03-10", "", 0, &no).ok());
  }
  SECTION("a delivery is answered once") {
    deliver(c, 1'000'000, "2026-03-05");
    REQUIRE(accept_delivery(c, 1, on("2026-03-06", "A")).ok());
    CHECK(accept_delivery(c, 1, on("2026-03-06")).code() == Code::kFailedPrecondition);
    CHECK(reject_delivery(c, 1, "late", "2026-03-06").code() == Code::kFailedPrecondition);
    CHECK(accept_delivery(c, 9, on("2026-03-06")).code() == Code::kNotFound);
  }
  SECTION("payment may not exceed the value") {
    CHECK(record_payment(c, 360'000'001, "2026-03-05", "", day("2026-03-05")).field() ==
          "body.amount_vnd");
    CHECK(record_payment(c, 100'000'000, "2026-03-05", "UNC-1", day("2026-03-05")).ok());
    CHECK(c.paid_vnd() == 100'000'000);
  }
  SECTION("fulfilled when all is accepted and paid; then nothing more is allowed") {
    deliver(c, 2'000'000, "2026-03-05");
    REQUIRE(accept_delivery(c, 1, on("2026-03-05", "A")).ok());
    CHECK_FALSE(settle(c, "2026-03-06T08:00:00+07:00", day("2026-03-06")));
    REQUIRE(record_payment(c, 360'000'000, "2026-03-06", "", day("2026-03-06")).ok());
    CHECK(settle(c, "2026-03-06T08:00:00+07:00", day("2026-03-06")));
    CHECK(c.status == "fulfilled");
    CHECK(record_delivery(c, 1, "2026-03-07", "", 0, &no).code() == Code::kFailedPrecondition);
    CHECK(record_payment(c, 1, "2026-03-07", "", day("2026-03-07")).code() ==
          Code::kFailedPrecondition);
  }
}

TEST_CASE("a quantity tolerance: within it fulfils, beyond it is refused or a shortfall") {
  ContractTerms t;
  t.tolerance_bp = 500;  // ±5 % of 2,000 kg: 1,900 .. 2,100 kg
  Consumption c = tea(t);
  CHECK(c.lower() == 1'900'000);
  CHECK(c.upper() == 2'100'000);
  std::int64_t no = 0;
  SECTION("the seller may deliver up to the upper tolerance, not a gram more") {
    CHECK(record_delivery(c, 2'100'001, "2026-03-05", "", 0, &no).field() == "body.quantity");
    CHECK(record_delivery(c, 2'100'000, "2026-03-05", "", 0, &no).ok());
  }
  SECTION("1,950 kg accepted and paid: open until the window ends, then fulfilled, not breached") {
    deliver(c, 1'950'000, "2026-03-05");
    REQUIRE(accept_delivery(c, 1, on("2026-03-06")).ok());
    // 1,950 kg x 180,000 VND = 351,000,000 VND
    REQUIRE(record_payment(c, 351'000'000, "2026-03-07", "", day("2026-03-07")).ok());
    CHECK_FALSE(settle(c, "2026-03-07T08:00:00+07:00", day("2026-03-07")));
    CHECK_FALSE(assess_breach(c, day("2026-04-01"), 0));
    CHECK(settle(c, "2026-04-01T08:00:00+07:00", day("2026-04-01")));
  }
  SECTION("1 g below the lower tolerance is the seller's shortfall") {
    deliver(c, 1'899'999, "2026-03-05");
    REQUIRE(accept_delivery(c, 1, on("2026-03-06")).ok());
    CHECK(assess_breach(c, day("2026-04-01"), 0)->at_fault == "seller");
  }
}

TEST_CASE("quality at acceptance: in part, at a lower grade, with deductions") {
  ContractTerms t;
  t.grade_prices = {{"loại 2", 8'500}};  // 85 % of the price: 153,000 VND/kg
  t.deductions = {{"moisture", 1'200, 100}, {"moisture", 1'500, 300}, {"foreign_matter", 50, 50}};
  Consumption c = tea(t);
  deliver(c, 1'000'000, "2026-03-05");
  Acceptance a = on("2026-03-06", "loại 2");
  a.quantity = 800'000;
  SECTION("a partial acceptance needs a reason, and no more than was delivered") {
    CHECK(accept_delivery(c, 1, a).field() == "body.reason");
    a.quantity = 1'000'001;
    a.reason = "x";
    CHECK(accept_delivery(c, 1, a).field() == "body.quantity");
    CHECK(c.deliveries[0].status == "pending");
  }
  SECTION("800 of 1,000 kg at grade 2, moisture 13.5 % and 0.8 % foreign matter") {
    a.reason = "200 kg lá già";
    a.measures = {{"moisture", 1'350}, {"foreign_matter", 80}};
    REQUIRE(accept_delivery(c, 1, a).ok());
    const Delivery& d = c.deliveries[0];
    CHECK(d.deduction_bp == 150);  // the 12 % band (1 %) and the 0.5 % band (0.5 %)
    CHECK(d.net() == 788'000);     // 800,000 - floor(800,000 x 150 / 10,000)
    CHECK(c.rejected() == 200'000);
    CHECK(c.price_of(d) == 153'000);
    CHECK(c.value_of(d) == 120'564'000);  // 788 kg x 153,000
    CHECK(c.goods_owed_vnd() == 120'564'000);
  }
  SECTION("the highest band below the measurement applies") {
    a.reason = "ẩm";
    a.measures = {{"moisture", 1'501}};
    REQUIRE(accept_delivery(c, 1, a).ok());
    CHECK(c.deliveries[0].deduction_bp == 300);
  }
  SECTION("a measure the table does not name is refused, naming it") {
    a.reason = "x";
    a.measures = {{"dust", 10}};
    CHECK(accept_delivery(c, 1, a).field() == "body.measures.dust");
  }
}

TEST_CASE("an amendment signed by both sides prices deliveries from its effective date") {
  Consumption c = tea();
  Amendment a;
  a.effective_from = "2026-03-15";
  a.unit_price_vnd = 200'000;
  a.proposed_at = "2026-03-12T10:00:00+07:00";
  REQUIRE(propose_amendment(c, "buyer", a).ok());
  CHECK(c.amendment->version == 2);
  CHECK(propose_amendment(c, "seller", a).code() == Code::kFailedPrecondition);
  CHECK(sign_amendment(c, "buyer", 2, "t").field() == "as");  // the proposer does not sign twice
  CHECK(c.unit_price_vnd == 180'000);  // the old version stands until the other side signs
  REQUIRE(sign_amendment(c, "seller", 2, "2026-03-12T11:00:00+07:00").ok());
  CHECK(c.versions.size() == 2);
  CHECK(c.value_vnd == 400'000'000);

  deliver(c, 500'000, "2026-03-10");
  deliver(c, 500'000, "2026-03-20");
  REQUIRE(accept_delivery(c, 1, on("2026-03-21")).ok());
  REQUIRE(accept_delivery(c, 2, on("2026-03-21")).ok());
  CHECK(c.value_of(c.deliveries[0]) == 90'000'000);   // 500 kg x 180,000 (version 1)
  CHECK(c.value_of(c.deliveries[1]) == 100'000'000);  // 500 kg x 200,000 (version 2)

  SECTION("refusals name the field and change nothing") {
    Amendment b;
    b.effective_from = "2026-03-14";  // before version 2 took effect
    b.quantity = 1'500'000;
    CHECK(propose_amendment(c, "seller", b).field() == "body.effective_from");
    b.effective_from = "2026-03-22";
    b.quantity = 999'999;  // below the 1,000 kg delivered
    CHECK(propose_amendment(c, "seller", b).field() == "body.quantity");
    CHECK_FALSE(c.amendment);
    CHECK(propose_amendment(c, "seller", Amendment{}).field() == "body");
  }
  SECTION("the place of delivery changes with a signed version") {
    Amendment b;
    b.effective_from = "2026-03-22";
    b.place = nlohmann::json{{"province", "Hải Phòng"}, {"lat", 20.86}, {"lon", 106.68}};
    REQUIRE(propose_amendment(c, "buyer", b).ok());
    REQUIRE(sign_amendment(c, "seller", 3, "2026-03-21T09:00:00+07:00").ok());
    CHECK(c.place["province"] == "Hải Phòng");
    CHECK(c.versions.back().place["province"] == "Hải Phòng");
  }
  SECTION("a declined amendment leaves the contract as it was") {
    Amendment b;
    b.effective_from = "2026-03-22";
    b.deliver_to = "2026-04-15";
    REQUIRE(propose_amendment(c, "seller", b).ok());
    REQUIRE(decline_amendment(c, 3).ok());
    CHECK(c.deliver_to == "2026-03-31");
    CHECK(c.versions.size() == 2);
  }
}

TEST_CASE("payment terms: deposit, due dates and late interest to the dong") {
  ContractTerms t;
  t.deposit_bp = 3'000;  // 30 % of 360,000,000 = 108,000,000, due 7 days after signing
  t.deposit_due_days = 7;
  t.payment_due_days = 15;
  t.late_interest_bp_per_month = 150;  // 1.5 % a month
  Consumption c = tea(t);
  SECTION("the deposit is overdue from the day after its due date") {
    CHECK(c.deposit_vnd() == 108'000'000);
    CHECK(account(c, day("2026-02-27")).overdue_vnd == 0);
    CHECK(account(c, day("2026-02-28")).late_interest_vnd == 0);  // paying today stops it
    const Account a = account(c, day("2026-03-02"));
    CHECK(a.overdue_vnd == 108'000'000);
    CHECK(a.overdue_since == "2026-02-28");
    // 2 days before today (28 Feb, 1 Mar) x 108,000,000 x 150 / 300,000 = 108,000
    CHECK(a.late_interest_vnd == 108'000);
  }
  SECTION("goods due 15 days after acceptance; interest on what stays unpaid") {
    c.terms.deposit_bp = 0;
    deliver(c, 1'000'000, "2026-03-04");
    REQUIRE(accept_delivery(c, 1, on("2026-03-05")).ok());  // 180,000,000 due on 20 March
    CHECK(account(c, day("2026-03-20")).overdue_vnd == 0);
    // 30 days overdue (21 March .. 19 April): 180,000,000 x 150 x 30 / 300,000 = 2,700,000
    CHECK(account(c, day("2026-04-20")).late_interest_vnd == 2'700'000);
    REQUIRE(record_payment(c, 100'000'000, "2026-03-31", "", day("2026-03-31")).ok());
    // 10 days x 180,000,000 + 20 days x 80,000,000 = 3,400,000,000 VND-days -> 1,700,000
    const Account a = account(c, day("2026-04-20"));
    CHECK(a.late_interest_vnd == 1'700'000);
    CHECK(a.overdue_vnd == 80'000'000);
    CHECK(a.balance_vnd == 81'700'000);
  }
}

TEST_CASE("ending a contract early: mutual, force majeure, the other side's breach") {
  ContractTerms t;
  t.penalty_bp = 800;
  Consumption c = tea(t);
  SECTION("mutual consent needs both sides") {
    CHECK_FALSE(*terminate(c, "buyer", "mutual", "thị trường đổi", "t1"));
    CHECK(c.open());
    CHECK_FALSE(*terminate(c, "buyer", "mutual", "again", "t1"));  // the same side again
    CHECK(*terminate(c, "seller", "mutual", "đồng ý", "2026-03-02T08:00:00+07:00"));
    CHECK(c.status == "cancelled");
    CHECK(c.at_fault.empty());
  }
  SECTION("force majeure ends it at once, no one at fault, no penalty") {
    CHECK(*terminate(c, "seller", "force_majeure", "lũ quét cuốn trôi nương chè",
                     "2026-03-02T08:00:00+07:00"));
    CHECK(c.status == "cancelled");
    CHECK(c.penalties.empty());
  }
  SECTION("for the other side's breach: it is at fault and owes the agreed penalty") {
    CHECK(*terminate(c, "buyer", "breach", "không giao hàng", "2026-03-20T08:00:00+07:00"));
    CHECK(c.status == "breached");
    CHECK(c.at_fault == "seller");
    REQUIRE(c.penalties.size() == 1);
    CHECK(c.penalties[0].amount_vnd == 28'800'000);  // 8 % of 360,000,000 undelivered
  }
  SECTION("not while a delivery waits for the buyer's answer, nor on a bad ground") {
    deliver(c, 1'000, "2026-03-05");
    CHECK(terminate(c, "buyer", "breach", "x", "t").status().field() == "body.consumption_id");
    CHECK(terminate(c, "buyer", "tired", "x", "t").status().field() == "body.ground");
  }
}

TEST_CASE("a dispute stops automatic breach until both sides or the union resolve it") {
  Consumption c = tea();
  REQUIRE(open_dispute(c, "seller", "khách chậm nhận hàng", "2026-03-25T08:00:00+07:00").ok());
  CHECK(c.status == "disputed");
  CHECK_FALSE(assess_breach(c, day("2026-05-01"), 0));
  SECTION("the sides must ask for the same outcome") {
    CHECK_FALSE(*resolve_dispute(c, "buyer", "continue", std::string("2026-04-30"), "t"));
    CHECK_FALSE(*resolve_dispute(c, "seller", "continue", std::string("2026-04-20"), "t"));
    CHECK(*resolve_dispute(c, "seller", "continue", std::string("2026-04-30"),
                           "2026-03-26T08:00:00+07:00"));
    CHECK(c.status == "signed");
    CHECK(c.deliver_to == "2026-04-30");
    CHECK(c.versions.size() == 2);
  }
  SECTION("the union rules alone") {
    CHECK(
        *resolve_dispute(c, "union", "buyer_at_fault", std::nullopt, "2026-04-02T08:00:00+07:00"));
    CHECK(c.status == "breached");
    CHECK(c.at_fault == "buyer");
  }
  SECTION("a deadline goes only with continue") {
    CHECK(resolve_dispute(c, "union", "cancel", std::string("2026-04-30"), "t").status().field() ==
          "body.deliver_to");
  }
}

TEST_CASE("call-offs: each window met or missed on its own") {
  ContractTerms t;
  t.call_offs = {{"2026-03-01", "2026-03-15", 3'333}, {"2026-03-16", "2026-03-31", 6'667}};
  Consumption c = tea(t);
  REQUIRE(c.call_offs.size() == 2);
  CHECK(c.call_offs[0].quantity == 666'600);    // floor(2,000,000 x 3,333 / 10,000)
  CHECK(c.call_offs[1].quantity == 1'333'400);  // the rest
  deliver(c, 600'000, "2026-03-10");
  CHECK(c.deliveries[0].call_off == 1);
  CHECK(assess_call_offs(c, day("2026-03-15"), 0).empty());  // not over yet
  CHECK(assess_call_offs(c, day("2026-03-16"), 0) == std::vector<std::int64_t>{1});
  CHECK(c.call_offs[0].shortfall == 66'600);
  CHECK(c.call_offs[1].status == "open");
  deliver(c, 1'400'000, "2026-03-20");
  CHECK(c.deliveries[1].call_off == 2);
  CHECK(assess_call_offs(c, day("2026-04-01"), 0).empty());
  CHECK(c.call_offs[1].status == "met");
}

TEST_CASE("a consumption contract survives a JSON round trip") {
  ContractTerms t;
  t.tolerance_bp = 300;
  t.deductions = {{"moisture", 1'200, 100}};
  t.call_offs = {{"2026-03-01", "2026-03-31", 10'000}};
  Consumption c = tea(t);
  deliver(c, 500'000, "2026-03-05");
  Acceptance a = on("2026-03-06", "A");
  a.measures = {{"moisture", 1'300}};
  REQUIRE(accept_delivery(c, 1, a).ok());
  REQUIRE(record_payment(c, 90'000'000, "2026-03-06", "UNC-7", day("2026-03-06")).ok());
  Amendment b;
  b.effective_from = "2026-03-10";
  b.quantity = 1'800'000;
  b.proposed_at = "t";
  REQUIRE(propose_amendment(c, "seller", b).ok());
  REQUIRE(open_dispute(c, "buyer", "x", "t").ok());
  auto back = consumption_from_json(to_json(c, day("2026-03-07")));
  REQUIRE(back.ok());
  CHECK(to_json(*back, day("2026-03-07")) == to_json(c, day("2026-03-07")));
}
