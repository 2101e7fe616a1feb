// Export files on disk: header once, durable appends, the seqs remembered across reopen (what makes
// a re-delivery after a crash harmless), and a torn last record cut off.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "csv_appender.hpp"

namespace fs = std::filesystem;
using lienket::csvconn::CsvAppender;
using lienket::csvconn::write_file_atomic;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/lienket-csv-XXXXXX";
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

const lienket::csv::Row kHeader = {"seq", "name"};

}  // namespace

TEST_CASE("an export file gets its header once and rows appended", "[csv][appender]") {
  TempDir dir;
  const std::string path = (dir.path / "products.csv").string();
  {
    auto f = CsvAppender::open(path, kHeader);
    REQUIRE(f.ok());
    CHECK((*f)->rows() == 0);
    REQUIRE((*f)->append(7, {"7", "Chè Tân Cương, loại 1"}).ok());
    REQUIRE((*f)->append(9, {"9", "Bưởi Văn Dơn"}).ok());
    CHECK((*f)->has(7));
    CHECK_FALSE((*f)->has(8));
  }
  CHECK(slurp(path) == "seq,name\r\n7,\"Chè Tân Cương, loại 1\"\r\n9,Bưởi Văn Dơn\r\n");

  SECTION("reopening remembers every seq and keeps appending") {
    auto f = CsvAppender::open(path, kHeader);
    REQUIRE(f.ok());
    CHECK((*f)->has(7));
    CHECK((*f)->has(9));
    CHECK((*f)->rows() == 2);
    REQUIRE((*f)->append(8, {"8", "replayed dead letter"}).ok());
    CHECK(slurp(path).ends_with("9,Bưởi Văn Dơn\r\n8,replayed dead letter\r\n"));
  }
  SECTION("a torn last record from a crash is cut off") {
    { std::ofstream(path, std::ios::app | std::ios::binary) << "10,\"half a na"; }
    auto f = CsvAppender::open(path, kHeader);
    REQUIRE(f.ok());
    CHECK_FALSE((*f)->has(10));
    CHECK(slurp(path) == "seq,name\r\n7,\"Chè Tân Cương, loại 1\"\r\n9,Bưởi Văn Dơn\r\n");
  }
  SECTION("a last record without its line end was never acknowledged: cut off too") {
    { std::ofstream(path, std::ios::app | std::ios::binary) << "10,complete but no CRLF"; }
    auto f = CsvAppender::open(path, kHeader);
    REQUIRE(f.ok());
    CHECK_FALSE((*f)->has(10));
  }
  SECTION("a file with another header is refused, not overwritten") {
    auto f = CsvAppender::open(path, {"seq", "other"});
    CHECK_FALSE(f.ok());
    CHECK(slurp(path).starts_with("seq,name\r\n"));
  }
  SECTION("damage that is not a torn tail is refused") {
    { std::ofstream(path, std::ios::app | std::ios::binary) << "x\"y,1\r\n11,fine\r\n"; }
    CHECK_FALSE(CsvAppender::open(path, kHeader).ok());
  }
}

TEST_CASE("a header cut short by a crash is written again", "[csv][appender]") {
  TempDir dir;
  const std::string path = (dir.path / "c.csv").string();
  { std::ofstream(path, std::ios::binary) << "seq,na"; }
  auto f = CsvAppender::open(path, kHeader);
  REQUIRE(f.ok());
  CHECK(slurp(path) == "seq,name\r\n");
}

TEST_CASE("atomic file writes replace the whole file", "[csv][appender]") {
  TempDir dir;
  const std::string path = (dir.path / "r.csv").string();
  REQUIRE(write_file_atomic(path, "a\r\n").ok());
  REQUIRE(write_file_atomic(path, "b\r\n").ok());
  CHECK(slurp(path) == "b\r\n");
  CHECK_FALSE(fs::exists(path + ".tmp"));
}
