#include "config.hpp"

#include "lienket/fields.hpp"
#include "money.hpp"

namespace lienket::farming {

Result<Config> parse_config(const nlohmann::json& section) {
  Config c;
  if (section.is_null()) return c;
  Fields f(section, "plugins.farming");
  f.only({"advance_interest_bp_per_month", "low_yield_alert_bp", "shortfall_alert_bp",
          "shortfall_alert_days"});
  c.advance_interest_bp_per_month =
      f.opt_integer("advance_interest_bp_per_month", 0, kBasisPoints).value_or(0);
  c.alerts.low_yield_bp =
      f.opt_integer("low_yield_alert_bp", 0, kBasisPoints).value_or(c.alerts.low_yield_bp);
  c.alerts.shortfall_bp =
      f.opt_integer("shortfall_alert_bp", 0, kBasisPoints).value_or(c.alerts.shortfall_bp);
  c.alerts.shortfall_days =
      f.opt_integer("shortfall_alert_days", 0, 366).value_or(c.alerts.shortfall_days);
  if (!f.ok()) return f.status();
  return c;
}

}  // namespace lienket::farming
