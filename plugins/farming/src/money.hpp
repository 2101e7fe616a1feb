// Integer money arithmetic for contract farming. VND has no minor unit, so every amount is an
// int64 count of dong; quantities are integers in the product's smallest unit (g, ml or piece)
// while prices are quoted per kg, per litre or per piece. Products that could overflow int64 are
// computed in 128 bits and refused (nullopt) if the result does not fit kMaxMoney.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lienket::farming {

enum class Unit { kGram, kMillilitre, kPiece };

// Bounds of what a request may carry; chosen so that quantity x price never overflows 128 bits
// and every sum the plugin forms stays far inside int64.
inline constexpr std::int64_t kMaxQuantity = 10'000'000'000;      // 10,000 t in grams
inline constexpr std::int64_t kMaxUnitPrice = 100'000'000;        // VND per kg / litre / piece
inline constexpr std::int64_t kMaxMoney = 1'000'000'000'000'000;  // 10^15 VND
inline constexpr std::int64_t kBasisPoints = 10'000;

std::optional<Unit> parse_unit(std::string_view s);
std::string unit_name(Unit u);
// How many smallest units one priced unit holds: 1000 g per kg, 1000 ml per litre, 1 piece.
std::int64_t units_per_priced_unit(Unit u);
// The price unit people say: "kg", "litre", "piece".
std::string price_unit_name(Unit u);

// floor(quantity x unit_price / units_per_priced_unit(u)) for non-negative inputs; nullopt when
// the value exceeds kMaxMoney.
std::optional<std::int64_t> line_value(std::int64_t quantity, std::int64_t unit_price, Unit u);

// floor(amount x bp / 10000) for non-negative inputs.
std::int64_t apply_bp(std::int64_t amount, std::int64_t bp);

}  // namespace lienket::farming
