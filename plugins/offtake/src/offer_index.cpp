#include "offer_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace lienket::offtake {
namespace {

constexpr double kEarthRadiusM = 6371008.8;  // as in geo.cpp
constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = 180.0 / kPi;
// Added to every radius before pruning: haversine rounds to whole metres and its floating point
// differs from the exact angle by far less than this, so no eligible offer is ever cut.
constexpr double kSlackM = 1000;

bool valid(const Place& p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && std::fabs(p.lat) <= 90 &&
         std::fabs(p.lon) <= 180;
}

std::int64_t clamp_index(double x, std::int64_t n) {
  if (!(x >= 0)) return 0;
  if (x >= static_cast<double>(n - 1)) return n - 1;
  return static_cast<std::int64_t>(x);
}

// The box of latitudes and longitudes (degrees) that holds every point within `radius_m` of `c`:
// a point farther in latitude is farther along any great circle, and the cap's meridians of
// tangency are at asin(sin r / cos lat) (J. P. Matuschek, "Finding points within a distance of a
// latitude/longitude"). all_lon when the cap reaches a pole or comes near it.
struct Box {
  double lat_lo, lat_hi, lon_lo, lon_hi;
  bool all_lon;
};

Box box_around(const Place& c, double radius_m) {
  const double r = (radius_m + kSlackM) / kEarthRadiusM;
  Box b{c.lat - r * kDeg, c.lat + r * kDeg, -180, 180, true};
  if (b.lat_lo <= -90 || b.lat_hi >= 90) return b;
  const double s = std::sin(r) / std::cos(c.lat / kDeg);
  // Near 1 the asin is ill-conditioned (a pole is almost on the cap's edge): take every longitude.
  if (s >= 0.99) return b;
  const double dlon = std::asin(s) * kDeg + 1e-7;
  b.lon_lo = c.lon - dlon, b.lon_hi = c.lon + dlon, b.all_lon = false;
  return b;
}

struct Unit {
  double x, y, z;
};

Unit unit_vector(const Place& p) {
  const double lat = p.lat / kDeg, lon = p.lon / kDeg;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

}  // namespace

struct OfferIndex::Probe {
  std::int64_t from_day, to_day, unit_price_vnd;
  int min_ocop_stars;
  Unit at;
  // Squared chord of the disc's angle (with slack); infinite when the distance is not limited.
  double max_chord2;
};

OfferIndex::OfferIndex(const std::vector<Supply>& supplies, double cell_deg)
    : cell_deg_(cell_deg),
      rows_(static_cast<std::int64_t>(std::ceil(180 / cell_deg)) + 1),
      cols_(static_cast<std::int64_t>(std::ceil(360 / cell_deg)) + 1) {
  for (std::size_t j = 0; j < supplies.size(); ++j) {
    const Supply& s = supplies[j];
    by_product_[s.product_id].members.push_back(j);
    if (!s.category.empty()) by_category_[{s.category, s.unit}].members.push_back(j);
  }
  for (auto& [_, g] : by_product_) add_members(g, supplies);
  for (auto& [_, g] : by_category_) add_members(g, supplies);
}

double OfferIndex::pick_cell_deg(const std::vector<Demand>& demands) {
  std::vector<std::int64_t> limits;
  for (const auto& d : demands)
    if (d.max_distance_m >= 0) limits.push_back(d.max_distance_m);
  if (limits.empty()) return 1.0;
  auto mid = limits.begin() + static_cast<std::ptrdiff_t>(limits.size() / 2);
  std::nth_element(limits.begin(), mid, limits.end());
  const double deg = static_cast<double>(*mid) / kEarthRadiusM * kDeg / 4;
  return std::clamp(deg, 0.1, 2.0);
}

std::int64_t OfferIndex::cell_key(const Place& p) const {
  return clamp_index((p.lat + 90) / cell_deg_, rows_) * cols_ +
         clamp_index((p.lon + 180) / cell_deg_, cols_);
}

// Sorts a group's offers by (cell, from_day, index) into slots and cuts them into cells.
void OfferIndex::add_members(Group& g, const std::vector<Supply>& supplies) const {
  std::vector<std::tuple<std::int64_t, std::int64_t, std::size_t>> keyed;
  for (std::size_t j : g.members) {
    if (!valid(supplies[j].place))
      g.misplaced.push_back(j);
    else
      keyed.emplace_back(cell_key(supplies[j].place), supplies[j].from_day, j);
  }
  g.members = {};
  std::sort(keyed.begin(), keyed.end());
  for (const auto& [key, from, j] : keyed) {
    const Supply& s = supplies[j];
    const std::int64_t length = s.to_day - from;
    if (g.cells.empty() || g.cells.back().key != key)
      g.cells.push_back({key, g.slots.size(), g.slots.size(), length});
    Cell& c = g.cells.back();
    c.end = g.slots.size() + 1;
    c.longest = std::max(c.longest, length);
    const Unit u = unit_vector(s.place);
    g.slots.push_back({from, s.to_day, s.min_unit_price_vnd, s.ocop_stars, u.x, u.y, u.z, j});
  }
}

const OfferIndex::Group* OfferIndex::group_of(const Demand& d) const {
  if (!d.product_id.empty()) {
    auto it = by_product_.find(d.product_id);
    return it == by_product_.end() ? nullptr : &it->second;
  }
  if (d.category.empty()) return nullptr;  // names no goods at all
  auto it = by_category_.find({d.category, d.unit});
  return it == by_category_.end() ? nullptr : &it->second;
}

void OfferIndex::candidates(const Demand& d, std::vector<std::size_t>* out) const {
  const Group* g = group_of(d);
  if (!g) return;
  out->insert(out->end(), g->misplaced.begin(), g->misplaced.end());
  Probe q{d.from_day,       d.to_day,  d.unit_price_vnd,
          d.min_ocop_stars, {0, 0, 0}, std::numeric_limits<double>::infinity()};
  const double angle = (static_cast<double>(d.max_distance_m) + kSlackM) / kEarthRadiusM;
  if (d.max_distance_m < 0 || !valid(d.place) || angle >= kPi) {
    scan_cells(*g, 0, g->cells.size(), q, out);
    return;
  }
  q.at = unit_vector(d.place);
  q.max_chord2 = 4 * std::sin(angle / 2) * std::sin(angle / 2);
  const Box b = box_around(d.place, static_cast<double>(d.max_distance_m));
  const std::int64_t row_lo = clamp_index((b.lat_lo + 90) / cell_deg_, rows_);
  const std::int64_t row_hi = clamp_index((b.lat_hi + 90) / cell_deg_, rows_);
  auto col = [&](double lon) { return clamp_index((lon + 180) / cell_deg_, cols_); };
  for (std::int64_t row = row_lo; row <= row_hi; ++row) {
    if (b.all_lon) {
      scan_row(*g, row, 0, cols_ - 1, q, out);
    } else if (b.lon_lo < -180) {  // the box crosses the antimeridian: two spans
      scan_row(*g, row, col(b.lon_lo + 360), cols_ - 1, q, out);
      scan_row(*g, row, 0, col(b.lon_hi), q, out);
    } else if (b.lon_hi > 180) {
      scan_row(*g, row, col(b.lon_lo), cols_ - 1, q, out);
      scan_row(*g, row, 0, col(b.lon_hi - 360), q, out);
    } else {
      scan_row(*g, row, col(b.lon_lo), col(b.lon_hi), q, out);
    }
  }
}

// Cells are sorted by key = row * cols_ + col, so one row's span of columns is one run of cells.
void OfferIndex::scan_row(const Group& g, std::int64_t row, std::int64_t col_lo,
                          std::int64_t col_hi, const Probe& q,
                          std::vector<std::size_t>* out) const {
  auto by_key = [](const Cell& c, std::int64_t k) { return c.key < k; };
  auto first = std::lower_bound(g.cells.begin(), g.cells.end(), row * cols_ + col_lo, by_key);
  auto last = std::lower_bound(first, g.cells.end(), row * cols_ + col_hi + 1, by_key);
  scan_cells(g, static_cast<std::size_t>(first - g.cells.begin()),
             static_cast<std::size_t>(last - g.cells.begin()), q, out);
}

// An offer overlaps [q.from_day, q.to_day] only if from_day <= q.to_day and
// to_day >= q.from_day, hence from_day >= q.from_day - (its window) >= q.from_day - longest: a
// binary search bounds the run, and the overlap and the rest are tested slot by slot.
void OfferIndex::scan_cells(const Group& g, std::size_t first, std::size_t last, const Probe& q,
                            std::vector<std::size_t>* out) {
  using Limits = std::numeric_limits<std::int64_t>;
  auto by_from = [](const Slot& s, std::int64_t day) { return s.from_day < day; };
  for (std::size_t c = first; c < last; ++c) {
    const Cell& cell = g.cells[c];
    const std::int64_t lo = static_cast<std::int64_t>(std::clamp<__int128>(
        static_cast<__int128>(q.from_day) - cell.longest, Limits::min(), Limits::max()));
    auto begin = g.slots.begin() + static_cast<std::ptrdiff_t>(cell.begin);
    auto end = g.slots.begin() + static_cast<std::ptrdiff_t>(cell.end);
    for (auto s = std::lower_bound(begin, end, lo, by_from); s != end; ++s) {
      if (s->from_day > q.to_day) break;
      if (s->to_day < q.from_day || s->min_unit_price_vnd > q.unit_price_vnd ||
          s->ocop_stars < q.min_ocop_stars)
        continue;
      const double dx = s->x - q.at.x, dy = s->y - q.at.y, dz = s->z - q.at.z;
      if (dx * dx + dy * dy + dz * dz > q.max_chord2) continue;
      out->push_back(s->offer);
    }
  }
}

}  // namespace lienket::offtake
