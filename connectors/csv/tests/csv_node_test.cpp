// The csv connector inside a real `lienket node` with the offtake plugin: export files written as
// events happen (names intact, RFC 4180, parse back equal), purchase-order files imported whole or
// refused whole with an error report, and no duplicate rows across restarts and kill -9.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "csv.hpp"
#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

namespace fs = std::filesystem;
using namespace lienket::testkit;
using lienket::csv::Row;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/lienket-csv-node-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json csv_config(const TempDir& tmp) {
  return {{"plugins",
           {{"csv",
             {{"export_dir", (tmp.path / "export").string()},
              {"import_dir", (tmp.path / "inbox").string()},
              {"import_poll_ms", 50},
              {"delivery",
               {{"idle_poll_ms", 50}, {"backoff_first_ms", 50}, {"backoff_max_ms", 200}}}}}}}};
}

// The rows of an export file as maps column -> value (the header checked to be first).
std::vector<std::map<std::string, std::string>> rows_of(const fs::path& file) {
  auto t = lienket::csv::parse(slurp(file));
  REQUIRE(t.ok);
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < t.rows.size(); ++r) {
    std::map<std::string, std::string> m;
    for (std::size_t i = 0; i < t.rows[0].size(); ++i) m[t.rows[0][i]] = t.rows[r][i];
    out.push_back(std::move(m));
  }
  return out;
}

// Waits (up to 15 s) until `file` has at least `n` rows; returns them.
std::vector<std::map<std::string, std::string>> wait_rows(const fs::path& file, std::size_t n) {
  std::vector<std::map<std::string, std::string>> rows;
  lienket::testing::eventually(
      [&] {
        rows = fs::exists(file) ? rows_of(file) : decltype(rows){};
        return rows.size() >= n;
      },
      std::chrono::seconds(15));
  return rows;
}

bool wait_file(const fs::path& file) {
  return lienket::testing::eventually([&] { return fs::exists(file); }, std::chrono::seconds(15));
}

// Drops a purchase-order file the safe way: written under another name, then renamed.
void drop(const fs::path& inbox, const std::string& name, const std::string& text) {
  const fs::path tmp = inbox / (name + ".part");
  { std::ofstream(tmp, std::ios::binary) << text; }
  fs::rename(tmp, inbox / name);
}

const char* kSupermarketName = "Siêu thị Hà Nội, chi nhánh \"Cầu Giấy\"";
const char* kCoopName = "Hợp tác xã Chè Tân Cương";
const char* kProductName = "Chè búp Tân Cương, loại đặc biệt";

void register_parties(Node& node) {
  ok(node.call("party.register", {{"id", "sm-hanoi"},
                                  {"kind", "distributor"},
                                  {"name", kSupermarketName},
                                  {"province", "Hà Nội"},
                                  {"lat", 21.03},
                                  {"lon", 105.79}}));
  ok(node.call("party.register", {{"id", "htx-tancuong"},
                                  {"kind", "cooperative"},
                                  {"name", kCoopName},
                                  {"province", "Thái Nguyên"},
                                  {"lat", 21.56},
                                  {"lon", 105.75},
                                  {"members", 95}}));
  ok(node.call("product.register",
               {{"id", "che-tancuong"},
                {"name", kProductName},
                {"category", "tea"},
                {"unit", "g"},
                {"ocop_stars", 4},
                {"certifications", {"VietGAP"}}},
               "htx-tancuong"));
}

