// Alerts computed on request from an agreement's expectations and deliveries, on a given day.
//  - low_yield (per plot, possible side-selling): once the harvest window has opened, a plot is
//    due a straight-line share of its expected yield, expected x elapsed days / window days
//    (floor); it is flagged when it has delivered less than low_yield_bp of what is due.
//  - shortfall (per agreement): from shortfall_days before the window closes (and after it has
//    closed, until settled), flagged when all deliveries are below shortfall_bp of the expected
//    total.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

// Alerts as JSON objects {"kind", "agreement_id", ...}; plot alerts first, in plot order.
std::vector<nlohmann::json> agreement_alerts(const AgreementProgress& a, std::int64_t today,
                                             const AlertThresholds& t);

}  // namespace lienket::farming
