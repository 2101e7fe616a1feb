// Which events are exported to which file, and what their rows hold: names looked up, units as
// offtake keeps them, fixed terms of a consumption contract filled in for later events.
#include <catch2/catch.hpp>

#include <map>

#include "export_rows.hpp"

using namespace lienket;
using namespace lienket::csvconn;
using nlohmann::json;

namespace {

class FakeLookup : public Lookup {
 public:
  Result<json> party(const std::string& id) override { return find(parties, id, "party"); }
  Result<json> product(const std::string& id) override { return find(products, id, "product"); }
  Result<json> consumption(const std::string& id) override { return find(consumptions, id, "consumption"); }
  std::map<std::string, json> parties, products, consumptions;
  bool busy = false;
  int asked = 0;

 private:
  Result<json> find(const std::map<std::string, json>& m, const std::string& id, const char* key) {
    ++asked;
    if (busy) return Status::Unavailable("node busy");
    auto it = m.find(id);
    if (it == m.end()) return Status::NotFound(id);
    return json{{key, it->second}};
  }
};

// The value of `column` in a row of `file`.
std::string cell(ExportFile file, const csv::Row& row, const std::string& column) {
  for (const auto& spec : export_files())
    if (spec.file == file)
      for (std::size_t i = 0; i < spec.header.size(); ++i)
        if (spec.header[i] == column) return row.at(i);
  FAIL("no column " << column);
  return {};
}

Event event(std::uint64_t seq, std::string type, json data, std::string by = "") {
  return Event{seq, std::move(type), "2026-03-01T08:00:00.000+07:00", std::move(by), std::move(data)};
}

FakeLookup fixture() {
  FakeLookup l;
  l.parties["sm-hanoi"] = {{"id", "sm-hanoi"}, {"name", "Siêu thị Hà Nội, chi nhánh \"Cầu Giấy\""}};
  l.parties["htx-tancuong"] = {{"id", "htx-tancuong"}, {"name", "Hợp tác xã Chè Tân Cương"}};
  l.products["che-tancuong"] = {{"id", "che-tancuong"}, {"name", "Chè búp Tân Cương"}, {"unit", "g"}};
  l.consumptions["cc-00000001"] = {
      {"id", "cc-00000001"}, {"contract_id", "ct-00000001"}, {"buyer", "sm-hanoi"}, {"seller", "htx-tancuong"},
      {"product_id", "che-tancuong"}, {"unit", "g"}, {"quantity", 500000}, {"unit_price_vnd", 320000},
      {"value_vnd", 160000000}, {"deliver_from", "2026-03-10"}, {"deliver_to", "2026-04-30"},
      {"deliveries", json::array({{{"no", 1}, {"quantity", 200000}, {"date", "2026-03-12"}, {"lot_id", "LOT-1"},
                                   {"status", "pending"}}})}};
  return l;
}

}  // namespace

TEST_CASE("events map to their files; others are not exported", "[csv][export]") {
  CHECK(file_for("offtake.contract.posted") == ExportFile::kContracts);
  CHECK(file_for("offtake.contract.cancelled") == ExportFile::kContracts);
  CHECK(file_for("offtake.consumption.signed") == ExportFile::kConsumptions);
  CHECK(file_for("offtake.consumption.breached") == ExportFile::kConsumptions);
  CHECK(file_for("offtake.delivery.recorded") == ExportFile::kDeliveries);
  CHECK(file_for("offtake.delivery.rejected") == ExportFile::kDeliveries);
  CHECK(file_for("product.registered") == ExportFile::kProducts);
  CHECK_FALSE(file_for("party.registered"));
  CHECK_FALSE(file_for("offtake.offer.posted"));
  CHECK_FALSE(file_for("offtake.contract.postedx"));
  for (const auto& spec : export_files()) {
    CHECK(spec.header.at(0) == "seq");
    CHECK(spec.header.at(2) == "event");
  }
}

