// The CSV reader and writer: RFC 4180 quoting both ways, the leniencies a spreadsheet file needs
// (BOM, LF line ends, a last line without its line end) and the refusals that name the line.
#include <catch2/catch.hpp>

#include "csv.hpp"

using lienket::csv::format_row;
using lienket::csv::invalid_utf8_at;
using lienket::csv::parse;
using lienket::csv::quote_field;
using lienket::csv::Row;

TEST_CASE("the writer quotes only what RFC 4180 requires and ends records with CRLF", "[csv]") {
  CHECK(quote_field("Chè Thanh Nam") == "Chè Thanh Nam");
  CHECK(quote_field("") == "");
  CHECK(quote_field("a,b") == "\"a,b\"");
  CHECK(quote_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(quote_field("two\r\nlines") == "\"two\r\nlines\"");
  CHECK(quote_field("lf\nonly") == "\"lf\nonly\"");
  CHECK(format_row({"1", "", "x,y"}) == "1,,\"x,y\"\r\n");
}

TEST_CASE("what the writer writes the reader reads back the same", "[csv]") {
  const std::vector<Row> rows = {
      {"seq", "name", "note"},
      {"1", "Hợp tác xã Chè Tân Cương", "giao hàng \"sớm\", trước Tết"},
      {"2", "", "dòng 1\r\ndòng 2"},
      {"3", "  spaces kept  ", ",,,"},
  };
  std::string text;
  for (const auto& r : rows) text += format_row(r);
  auto t = parse(text);
  REQUIRE(t.ok);
  CHECK(t.rows == rows);
  CHECK(t.lines == std::vector<std::size_t>{1, 2, 3, 5});
  CHECK(t.complete_bytes == text.size());
}

TEST_CASE("the reader accepts what spreadsheets write", "[csv]") {
  SECTION("a UTF-8 byte order mark is dropped") {
    auto t = parse("\xEF\xBB\xBFname,province\r\nHTX Chè Thanh Nam,Phú Thọ\r\n");
    REQUIRE(t.ok);
    CHECK(t.rows[0][0] == "name");
    CHECK(t.rows[1] == Row{"HTX Chè Thanh Nam", "Phú Thọ"});
  }
  SECTION("LF line ends and a last line without one") {
    auto t = parse("a,b\n1,2\n3,4");
    REQUIRE(t.ok);
    CHECK(t.rows.size() == 3);
    CHECK(t.rows[2] == Row{"3", "4"});
    CHECK(t.complete_bytes == 8);  // the last record has no line end yet
  }
  SECTION("empty fields, at the start, middle and end") {
    auto t = parse(",x,\r\n,,\r\n");
    REQUIRE(t.ok);
    CHECK(t.rows[0] == Row{"", "x", ""});
    CHECK(t.rows[1] == Row{"", "", ""});
  }
  SECTION("a quoted empty field and doubled quotes") {
    auto t = parse("\"\",\"\"\"\"\r\n");
    REQUIRE(t.ok);
    CHECK(t.rows[0] == Row{"", "\""});
  }
  SECTION("blank lines are skipped but still counted") {
    auto t = parse("a\r\n\r\nb\r\n");
    REQUIRE(t.ok);
    CHECK(t.rows == std::vector<Row>{{"a"}, {"b"}});
    CHECK(t.lines == std::vector<std::size_t>{1, 3});
  }
  SECTION("an embedded CRLF inside quotes is data, not a record end") {
    auto t = parse("id,note\r\n1,\"Lô 1\r\nLô 2\"\r\n2,x\r\n");
    REQUIRE(t.ok);
    CHECK(t.rows[1][1] == "Lô 1\r\nLô 2");
    CHECK(t.lines[2] == 4);
  }
}

TEST_CASE("the reader refuses malformed files, naming the line", "[csv]") {
  SECTION("a ragged row") {
    auto t = parse("a,b,c\r\n1,2,3\r\n4,5\r\n");
    CHECK_FALSE(t.ok);
    CHECK(t.error_line == 3);
    CHECK(t.error == "has 2 fields, the header has 3");
  }
  SECTION("a row with too many fields") {
    auto t = parse("a,b\r\n1,2,3\r\n");
    CHECK_FALSE(t.ok);
    CHECK(t.error_line == 2);
  }
  SECTION("ragged rows are fine when not asked to be rectangular") {
    CHECK(parse("a,b\r\n1\r\n", {.rectangular = false}).ok);
  }
  SECTION("an unterminated quote names the line where the field began") {
    auto t = parse("a,b\r\n1,\"open\r\nstill open\r\n");
    CHECK_FALSE(t.ok);
    CHECK(t.error_line == 2);
    CHECK(t.error.find("never closed") != std::string::npos);
  }
  SECTION("a quote inside an unquoted field") {
    auto t = parse("a\r\nsay \"hi\"\r\n");
    CHECK_FALSE(t.ok);
    CHECK(t.error_line == 2);
  }
  SECTION("text after a closing quote") {
    auto t = parse("a,b\r\n\"x\"y,z\r\n");
    CHECK_FALSE(t.ok);
    CHECK(t.error_line == 2);
  }
  SECTION("bytes that are not UTF-8 (a Windows-1258 file)") {
    auto t = parse("name\r\nok\r\nCh\xE8 \r\n");
    CHECK_FALSE(t.ok);
    CHECK(t.error_line == 3);
    CHECK(t.error == "is not valid UTF-8");
  }
}

TEST_CASE("UTF-8 validation", "[csv]") {
  CHECK(invalid_utf8_at("Hợp tác xã Chè Tân Cương") == std::string_view::npos);
  CHECK(invalid_utf8_at("𝄞 ok") == std::string_view::npos);
  CHECK(invalid_utf8_at("ab\xC0\xAF") == 2);        // overlong '/'
  CHECK(invalid_utf8_at("\xED\xA0\x80") == 0);      // a surrogate
  CHECK(invalid_utf8_at("x\xE1\xBB") == 1);         // cut short
  CHECK(invalid_utf8_at("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
}
