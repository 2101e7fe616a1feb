// Fuzzes the csv connector's parser (connectors/csv/src/csv.cpp) and the purchase order import
// built on it (order_import.cpp: CSV text -> offtake.contract.post bodies). Oracles: a table that
// parses is made of well-formed UTF-8 and re-parses, field for field, from its own formatting
// (format_row); complete_bytes never exceeds the text; error lines are within the text; the import
// turns every row into an order or an error and never throws.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "csv.hpp"
#include "order_import.hpp"
#include "support/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lienket;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (bool rectangular : {true, false}) {
      auto t = csv::parse(text, {rectangular});
      if (t.complete_bytes > text.size())
        fuzz::fail("complete_bytes past the end", std::string(text));
      if (!t.ok) {
        if (t.error.empty() || t.error_line == 0)
          fuzz::fail("error without a line or message", std::string(text));
        continue;
      }
      if (t.lines.size() != t.rows.size()) fuzz::fail("lines and rows differ", std::string(text));
      // A leading BOM is dropped by the parser; write one so that a field that itself begins with
      // the BOM's bytes (after a blank first line) keeps them.
      std::string again = "\xEF\xBB\xBF";
      for (const auto& row : t.rows) {
        for (const auto& field : row)
          if (csv::invalid_utf8_at(field) != std::string_view::npos)
            fuzz::fail("invalid UTF-8 accepted", std::string(text));
        again += csv::format_row(row);
      }
      auto t2 = csv::parse(again, {rectangular});
      if (!t2.ok) fuzz::fail("formatted table does not parse", again + ": " + t2.error);
      // Blank lines are skipped, so a row of one empty field does not survive; compare the rest.
      std::size_t k = 0;
      for (const auto& row : t.rows) {
        if (row.size() == 1 && row[0].empty()) continue;
        if (k >= t2.rows.size() || t2.rows[k] != row)
          fuzz::fail("round trip changed a row", std::string(text));
        ++k;
      }
    }
    auto plan = csvconn::plan_import(text);
    for (const auto& o : plan.orders) (void)o.body.dump();
  } catch (const std::exception& e) {
    fuzz::fail("exception escaped", e.what());
  }
  return 0;
}
