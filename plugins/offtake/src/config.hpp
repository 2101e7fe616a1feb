// The plugin's section of the node config ("plugins": {"offtake": {...}}), parsed and checked once
// in configure(). Unknown keys are refused by name ("plugins.offtake.<key>").
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::offtake {

struct OfftakeConfig {
  // Road freight rate used to price a proposal's transport, in whole VND per kg per km. A piece is
  // priced as one kg, a millilitre as one gram.
  std::int64_t transport_vnd_per_kg_km = 3;
  // A proposal not accepted by both sides within this many hours expires and frees its quantity.
  std::int64_t proposal_ttl_hours = 72;
  // Days after deliver_to before an unfinished consumption contract is declared breached.
  std::int64_t breach_grace_days = 0;
};

Result<OfftakeConfig> parse_config(const nlohmann::json& section);

}  // namespace lienket::offtake
