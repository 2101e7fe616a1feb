// Which events are exported to which file, and what their rows hold: names looked up, units as
// offtake keeps them, fixed terms of a consumption contract filled in for later events.
#include <catch2/catch.hpp>

#include <map>

#include "export_rows.hpp"
#include "lienket/offtake/events.hpp"

using namespace lienket;
using namespace lienket::csvconn;
using nlohmann::json;
namespace ev = lienket::offtake::events;

namespace {

class FakeLookup : public Lookup {
 public:
  Result<json> party(const std::string& id) override { return find(parties, id, "party"); }
  Result<json> product(const std::string& id) override { return find(products, id, "product"); }
  Result<json> consumption(const std::string& id) override {
    return find(consumptions, id, "consumption");
  }
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

Event event(std::uint64_t seq, std::string_view type, json data, std::string by = "") {
  return Event{seq, std::string(type), "2026-03-01T08:00:00.000+07:00", std::move(by),
               std::move(data)};
}

// The consumption contract of every test: 500 kg of tea from HTX Tân Cương to the supermarket,
// one delivery of 200 kg recorded.
ev::ConsumptionContract tea_consumption() {
  ev::ConsumptionContract c;
  c.id = "cc-00000001";
  c.proposal_id = "pr-00000001";
  c.contract_id = "ct-00000001";
  c.offer_id = "of-00000001";
  c.buyer = "sm-hanoi";
  c.seller = "htx-tancuong";
  c.product_id = "che-tancuong";
  c.unit = "g";
  c.quantity = 500000;
  c.unit_price_vnd = 320000;
  c.value_vnd = 160000000;
  c.deliver_from = "2026-03-10";
  c.deliver_to = "2026-04-30";
  c.status = "delivering";
  ev::DeliveryLine line;
  line.no = 1, line.quantity = 200000, line.date = "2026-03-12", line.lot_id = "LOT-1";
  line.status = "pending";
  c.deliveries = {line};
  c.delivered = 200000;
  c.signed_at = "2026-03-01T08:00:00.000+07:00";
  return c;
}

// What every delivery event of the consumption contract carries.
ev::DeliveryEvent tea_delivery() {
  const auto c = tea_consumption();
  return ev::DeliveryEvent{c.id,   1,      c.buyer, c.seller,    c.product_id,
                           c.unit, 200000, "LOT-1", "2026-03-12"};
}

FakeLookup fixture() {
  FakeLookup l;
  l.parties["sm-hanoi"] = {{"id", "sm-hanoi"}, {"name", "Siêu thị Hà Nội, chi nhánh \"Cầu Giấy\""}};
  l.parties["htx-tancuong"] = {{"id", "htx-tancuong"}, {"name", "Hợp tác xã Chè Tân Cương"}};
  l.products["che-tancuong"] = {
      {"id", "che-tancuong"}, {"name", "Chè búp Tân Cương"}, {"unit", "g"}};
  l.consumptions["cc-00000001"] = tea_consumption();
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
  ev::PurchaseContract contract;
  contract.id = "ct-00000001";
  contract.buyer = "sm-hanoi";
  contract.product_id = "che-tancuong";
  contract.category = "tea";
  contract.unit = "g";
  contract.quantity = 500000;
  contract.unit_price_vnd = 320000;
  contract.deliver_from = "2026-03-10";
  contract.deliver_to = "2026-04-30";
  contract.place = {"Hà Nội", 21.03, 105.8};
  contract.min_ocop_stars = 3;
  contract.certifications = {"VietGAP", "organic"};
  contract.min_lot = 1000;
  contract.note = "giao tại kho, 2 đợt";
  contract.status = "open";
  contract.posted_at = "2026-03-01T08:00:00.000+07:00";
  auto row =
      export_row(event(42, ev::kContractPosted, ev::ContractPosted{contract}, "sm-hanoi"), lookup);
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
  auto row = export_row(
      event(50, ev::kContractCancelled,
            ev::ContractCancelled{"ct-00000001", "sm-hanoi", "g", 300000, 1, 200000, "Hà Nội"},
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
    auto row =
        export_row(event(60, ev::kDeliveryRecorded, ev::DeliveryRecorded{tea_delivery()}), lookup);
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
  SECTION("accepted: quantity, date and grade") {
    ev::DeliveryAccepted accepted;
    static_cast<ev::DeliveryEvent&>(accepted) = tea_delivery();
    accepted.grade = "A";
    auto row = export_row(event(61, ev::kDeliveryAccepted, accepted), lookup);
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
      event(70, ev::kConsumptionSigned, ev::ConsumptionSigned{tea_consumption()}), lookup);
  REQUIRE(signed_row.ok());
  CHECK(cell(ExportFile::kConsumptions, *signed_row, "value_vnd") == "160000000");
  CHECK(cell(ExportFile::kConsumptions, *signed_row, "status") == "signed");
  auto breached =
      export_row(event(80, ev::kConsumptionBreached,
                       ev::ConsumptionBreached{"cc-00000001", "sm-hanoi", "htx-tancuong", "seller",
                                               "htx-tancuong", "short 300000 g", "g", 500000,
                                               200000, 0, 160000000, std::nullopt}),
                 lookup);
  REQUIRE(breached.ok());
  CHECK(cell(ExportFile::kConsumptions, *breached, "status") == "breached");
  CHECK(cell(ExportFile::kConsumptions, *breached, "at_fault") == "seller");
  CHECK(cell(ExportFile::kConsumptions, *breached, "seller_name") == "Hợp tác xã Chè Tân Cương");
  CHECK(cell(ExportFile::kConsumptions, *breached, "paid_vnd") == "0");
  CHECK(cell(ExportFile::kConsumptions, *breached, "unit_price_vnd") == "320000");
  CHECK(cell(ExportFile::kConsumptions, *breached, "product_name") == "Chè búp Tân Cương");
}

TEST_CASE("a fulfilled consumption contract keeps its terms", "[csv][export]") {
  auto lookup = fixture();
  auto row = export_row(event(90, ev::kConsumptionFulfilled,
                              ev::ConsumptionFulfilled{"cc-00000001", "sm-hanoi", "htx-tancuong",
                                                       "che-tancuong", "g", 500000, 160000000}),
                        lookup);
  REQUIRE(row.ok());
  auto c = [&](const char* col) { return cell(ExportFile::kConsumptions, *row, col); };
  CHECK(c("status") == "fulfilled");
  CHECK(c("contract_id") == "ct-00000001");
  CHECK(c("deliver_to") == "2026-04-30");
  CHECK(c("buyer_name") == "Siêu thị Hà Nội, chi nhánh \"Cầu Giấy\"");
  CHECK(c("value_vnd") == "160000000");
}

TEST_CASE("offtake events are read as offtake's typed events", "[csv][export]") {
  auto lookup = fixture();
  SECTION(
      "a rejected delivery has its reason; an unknown consumption contract leaves contract_id "
      "empty") {
    lookup.consumptions.clear();
    auto row = export_row(
        event(62, ev::kDeliveryRejected, ev::DeliveryRejected{tea_delivery(), "ẩm mốc"}), lookup);
    REQUIRE(row.ok());
    CHECK(cell(ExportFile::kDeliveries, *row, "status") == "rejected");
    CHECK(cell(ExportFile::kDeliveries, *row, "reason") == "ẩm mốc");
    CHECK(cell(ExportFile::kDeliveries, *row, "buyer_name") ==
          "Siêu thị Hà Nội, chi nhánh \"Cầu Giấy\"");
    CHECK(cell(ExportFile::kDeliveries, *row, "contract_id").empty());
  }
  SECTION("a contract by category has no product") {
    ev::PurchaseContract contract;
    contract.id = "ct-00000002";
    contract.buyer = "sm-hanoi";
    contract.category = "tea";
    contract.unit = "g";
    contract.quantity = 100000;
    contract.status = "open";
    auto row = export_row(event(43, ev::kContractPosted, ev::ContractPosted{contract}), lookup);
    REQUIRE(row.ok());
    CHECK(cell(ExportFile::kContracts, *row, "category") == "tea");
    CHECK(cell(ExportFile::kContracts, *row, "product_id").empty());
    CHECK(cell(ExportFile::kContracts, *row, "note").empty());
    CHECK(cell(ExportFile::kContracts, *row, "max_distance_km").empty());
  }
  SECTION("data offtake does not emit can never be exported (a dead letter, not a retry)") {
    json data = ev::DeliveryRecorded{tea_delivery()};
    data.erase("buyer");
    auto row = export_row(event(63, ev::kDeliveryRecorded, data), lookup);
    REQUIRE_FALSE(row.ok());
    CHECK(row.status().code() == Code::kInvalidArgument);
    CHECK(row.status().message().find("offtake.delivery.recorded #63") != std::string::npos);
  }
}

TEST_CASE("products.csv rows and lookups that fail", "[csv][export]") {
  auto lookup = fixture();
  json product = {{"id", "che-tancuong"},
                  {"name", "Chè búp Tân Cương"},
                  {"owner", "htx-tancuong"},
                  {"category", "tea"},
                  {"unit", "g"},
                  {"ocop_stars", 4},
                  {"certifications", {"VietGAP"}},
                  {"gtin", "08931234567890"},
                  {"registered_at", "2026-03-01T08:00:00.000+07:00"}};
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
