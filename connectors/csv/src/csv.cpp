#include "csv.hpp"

namespace lienket::csv {

std::string quote_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string format_row(const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    out += quote_field(row[i]);
  }
  out += "\r\n";
  return out;
}

std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80,
                  hi = 0xBF;  // range of the second byte (excludes overlongs, surrogates)
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c == 0xE0)
      len = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC)
      len = 3;
    else if (c == 0xED)
      len = 3, hi = 0x9F;
    else if (c >= 0xEE && c <= 0xEF)
      len = 3;
    else if (c == 0xF0)
      len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      len = 4;
    else if (c == 0xF4)
      len = 4, hi = 0x8F;
    else
      return i;
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace {

// A small state machine over the text; `line` counts physical lines so errors name the line a
// person sees in an editor.
class Parser {
 public:
  Parser(std::string_view text, ParseOptions options) : s_(text), options_(options) {}

  Table run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    while (pos_ < s_.size() && table_.ok) record();
    if (table_.ok) check_utf8();
    return std::move(table_);
  }

 private:
  void fail(std::size_t line, std::string message) {
    table_.ok = false;
    table_.error_line = line;
    table_.error = std::move(message);
  }

  // Consumes a line end at pos_ (CRLF, LF or a lone CR); returns whether there was one.
  bool line_end() {
    if (pos_ < s_.size() && s_[pos_] == '\r') {
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
      ++line_;
      return true;
    }
    if (pos_ < s_.size() && s_[pos_] == '\n') {
      ++pos_, ++line_;
      return true;
    }
    return false;
  }

  void record() {
    const std::size_t start_line = line_;
    if (line_end()) {  // a blank line
      table_.complete_bytes = pos_;
      return;
    }
    Row row;
    for (;;) {
      std::string field;
      if (!read_field(field, start_line)) return;
      row.push_back(std::move(field));
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      break;
    }
    const bool ended = line_end();
    if (ended) table_.complete_bytes = pos_;
    if (options_.rectangular && !table_.rows.empty() && row.size() != table_.rows.front().size()) {
      return fail(start_line, "has " + std::to_string(row.size()) + " fields, the header has " +
                                  std::to_string(table_.rows.front().size()));
    }
    table_.rows.push_back(std::move(row));
    table_.lines.push_back(start_line);
  }

  bool read_field(std::string& out, std::size_t start_line) {
    if (pos_ < s_.size() && s_[pos_] == '"') return read_quoted(out, start_line);
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ',' || c == '\r' || c == '\n') break;
      if (c == '"')
        return fail(line_, "has a quote inside an unquoted field (enclose the field in quotes)"),
               false;
      out += c;
      ++pos_;
    }
    return true;
  }

  bool read_quoted(std::string& out, std::size_t start_line) {
    ++pos_;
    for (;;) {
      if (pos_ >= s_.size())
        return fail(start_line, "has a quoted field that is never closed"), false;
      char c = s_[pos_++];
      if (c == '"') {
        if (pos_ < s_.size() && s_[pos_] == '"') {
          out += '"';
          ++pos_;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\r' && s_[pos_] != '\n')
          return fail(line_, "has text after a closing quote"), false;
        return true;
      }
      if (c == '\n' || (c == '\r' && (pos_ >= s_.size() || s_[pos_] != '\n'))) ++line_;
      out += c;
    }
  }

  void check_utf8() {
    for (std::size_t r = 0; r < table_.rows.size(); ++r)
      for (const auto& f : table_.rows[r])
        if (invalid_utf8_at(f) != std::string_view::npos)
          return fail(table_.lines[r], "is not valid UTF-8");
  }

  std::string_view s_;
  ParseOptions options_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  Table table_;
};

}  // namespace

Table parse(std::string_view text, ParseOptions options) { return Parser(text, options).run(); }

}  // namespace lienket::csv
