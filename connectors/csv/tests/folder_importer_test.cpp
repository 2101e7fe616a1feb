// The drop folder against a fake node whose run() keeps a transaction's writes only when the work
// succeeds: whole files or nothing, reports beside the moved file, and a file seen again (same
// SHA-256) not imported twice. The real node is exercised by csv_node_test.cpp.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "folder_importer.hpp"

namespace fs = std::filesystem;
using namespace lienket;
using namespace lienket::csvconn;
using nlohmann::json;

namespace {

class MapStore : public Store {
 public:
  explicit MapStore(std::map<std::string, std::string> d) : data(std::move(d)) {}
  Result<std::optional<std::string>> get(std::string_view k) override {
    auto it = data.find(std::string(k));
    return it == data.end() ? std::optional<std::string>{} : std::optional<std::string>{it->second};
  }
  Status put(std::string_view k, std::string_view v) override { return data[std::string(k)] = v, Status::Ok(); }
  Status erase(std::string_view k) override { return data.erase(std::string(k)), Status::Ok(); }
  Status scan(std::string_view, std::string_view, const Visitor&) override { return Status::Ok(); }
  std::map<std::string, std::string> data;
};

class NullLog : public Logger {
 public:
  void info(std::string_view) override {}
  void warn(std::string_view) override {}
  void error(std::string_view) override {}
};

class NoRegistry : public Registry {
 public:
  Result<json> party(std::string_view) override { return Status::NotFound("none"); }
  Result<json> product(std::string_view) override { return Status::NotFound("none"); }
};

// One transaction: a copy of the committed state, kept only if the work succeeds.
class TxContext : public Context {
 public:
  TxContext(std::map<std::string, std::string> store, int contracts) : store_(std::move(store)), contracts(contracts) {}
  Store& store() override { return store_; }
  Registry& registry() override { return registry_; }
  Status emit(std::string_view, const json&) override { return Status::Ok(); }
  // The importer acts for each row's buyer; a call with its own authority would not be the buyer's.
  Result<json> call(std::string_view, const json&) override {
    return Status::PermissionDenied("the fake node only takes purchase contracts acting for a buyer", "as");
  }
  Result<json> call_for(std::string_view type, std::string_view as, const json& body) override {
    if (type != kPostContract) return Status::PermissionDenied("not in acts_for", "as");
    if (as == "htx-x") return Status::PermissionDenied("a cooperative cannot post a purchase contract", "as");
    if (body.value("quantity", 0) > 1'000'000) return Status::InvalidArgument("body.quantity is too large", "body.quantity");
    return json{{"contract_id", "ct-" + std::to_string(++contracts)}};
  }
  std::int64_t now_ms() const override { return 0; }
  Logger& log() override { return log_; }
  MapStore store_;
  int contracts;
  NoRegistry registry_;
  NullLog log_;
};

class FakeClock : public Clock {
 public:
  std::int64_t now_ms() const override { return 0; }
};

class FakeHost : public HostContext {
 public:
  Clock& clock() override { return clock_; }
  Logger& log() override { return log_; }
  std::string data_dir() const override { return "/nonexistent"; }
  std::future<json> submit(Request) override {
    std::promise<json> p;
    p.set_value(json{{"ok", false}});
    return p.get_future();
  }
  std::future<Result<json>> run(Work work) override {
    std::promise<Result<json>> p;
    ++runs;
    TxContext tx(committed, contracts);
    auto r = unavailable ? Result<json>(Status::Unavailable("node stopping")) : work(tx);
    if (r.ok()) committed = tx.store_.data, contracts = tx.contracts;
    p.set_value(std::move(r));
    return p.get_future();
  }
  std::map<std::string, std::string> committed;
  int contracts = 0, runs = 0;
  bool unavailable = false;
  FakeClock clock_;
  NullLog log_;
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

const std::string kHeader = "order_ref,buyer,product_id,quantity,unit_price_vnd,deliver_from,deliver_to,province,lat,lon\r\n";
std::string order(const std::string& ref, const std::string& buyer, const std::string& qty) {
  return ref + "," + buyer + ",che-tancuong," + qty + ",320000,2026-03-10,2026-04-30,Hà Nội,21.03,105.85\r\n";
}

// Writes a file into the inbox, dated in the past so the importer takes it at once.
void drop(const fs::path& dir, const std::string& name, const std::string& text) {
  { std::ofstream(dir / name, std::ios::binary) << text; }
  fs::last_write_time(dir / name, fs::file_time_type::clock::now() - std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("the drop folder applies files whole or not at all", "[csv][importer]") {
  TempDir tmp;
  FakeHost host;
  CsvConfig config{(tmp.path / "export").string(), (tmp.path / "inbox").string(), 50};
  FolderImporter importer(config, host);
  REQUIRE(importer.prepare().ok());
  const fs::path inbox = config.import_dir;

  SECTION("a good file: contracts posted, file and result in done/") {
    drop(inbox, "po-0301.csv", kHeader + order("PO-1", "sm-hanoi", "500000") + order("PO-2", "sm-hanoi", "2000"));
    importer.poll_once();
    CHECK(host.contracts == 2);
    CHECK_FALSE(fs::exists(inbox / "po-0301.csv"));
    CHECK(fs::exists(inbox / "done" / "po-0301.csv"));
    CHECK(slurp(inbox / "done" / "po-0301.csv.result.csv") ==
          "row,order_ref,buyer,contract_id\r\n2,PO-1,sm-hanoi,ct-1\r\n3,PO-2,sm-hanoi,ct-2\r\n");

    SECTION("the same file dropped again is recognised and not imported twice") {
      drop(inbox, "po-0301.csv", kHeader + order("PO-1", "sm-hanoi", "500000") + order("PO-2", "sm-hanoi", "2000"));
      importer.poll_once();
      CHECK(host.contracts == 2);
      CHECK(fs::exists(inbox / "done" / "po-0301-2.csv"));
      CHECK(slurp(inbox / "done" / "po-0301-2.csv.result.csv").find("ct-2") != std::string::npos);
    }
  }
  SECTION("a file with bad rows: nothing posted, errors for every bad row") {
    drop(inbox, "po-bad.csv",
         kHeader + order("PO-1", "sm-hanoi", "500") + order("PO-2", "htx-x", "10") + order("PO-3", "sm-hanoi", "500") +
             order("PO-4", "sm-hanoi", "9000000") + order("PO-5", "sm-hanoi", "7"));
    importer.poll_once();
    CHECK(host.contracts == 0);
    CHECK(host.committed.empty());
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
    CHECK(slurp(inbox / "failed" / "broken.csv.errors.csv").find("2,,,invalid_argument,\"line 2 has 2 fields, the header has 10\"") !=
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
    CHECK(host.contracts == 1);
  }
}

TEST_CASE("the importer's thread picks files up and stops promptly", "[csv][importer]") {
  TempDir tmp;
  FakeHost host;
  CsvConfig config{(tmp.path / "export").string(), (tmp.path / "inbox").string(), 20};
  FolderImporter importer(config, host);
  REQUIRE(importer.prepare().ok());
  importer.start();
  drop(config.import_dir, "a.csv", kHeader + order("PO-1", "sm-hanoi", "5"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!fs::exists(fs::path(config.import_dir) / "done" / "a.csv") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  importer.stop();
  CHECK(fs::exists(fs::path(config.import_dir) / "done" / "a.csv"));
}
