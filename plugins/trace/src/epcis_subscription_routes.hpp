// The binding's query subscriptions over webhooks (docs/epcis-rest.md, "Subscriptions"):
//   POST   /epcis/queries/{queryName}/subscriptions                   201 with its Location
//   GET    /epcis/queries/{queryName}/subscriptions                   the caller's, paged
//   GET    /epcis/queries/{queryName}/subscriptions/{subscriptionID}  with its delivery state
//   DELETE /epcis/queries/{queryName}/subscriptions/{subscriptionID}  204
// Same access rules as the named queries: another party's query or subscription is 404, the admin
// sees all. The records are epcis_subscription.hpp's; SubscriptionDelivery sends the results.
#pragma once

#include <vector>

#include "handlers.hpp"
#include "lienket/http.hpp"

namespace lienket::trace::rest {

std::vector<HttpRoute> subscription_routes(const Settings* settings);

}  // namespace lienket::trace::rest
