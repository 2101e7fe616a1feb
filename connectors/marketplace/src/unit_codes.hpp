// How a product's registry unit (g, ml, piece) is written in the feeds: the UN/CEFACT Rec. 20 codes
// schema.org uses for unitCode, and Merchant Center's unit pricing measures. Prices are per kg, per
// litre or per piece (docs/protocol-offtake.md, "Units"); stock is in the unit itself.
#pragma once

#include <string>

namespace lienket::marketplace {

struct UnitCodes {
  const char* stock_code;   // unitCode of the stock: GRM (gram), MLT (millilitre), H87 (piece)
  const char* price_code;   // unitCode of the priced quantity: KGM (kilogram), LTR (litre), H87
  const char* gmc_measure;  // Merchant Center unit_pricing_measure of one priced item: 1kg, 1l, 1ct
};

inline UnitCodes unit_codes(const std::string& unit) {
  if (unit == "ml") return {"MLT", "LTR", "1l"};
  if (unit == "piece") return {"H87", "H87", "1ct"};
  return {"GRM", "KGM", "1kg"};
}

}  // namespace lienket::marketplace
