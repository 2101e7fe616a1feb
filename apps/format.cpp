#include "format.hpp"

#include <algorithm>
#include <ostream>

#include "demo.hpp"

namespace lienket::apps {

std::size_t display_width(const std::string& s) {
  // Counts code points: every byte that is not a UTF-8 continuation byte starts one.
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], display_width(row[i]));
  };
  measure(header);
  for (const auto& r : rows) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    out << "  ";
    for (std::size_t i = 0; i < width.size(); ++i) {
      std::string cell = i < row.size() ? row[i] : "";
      out << cell
          << std::string(width[i] - display_width(cell) + (i + 1 < width.size() ? 2 : 0), ' ');
    }
    out << '\n';
  };
  line(header);
  std::vector<std::string> rule;
  for (auto w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& r : rows) line(r);
}

}  // namespace lienket::apps

namespace lienket::demo {

std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string vnd(long long amount) { return grouped(amount) + " VND"; }

std::string kg_from_grams(long long grams) {
  std::string s = grouped(grams / 1000);
  if (grams % 1000 != 0) {
    std::string frac = std::to_string(1000 + (grams < 0 ? -grams : grams) % 1000).substr(1);
    while (frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s + " kg";
}

}  // namespace lienket::demo
