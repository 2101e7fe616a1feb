#include "feed_model.hpp"

#include <algorithm>
#include <limits>

namespace lienket::marketplace {
namespace {

using nlohmann::json;

std::int64_t int_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : 0;
}

Status load_kind(Store& store, const std::string& kind, std::map<std::string, json>& into) {
  const std::string prefix = kind + "/";
  Status bad;
  auto st = store.scan(prefix, "", [&](std::string_view key, std::string_view value) {
    auto j = json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      bad = Status::Internal("corrupt feed record " + std::string(key));
      return false;
    }
    into.emplace(std::string(key.substr(prefix.size())), std::move(j));
    return true;
  });
  return st.ok() ? bad : st;
}

struct Tally {
  std::int64_t stock = 0;
  std::int64_t best_open_price = std::numeric_limits<std::int64_t>::max();
  std::int64_t best_any_price = std::numeric_limits<std::int64_t>::max();
  int open_offers = 0;
};

// Adds one offer to its product's tally by the rules in the header.
void count_offer(const json& o, const std::string& today, Tally& t) {
  const std::int64_t price = int_of(o, "min_unit_price_vnd");
  if (price > 0) t.best_any_price = std::min(t.best_any_price, price);
  const std::int64_t left = int_of(o, "quantity") - int_of(o, "proposed") - int_of(o, "signed");
  const bool counts =
      o.value("status", "") == "open" && o.value("available_to", "") >= today && left > 0;
  if (!counts) return;
  t.stock += left;
  ++t.open_offers;
  if (price > 0) t.best_open_price = std::min(t.best_open_price, price);
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "Chè xanh Thanh Nam — HTX Chè Thanh Nam, Phú Thọ. OCOP 4 sao. Chứng nhận: VietGAP."
std::string describe(const FeedItem& item, const std::string& province) {
  std::string d = item.title + " — " + item.brand + (province.empty() ? "" : ", " + province) + ".";
  if (item.ocop_stars > 0) d += " OCOP " + std::to_string(item.ocop_stars) + " sao.";
  if (!item.certifications.empty()) d += " Chứng nhận: " + join(item.certifications, ", ") + ".";
  return d;
}

FeedItem make_item(const json& p, const FeedRecords& records, const FeedLinks& links) {
  FeedItem item;
  item.id = p.value("id", "");
  item.title = p.value("name", item.id);
  item.category = p.value("category", "");
  item.unit = p.value("unit", "g");
  item.owner = p.value("owner", "");
  item.gtin = p.value("gtin", "");
  item.ocop_stars = static_cast<int>(int_of(p, "ocop_stars"));
  if (p.contains("certifications") && p["certifications"].is_array())
    for (const auto& c : p["certifications"])
      if (c.is_string()) item.certifications.push_back(c.get<std::string>());
  std::string province;
  auto party = records.parties.find(item.owner);
  item.brand =
      party != records.parties.end() ? party->second.value("name", item.owner) : item.owner;
  if (party != records.parties.end()) province = party->second.value("province", "");
  item.description = describe(item, province);
  item.link = links.shop_base_url + "/products/" + item.id;
  if (!item.gtin.empty()) item.trace_url = links.trace_base_url + "/01/" + item.gtin;
  return item;
}

}  // namespace

Result<FeedRecords> load_records(Store& store) {
  FeedRecords r;
  LIENKET_RETURN_IF_ERROR(load_kind(store, "product", r.products));
  LIENKET_RETURN_IF_ERROR(load_kind(store, "party", r.parties));
  LIENKET_RETURN_IF_ERROR(load_kind(store, "offer", r.offers));
  return r;
}

std::vector<FeedItem> build_items(const FeedRecords& records, const std::string& today,
                                  const FeedLinks& links) {
  std::map<std::string, Tally> tallies;
  for (const auto& [id, offer] : records.offers)
    count_offer(offer, today, tallies[offer.value("product_id", "")]);
  std::vector<FeedItem> items;
  for (const auto& [id, product] : records.products) {
    auto t = tallies.find(id);
    if (t == tallies.end() || t->second.best_any_price == std::numeric_limits<std::int64_t>::max())
      continue;
    FeedItem item = make_item(product, records, links);
    const Tally& tally = t->second;
    item.stock = tally.stock;
    item.open_offers = tally.open_offers;
    item.price_vnd = tally.best_open_price != std::numeric_limits<std::int64_t>::max()
                         ? tally.best_open_price
                         : tally.best_any_price;
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace lienket::marketplace
