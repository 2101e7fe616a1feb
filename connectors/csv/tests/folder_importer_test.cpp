// The drop folder against the SDK's test host (lienket/testing/fake_host.hpp), whose run() keeps a
// transaction's writes only when the work succeeds: whole files or nothing, reports beside the
// moved file, and a file seen again (same SHA-256) not imported twice. The real node is exercised
// by csv_node_test.cpp.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "folder_importer.hpp"
#include "lienket/testing/eventually.hpp"
#include "lienket/testing/fake_host.hpp"

namespace fs = std::filesystem;
using namespace lienket;
using namespace lienket::csvconn;
using nlohmann::json;

namespace {

// The SDK's test host, whose run() keeps a transaction's writes only when the work succeeds, with
// the purchase-contract message the importer sends: the node's answers for a cooperative as buyer
// and for a quantity over its limit. Posted contracts are kept in the store, so a failed file's
// roll back takes them away too.
class NodeDouble : public lienket::testing::FakeHost {
 public:
  NodeDouble() {
    cx.on_call(
        std::string(kPostContract), [this](const json& body, std::string_view as) -> Result<json> {
          // The importer acts for each row's buyer; a call with its own authority is not the
          // buyer's.
          if (as.empty()) return Status::PermissionDenied("no buyer: use call_for", "as");
          if (as == "htx-x")
            return Status::PermissionDenied("a cooperative cannot post a purchase contract", "as");
          if (body.value("quantity", 0) > 1'000'000)
            return Status::InvalidArgument("body.quantity is too large", "body.quantity");
          auto id = "ct-" + std::to_string(contracts() + 1);
          (void)cx.store().put(kContractPrefix + id, body.dump());
          return json{{"contract_id", id}};
        });
  }
  std::future<Result<json>> run(Work work) override {
    ++runs;
    if (!unavailable) return FakeHost::run(std::move(work));
    std::promise<Result<json>> p;
    p.set_value(Status::Unavailable("node stopping"));
    return p.get_future();
  }
  int contracts() {
    int n = 0;
    (void)cx.store().scan(kContractPrefix, "",
                          [&](std::string_view, std::string_view) { return ++n, true; });
    return n;
  }
  int runs = 0;
  bool unavailable = false;

 private:
  static constexpr const char* kContractPrefix = "test-node/contract/";
};

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/lienket-csv-import-XXXXXX";
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

const std::string kHeader =
    "order_ref,buyer,product_id,quantity,unit_price_vnd,deliver_from,deliver_to,province,lat,"
    "lon\r\n";
std::string order(const std::string& ref, const std::string& buyer, const std::string& qty) {
  return ref + "," + buyer + ",che-tancuong," + qty +
         ",320000,2026-03-10,2026-04-30,Hà Nội,21.03,105.85\r\n";
}

// Writes a file into the inbox, dated in the past so the importer takes it at once.
void drop(const fs::path& dir, const std::string& name, const std::string& text) {
  { std::ofstream(dir / name, std::ios::binary) << text; }
  fs::last_write_time(dir / name, fs::file_time_type::clock::now() - std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("the drop folder applies files whole or not at all", "[csv][importer]") {
  TempDir tmp;
  NodeDouble host;
  CsvConfig config{(tmp.path / "export").string(), (tmp.path / "inbox").string(), 50};
  FolderImporter importer(config, host);
  REQUIRE(importer.prepare().ok());
  const fs::path inbox = config.import_dir;

  SECTION("a good file: contracts posted, file and result in done/") {
    drop(inbox, "po-0301.csv",
         kHeader + order("PO-1", "sm-hanoi", "500000") + order("PO-2", "sm-hanoi", "2000"));
    importer.poll_once();
    CHECK(host.contracts() == 2);
    CHECK_FALSE(fs::exists(inbox / "po-0301.csv"));
    CHECK(fs::exists(inbox / "done" / "po-0301.csv"));
    CHECK(slurp(inbox / "done" / "po-0301.csv.result.csv") ==
          "row,order_ref,buyer,contract_id\r\n2,PO-1,sm-hanoi,ct-1\r\n3,PO-2,sm-hanoi,ct-2\r\n");

    SECTION("the same file dropped again is recognised and not imported twice") {
      drop(inbox, "po-0301.csv",
           kHeader + order("PO-1", "sm-hanoi", "500000") + order("PO-2", "sm-hanoi", "2000"));
      importer.poll_once();
      CHECK(host.contracts() == 2);
      CHECK(fs::exists(inbox / "done" / "po-0301-2.csv"));
      CHECK(slurp(inbox / "done" / "po-0301-2.csv.result.csv").find("ct-2") != std::string::npos);
    }
  }
  SECTION("a file with bad rows: nothing posted, errors for every bad row") {
    drop(inbox, "po-bad.csv",
         kHeader + order("PO-1", "sm-hanoi", "500") + order("PO-2", "htx-x", "10") +
             order("PO-3", "sm-hanoi", "500") + order("PO-4", "sm-hanoi", "9000000") +
             order("PO-5", "sm-hanoi", "7"));
    importer.poll_once();
    CHECK(host.contracts() == 0);
    CHECK(host.cx.store_.data.empty());
    CHECK(fs::exists(inbox / "failed" / "po-bad.csv"));
    CHECK(slurp(inbox / "failed" / "po-bad.csv.errors.csv") ==
          "row,column,field,code,message\r\n"
          "3,buyer,as,permission_denied,a cooperative cannot post a purchase contract\r\n"
          "5,quantity,body.quantity,invalid_argument,body.quantity is too large\r\n");
  }
  SECTION("a malformed file fails without reaching the node") {
    drop(inbox, "broken.csv", kHeader + "PO-1,sm-hanoi\r\n");
    importer.poll_once();
    CHECK(host.runs == 0);
    CHECK(slurp(inbox / "failed" / "broken.csv.errors.csv")
              .find("2,,,invalid_argument,\"line 2 has 2 fields, the header has 10\"") !=
          std::string::npos);
  }
  SECTION("files still being written, and other names, are left alone") {
    { std::ofstream(inbox / "fresh.csv") << kHeader << order("PO-1", "sm-hanoi", "5"); }
    drop(inbox, "upload.csv.tmp", kHeader + order("PO-1", "sm-hanoi", "5"));
    importer.poll_once();
    CHECK(fs::exists(inbox / "fresh.csv"));
    CHECK(fs::exists(inbox / "upload.csv.tmp"));
    CHECK(host.runs == 0);
  }
  SECTION("a node that cannot take the work leaves the file for next time") {
    host.unavailable = true;
    drop(inbox, "later.csv", kHeader + order("PO-1", "sm-hanoi", "5"));
    importer.poll_once();
    CHECK(fs::exists(inbox / "later.csv"));
    host.unavailable = false;
    importer.poll_once();
    CHECK(fs::exists(inbox / "done" / "later.csv"));
    CHECK(host.contracts() == 1);
  }
}

TEST_CASE("the importer's thread picks files up and stops promptly", "[csv][importer]") {
  TempDir tmp;
  NodeDouble host;
  CsvConfig config{(tmp.path / "export").string(), (tmp.path / "inbox").string(), 20};
  FolderImporter importer(config, host);
  REQUIRE(importer.prepare().ok());
  importer.start();
  drop(config.import_dir, "a.csv", kHeader + order("PO-1", "sm-hanoi", "5"));
  CHECK(lienket::testing::eventually(
      [&] { return fs::exists(fs::path(config.import_dir) / "done" / "a.csv"); }));
  importer.stop();
}
