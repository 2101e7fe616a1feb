// A household's statement in Vietnamese: numbers written the Vietnamese way, and lines that add up
// to its net to the dong.
#include <catch2/catch.hpp>

#include <random>

#include "statement_text.hpp"

using namespace lienket::farming;

TEST_CASE("numbers are written the Vietnamese way", "[statement]") {
  CHECK(vn_money(12'015'000) == "12.015.000 đ");
  CHECK(vn_money(-105'000) == "-105.000 đ");
  CHECK(vn_money(0) == "0 đ");
  CHECK(vn_quantity(400'500, Unit::kGram) == "400,5 kg");
  CHECK(vn_quantity(1'200'005, Unit::kGram) == "1.200,005 kg");
  CHECK(vn_quantity(1'500, Unit::kMillilitre) == "1,5 lít");
  CHECK(vn_quantity(1'200, Unit::kPiece) == "1.200 sản phẩm");
  CHECK(vn_percent(150) == "1,5%");
  CHECK(vn_percent(1'000) == "10%");
  CHECK(vn_percent(125) == "1,25%");
}

TEST_CASE("the statement lines read naturally and add up to the net", "[statement]") {
  std::vector<PricedDelivery> d = {{"hh-1", "A", 400'500, 30'000}, {"hh-1", "B", 100'000, 25'000}};
  SeasonRates rates{150, 1'000, 0};
  std::map<std::string, HouseholdExtras> extras{{"hh-1", {2'000'000, 300'000, 50'000}}};
  auto s = settle(d, {{5'000'000, 100'000}}, Unit::kGram, rates, extras);
  REQUIRE(s.ok());
  const auto& h = s->households[0];
  StatementContext c{Unit::kGram, 1'000, 150, 500'500, 650'500, {{"stl-1", "agr-2025", 50'000}}};
  auto items = statement_items(h, c);
  std::int64_t sum = 0;
  for (const auto& i : items) sum += i.amount_vnd;
  CHECK(sum == h.net);
  REQUIRE(items.size() == 8);
  CHECK(items[0].text == "Tiền hàng loại A: 400,5 kg × 30.000 đ/kg");
  CHECK(items[2].text == "Trừ tiền ứng trước vật tư và lãi, chia theo tiền hàng");
  CHECK(items[3].text == "Trừ nợ ứng trước bằng sản phẩm đã giao");
  CHECK(items[4].text == "Phí dịch vụ HTX: 1.000 đ/kg × 500,5 kg");
  CHECK(items[5].text == "Thuế khấu trừ tại nguồn 1,5% trên tiền hàng");
  CHECK(items[6].text ==
        "Phạt bán sản phẩm ra ngoài hợp đồng: đã giao 500,5 kg, thiếu 150 kg so với mức cam kết "
        "650,5 kg");
  CHECK(items[7].text == "Nợ vụ trước chuyển sang (quyết toán stl-1, hợp đồng agr-2025)");
}
