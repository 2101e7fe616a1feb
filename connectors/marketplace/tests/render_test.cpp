// Rendering: the Merchant Center TSV (one line per product, no stray tabs or newlines, UTF-8 kept)
// and the schema.org JSON-LD shape.
#include <catch2/catch.hpp>

#include <sstream>

#include "jsonld_feed.hpp"
#include "tsv_feed.hpp"

using namespace lienket::marketplace;
using nlohmann::json;

namespace {

FeedItem tea() {
  FeedItem it;
  it.id = "tea-thanhnam-green";
  it.title = "Chè xanh Thanh Nam";
  it.description = "Chè xanh Thanh Nam — HTX Chè Thanh Nam, Phú Thọ. OCOP 4 sao.";
  it.category = "tea";
  it.unit = "g";
  it.brand = "HTX Chè Thanh Nam";
  it.owner = "htx-thanhnam";
  it.gtin = "09520123456788";
  it.certifications = {"VietGAP"};
  it.ocop_stars = 4;
  it.price_vnd = 150'000;
  it.stock = 2'200'000;
  it.open_offers = 2;
  it.link = "https://shop.example.vn/products/tea-thanhnam-green";
  it.trace_url = "https://id.gs1.org/01/09520123456788";
  return it;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

}  // namespace

TEST_CASE("TSV cells") {
  SECTION("tabs, CR and LF become single spaces and the value is trimmed") {
    CHECK(tsv_cell("Chè\txanh\r\nThanh  Nam\n") == "Chè xanh Thanh Nam");
    CHECK(tsv_cell("\t\n") == "");
  }
  SECTION("UTF-8 Vietnamese is kept byte for byte") {
    const std::string name = "Bưởi Văn Dơn — Hợp tác xã Đoàn Hùng ắ ễ ộ ự";
    CHECK(tsv_cell(name) == name);
  }
}

TEST_CASE("TSV feed") {
  FeedItem bad = tea();
  bad.id = "garlic-ly-son";
  bad.title = "Tỏi\tLý Sơn";
  bad.description = "Dòng 1\nDòng 2\r\nDòng 3";
  bad.stock = 0;
  bad.gtin.clear();
  bad.trace_url.clear();
  bad.ocop_stars = 3;
  const std::string tsv = render_tsv({tea(), bad}, "VND");
  auto lines = split(tsv, '\n');
  REQUIRE(lines.size() == 4);  // header, two products, the empty piece after the final newline
  CHECK(lines.back().empty());
  auto header = split(lines[0], '\t');
  CHECK(header == std::vector<std::string>(kTsvColumns.begin(), kTsvColumns.end()));

  SECTION("every row has exactly the header's columns") {
    for (int i = 1; i <= 2; ++i) CHECK(split(lines[i], '\t').size() == header.size());
  }
  SECTION("a product's row holds the Merchant Center values") {
    auto row = split(lines[1], '\t');
    auto col = [&](const std::string& name) {
      for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return row[i];
      FAIL("no column " << name);
      return std::string();
    };
    CHECK(col("id") == "tea-thanhnam-green");
    CHECK(col("title") == "Chè xanh Thanh Nam");
    CHECK(col("price") == "150000 VND");
    CHECK(col("availability") == "in_stock");
    CHECK(col("brand") == "HTX Chè Thanh Nam");
    CHECK(col("gtin") == "09520123456788");
    CHECK(col("identifier_exists") == "yes");
    CHECK(col("condition") == "new");
    CHECK(col("custom_label_0") == "OCOP 4 sao");
    CHECK(col("unit_pricing_measure") == "1kg");
    CHECK(col("image_link").empty());
    CHECK(col("description").find("Truy xuất nguồn gốc: https://id.gs1.org/01/09520123456788") !=
          std::string::npos);
  }
  SECTION("tabs and newlines inside values do not break the row") {
    auto row = split(lines[2], '\t');
    CHECK(row[1] == "Tỏi Lý Sơn");
    CHECK(row[2] == "Dòng 1 Dòng 2 Dòng 3");
    CHECK(row[5] == "out_of_stock");
    CHECK(row[11] == "no");
    CHECK(row[14] == "OCOP 3 sao");
  }
}

TEST_CASE("JSON-LD feed") {
  FeedItem ml = tea();
  ml.id = "wine-yeast";
  ml.unit = "ml";
  ml.gtin.clear();
  ml.trace_url.clear();
  ml.certifications.clear();
  ml.stock = 0;
  json doc = render_jsonld({tea(), ml}, "VND");
  // Round trip through text: what a client parses is what we check.
  doc = json::parse(doc.dump());

  CHECK(doc["@context"] == "https://schema.org");
  CHECK(doc["@type"] == "ItemList");
  CHECK(doc["numberOfItems"] == 2);
  REQUIRE(doc["itemListElement"].size() == 2);
  CHECK(doc["itemListElement"][0]["@type"] == "ListItem");
  CHECK(doc["itemListElement"][0]["position"] == 1);

  SECTION("a product with its offer, stock, OCOP stars and trace page") {
    const json& p = doc["itemListElement"][0]["item"];
    CHECK(p["@type"] == "Product");
    CHECK(p["name"] == "Chè xanh Thanh Nam");
    CHECK(p["sku"] == "tea-thanhnam-green");
    CHECK(p["gtin"] == "09520123456788");
    CHECK(p["brand"] == json{{"@type", "Brand"}, {"name", "HTX Chè Thanh Nam"}});
    CHECK(p["url"] == "https://shop.example.vn/products/tea-thanhnam-green");
    CHECK(p["subjectOf"]["url"] == "https://id.gs1.org/01/09520123456788");
    CHECK(p["additionalProperty"][0]["propertyID"] == "OCOP");
    CHECK(p["additionalProperty"][0]["value"] == 4);
    CHECK(p["hasCertification"][0]["name"] == "VietGAP");
    const json& o = p["offers"];
    CHECK(o["@type"] == "Offer");
    CHECK(o["price"] == 150000);
    CHECK(o["price"].is_number_integer());
    CHECK(o["priceCurrency"] == "VND");
    CHECK(o["availability"] == "https://schema.org/InStock");
    CHECK(o["inventoryLevel"] ==
          json{{"@type", "QuantitativeValue"}, {"value", 2200000}, {"unitCode", "GRM"}});
    CHECK(o["priceSpecification"]["referenceQuantity"]["unitCode"] == "KGM");
  }
  SECTION("a liquid out of stock, without GTIN") {
    const json& p = doc["itemListElement"][1]["item"];
    CHECK_FALSE(p.contains("gtin"));
    CHECK_FALSE(p.contains("subjectOf"));
    CHECK_FALSE(p.contains("hasCertification"));
    CHECK(p["offers"]["availability"] == "https://schema.org/OutOfStock");
    CHECK(p["offers"]["inventoryLevel"]["unitCode"] == "MLT");
    CHECK(p["offers"]["priceSpecification"]["referenceQuantity"]["unitCode"] == "LTR");
  }
}
