// Reading the planting diary back from the plugin's store (diary/<plot_id>/<n>), for the rules that
// depend on it: the harvest PHI check and the low-yield alert.
#pragma once

#include <string>
#include <vector>

#include "diary_rule.hpp"
#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket::farming {

// The plot's pesticide applications, in diary order.
Result<std::vector<PesticideApplication>> pesticide_uses(Store& store, const std::string& plot_id);

}  // namespace lienket::farming
