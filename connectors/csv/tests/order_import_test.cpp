// Purchase-order files to offtake.contract.post requests: the header rules, cell conversion, and
// error rows that name line, column, field and code.
#include <catch2/catch.hpp>

#include "order_import.hpp"

using namespace lienket;
using namespace lienket::csvconn;
using nlohmann::json;

namespace {

const std::string kHeader =
    "order_ref,buyer,product_id,quantity,unit_price_vnd,deliver_from,deliver_to,province,lat,lon,"
    "certifications,note\r\n";

}  // namespace

TEST_CASE("a good row becomes a contract.post body acting as its buyer", "[csv][import]") {
  auto plan = plan_import(
      kHeader +
      "PO-1,sm-hanoi,che-tancuong,500000,320000,2026-03-10,2026-04-30,Hà Nội,21.0285,105.8542,"
      "VietGAP; organic,\"Giao tại kho Cầu Giấy, trước 10h\"\r\n");
  REQUIRE(plan.errors.empty());
  REQUIRE(plan.orders.size() == 1);
  const auto& o = plan.orders[0];
  CHECK(o.line == 2);
  CHECK(o.order_ref == "PO-1");
  CHECK(o.buyer == "sm-hanoi");
  CHECK(o.body == json{{"product_id", "che-tancuong"},
                       {"quantity", 500000},
                       {"unit_price_vnd", 320000},
                       {"deliver_from", "2026-03-10"},
                       {"deliver_to", "2026-04-30"},
                       {"place", {{"province", "Hà Nội"}, {"lat", 21.0285}, {"lon", 105.8542}}},
                       {"certifications", {"VietGAP", "organic"}},
                       {"note", "Giao tại kho Cầu Giấy, trước 10h"}});
}

TEST_CASE("empty cells are absent fields and columns may come in any order", "[csv][import]") {
  auto plan = plan_import(
      "\xEF\xBB\xBF"
      "lon,lat,province,deliver_to,deliver_from,unit_price_vnd,quantity,unit,category,buyer,min_"
      "lot\n"
      "105.8,21.0,Hà Nội,2026-04-30,2026-03-10,25000,1000, g ,pomelo,sm-hanoi,\n");
  REQUIRE(plan.errors.empty());
  REQUIRE(plan.orders.size() == 1);
  CHECK(plan.orders[0].body["unit"] == "g");
  CHECK(plan.orders[0].body["category"] == "pomelo");
  CHECK_FALSE(plan.orders[0].body.contains("min_lot"));
}

TEST_CASE("header problems fail the file at line 1", "[csv][import]") {
  SECTION("an unknown column") {
    auto plan = plan_import(
        "buyer,product_id,quantity,unit_price_vnd,deliver_from,deliver_to,province,lat,lon,"
        "colour\r\n"
        "a,b,1,1,2026-01-01,2026-01-01,x,1,1,red\r\n");
    REQUIRE(plan.errors.size() == 1);
    CHECK(plan.errors[0].line == 1);
    CHECK(plan.errors[0].column == "colour");
    CHECK(plan.orders.empty());
  }
  SECTION("a missing required column and no product") {
    auto plan = plan_import(
        "buyer,quantity,deliver_from,deliver_to,province,lat,lon\r\na,1,2026-01-01,2026-01-01,x,1,"
        "1\r\n");
    REQUIRE(plan.errors.size() == 2);
    CHECK(plan.errors[0].column == "unit_price_vnd");
    CHECK(plan.errors[0].field == "body.unit_price_vnd");
    CHECK(plan.errors[1].column == "product_id");
  }
  SECTION("a file without orders") {
    auto plan = plan_import(kHeader);
    REQUIRE(plan.errors.size() == 1);
    CHECK(plan.errors[0].line == 0);
  }
}

