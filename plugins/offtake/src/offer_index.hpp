// An index of supply offers that narrows, for one contract, the offers worth testing with
// eligible() (eligibility.hpp) from "all of them" to "the few that could pass".
//
// Contract: candidates(d) is a SUPERSET of the offers s with eligible(d, s): the index only prunes
// by necessary conditions of eligible(), which stays the one definition of eligibility (and which
// eligible_pairs calls on every candidate). offer_index_test.cpp checks the superset on random
// instances; a change to eligible() that loosens one of the conditions below must loosen it here.
//   - goods: offers are grouped by product_id, and again by (category, unit) for contracts by
//     category;
//   - place: within a group, offers sit in cells of a latitude/longitude grid; a contract with
//     max_distance_m scans only the cells that meet a box proven to hold its whole disc, then
//     drops offers whose straight-line (chord) distance exceeds the disc's; both with 1 km of
//     slack, far more than haversine's rounding and floating point. A contract without a limit
//     scans every cell of its group;
//   - window: within a cell, offers are sorted by from_day; only from_day in
//     [d.from_day - longest window of the cell, d.to_day] can overlap [d.from_day, d.to_day], and
//     then the overlap itself is tested;
//   - floor price and OCOP stars, tested on the same compact record (no strings touched).
// Offers whose place is not a valid coordinate go to a list every contract of their goods takes
// whole, so the superset holds for any input.
//
// Immutable after construction; holds indices into the vector it was built from, which must
// outlive it and not change. Safe to query from several threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "eligibility.hpp"

namespace lienket::offtake {

class OfferIndex {
 public:
  // `cell_deg`: the grid's cell size in degrees; pick_cell_deg() derives one from the contracts.
  OfferIndex(const std::vector<Supply>& supplies, double cell_deg);

  // Appends to `out` the candidate offers for `d`, in no particular order.
  void candidates(const Demand& d, std::vector<std::size_t>* out) const;

  // A cell size that cuts the typical contract's disc into a few cells a side: a quarter of the
  // median max_distance, within [0.1, 2] degrees (1 degree otherwise).
  static double pick_cell_deg(const std::vector<Demand>& demands);

 private:
  // What the pruning reads of one offer, kept contiguous so that a scan touches no Supply.
  struct Slot {
    std::int64_t from_day = 0, to_day = 0, min_unit_price_vnd = 0;
    int ocop_stars = 0;
    double x = 0, y = 0, z = 0;  // the place as a unit vector
    std::size_t offer = 0;       // index into the supplies
  };
  // One grid cell of a group: slots [begin, end), sorted by from_day.
  struct Cell {
    std::int64_t key = 0;  // row * cols_ + col
    std::size_t begin = 0, end = 0;
    std::int64_t longest = 0;  // max(to_day - from_day) over the cell's offers
  };
  // The offers of one product, or of one (category, unit).
  struct Group {
    std::vector<std::size_t> members;    // offer indices, until add_members sorts them into slots
    std::vector<Slot> slots;             // by cell then from_day
    std::vector<Cell> cells;             // by key
    std::vector<std::size_t> misplaced;  // offers without a valid coordinate
  };
  struct Probe;  // a contract as the scan tests it (offer_index.cpp)

  std::int64_t cell_key(const Place& p) const;
  void add_members(Group& g, const std::vector<Supply>& supplies) const;
  void scan_row(const Group& g, std::int64_t row, std::int64_t col_lo, std::int64_t col_hi,
                const Probe& q, std::vector<std::size_t>* out) const;
  static void scan_cells(const Group& g, std::size_t first, std::size_t last, const Probe& q,
                         std::vector<std::size_t>* out);
  const Group* group_of(const Demand& d) const;

  double cell_deg_;
  std::int64_t rows_, cols_;  // the grid: rows of latitude from -90, columns of longitude from -180
  std::map<std::string, Group> by_product_;
  std::map<std::pair<std::string, std::string>, Group> by_category_;
};

}  // namespace lienket::offtake
