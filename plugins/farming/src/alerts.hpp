// Alerts computed on request from an agreement's expectations and deliveries, on a given day.
//  - low_yield (per plot, possible side-selling): once the harvest window has opened, a plot is
//    due a straight-line share of its expected yield, expected x elapsed days / window days
//    (floor); it is flagged when it has delivered less than low_yield_bp of what is due. A plot
//    that a pesticide's pre-harvest interval (diary_rule.hpp) forbids harvesting today is not
//    flagged: it is listed as waiting instead, until the interval has passed. Its due share keeps
//    growing meanwhile, so a plot still behind when the interval ends is flagged in full.
//  - shortfall (per agreement): from shortfall_days before the window closes (and after it has
//    closed, until settled), flagged when all deliveries are below shortfall_bp of the expected
//    total. Waiting plots count too: the enterprise is short of their yield all the same.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diary_rule.hpp"

namespace lienket::farming {

struct AlertThresholds {
  std::int64_t low_yield_bp = 5000;
  std::int64_t shortfall_bp = 9000;
  std::int64_t shortfall_days = 7;
};

struct PlotProgress {
  std::string plot_id;
  std::string household_id;
  std::int64_t expected = 0;
  std::int64_t delivered = 0;
  std::vector<PesticideApplication> pesticide_uses;  // from the plot's diary
};

struct AgreementProgress {
  std::string agreement_id;
  std::string enterprise;
  std::string cooperative;
  std::string unit;
  std::int64_t window_start = 0;  // days since epoch, inclusive
  std::int64_t window_end = 0;    // inclusive
  std::vector<PlotProgress> plots;
};

// JSON objects {"kind", "agreement_id", ...}, plots in plot order.
struct AgreementAlerts {
  std::vector<nlohmann::json> alerts;   // "low_yield" per plot, then "shortfall"
  std::vector<nlohmann::json> waiting;  // "pre_harvest_interval": behind, but may not harvest yet
};

AgreementAlerts agreement_alerts(const AgreementProgress& a, std::int64_t today,
                                 const AlertThresholds& t);

}  // namespace lienket::farming
