// The fold: events into the feed's records, exactly once per seq, offers' quantities tracked as
// offtake tracks them.
#include <catch2/catch.hpp>

#include "events.hpp"
#include "feed_fold.hpp"
#include "lienket/testing/memory_store.hpp"

using namespace lienket::marketplace;
using namespace lienket::marketplace::testing;
using lienket::testing::MemoryStore;

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
    apply(store, proposal_created(4, "of-1", 500'000));
    auto again = apply_event(store, proposal_created(4, "of-1", 500'000));
    REQUIRE(again.ok());
    CHECK(*again == false);
    CHECK(offer_record(store, "of-1")["proposed"] == 500'000);
  }

  SECTION("proposals hold quantity, signing moves it, the offer is taken when all is signed") {
    apply(store, proposal_created(4, "of-1", 2'000'000));
    apply(store, proposal_ended(5, ev::kProposalExpired, "of-1", 2'000'000));
    CHECK(offer_record(store, "of-1")["proposed"] == 0);
    apply(store, proposal_created(6, "of-1", 2'000'000));
    apply(store, consumption_signed(7, "of-1", 2'000'000));
    auto o = offer_record(store, "of-1");
    CHECK(o["proposed"] == 0);
    CHECK(o["signed"] == 2'000'000);
    CHECK(o["status"] == "taken");
  }

  SECTION("a withdrawal closes the offer") {
    apply(store, offer_withdrawn(4, "of-1", 2'000'000));
    CHECK(offer_record(store, "of-1")["status"] == "withdrawn");
  }

  SECTION("events of no interest and offers never seen change nothing") {
    auto before = store.data;
    CHECK(apply_event(store, event(4, std::string(ev::kContractPosted), ev::ContractPosted{}))
              .value() == false);
    CHECK(apply_event(store, offer_withdrawn(5, "of-404", 1000)).value() == false);
    before["applied_seq"] = "5";
    CHECK(store.data == before);
  }

  SECTION("malformed data of a feed event is an error that changes nothing") {
    auto before = store.data;
    auto r = apply_event(store, event(4, "product.registered", {{"product", "not an object"}}));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == lienket::Code::kInvalidArgument);
    json proposal = proposal_created(4, "of-1", 500'000).data;
    proposal["proposal"].erase("quantity");  // not what offtake emits
    r = apply_event(store, event(4, std::string(ev::kProposalCreated), proposal));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == lienket::Code::kInvalidArgument);
    CHECK(r.status().message().find("offtake.proposal.created") != std::string::npos);
    CHECK(store.data == before);
  }

  SECTION("every kind of proposal end frees its quantity") {
    for (auto type : {ev::kProposalRejected, ev::kProposalCancelled}) {
      apply(store, proposal_created(applied_seq(store).value() + 1, "of-1", 300'000));
      CHECK(offer_record(store, "of-1")["proposed"] == 300'000);
      apply(store, proposal_ended(applied_seq(store).value() + 1, type, "of-1", 300'000));
      CHECK(offer_record(store, "of-1")["proposed"] == 0);
    }
  }
}
