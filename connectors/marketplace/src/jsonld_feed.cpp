#include "jsonld_feed.hpp"

#include "unit_codes.hpp"

namespace lienket::marketplace {
namespace {

using nlohmann::json;

json quantity(std::int64_t value, const char* unit_code) {
  return {{"@type", "QuantitativeValue"}, {"value", value}, {"unitCode", unit_code}};
}

json offer_jsonld(const FeedItem& item, const std::string& currency) {
  const UnitCodes codes = unit_codes(item.unit);
  return {
      {"@type", "Offer"},
      {"url", item.link},
      {"sku", item.id},
      {"price", item.price_vnd},
      {"priceCurrency", currency},
      {"priceSpecification",
       {{"@type", "UnitPriceSpecification"},
        {"price", item.price_vnd},
        {"priceCurrency", currency},
        {"referenceQuantity", quantity(1, codes.price_code)}}},
      {"availability",
       item.in_stock() ? "https://schema.org/InStock" : "https://schema.org/OutOfStock"},
      {"itemCondition", "https://schema.org/NewCondition"},
      {"inventoryLevel", quantity(item.stock, codes.stock_code)},
      {"seller", {{"@type", "Organization"}, {"name", item.brand}, {"identifier", item.owner}}}};
}

json certifications(const FeedItem& item) {
  json out = json::array();
  for (const auto& c : item.certifications)
    out.push_back({{"@type", "Certification"}, {"name", c}});
  return out;
}

}  // namespace

json product_jsonld(const FeedItem& item, const std::string& currency) {
  json p = {{"@type", "Product"},
            {"@id", item.link},
            {"url", item.link},
            {"sku", item.id},
            {"name", item.title},
            {"description", item.description},
            {"category", item.category},
            {"brand", {{"@type", "Brand"}, {"name", item.brand}}},
            {"additionalProperty", json::array({{{"@type", "PropertyValue"},
                                                 {"propertyID", "OCOP"},
                                                 {"name", "OCOP stars"},
                                                 {"value", item.ocop_stars},
                                                 {"minValue", 0},
                                                 {"maxValue", 5}}})},
            {"offers", offer_jsonld(item, currency)}};
  if (!item.gtin.empty()) p["gtin"] = item.gtin;
  if (!item.certifications.empty()) p["hasCertification"] = certifications(item);
  if (!item.trace_url.empty())
    p["subjectOf"] = {
        {"@type", "WebPage"}, {"url", item.trace_url}, {"name", "Truy xuất nguồn gốc"}};
  return p;
}

json render_jsonld(const std::vector<FeedItem>& items, const std::string& currency) {
  json list = json::array();
  int position = 0;
  for (const auto& item : items)
    list.push_back({{"@type", "ListItem"},
                    {"position", ++position},
                    {"item", product_jsonld(item, currency)}});
  return {{"@context", "https://schema.org"},
          {"@type", "ItemList"},
          {"name", "Sản phẩm hợp tác xã"},
          {"numberOfItems", items.size()},
          {"itemListElement", std::move(list)}};
}

}  // namespace lienket::marketplace
