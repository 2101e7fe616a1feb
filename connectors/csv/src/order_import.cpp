#include "order_import.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <variant>

#include "csv.hpp"

namespace lienket::csvconn {
namespace {

using nlohmann::json;

enum class Kind { kText, kInteger, kDecimal, kList };
struct Column {
  const char* name;
  const char* field;  // path in the request ("body.place.lat"); "as" for the buyer
  Kind kind;
  bool required;
};

// The columns a purchase-order file may have. product_id or category (+ unit) must be present too.
const std::vector<Column>& columns() {
  static const std::vector<Column> kColumns = {
      {"order_ref", "", Kind::kText, false},
      {"buyer", "as", Kind::kText, true},
      {"product_id", "body.product_id", Kind::kText, false},
      {"category", "body.category", Kind::kText, false},
      {"unit", "body.unit", Kind::kText, false},
      {"quantity", "body.quantity", Kind::kInteger, true},
      {"unit_price_vnd", "body.unit_price_vnd", Kind::kInteger, true},
      {"deliver_from", "body.deliver_from", Kind::kText, true},
      {"deliver_to", "body.deliver_to", Kind::kText, true},
      {"province", "body.place.province", Kind::kText, true},
      {"lat", "body.place.lat", Kind::kDecimal, true},
      {"lon", "body.place.lon", Kind::kDecimal, true},
      {"min_ocop_stars", "body.min_ocop_stars", Kind::kInteger, false},
      {"certifications", "body.certifications", Kind::kList, false},
      {"max_distance_km", "body.max_distance_km", Kind::kInteger, false},
      {"min_lot", "body.min_lot", Kind::kInteger, false},
      {"note", "body.note", Kind::kText, false},
  };
  return kColumns;
}

const Column* find_column(std::string_view name) {
  for (const auto& c : columns())
    if (name == c.name) return &c;
  return nullptr;
}

std::string trim(std::string_view s) {
  const char* ws = " \t";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

RowError invalid(std::size_t line, const Column& c, std::string message) {
  return {line, c.name, c.field, "invalid_argument", std::string(c.field) + " " + message};
}

// The cell as JSON for the request, or an error naming the column.
std::variant<json, RowError> convert(std::size_t line, const Column& c, const std::string& v) {
  switch (c.kind) {
    case Kind::kText:
      return json(v);
    case Kind::kInteger: {
      std::int64_t n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec == std::errc::result_out_of_range) return invalid(line, c, "is too large");
      if (ec != std::errc() || p != v.data() + v.size() || v.front() == '-')
        return invalid(line, c, "must be a whole number of plain digits, got \"" + v + "\"");
      return json(n);
    }
    case Kind::kDecimal: {
      double d = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::fixed);
      if (ec != std::errc() || p != v.data() + v.size())
        return invalid(line, c, "must be a decimal number with a point, got \"" + v + "\"");
      return json(d);
    }
    case Kind::kList: {
      json list = json::array();
      std::size_t start = 0;
      while (start <= v.size()) {
        auto end = std::min(v.find(';', start), v.size());
        auto item = trim(std::string_view(v).substr(start, end - start));
        if (!item.empty()) list.push_back(item);
        start = end + 1;
      }
      return list;
    }
  }
  return json();
}

// Puts `value` at the column's path in the order (buyer, order_ref or a body field).
void place(Order& o, const Column& c, json value) {
  std::string_view field = c.field;
  if (field == "as")
    o.buyer = value.get<std::string>();
  else if (field.empty())
    o.order_ref = value.get<std::string>();
  else if (field.starts_with("body.place."))
    o.body["place"][std::string(field.substr(11))] = std::move(value);
  else
    o.body[std::string(field.substr(5))] = std::move(value);
}

// Checks the header: every column known, none twice, the required ones present.
std::vector<RowError> check_header(const csv::Row& header) {
  std::vector<RowError> errors;
  std::map<std::string, int> seen;
  for (const auto& raw : header) {
    auto name = trim(raw);
    if (!find_column(name))
      errors.push_back(
          {1, name, "", "invalid_argument", "column \"" + name + "\" is not a known column"});
    else if (++seen[name] == 2)
      errors.push_back({1, name, "", "invalid_argument", "column \"" + name + "\" appears twice"});
  }
  for (const auto& c : columns())
    if (c.required && !seen.count(c.name))
      errors.push_back({1, c.name, c.field, "invalid_argument",
                        std::string("column \"") + c.name + "\" is missing"});
  if (!seen.count("product_id") && !seen.count("category"))
    errors.push_back({1, "product_id", "body.product_id", "invalid_argument",
                      "a column \"product_id\" or \"category\" (with \"unit\") is needed"});
  return errors;
}

}  // namespace