json contract_body(std::int64_t grams, const std::string& note) {
  return {{"product_id", "che-tancuong"},
          {"quantity", grams},
          {"unit_price_vnd", 320'000},
          {"deliver_from", "2026-03-05"},
          {"deliver_to", "2026-04-30"},
          {"place", {{"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.79}}},
          {"note", note}};
}

const std::string kOrderHeader =
    "order_ref,buyer,product_id,quantity,unit_price_vnd,deliver_from,deliver_to,province,lat,lon,"
    "note\r\n";
std::string order_line(const std::string& ref, const std::string& buyer, const std::string& product,
                       const std::string& grams) {
  return ref + "," + buyer + "," + product + "," + grams +
         ",320000,2026-03-05,2026-04-30,Hà Nội,21.03,105.79,\"Đơn hàng " + ref +
         ", giao Cầu Giấy\"\r\n";
}

}  // namespace

TEST_CASE("contracts, consumption contracts, deliveries and products are exported as they happen",
          "[csv][node]") {
  TempDir tmp;
  Node node(csv_config(tmp));
  register_parties(node);
  const fs::path out = tmp.path / "export";

  const std::string note = "Giao 2 đợt, \"hàng mới\"\r\nxuống dòng";
  auto posted = ok(node.call("offtake.contract.post", contract_body(500'000, note), "sm-hanoi"));
  ok(node.call("offtake.offer.post",
               {{"product_id", "che-tancuong"},
                {"quantity", 800'000},
                {"available_from", "2026-03-01"},
                {"available_to", "2026-04-15"},
                {"place", {{"province", "Thái Nguyên"}, {"lat", 21.56}, {"lon", 105.75}}},
                {"min_unit_price_vnd", 300'000}},
               "htx-tancuong"));
  auto proposal = ok(node.call("offtake.match.run"))["proposals"].at(0);
  ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal["id"]}}, "htx-tancuong"));
  auto cc = ok(node.call("offtake.proposal.accept", {{"proposal_id", proposal["id"]}},
                         "sm-hanoi"))["consumption"];
  ok(node.call("offtake.delivery.record",
               {{"consumption_id", cc["id"]},
                {"quantity", 200'000},
                {"date", "2026-03-10"},
                {"lot_id", "TC-2026-03-A"}},
               "htx-tancuong"));
  ok(node.call("offtake.delivery.accept",
               {{"consumption_id", cc["id"]}, {"delivery_no", 1}, {"grade", "loại 1"}},
               "sm-hanoi"));

  SECTION("products.csv") {
    auto rows = wait_rows(out / "products.csv", 1);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["product_name"] == kProductName);
    CHECK(rows[0]["owner_name"] == kCoopName);
    CHECK(rows[0]["unit"] == "g");
    CHECK(rows[0]["ocop_stars"] == "4");
  }
  SECTION("contracts.csv: the row parses back equal to the contract") {
    auto rows = wait_rows(out / "contracts.csv", 1);
    REQUIRE(rows.size() == 1);
    const json& c = posted["contract"];
    CHECK(rows[0]["event"] == "offtake.contract.posted");
    CHECK(rows[0]["contract_id"] == c["id"]);
    CHECK(rows[0]["buyer_name"] == kSupermarketName);
    CHECK(rows[0]["product_name"] == kProductName);
    CHECK(rows[0]["quantity"] == "500000");
    CHECK(rows[0]["unit_price_vnd"] == "320000");
    CHECK(rows[0]["province"] == "Hà Nội");
    CHECK(rows[0]["note"] == note);
    // the raw bytes: CRLF records, the quoted note with doubled quotes and its own line break
    const std::string raw = slurp(out / "contracts.csv");
    CHECK(raw.starts_with("seq,at,event,contract_id,"));
    CHECK(raw.find("\"Giao 2 đợt, \"\"hàng mới\"\"\r\nxuống dòng\"") != std::string::npos);
  }
  SECTION("consumptions.csv and deliveries.csv") {
    auto signed_rows = wait_rows(out / "consumptions.csv", 1);
    REQUIRE(signed_rows.size() == 1);
    CHECK(signed_rows[0]["consumption_id"] == cc["id"]);
    CHECK(signed_rows[0]["seller_name"] == kCoopName);
    CHECK(signed_rows[0]["value_vnd"] == std::to_string(cc["value_vnd"].get<std::int64_t>()));
    auto deliveries = wait_rows(out / "deliveries.csv", 2);
    REQUIRE(deliveries.size() == 2);
    CHECK(deliveries[0]["status"] == "pending");
    CHECK(deliveries[0]["lot_id"] == "TC-2026-03-A");
    CHECK(deliveries[0]["quantity"] == "200000");
    CHECK(deliveries[0]["buyer_name"] == kSupermarketName);
    CHECK(deliveries[1]["status"] == "accepted");
    CHECK(deliveries[1]["grade"] == "loại 1");
    CHECK(deliveries[1]["quantity"] == "200000");
    CHECK(std::stoull(deliveries[0]["seq"]) < std::stoull(deliveries[1]["seq"]));
  }

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE("a good purchase-order file is imported whole and moved to done/", "[csv][node]") {
  TempDir tmp;
  Node node(csv_config(tmp));
  register_parties(node);
  const fs::path inbox = tmp.path / "inbox";
  drop(inbox, "po-2026-03-01.csv",
       "\xEF\xBB\xBF" + kOrderHeader + order_line("PO-101", "sm-hanoi", "che-tancuong", "500000") +
           order_line("PO-102", "sm-hanoi", "che-tancuong", "250000") +
           order_line("PO-103", "sm-hanoi", "che-tancuong", "1000000"));
  // The importer writes the report, then moves the file: the move is the last step to wait for.
  REQUIRE(wait_file(inbox / "done" / "po-2026-03-01.csv.result.csv"));
  REQUIRE(wait_file(inbox / "done" / "po-2026-03-01.csv"));
  CHECK(fs::exists(inbox / "done" / "po-2026-03-01.csv"));
  CHECK_FALSE(fs::exists(inbox / "po-2026-03-01.csv"));

  auto contracts = ok(node.call("offtake.contract.list", {{"buyer", "sm-hanoi"}}))["contracts"];
  REQUIRE(contracts.size() == 3);
  CHECK(contracts[0]["quantity"] == 500'000);
  CHECK(contracts[0]["note"] == "Đơn hàng PO-101, giao Cầu Giấy");
  CHECK(contracts[2]["quantity"] == 1'000'000);

  auto result = lienket::csv::parse(slurp(inbox / "done" / "po-2026-03-01.csv.result.csv"));
  REQUIRE(result.ok);
  REQUIRE(result.rows.size() == 4);
  CHECK(result.rows[0] == Row{"row", "order_ref", "buyer", "contract_id"});
  CHECK(result.rows[1] == Row{"2", "PO-101", "sm-hanoi", contracts[0]["id"].get<std::string>()});
  CHECK(result.rows[3] == Row{"4", "PO-103", "sm-hanoi", contracts[2]["id"].get<std::string>()});

  SECTION("the imported contracts are exported like any other") {
    auto rows = wait_rows(tmp.path / "export" / "contracts.csv", 3);
    CHECK(rows.size() == 3);
  }

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE("a file with 2 bad rows among 5 imports nothing and reports both", "[csv][node]") {
  TempDir tmp;
  Node node(csv_config(tmp));
  register_parties(node);
  const fs::path inbox = tmp.path / "inbox";
  drop(inbox, "po-bad.csv",
       kOrderHeader + order_line("PO-201", "sm-hanoi", "che-tancuong", "500000") +
           order_line("PO-202", "sm-hanoi", "che-khong-co", "250000") +  // unknown product
           order_line("PO-203", "sm-hanoi", "che-tancuong", "100000") +
           order_line("PO-204", "sm-hanoi", "che-tancuong", "300000") +
           order_line("PO-205", "htx-tancuong", "che-tancuong", "200000"));  // a seller cannot buy
  REQUIRE(wait_file(inbox / "failed" / "po-bad.csv.errors.csv"));
  REQUIRE(wait_file(inbox / "failed" / "po-bad.csv"));
  CHECK(fs::exists(inbox / "failed" / "po-bad.csv"));
  CHECK_FALSE(fs::exists(inbox / "po-bad.csv"));
  CHECK(ok(node.call("offtake.contract.list"))["contracts"].empty());

  auto report = lienket::csv::parse(slurp(inbox / "failed" / "po-bad.csv.errors.csv"));
  REQUIRE(report.ok);
  REQUIRE(report.rows.size() == 3);
  CHECK(report.rows[0] == Row{"row", "column", "field", "code", "message"});
  CHECK(report.rows[1][0] == "3");
  CHECK(report.rows[1][1] == "product_id");
  CHECK(report.rows[1][2] == "body.product_id");
  CHECK(report.rows[1][3] == "not_found");
  CHECK(report.rows[2][0] == "6");
  CHECK(report.rows[2][1] == "buyer");
  CHECK(report.rows[2][2] == "as");
  CHECK(report.rows[2][3] == "permission_denied");

  SECTION("the corrected file then imports all five") {
    drop(inbox, "po-bad-fixed.csv",
         kOrderHeader + order_line("PO-201", "sm-hanoi", "che-tancuong", "500000") +
             order_line("PO-202", "sm-hanoi", "che-tancuong", "250000") +
             order_line("PO-203", "sm-hanoi", "che-tancuong", "100000") +
             order_line("PO-204", "sm-hanoi", "che-tancuong", "300000") +
             order_line("PO-205", "sm-hanoi", "che-tancuong", "200000"));
    REQUIRE(wait_file(inbox / "done" / "po-bad-fixed.csv.result.csv"));
    REQUIRE(wait_file(inbox / "done" / "po-bad-fixed.csv"));
    CHECK(ok(node.call("offtake.contract.list"))["contracts"].size() == 5);
  }

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}

TEST_CASE("the export has each event exactly once across restarts and kill -9", "[csv][node]") {
  TempDir tmp;
  Node node(csv_config(tmp));
  register_parties(node);
  const fs::path file = tmp.path / "export" / "contracts.csv";
  for (int i = 0; i < 3; ++i)
    ok(node.call("offtake.contract.post", contract_body(1000 + i, "trước"), "sm-hanoi"));
  REQUIRE(wait_rows(file, 3).size() == 3);

  node.stop();
  node.start();
  for (int i = 0; i < 3; ++i)
    ok(node.call("offtake.contract.post", contract_body(2000 + i, "sau"), "sm-hanoi"));
  REQUIRE(wait_rows(file, 6).size() == 6);

  // A crash while rows are being written: the runtime re-delivers what it had not confirmed.
  for (int i = 0; i < 20; ++i)
    ok(node.call("offtake.contract.post", contract_body(3000 + i, "kill"), "sm-hanoi"));
  wait_rows(file, 7);  // the connector is writing them
  node.kill9();
  node.start();
  wait_rows(file, 26);
  // Any duplicate would be written before the connector's cursor reaches the last event.
  REQUIRE(lienket::testing::eventually(
      [&] { return ok(node.call("connector.csv.status"))["lag"] == 0; }));
  auto rows = rows_of(file);
  REQUIRE(rows.size() == 26);
  std::set<std::string> seqs, ids;
  for (auto& r : rows) seqs.insert(r["seq"]), ids.insert(r["contract_id"]);
  CHECK(seqs.size() == 26);
  CHECK(ids.size() == 26);
  CHECK(ok(node.call("offtake.contract.list", {{"limit", 100}}))["contracts"].size() == 26);

  auto v = contract_violations(node);
  INFO(json(v).dump(1));
  CHECK(v.empty());
}
