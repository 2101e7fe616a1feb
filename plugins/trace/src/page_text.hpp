// The words and number formats of the public trace page, in Vietnamese and English: one catalogue
// per language (every string filled in for both, or the build fails on a missing initialiser),
// step and diary names, dates ("01/03/2026", "1 Mar 2026") and quantities with their units ("3
// tấn", "1.500 lít", "240 kg"; never grams).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lienket::trace {

enum class Lang { kVi, kEn };

// "vi" or "en".
const char* lang_code(Lang lang);
// The language of a page: `query_lang` ("vi"/"en", from ?lang=) when given, else the first of vi
// and en in an Accept-Language header by its q-values, else Vietnamese.
Lang choose_lang(const std::string& query_lang, const std::string& accept_language);

struct PageStrings {
  const char* locale;  // og:locale
  const char* lot;     // "Lô"
  const char* title_lot;
  const char* switch_label;  // the link to the other language
  const char* verified;
  const char* verified_detail;  // "%d" steps
  const char* tampered;
  const char* tampered_detail;
  const char* ocop_stars;  // "%d"
  const char* cooperative;
  const char* phone;
  const char* email;
  const char* members;  // "%d"
  const char* where_grown;
  const char* plot;               // "Thửa"
  const char* household_of;       // "hộ"
  const char* harvested_on;       // "thu hoạch"
  const char* map_needs_scripts;  // noscript
  const char* diary;
  const char* diary_intro;   // "%d" entries
  const char* diary_more;    // "%d" not shown
  const char* diary_none;    // no entries
  const char* input;         // "Vật tư"
  const char* active;        // "Hoạt chất"
  const char* dose;          // "Liều lượng"
  const char* amount;        // "Lượng dùng"
  const char* phi;           // "Thời gian cách ly %d ngày"
  const char* phi_ok;        // "%s" harvest date, "%d" days after
  const char* phi_broken;    // "%s" harvest date
  const char* inspector;     // "Người kiểm tra"
  const char* result;        // "Kết quả"
  const char* certificates;  // section
  const char* cert_number;
  const char* cert_issuer;
  const char* cert_valid_until;
  const char* cert_expired;
  const char* journey;  // custody section
  const char* from;
  const char* to;
  const char* at_place;  // "tại"
  const char* footer;
  const char* not_found_title;
  const char* not_found_text;
  const char* not_found_hint;
  const char* gtin;           // "Mã sản phẩm (GTIN)"
  const char* harvest_plots;  // "%d" plots harvested, grouped in the journey
};

const PageStrings& strings(Lang lang);

// The name of a traced step by its kind ("harvest", "drying", "packing", "shipping", ...); "" for
// a kind without a name here.
std::string step_name(const std::string& kind, Lang lang);
// The name of a planting-diary entry's kind ("sowing", "fertiliser", "pesticide", ...), or the
// kind itself.
std::string diary_kind_name(const std::string& kind, Lang lang);

// "2026-03-01" (or a timestamp starting with one) as "01/03/2026" / "1 Mar 2026"; other text as is.
std::string format_date(const std::string& date, Lang lang);
// A number with the language's separators: 1234567.5 -> "1.234.567,5" / "1,234,567.5"; at most
// three decimals, trailing zeros dropped.
std::string format_number(double value, Lang lang);
// An EPCIS quantity with its unit: (3000, "KGM") -> "3 tấn" / "3 t"; (240, "KGM") -> "240 kg";
// (1500, "LTR") -> "1.500 lít" / "1,500 L"; (12, "H87") -> "12 cái" / "12 pcs". Tonnes from 1,000
// kg when they need at most two decimals, otherwise kilograms.
std::string format_quantity(double quantity, const std::string& uom, Lang lang);
// A diary quantity counted in a unit written by people ("g", "kg", "ml", "l", "lít", "chai"):
// grams and millilitres from 1,000 on become kilograms and litres.
std::string format_diary_quantity(std::int64_t quantity, const std::string& unit, Lang lang);
// Vietnamese grouping kept for callers of the earlier page: format_quantity(q, uom, Lang::kVi).
std::string format_quantity_vi(double quantity, const std::string& uom);

// `pattern` with its "%d" replaced by `n` and its "%s" by `s` (each at most once).
std::string fill(const char* pattern, std::optional<long long> n, const std::string& s = "");

}  // namespace lienket::trace
