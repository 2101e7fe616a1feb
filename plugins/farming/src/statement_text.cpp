#include "statement_text.hpp"

namespace lienket::farming {

namespace {

// 1234567 -> "1.234.567" (non-negative).
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

// whole + "," + up to `places` decimals of `fraction`, trailing zeros dropped.
std::string decimal(std::int64_t whole, std::int64_t fraction, int places) {
  std::string out = grouped(whole);
  if (fraction == 0) return out;
  std::string f = std::to_string(fraction);
  f.insert(0, static_cast<std::size_t>(places) - f.size(), '0');
  while (!f.empty() && f.back() == '0') f.pop_back();
  return out + "," + f;
}

const char* unit_word(Unit u) {
  switch (u) {
    case Unit::kGram:
      return "kg";
    case Unit::kMillilitre:
      return "lít";
    case Unit::kPiece:
      return "sản phẩm";
  }
  return "sản phẩm";
}

std::string carried_text(const std::vector<events::CarriedDebt>& from) {
  std::string out = "Nợ vụ trước chuyển sang (";
  for (std::size_t i = 0; i < from.size(); ++i)
    out += (i ? "; " : "") + std::string("quyết toán ") + from[i].settlement_id + ", hợp đồng " +
           from[i].agreement_id;
  return out + ")";
}

}  // namespace

std::string vn_money(std::int64_t vnd) {
  return (vnd < 0 ? "-" : "") + grouped(vnd < 0 ? -vnd : vnd) + " đ";
}

std::string vn_quantity(std::int64_t quantity, Unit unit) {
  if (unit == Unit::kPiece) return grouped(quantity) + " sản phẩm";
  return decimal(quantity / 1000, quantity % 1000, 3) + " " + unit_word(unit);
}

std::string vn_percent(std::int64_t bp) { return decimal(bp / 100, bp % 100, 2) + "%"; }

std::vector<events::StatementItem> statement_items(const HouseholdStatement& h,
                                                   const StatementContext& c) {
  std::vector<events::StatementItem> out;
  const std::string per = std::string(" đ/") + unit_word(c.unit);
  for (const auto& l : h.lines)
    out.push_back({"goods",
                   "Tiền hàng loại " + l.grade + ": " + vn_quantity(l.quantity, c.unit) + " × " +
                       grouped(l.unit_price) + per,
                   l.value});
  if (const auto shared = h.advance_share - h.repaid_in_kind; shared != 0)
    out.push_back({"advance", "Trừ tiền ứng trước vật tư và lãi, chia theo tiền hàng", -shared});
  if (h.repaid_in_kind != 0)
    out.push_back({"in_kind", "Trừ nợ ứng trước bằng sản phẩm đã giao", -h.repaid_in_kind});
  if (h.service_fee != 0)
    out.push_back({"service_fee",
                   "Phí dịch vụ HTX: " + grouped(c.service_fee) + per + " × " +
                       vn_quantity(h.quantity, c.unit),
                   -h.service_fee});
  if (h.tax != 0)
    out.push_back(
        {"tax", "Thuế khấu trừ tại nguồn " + vn_percent(c.tax_bp) + " trên tiền hàng", -h.tax});
  if (h.side_selling != 0)
    out.push_back({"side_selling",
                   "Phạt bán sản phẩm ra ngoài hợp đồng: đã giao " +
                       vn_quantity(c.delivered, c.unit) + ", thiếu " +
                       vn_quantity(c.required - c.delivered, c.unit) + " so với mức cam kết " +
                       vn_quantity(c.required, c.unit),
                   -h.side_selling});
  if (h.carried_in != 0) out.push_back({"carried_in", carried_text(c.carried_from), -h.carried_in});
  return out;
}

}  // namespace lienket::farming
