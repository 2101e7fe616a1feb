// The inputs of a settlement read from the season's records (settlement.hpp does the arithmetic):
// every delivery priced by the agreement version governing its date (agreement_versions.hpp), its
// quality outcome (quality.hpp) and, for a delivery in kind, its value credited to its advance;
// every advance costed to the settlement date (interest.hpp); the side-selling and non-acceptance
// clauses assessed (docs/protocol-farming.md, "Penalty clauses").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "agreement_versions.hpp"
#include "lienket/farming/events.hpp"
#include "lienket/store.hpp"
#include "money.hpp"
#include "settlement.hpp"

namespace lienket::farming {

struct PricedSeason {
  std::vector<PricedDelivery> priced;  // net quantities, for the statement lines
  std::vector<events::SettlementDelivery> deliveries;
  std::map<std::string, std::string> household_names;
  std::map<std::string, std::int64_t> counted;  // household -> delivered for side selling
  std::int64_t non_acceptance = 0;              // VND the enterprise owes the cooperative
};

// failed_precondition (body.agreement_id) when a delivery cannot be priced (floor terms with no
// market price) or its quality is no longer acceptable.
Result<PricedSeason> price_deliveries(Store& store, const SignedVersions& versions, Unit unit);

struct CostedAdvances {
  std::vector<AdvanceCharge> charges;
  std::vector<events::SettlementAdvance> lines;
  std::map<std::string, std::int64_t> repaid_in_kind;  // household -> VND applied to advances
};

// Charges every advance of the agreement to `settle_day`; deliveries in kind (in `season`, whose
// value_vnd they offer) repay the advance they name, in date order.
Result<CostedAdvances> cost_advances(Store& store, const std::string& agreement_id,
                                     std::int64_t settle_day, const PricedSeason& season);

struct SideSelling {
  std::int64_t penalty = 0;
  std::int64_t delivered = 0;
  std::int64_t required = 0;
};

// The side-selling clause of `terms` per household: only once the settlement date is after the
// harvest window, for households that were members on the window's last day and delivered
// (accepted or refused by the buyer) less than min_delivery_bp of their plots' expected yield:
// required = floor(expected x min_delivery_bp / 10000), penalty = floor((required - delivered) x
// vnd_per_unit / units per priced unit).
Result<std::map<std::string, SideSelling>> assess_side_selling(Store& store,
                                                               const events::Agreement& terms,
                                                               const PricedSeason& season,
                                                               const std::string& settle_date,
                                                               Unit unit);

}  // namespace lienket::farming