TEST_CASE("bad cells name the row, the column and the request field", "[csv][import]") {
  auto plan = plan_import(
      kHeader +
      "PO-1,sm-hanoi,che,500000,320000,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n"
      "PO-2,sm-hanoi,che,\"1.000\",320000,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n"
      "PO-3,sm-hanoi,che,10,-5,2026-03-10,2026-04-30,Hà Nội,21;5,105,,\r\n"
      "PO-4,,che,10,5,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n"
      "PO-5,sm-hanoi,che,99999999999999999999,5,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n");
  CHECK(plan.orders.size() == 1);
  REQUIRE(plan.errors.size() == 5);
  CHECK(plan.errors[0].line == 3);
  CHECK(plan.errors[0].column == "quantity");
  CHECK(plan.errors[0].field == "body.quantity");
  CHECK(plan.errors[0].code == "invalid_argument");
  CHECK(plan.errors[0].message.find("\"1.000\"") != std::string::npos);
  CHECK(plan.errors[1].line == 4);
  CHECK(plan.errors[1].column == "unit_price_vnd");
  CHECK(plan.errors[2].line == 4);
  CHECK(plan.errors[2].field == "body.place.lat");
  CHECK(plan.errors[3].line == 5);
  CHECK(plan.errors[3].field == "as");
  CHECK(plan.errors[4].message.find("too large") != std::string::npos);
}

TEST_CASE("a malformed CSV file fails as a whole, naming the line", "[csv][import]") {
  auto plan = plan_import(kHeader + "PO-1,sm-hanoi,che\r\n");
  CHECK(plan.orders.empty());
  REQUIRE(plan.errors.size() == 1);
  CHECK(plan.errors[0].line == 2);
  CHECK(plan.errors[0].message.find("has 3 fields") != std::string::npos);
}

TEST_CASE("applying collects every failed row and the ids of the others", "[csv][import]") {
  auto plan = plan_import(kHeader +
                          "PO-1,sm-hanoi,che,500,1,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n"
                          "PO-2,sm-hanoi,che,0,1,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n"
                          "PO-3,htx-x,che,7,1,2026-03-10,2026-04-30,Hà Nội,21,105,,\r\n");
  REQUIRE(plan.orders.size() == 3);
  int n = 0;
  auto applied =
      apply_orders(plan, [&](const std::string& buyer, const json& body) -> Result<json> {
        if (buyer == "htx-x")
          return Status::PermissionDenied("a cooperative cannot post a purchase contract", "as");
        if (body["quantity"] == 0)
          return Status::InvalidArgument("body.quantity must be between 1 and ...",
                                         "body.quantity");
        return json{{"contract_id", "ct-" + std::to_string(++n)}};
      });
  CHECK(applied.contract_ids == std::vector<std::string>{"ct-1", "", ""});
  REQUIRE(applied.errors.size() == 2);
  CHECK(applied.errors[0].line == 3);
  CHECK(applied.errors[0].column == "quantity");
  CHECK(applied.errors[1].line == 4);
  CHECK(applied.errors[1].column == "buyer");
  CHECK(applied.errors[1].code == "permission_denied");

  SECTION("the report files") {
    CHECK(errors_csv(applied.errors) ==
          "row,column,field,code,message\r\n"
          "3,quantity,body.quantity,invalid_argument,body.quantity must be between 1 and ...\r\n"
          "4,buyer,as,permission_denied,a cooperative cannot post a purchase contract\r\n");
    CHECK(result_csv(plan, {"ct-1", "ct-2", "ct-3"}) ==
          "row,order_ref,buyer,contract_id\r\n2,PO-1,sm-hanoi,ct-1\r\n3,PO-2,sm-hanoi,ct-2\r\n4,PO-"
          "3,htx-x,ct-3\r\n");
  }
}

TEST_CASE("row_error maps nested and list fields to their column", "[csv][import]") {
  CHECK(row_error(2, Status::InvalidArgument("x", "body.place.province")).column == "province");
  CHECK(row_error(2, Status::InvalidArgument("x", "body.certifications[1]")).column ==
        "certifications");
  CHECK(row_error(2, Status::NotFound("x", "body.product_id")).code == "not_found");
  CHECK(row_error(2, Status::Internal("x")).column.empty());
}
