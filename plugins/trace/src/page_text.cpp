#include "page_text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <utility>
#include <vector>

#include "lienket/util/text.hpp"

namespace lienket::trace {
namespace {

const PageStrings kVi{
    .locale = "vi_VN",
    .lot = "Lô",
    .title_lot = "lô",
    .switch_label = "English",
    .verified = "Dữ liệu đã được xác minh",
    .verified_detail =
        "Cả %d bản ghi về lô hàng này vẫn nguyên vẹn như lúc được ghi, không ai sửa đổi.",
    .tampered = "Cảnh báo: dữ liệu không khớp",
    .tampered_detail =
        "Hồ sơ của lô hàng này đã bị thay đổi sau khi ghi lại. Đừng dựa vào các "
        "thông tin dưới đây; hãy hỏi nơi bán hoặc đơn vị sản xuất.",
    .ocop_stars = "Sản phẩm OCOP %d sao",
    .cooperative = "Đơn vị sản xuất",
    .phone = "Điện thoại",
    .email = "Email",
    .members = "%d thành viên",
    .where_grown = "Vùng trồng",
    .plot = "Thửa",
    .household_of = "hộ",
    .harvested_on = "thu hoạch ngày",
    .map_needs_scripts = "Bản đồ cần bật JavaScript để hiển thị.",
    .diary = "Nhật ký canh tác",
    .diary_intro =
        "Những việc đã ghi trong nhật ký của các thửa trồng ra lô hàng này (%d lần ghi).",
    .diary_more = "Còn %d lần ghi sớm hơn không hiện ở đây.",
    .diary_none = "Chưa có ghi chép nhật ký nào cho các thửa này.",
    .input = "Vật tư",
    .active = "hoạt chất",
    .dose = "Liều lượng",
    .amount = "Lượng dùng",
    .phi = "Thời gian cách ly %d ngày",
    .phi_ok = "đã đủ (thu hoạch ngày %s, sau %d ngày)",
    .phi_broken = "CHƯA ĐỦ: thu hoạch ngày %s",
    .inspector = "Người kiểm tra",
    .result = "Kết quả",
    .certificates = "Chứng nhận",
    .cert_number = "Số",
    .cert_issuer = "Cấp bởi",
    .cert_valid_until = "Hiệu lực đến",
    .cert_expired = "Đã hết hạn ngày",
    .journey = "Hành trình của lô hàng",
    .from = "Từ",
    .to = "đến",
    .at_place = "Tại",
    .footer = "Dữ liệu truy xuất theo chuẩn GS1 EPCIS 2.0, do Lienket lưu giữ.",
    .not_found_title = "Không tìm thấy lô hàng này",
    .not_found_text = "Chưa có thông tin truy xuất nào cho mã bạn vừa quét.",
    .not_found_hint =
        "Mã có thể bị in sai, hoặc lô hàng chưa được ghi nhận. Hãy hỏi nơi bán hoặc "
        "đơn vị sản xuất.",
    .gtin = "Mã sản phẩm (GTIN)",
    .harvest_plots = "từ %d thửa (bấm để xem từng thửa)",
};

const PageStrings kEn{
    .locale = "en_US",
    .lot = "Lot",
    .title_lot = "lot",
    .switch_label = "Tiếng Việt",
    .verified = "Records verified",
    .verified_detail =
        "All %d records of this lot are exactly as they were made; none has been altered since.",
    .tampered = "Warning: the records do not match",
    .tampered_detail =
        "This lot's records were changed after they were made. Do not rely on the "
        "information below; ask the shop or the producer.",
    .ocop_stars = "OCOP %d-star product",
    .cooperative = "Producer",
    .phone = "Phone",
    .email = "Email",
    .members = "%d members",
    .where_grown = "Where it was grown",
    .plot = "Plot",
    .household_of = "household of",
    .harvested_on = "harvested on",
    .map_needs_scripts = "The map needs JavaScript.",
    .diary = "Farming diary",
    .diary_intro = "Work recorded in the diary of the plots this lot was grown on (%d entries).",
    .diary_more = "%d earlier entries are not shown here.",
    .diary_none = "No diary entries were recorded for these plots.",
    .input = "Input",
    .active = "active ingredient",
    .dose = "Dose",
    .amount = "Amount",
    .phi = "Pre-harvest interval %d days",
    .phi_ok = "respected (harvested on %s, %d days later)",
    .phi_broken = "NOT respected: harvested on %s",
    .inspector = "Inspector",
    .result = "Result",
    .certificates = "Certifications",
    .cert_number = "No.",
    .cert_issuer = "Issued by",
    .cert_valid_until = "Valid until",
    .cert_expired = "Expired on",
    .journey = "The lot's journey",
    .from = "From",
    .to = "to",
    .at_place = "At",
    .footer = "Traceability data in the GS1 EPCIS 2.0 standard, kept by Lienket.",
    .not_found_title = "We could not find this lot",
    .not_found_text = "There is no traceability record for the code you scanned.",
    .not_found_hint =
        "The code may be misprinted, or the lot not recorded yet. Please ask the "
        "shop or the producer.",
    .gtin = "Product code (GTIN)",
    .harvest_plots = "from %d plots (tap to see each one)",
};

using Names = std::map<std::string, std::pair<const char*, const char*>>;

const Names& step_names() {
  static const Names kNames = {
      {"harvest", {"Thu hoạch", "Harvest"}},
      {"created", {"Tạo lô hàng", "Lot created"}},
      {"drying", {"Phơi/sấy", "Drying"}},
      {"processing", {"Chế biến", "Processing"}},
      {"sorting", {"Phân loại", "Sorting"}},
      {"roasting", {"Sao/rang", "Roasting"}},
      {"fermenting", {"Ủ men", "Fermenting"}},
      {"packing", {"Đóng gói", "Packing"}},
      {"repackaging", {"Đóng gói lại", "Repacking"}},
      {"unpacking", {"Mở thùng", "Unpacking"}},
      {"inspecting", {"Kiểm tra chất lượng", "Quality check"}},
      {"sampling", {"Lấy mẫu kiểm nghiệm", "Sampling"}},
      {"storing", {"Nhập kho", "Storage"}},
      {"loading", {"Bốc hàng lên xe", "Loading"}},
      {"unloading", {"Dỡ hàng", "Unloading"}},
      {"departing", {"Rời kho", "Departure"}},
      {"arriving", {"Đến nơi", "Arrival"}},
      {"transporting", {"Vận chuyển", "Transport"}},
      {"shipping", {"Xuất hàng", "Shipping"}},
      {"receiving", {"Nhận hàng", "Receiving"}},
      {"accepting", {"Nhận hàng", "Accepted"}},
      {"stocking", {"Lên kệ", "Shelved"}},
      {"retail_selling", {"Bán lẻ", "Retail sale"}},
      {"decommissioning", {"Ngừng lưu hành", "Withdrawn"}},
      {"destroying", {"Tiêu hủy", "Destroyed"}},
      {"other", {"Ghi nhận", "Recorded"}},
  };
  return kNames;
}

const Names& diary_names() {
  static const Names kNames = {
      {"sowing", {"Gieo trồng", "Planting"}},
      {"fertiliser", {"Bón phân", "Fertiliser"}},
      {"fertilizer", {"Bón phân", "Fertiliser"}},
      {"pesticide", {"Phun thuốc bảo vệ thực vật", "Pesticide spraying"}},
      {"irrigation", {"Tưới nước", "Irrigation"}},
      {"inspection", {"Kiểm tra đồng ruộng", "Field inspection"}},
      {"weeding", {"Làm cỏ", "Weeding"}},
      {"pruning", {"Cắt tỉa", "Pruning"}},
  };
  return kNames;
}

std::string named(const Names& names, const std::string& key, Lang lang) {
  auto it = names.find(key);
  if (it == names.end()) return "";
  return lang == Lang::kVi ? it->second.first : it->second.second;
}

std::string group(long long n, char sep) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

const char* lang_code(Lang lang) { return lang == Lang::kVi ? "vi" : "en"; }

Lang choose_lang(const std::string& query_lang, const std::string& accept_language) {
  if (query_lang == "en") return Lang::kEn;
  if (query_lang == "vi") return Lang::kVi;
  // "en-US,en;q=0.9,vi;q=0.8": the best-rated of vi and en; the first listed wins a tie.
  double best_q = 0;
  Lang best = Lang::kVi;
  std::size_t start = 0;
  while (start < accept_language.size()) {
    std::size_t end = accept_language.find(',', start);
    if (end == std::string::npos) end = accept_language.size();
    std::string item = util::ascii_lower(accept_language.substr(start, end - start));
    start = end + 1;
    item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
    double q = 1;
    if (auto semi = item.find(";q="); semi != std::string::npos) {
      q = std::strtod(item.c_str() + semi + 3, nullptr);
      item = item.substr(0, semi);
    } else if (auto other = item.find(';'); other != std::string::npos) {
      item = item.substr(0, other);
    }
    std::string primary = item.substr(0, item.find('-'));
    if ((primary == "vi" || primary == "en") && q > best_q) {
      best_q = q;
      best = primary == "vi" ? Lang::kVi : Lang::kEn;
    }
  }
  return best;
}

const PageStrings& strings(Lang lang) { return lang == Lang::kVi ? kVi : kEn; }

std::string step_name(const std::string& kind, Lang lang) {
  return named(step_names(), kind, lang);
}

std::string diary_kind_name(const std::string& kind, Lang lang) {
  std::string n = named(diary_names(), kind, lang);
  return n.empty() ? kind : n;
}

std::string format_date(const std::string& date, Lang lang) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return date;
  std::string y = date.substr(0, 4), m = date.substr(5, 2), d = date.substr(8, 2);
  if (lang == Lang::kVi) return d + "/" + m + "/" + y;
  int month = std::atoi(m.c_str());
  if (month < 1 || month > 12) return date;
  return std::to_string(std::atoi(d.c_str())) + " " + kMonths[month - 1] + " " + y;
}

std::string format_number(double value, Lang lang) {
  const char thousands = lang == Lang::kVi ? '.' : ',';
  const char decimal = lang == Lang::kVi ? ',' : '.';
  long long milli = std::llround(std::fabs(value) * 1000);
  std::string out = (value < 0 && milli != 0 ? "-" : "") + group(milli / 1000, thousands);
  if (long long frac = milli % 1000; frac != 0) {
    std::string f = std::to_string(1000 + frac).substr(1);
    while (f.back() == '0') f.pop_back();
    out += decimal + f;
  }
  return out;
}

std::string format_quantity(double quantity, const std::string& uom, Lang lang) {
  bool vi = lang == Lang::kVi;
  if (uom == "KGM" || uom == "TNE") {
    double kg = uom == "TNE" ? quantity * 1000 : quantity;
    // Tonnes only when two decimals say it exactly: a whole number of 10 kg.
    long long tens_of_grams = std::llround(kg * 100);
    bool tonnes = std::fabs(kg) >= 1000 && tens_of_grams % 1000 == 0;
    if (tonnes) return format_number(kg / 1000, lang) + (vi ? " tấn" : " t");
    return format_number(kg, lang) + " kg";
  }
  if (uom == "GRM") return format_quantity(quantity / 1000, "KGM", lang);
  if (uom == "LTR") return format_number(quantity, lang) + (vi ? " lít" : " L");
  if (uom == "MLT") return format_number(quantity / 1000, lang) + (vi ? " lít" : " L");
  if (uom == "H87") return format_number(quantity, lang) + (vi ? " cái" : " pcs");
  return format_number(quantity, lang) + " " + uom;
}

std::string format_diary_quantity(std::int64_t quantity, const std::string& unit, Lang lang) {
  std::string u = util::ascii_lower(unit);
  auto q = static_cast<double>(quantity);
  if (u == "g") return format_quantity(q / 1000, "KGM", lang);
  if (u == "kg") return format_quantity(q, "KGM", lang);
  if (u == "ml")
    return quantity >= 1000 ? format_quantity(q / 1000, "LTR", lang)
                            : format_number(q, lang) + " ml";
  if (u == "l" || u == "lít" || u == "litre" || u == "liter")
    return format_quantity(q, "LTR", lang);
  return format_number(q, lang) + (unit.empty() ? "" : " " + unit);
}

std::string format_quantity_vi(double quantity, const std::string& uom) {
  return format_quantity(quantity, uom, Lang::kVi);
}

std::string fill(const char* pattern, std::optional<long long> n, const std::string& s) {
  std::string out = pattern;
  if (auto at = out.find("%d"); at != std::string::npos && n)
    out.replace(at, 2, std::to_string(*n));
  if (auto at = out.find("%s"); at != std::string::npos) out.replace(at, 2, s);
  return out;
}

}  // namespace lienket::trace
