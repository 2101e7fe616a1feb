#include "money.hpp"

namespace lienket::farming {

std::optional<Unit> parse_unit(std::string_view s) {
  if (s == "g") return Unit::kGram;
  if (s == "ml") return Unit::kMillilitre;
  if (s == "piece") return Unit::kPiece;
  return std::nullopt;
}

std::string unit_name(Unit u) {
  switch (u) {
    case Unit::kGram:
      return "g";
    case Unit::kMillilitre:
      return "ml";
    case Unit::kPiece:
      return "piece";
  }
  return "piece";
}

std::int64_t units_per_priced_unit(Unit u) { return u == Unit::kPiece ? 1 : 1000; }

std::string price_unit_name(Unit u) {
  switch (u) {
    case Unit::kGram:
      return "kg";
    case Unit::kMillilitre:
      return "litre";
    case Unit::kPiece:
      return "piece";
  }
  return "piece";
}

std::optional<std::int64_t> line_value(std::int64_t quantity, std::int64_t unit_price, Unit u) {
  __int128 v = static_cast<__int128>(quantity) * unit_price / units_per_priced_unit(u);
  if (v > kMaxMoney) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

std::int64_t apply_bp(std::int64_t amount, std::int64_t bp) {
  return static_cast<std::int64_t>(static_cast<__int128>(amount) * bp / kBasisPoints);
}

}  // namespace lienket::farming
