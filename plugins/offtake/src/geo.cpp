#include "geo.hpp"

#include <cmath>

namespace lienket::offtake {

std::int64_t distance_m(const Place& a, const Place& b) {
  constexpr double kEarthRadiusM = 6371008.8;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  const double c = 2 * std::atan2(std::sqrt(h), std::sqrt(1 - h));
  return std::llround(kEarthRadiusM * c);
}

}  // namespace lienket::offtake