TEST_CASE("a posted purchase contract becomes a contracts.csv row with names", "[csv][export]") {
  auto lookup = fixture();
  json contract = {{"id", "ct-00000001"}, {"buyer", "sm-hanoi"}, {"product_id", "che-tancuong"}, {"category", "tea"},
                   {"unit", "g"}, {"quantity", 500000}, {"unit_price_vnd", 320000}, {"deliver_from", "2026-03-10"},
                   {"deliver_to", "2026-04-30"}, {"place", {{"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.8}}},
                   {"min_ocop_stars", 3}, {"certifications", {"VietGAP", "organic"}}, {"min_lot", 1000},
                   {"status", "open"}, {"note", "giao tại kho, 2 đợt"}};
  auto row = export_row(event(42, "offtake.contract.posted", {{"contract", contract}}, "sm-hanoi"), lookup);
  REQUIRE(row.ok());
  auto c = [&](const char* col) { return cell(ExportFile::kContracts, *row, col); };
  CHECK(c("seq") == "42");
  CHECK(c("event") == "offtake.contract.posted");
  CHECK(c("contract_id") == "ct-00000001");
  CHECK(c("buyer_name") == "Siêu thị Hà Nội, chi nhánh \"Cầu Giấy\"");
  CHECK(c("product_name") == "Chè búp Tân Cương");
  CHECK(c("quantity") == "500000");
  CHECK(c("unit") == "g");
  CHECK(c("unit_price_vnd") == "320000");
  CHECK(c("province") == "Hà Nội");
  CHECK(c("certifications") == "VietGAP;organic");
  CHECK(c("max_distance_km").empty());
  CHECK(c("status") == "open");
  CHECK(c("note") == "giao tại kho, 2 đợt");
}

TEST_CASE("a cancelled contract is a row of its own", "[csv][export]") {
  auto lookup = fixture();
  auto row = export_row(event(50, "offtake.contract.cancelled",
                              {{"contract_id", "ct-00000001"}, {"released", 300000}, {"proposals_cancelled", 1},
                               {"signed", 200000}},
                              "sm-hanoi"),
                        lookup);
  REQUIRE(row.ok());
  CHECK(cell(ExportFile::kContracts, *row, "status") == "cancelled");
  CHECK(cell(ExportFile::kContracts, *row, "released") == "300000");
  CHECK(cell(ExportFile::kContracts, *row, "buyer") == "sm-hanoi");
}

TEST_CASE("deliveries carry the contract's parties, product and unit", "[csv][export]") {
  auto lookup = fixture();
  SECTION("recorded") {
    auto row = export_row(event(60, "offtake.delivery.recorded",
                                {{"consumption_id", "cc-00000001"}, {"delivery_no", 1}, {"quantity", 200000},
                                 {"date", "2026-03-12"}, {"seller", "htx-tancuong"}, {"lot_id", "LOT-1"}}),
                          lookup);
    REQUIRE(row.ok());
    auto c = [&](const char* col) { return cell(ExportFile::kDeliveries, *row, col); };
    CHECK(c("status") == "pending");
    CHECK(c("seller_name") == "Hợp tác xã Chè Tân Cương");
    CHECK(c("buyer") == "sm-hanoi");
    CHECK(c("contract_id") == "ct-00000001");
    CHECK(c("unit") == "g");
    CHECK(c("quantity") == "200000");
    CHECK(c("lot_id") == "LOT-1");
  }
  SECTION("accepted: quantity and date come from the recorded delivery") {
    auto row = export_row(
        event(61, "offtake.delivery.accepted", {{"consumption_id", "cc-00000001"}, {"delivery_no", 1}, {"grade", "A"}}),
        lookup);
    REQUIRE(row.ok());
    CHECK(cell(ExportFile::kDeliveries, *row, "status") == "accepted");
    CHECK(cell(ExportFile::kDeliveries, *row, "quantity") == "200000");
    CHECK(cell(ExportFile::kDeliveries, *row, "date") == "2026-03-12");
    CHECK(cell(ExportFile::kDeliveries, *row, "grade") == "A");
  }
}

TEST_CASE("consumption contracts: signed, then breached with the party at fault", "[csv][export]") {
  auto lookup = fixture();
  auto signed_row = export_row(
      event(70, "offtake.consumption.signed", {{"consumption", lookup.consumptions["cc-00000001"]}}), lookup);
  REQUIRE(signed_row.ok());
  CHECK(cell(ExportFile::kConsumptions, *signed_row, "value_vnd") == "160000000");
  CHECK(cell(ExportFile::kConsumptions, *signed_row, "status") == "signed");
  auto breached = export_row(event(80, "offtake.consumption.breached",
                                   {{"consumption_id", "cc-00000001"}, {"at_fault", "seller"},
                                    {"party_at_fault", "htx-tancuong"}, {"reason", "short 300000 g"},
                                    {"accepted", 200000}, {"quantity", 500000}, {"paid_vnd", 0}}),
                             lookup);
  REQUIRE(breached.ok());
  CHECK(cell(ExportFile::kConsumptions, *breached, "status") == "breached");
  CHECK(cell(ExportFile::kConsumptions, *breached, "at_fault") == "seller");
  CHECK(cell(ExportFile::kConsumptions, *breached, "seller_name") == "Hợp tác xã Chè Tân Cương");
  CHECK(cell(ExportFile::kConsumptions, *breached, "paid_vnd") == "0");
}

TEST_CASE("products.csv rows and lookups that fail", "[csv][export]") {
  auto lookup = fixture();
  json product = {{"id", "che-tancuong"}, {"name", "Chè búp Tân Cương"}, {"owner", "htx-tancuong"},
                  {"category", "tea"}, {"unit", "g"}, {"ocop_stars", 4}, {"certifications", {"VietGAP"}},
                  {"gtin", "08931234567890"}, {"registered_at", "2026-03-01T08:00:00.000+07:00"}};
  const Event e = event(5, "product.registered", {{"product", product}}, "htx-tancuong");
  SECTION("names intact") {
    auto row = export_row(e, lookup);
    REQUIRE(row.ok());
    CHECK(cell(ExportFile::kProducts, *row, "product_name") == "Chè búp Tân Cương");
    CHECK(cell(ExportFile::kProducts, *row, "owner_name") == "Hợp tác xã Chè Tân Cương");
    CHECK(cell(ExportFile::kProducts, *row, "ocop_stars") == "4");
    CHECK(cell(ExportFile::kProducts, *row, "gtin") == "08931234567890");
  }
  SECTION("an unknown party leaves its name empty") {
    lookup.parties.clear();
    auto row = export_row(e, lookup);
    REQUIRE(row.ok());
    CHECK(cell(ExportFile::kProducts, *row, "owner_name").empty());
  }
  SECTION("a node that cannot answer makes the event retryable") {
    lookup.busy = true;
    auto row = export_row(e, lookup);
    REQUIRE_FALSE(row.ok());
    CHECK(row.status().code() == Code::kUnavailable);
  }
}
