// The plugin's configuration, the node config's "plugins": {"farming": {...}} section.
//   advance_interest_bp_per_month  simple interest on advances, basis points per 30 days (default
//   0) low_yield_alert_bp             low_yield alert below this share of a plot's due yield
//   (default 5000) shortfall_alert_bp             shortfall alert below this share of the expected
//   total (default 9000) shortfall_alert_days           shortfall alerts start this many days
//   before the window closes (default 7)
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "alerts.hpp"
#include "lienket/status.hpp"

namespace lienket::farming {

struct Config {
  std::int64_t advance_interest_bp_per_month = 0;
  AlertThresholds alerts;
};

// Unknown keys and out-of-range values are invalid_argument naming "plugins.farming.<key>".
Result<Config> parse_config(const nlohmann::json& section);

}  // namespace lienket::farming
