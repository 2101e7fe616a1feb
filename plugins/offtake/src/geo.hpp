// Great-circle distance between two places given in degrees. Floating point is for coordinates
// only; the result is rounded to whole metres so that everything downstream (costs, ties) is
// integer.
#pragma once

#include <cstdint>

namespace lienket::offtake {

struct Place {
  double lat = 0;  // degrees, -90..90
  double lon = 0;  // degrees, -180..180
};

// Haversine distance on a sphere of radius 6,371,008.8 m (the mean Earth radius), in whole metres.
std::int64_t distance_m(const Place& a, const Place& b);

}  // namespace lienket::offtake
