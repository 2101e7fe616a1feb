#include "diary_rule.hpp"

namespace lienket::farming {

std::optional<PesticideApplication> blocking_application(
    const std::vector<PesticideApplication>& uses, std::int64_t harvest_day) {
  std::optional<PesticideApplication> worst;
  for (const auto& u : uses) {
    if (u.day > harvest_day || harvest_day >= safe_from(u)) continue;
    if (!worst || safe_from(u) > safe_from(*worst)) worst = u;
  }
  return worst;
}

}  // namespace lienket::farming
