// The feed model: price, stock and availability from the open offers, as PROTOCOL.md says.
#include <catch2/catch.hpp>

#include "events.hpp"
#include "feed_fold.hpp"
#include "feed_model.hpp"
#include "lienket/testing/memory_store.hpp"

using namespace lienket::marketplace;
using namespace lienket::marketplace::testing;
using lienket::testing::MemoryStore;

namespace {

const FeedLinks kLinks{"https://shop.example.vn", "https://id.gs1.org"};

std::vector<FeedItem> items_after(MemoryStore& store, const std::vector<lienket::Event>& events,
                                  const std::string& today = "2026-03-01") {
  for (const auto& e : events) REQUIRE(apply_event(store, e).ok());
  auto records = load_records(store);
  REQUIRE(records.ok());
  return build_items(*records, today, kLinks);
}

}  // namespace

TEST_CASE("feed items from offers") {
  MemoryStore store;
  std::vector<lienket::Event> base = {party_registered(1), product_registered(2)};

  SECTION("a product without offers is not in the feed") {
    CHECK(items_after(store, base).empty());
  }

  SECTION("price is the lowest open offer, stock the sum of what is left") {
    base.push_back(offer_posted(3, "of-1", 2'000'000, 150'000));
    base.push_back(offer_posted(4, "of-2", 500'000, 165'000));
    base.push_back(proposal_created(5, "of-1", 300'000));
    auto items = items_after(store, base);
    REQUIRE(items.size() == 1);
    const FeedItem& it = items[0];
    CHECK(it.price_vnd == 150'000);
    CHECK(it.stock == 2'200'000);
    CHECK(it.in_stock());
    CHECK(it.open_offers == 2);
    CHECK(it.ocop_stars == 4);
    CHECK(it.brand == "HTX Chè Thanh Nam");
    CHECK(it.title == "Chè xanh Thanh Nam");
    CHECK(it.link == "https://shop.example.vn/products/tea-thanhnam-green");
    CHECK(it.trace_url == "https://id.gs1.org/01/09520123456788");
    CHECK(it.description ==
          "Chè xanh Thanh Nam — HTX Chè Thanh Nam, Phú Thọ. OCOP 4 sao. Chứng nhận: VietGAP.");
  }

  SECTION("withdrawing the cheaper offer raises the price and lowers the stock") {
    base.push_back(offer_posted(3, "of-1", 2'000'000, 150'000));
    base.push_back(offer_posted(4, "of-2", 500'000, 165'000));
    base.push_back(offer_withdrawn(5, "of-1", 2'000'000));
    auto items = items_after(store, base);
    REQUIRE(items.size() == 1);
    CHECK(items[0].price_vnd == 165'000);
    CHECK(items[0].stock == 500'000);
  }

  SECTION("with every offer closed the product is out of stock at its last price") {
    base.push_back(offer_posted(3, "of-1", 2'000'000, 150'000));
    base.push_back(offer_withdrawn(4, "of-1", 2'000'000));
    auto items = items_after(store, base);
    REQUIRE(items.size() == 1);
    CHECK_FALSE(items[0].in_stock());
    CHECK(items[0].stock == 0);
    CHECK(items[0].price_vnd == 150'000);
  }

  SECTION("an offer past its available_to no longer counts") {
    base.push_back(offer_posted(3, "of-1", 2'000'000, 150'000, "2026-03-10"));
    CHECK(items_after(store, base, "2026-03-10")[0].stock == 2'000'000);
    CHECK(items_after(store, {}, "2026-03-11")[0].stock == 0);
  }

  SECTION("an offer at 0 VND adds stock but sets no price") {
    base.push_back(offer_posted(3, "of-1", 1'000'000, 0));
    CHECK(items_after(store, base).empty());
    auto items = items_after(store, {offer_posted(4, "of-2", 500'000, 170'000)});
    REQUIRE(items.size() == 1);
    CHECK(items[0].price_vnd == 170'000);
    CHECK(items[0].stock == 1'500'000);
  }
}
