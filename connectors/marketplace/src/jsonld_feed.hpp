// The feed as schema.org JSON-LD (https://schema.org/ItemList of https://schema.org/Product, each
// with one https://schema.org/Offer): what a shop or a search engine reads as structured data.
// The layout, field by field, is in PROTOCOL.md ("GET /feed.jsonld").
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "feed_model.hpp"

namespace lienket::marketplace {

nlohmann::json product_jsonld(const FeedItem& item, const std::string& currency);
nlohmann::json render_jsonld(const std::vector<FeedItem>& items, const std::string& currency);

}  // namespace lienket::marketplace
