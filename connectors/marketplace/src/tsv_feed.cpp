#include "tsv_feed.hpp"

#include "unit_codes.hpp"

namespace lienket::marketplace {
namespace {

bool is_break(char c) { return c == '\t' || c == '\r' || c == '\n'; }

std::vector<std::string> row_of(const FeedItem& item, const std::string& currency) {
  const UnitCodes codes = unit_codes(item.unit);
  // Google has no attribute for a traceability page; the description ends with its address.
  std::string description = item.description;
  if (!item.trace_url.empty()) description += " Truy xuất nguồn gốc: " + item.trace_url;
  return {item.id,
          item.title,
          description,
          item.link,
          "",  // image_link: the registry keeps no pictures yet
          item.in_stock() ? "in_stock" : "out_of_stock",
          std::to_string(item.price_vnd) + " " + currency,
          codes.gmc_measure,
          codes.gmc_measure,
          item.brand,
          item.gtin,
          item.gtin.empty() ? "no" : "yes",
          "new",
          item.category,
          "OCOP " + std::to_string(item.ocop_stars) + " sao"};
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "\t" : "") + tsv_cell(cells[i]);
  out += "\n";
}

}  // namespace

std::string tsv_cell(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (is_break(c) || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string render_tsv(const std::vector<FeedItem>& items, const std::string& currency) {
  std::string out;
  append_row(out, std::vector<std::string>(kTsvColumns.begin(), kTsvColumns.end()));
  for (const auto& item : items) append_row(out, row_of(item, currency));
  return out;
}

}  // namespace lienket::marketplace
