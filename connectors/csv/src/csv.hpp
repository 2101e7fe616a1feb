// RFC 4180 CSV: a writer that always produces CRLF records with minimal quoting, and a strict
// parser for files people make in spreadsheets. Pure functions, no I/O, thread-safe.
//
// The parser accepts CRLF or LF line ends, a leading UTF-8 BOM, quoted fields with embedded commas,
// doubled quotes and line breaks, and a last record without a line end. It refuses, naming the line
// where the record starts: a quote inside an unquoted field, text after a closing quote, an
// unterminated quoted field, bytes that are not UTF-8, and (with `rectangular`) a record whose
// field count differs from the first record's. Blank lines are skipped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lienket::csv {

using Row = std::vector<std::string>;

// The field as RFC 4180 wants it: quoted (quotes doubled) when it holds , " CR or LF.
std::string quote_field(std::string_view field);
// One record: the quoted fields joined by commas, ending in CRLF.
std::string format_row(const Row& row);

struct Table {
  std::vector<Row> rows;
  std::vector<std::size_t> lines;  // 1-based line where each row starts (the header is line 1)
  // Bytes of `text` up to the end of the last record that ended in a line break (an appender keeps
  // these and drops a torn last record).
  std::size_t complete_bytes = 0;
  bool ok = true;
  std::size_t error_line = 0;  // when !ok
  std::string error;           // when !ok, e.g. "has 3 fields, the header has 4"
};

struct ParseOptions {
  bool rectangular = true;  // every row has as many fields as the first
};

Table parse(std::string_view text, ParseOptions options = {});

// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no surrogates), or
// npos when all of `s` is.
std::size_t invalid_utf8_at(std::string_view s);

}  // namespace lienket::csv
