// The feed as a shop sees it: one FeedItem per product that has been offered, built from the
// records that feed_fold keeps. Rules (PROTOCOL.md, "What the feed says"):
//  - an offer counts while it is `open`, not past its `available_to` (local date) and has quantity
//    left = quantity - proposed - signed (what matching may still allocate);
//  - stock = the sum of what the counted offers have left, in the product's unit (g, ml, piece);
//  - price = the lowest min_unit_price_vnd (VND per kg / litre / piece) of the counted offers, or,
//    when none counts, the lowest any of the product's offers ever asked; offers at 0 VND ("any
//    price") add stock but set no price; a product that never had a priced offer is left out.
// Pure functions over plain data; no I/O except load_records (a scan of the store).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket::marketplace {

struct FeedLinks {
  std::string shop_base_url;   // <shop_base_url>/products/<product_id>
  std::string trace_base_url;  // <trace_base_url>/01/<gtin> (GS1 Digital Link)
};

struct FeedItem {
  std::string id;     // the product id (Merchant Center `id`, schema.org `sku`)
  std::string title;  // the product's registered name (UTF-8)
  std::string description;
  std::string category;  // e.g. "tea"
  std::string unit;      // g, ml or piece
  std::string brand;     // the owning cooperative's name
  std::string owner;     // its party id
  std::string gtin;      // 14 digits or empty
  std::vector<std::string> certifications;
  int ocop_stars = 0;
  std::int64_t price_vnd = 0;  // per kg (g), per litre (ml) or per piece
  std::int64_t stock = 0;      // in the unit
  int open_offers = 0;
  std::string link;       // the shop's page
  std::string trace_url;  // empty without a GTIN
  bool in_stock() const { return stock > 0; }
};

struct FeedRecords {
  std::map<std::string, nlohmann::json> products, parties, offers;  // by id
};

Result<FeedRecords> load_records(Store& store);

// `today` is the local date "YYYY-MM-DD". Items come in product id order.
std::vector<FeedItem> build_items(const FeedRecords& records, const std::string& today,
                                  const FeedLinks& links);

}  // namespace lienket::marketplace
