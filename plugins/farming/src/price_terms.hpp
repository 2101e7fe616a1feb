// Price terms of a season agreement and the unit price they give a delivery.
//   fixed:  unit_price_vnd for every delivery;
//   floor:  max(floor_price_vnd, floor(market x (10000 - discount_bp) / 10000)), the market being
//           the enterprise's reference price for the product on the delivery date;
//   graded: an absolute price per grade ("A", "B", "C"); a grade without a price is not accepted.
// fixed and floor may carry grade_differentials_vnd (signed VND added to the base price per grade;
// a grade not listed gets the base); the result never goes below 0.
// Prices are VND per kg, per litre or per piece, following the product's unit.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/farming/events.hpp"
#include "lienket/fields.hpp"
#include "lienket/status.hpp"

namespace lienket::farming {

enum class PriceKind { kFixed, kFloor, kGraded };

struct PriceTerms {
  PriceKind kind = PriceKind::kFixed;
  std::int64_t unit_price_vnd = 0;   // fixed
  std::int64_t floor_price_vnd = 0;  // floor
  std::int64_t discount_bp = 0;      // floor: 0..10000 basis points off the market price
  std::map<std::string, std::int64_t> grade_prices;         // graded
  std::map<std::string, std::int64_t> grade_differentials;  // fixed, floor
};

// The grades a delivery may carry.
bool is_grade(const std::string& g);

// Reads the "price" object of a request (f is positioned on it, e.g. path "body.price").
// Errors name the field; check f.ok() afterwards.
PriceTerms decode_price_terms(Fields& f);
// The terms as agreements record and publish them (events::Price); to_json is its JSON.
events::Price price_record(const PriceTerms& t);
nlohmann::json to_json(const PriceTerms& t);
// Reads terms back from their stored JSON (trusted: written by to_json).
PriceTerms price_terms_from_json(const nlohmann::json& j);

bool needs_market_price(const PriceTerms& t);
// Whether the terms put a price on `grade` (graded terms price only the grades they list).
bool prices_grade(const PriceTerms& t, const std::string& grade);

// The unit price of a delivery of `grade`. `market` is the reference price applying to the
// delivery; floor terms without one are a failed_precondition.
Result<std::int64_t> unit_price(const PriceTerms& t, const std::string& grade,
                                std::optional<std::int64_t> market);

}  // namespace lienket::farming
