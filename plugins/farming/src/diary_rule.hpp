// The pre-harvest interval (PHI) rule of VietGAP: a plot sprayed with a pesticide on day d whose
// label gives a PHI of p days may not be harvested before day d + p. Applications after the harvest
// day do not concern that harvest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lienket::farming {

struct PesticideApplication {
  std::string entry_id;
  std::string active_ingredient;
  std::int64_t day = 0;  // days since epoch
  std::int64_t phi_days = 0;
};

// The first day a harvest is allowed after this application.
inline std::int64_t safe_from(const PesticideApplication& a) { return a.day + a.phi_days; }

// The application that forbids harvesting on `harvest_day`, or nullopt if none does. When several
// do, the one whose interval ends last, since that is the date the harvest must wait for.
std::optional<PesticideApplication> blocking_application(
    const std::vector<PesticideApplication>& uses, std::int64_t harvest_day);

}  // namespace lienket::farming
