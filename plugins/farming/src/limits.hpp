// What a request may carry, shared by the handlers that check it and the schemas that declare it
// (contract.cpp), so the two cannot drift apart. Money and quantity bounds are in money.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace lienket::farming::limits {

inline constexpr std::int64_t kMaxAreaM2 = 100'000'000;  // 10,000 ha
inline constexpr std::size_t kMinPolygonPoints = 3;
inline constexpr std::size_t kMaxPolygonPoints = 200;
inline constexpr std::size_t kMaxAgreementPlots = 500;
inline constexpr std::int64_t kMaxVersion = 1'000'000;  // what sign/get may name
inline constexpr std::int64_t kMaxPhiDays = 365;
inline constexpr std::int64_t kMaxPage = 500;
inline constexpr std::int64_t kDefaultPage = 100;

// Text lengths, in bytes (a schema's maxLength counts characters, so it is never stricter).
inline constexpr std::size_t kHouseholdName = 120;
inline constexpr std::size_t kCrop = 60;
inline constexpr std::size_t kCertScheme = 40;
inline constexpr std::size_t kCertNumber = 80;
inline constexpr std::size_t kNote = 500;
inline constexpr std::size_t kAdvanceDescription = 200;
inline constexpr std::size_t kQuantityUnit = 20;
inline constexpr std::size_t kDiaryText =
    300;  // note, input, quantity_unit, inspector, result; dose of non-pesticides
inline constexpr std::size_t kSubstance = 120;  // active_ingredient, and dose of a pesticide
inline constexpr std::size_t kPriceSource = 200;

}  // namespace lienket::farming::limits
