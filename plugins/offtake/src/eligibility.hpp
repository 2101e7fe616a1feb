// Which supply offer may serve which purchase contract (docs/protocol-offtake.md, "Matching").
// A pair is eligible when all hold:
//   - same product, or the contract names a category and the offer's product has that category and
//     the same unit;
//   - the offer's certifications include every certification the contract requires;
//   - the offer's OCOP stars >= the contract's minimum;
//   - the delivery window [deliver_from, deliver_to] overlaps [available_from, available_to];
//   - min_unit_price_vnd <= unit_price_vnd;
//   - haversine distance <= max_distance_km (when the contract sets one).
// Pure functions; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo.hpp"

namespace lienket::offtake {

// The matching view of an open purchase contract. Days are days since 1970-01-01.
struct Demand {
  std::string id;
  std::string product_id;                   // empty when the contract is by category
  std::string category;                     // used only when product_id is empty
  std::string unit;                         // "g" | "ml" | "piece"
  std::vector<std::string> certifications;  // all required
  int min_ocop_stars = 0;
  std::string grade;  // empty: any grade; otherwise the offer's grade must be this one
  std::int64_t from_day = 0, to_day = 0;
  std::int64_t unit_price_vnd = 0;
  Place place;
  std::int64_t max_distance_m = -1;  // -1: no limit
  std::int64_t quantity = 0;         // still unproposed, in the product's unit
  std::int64_t min_lot = 1;          // smallest allocation worth shipping
};

// The matching view of an open supply offer.
struct Supply {
  std::string id;
  std::string product_id;
  std::string category;
  std::string unit;
  std::vector<std::string> certifications;
  int ocop_stars = 0;
  std::string grade;  // empty when the seller states none
  std::int64_t from_day = 0, to_day = 0;
  std::int64_t min_unit_price_vnd = 0;
  Place place;
  std::int64_t quantity = 0;  // still unproposed
};

// An eligible (contract, offer) pair, by index into the demand and supply vectors.
struct Pair {
  std::size_t demand = 0;
  std::size_t supply = 0;
  std::int64_t distance_m = 0;
  bool operator==(const Pair&) const = default;
};

// Whether `s` may serve `d`; on true, *distance is the haversine distance in metres.
bool eligible(const Demand& d, const Supply& s, std::int64_t* distance);

// Vetoes a pair eligible() accepts (e.g. one a party has rejected); `arg` is passed through.
using PairFilter = bool (*)(const Demand&, const Supply&, const void* arg);

// Every eligible pair, sorted by (demand, supply). Offers are indexed (offer_index.hpp: goods, grid
// cell, window) so that eligible() runs only on the few offers of the same goods near enough in
// place and time, not on |demands| x |supplies|; the result is exactly that of
// eligible_pairs_naive. `excluded` may veto a pair; pass nullptr for none.
std::vector<Pair> eligible_pairs(const std::vector<Demand>& demands,
                                 const std::vector<Supply>& supplies, PairFilter excluded = nullptr,
                                 const void* excluded_arg = nullptr);

// The reference: eligible() on every (demand, supply), sorted by (demand, supply). O(D x S); for
// tests and bench/matching, which check that eligible_pairs returns exactly this.
std::vector<Pair> eligible_pairs_naive(const std::vector<Demand>& demands,
                                       const std::vector<Supply>& supplies);

}  // namespace lienket::offtake
