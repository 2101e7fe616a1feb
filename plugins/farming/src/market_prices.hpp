// Market reference prices for floor price terms. An enterprise publishes its reference price for a
// product on a date (farming.market_price.set); a delivery is priced with the latest price that
// the agreement's enterprise set for the product on or before the delivery date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lienket/store.hpp"

namespace lienket::farming {

std::string market_price_key(const std::string& enterprise, const std::string& product_id,
                             const std::string& date);

// The reference price in force on `date`, or nullopt when none was set on or before it.
Result<std::optional<std::int64_t>> market_price_on(Store& store, const std::string& enterprise,
                                                    const std::string& product_id,
                                                    const std::string& date);

}  // namespace lienket::farming