ImportPlan plan_import(std::string_view content) {
  ImportPlan plan;
  if (content.size() > kMaxImportBytes)
    return plan.errors.push_back(
               {0, "", "", "too_large",
                "the file is over " + std::to_string(kMaxImportBytes) + " bytes; split it"}),
           plan;
  auto table = csv::parse(content);
  if (!table.ok)
    return plan.errors.push_back({table.error_line, "", "", "invalid_argument",
                                  "line " + std::to_string(table.error_line) + " " + table.error}),
           plan;
  if (table.rows.size() < 2)
    return plan.errors.push_back({0, "", "", "invalid_argument", "the file has no orders"}), plan;
  if (table.rows.size() - 1 > kMaxImportRows)
    return plan.errors.push_back(
               {0, "", "", "too_large",
                "the file has more than " + std::to_string(kMaxImportRows) + " orders; split it"}),
           plan;
  plan.errors = check_header(table.rows[0]);
  if (!plan.errors.empty()) return plan;
  std::vector<const Column*> cols;
  for (const auto& name : table.rows[0]) cols.push_back(find_column(trim(name)));
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    Order o{table.lines[r], "", "", json::object()};
    bool bad = false;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      auto value = trim(table.rows[r][i]);
      if (value.empty()) continue;
      auto converted = convert(o.line, *cols[i], value);
      if (auto* e = std::get_if<RowError>(&converted))
        plan.errors.push_back(*e), bad = true;
      else
        place(o, *cols[i], std::get<json>(std::move(converted)));
    }
    if (o.buyer.empty() && !bad)
      plan.errors.push_back(
          {o.line, "buyer", "as", "unauthenticated", "as: the buyer column is empty"}),
          bad = true;
    if (!bad) plan.orders.push_back(std::move(o));
  }
  return plan;
}

RowError row_error(std::size_t line, const Status& s) {
  std::string column;
  for (const auto& c : columns())
    if (!s.field().empty() &&
        (s.field() == c.field || s.field().starts_with(std::string(c.field) + "[")))
      column = c.name;
  if (column.empty() && s.field().starts_with("body.")) column = s.field().substr(5);
  return {line, column, s.field(), std::string(code_name(s.code())), s.message()};
}

Applied apply_orders(const ImportPlan& plan, const PostFn& post) {
  Applied out;
  out.errors = plan.errors;
  for (const auto& o : plan.orders) {
    auto r = post(o.buyer, o.body);
    if (r.ok()) {
      out.contract_ids.push_back(r->value("contract_id", ""));
    } else {
      out.contract_ids.emplace_back();
      out.errors.push_back(row_error(o.line, r.status()));
    }
  }
  return out;
}

std::string errors_csv(std::vector<RowError> errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  std::string out = csv::format_row({"row", "column", "field", "code", "message"});
  for (const auto& e : errors)
    out += csv::format_row({std::to_string(e.line), e.column, e.field, e.code, e.message});
  return out;
}

std::string result_csv(const ImportPlan& plan, const std::vector<std::string>& ids) {
  std::string out = csv::format_row({"row", "order_ref", "buyer", "contract_id"});
  for (std::size_t i = 0; i < plan.orders.size() && i < ids.size(); ++i) {
    const auto& o = plan.orders[i];
    out += csv::format_row({std::to_string(o.line), o.order_ref, o.buyer, ids[i]});
  }
  return out;
}

}  // namespace lienket::csvconn
