// The fold: events into the feed's records, exactly once per seq, offers' quantities tracked as
// offtake tracks them.
#include <catch2/catch.hpp>

#include "events.hpp"
#include "feed_fold.hpp"
#include "memory_store.hpp"

using namespace lienket::marketplace;
using namespace lienket::marketplace::testing;

namespace {

json offer_record(MemoryStore& store, const std::string& id) {
  auto r = store.get_json("offer/" + id);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  return **r;
}

void apply(MemoryStore& store, const lienket::Event& e) {
  auto r = apply_event(store, e);
  INFO(r.status().message());
  REQUIRE(r.ok());
}

}  // namespace

TEST_CASE("fold of registry and offtake events") {
  MemoryStore store;
  apply(store, party_registered(1));
  apply(store, product_registered(2));
  apply(store, offer_posted(3, "of-1", 2'000'000, 150'000));

  SECTION("keeps the product, the party and the offer") {
    CHECK(store.data.count("product/tea-thanhnam-green") == 1);
    CHECK(store.data.count("party/htx-thanhnam") == 1);
    CHECK(offer_record(store, "of-1")["quantity"] == 2'000'000);
    CHECK(applied_seq(store).value() == 3);
  }

  SECTION("a redelivered event is applied once") {
    apply(store, event(4, "offtake.proposal.created", {{"proposal", {{"offer_id", "of-1"}, {"quantity", 500'000}}}}));
    auto again = apply_event(store, event(4, "offtake.proposal.created",
                                          {{"proposal", {{"offer_id", "of-1"}, {"quantity", 500'000}}}}));
    REQUIRE(again.ok());
    CHECK(*again == false);
    CHECK(offer_record(store, "of-1")["proposed"] == 500'000);
  }

  SECTION("proposals hold quantity, signing moves it, the offer is taken when all is signed") {
    apply(store, event(4, "offtake.proposal.created", {{"proposal", {{"offer_id", "of-1"}, {"quantity", 2'000'000}}}}));
    apply(store, event(5, "offtake.proposal.expired", {{"offer_id", "of-1"}, {"quantity", 2'000'000}}));
    CHECK(offer_record(store, "of-1")["proposed"] == 0);
    apply(store, event(6, "offtake.proposal.created", {{"proposal", {{"offer_id", "of-1"}, {"quantity", 2'000'000}}}}));
    apply(store, event(7, "offtake.consumption.signed", {{"consumption", {{"offer_id", "of-1"}, {"quantity", 2'000'000}}}}));
    auto o = offer_record(store, "of-1");
    CHECK(o["proposed"] == 0);
    CHECK(o["signed"] == 2'000'000);
    CHECK(o["status"] == "taken");
  }

  SECTION("a withdrawal closes the offer") {
    apply(store, event(4, "offtake.offer.withdrawn", {{"offer_id", "of-1"}, {"released", 2'000'000}}));
    CHECK(offer_record(store, "of-1")["status"] == "withdrawn");
  }

  SECTION("events of no interest and offers never seen change nothing") {
    auto before = store.data;
    CHECK(apply_event(store, event(4, "offtake.contract.posted", {{"contract", {{"id", "ct-1"}}}})).value() == false);
    CHECK(apply_event(store, event(5, "offtake.offer.withdrawn", {{"offer_id", "of-404"}})).value() == false);
    before["applied_seq"] = "5";
    CHECK(store.data == before);
  }

  SECTION("malformed data of a feed event is an error that changes nothing") {
    auto before = store.data;
    auto r = apply_event(store, event(4, "product.registered", {{"product", "not an object"}}));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == lienket::Code::kInvalidArgument);
    CHECK(store.data == before);
  }
}
