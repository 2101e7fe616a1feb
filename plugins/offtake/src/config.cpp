#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::offtake {

Result<OfftakeConfig> parse_config(const nlohmann::json& section) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  Fields f(section.is_null() ? kEmpty : section, "plugins.offtake");
  f.only({"transport_vnd_per_kg_km", "proposal_ttl_hours", "breach_grace_days"});
  OfftakeConfig c;
  c.transport_vnd_per_kg_km =
      f.opt_integer("transport_vnd_per_kg_km", 0, 1'000'000).value_or(c.transport_vnd_per_kg_km);
  c.proposal_ttl_hours =
      f.opt_integer("proposal_ttl_hours", 1, 24 * 365).value_or(c.proposal_ttl_hours);
  c.breach_grace_days = f.opt_integer("breach_grace_days", 0, 365).value_or(c.breach_grace_days);
  if (!f.ok()) return f.status();
  return c;
}

}  // namespace lienket::offtake
