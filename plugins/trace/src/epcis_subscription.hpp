// A subscription to a named query of the EPCIS 2.0 REST binding (POST
// /epcis/queries/{queryName}/subscriptions): where its results go (`dest`, an http(s) URL), how
// they are signed (`signatureToken`), when (`stream` or a `schedule`), from when
// (`initialRecordTime`), and its durable delivery cursor. Kept in the plugin's store, one record
// per subscription, rewritten whole by each change (one WriteBatch):
//   rest/subscription/<queryName>/<subscriptionID>
//     {"subscriptionID","queryName","dest","signatureToken"?,"stream"|"schedule","reportIfEmpty",
//      "initialRecordTime"?,"epcFormat","owner","createdAt",
//      "cursor": the seq of the last stored record the subscriber is done with,
//      "minRecordMs": records captured before it are not reported,
//      "lastNotifiedAt"?, "minRecordTime"?, "delivery": {"delivered","attempts","lastError",...}}
// The cursor only moves after the receiver answered 2xx (epcis_subscription_delivery.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket::trace {

inline constexpr const char* kSubscriptionKeys = "rest/subscription/";

// The key of a subscription, and the prefix of every subscription of a query.
std::string subscription_key(const std::string& query_name, const std::string& id);
std::string subscriptions_of(const std::string& query_name);

// Where a subscription's documents go: an http or https URL split for cpp-httplib.
struct Destination {
  std::string origin;  // "http://127.0.0.1:8080"
  std::string path;    // "/hook?x=1" ("/" when the URL has none)
};
std::optional<Destination> parse_destination(const std::string& url);

// Checks a POST body (dest, signatureToken, reportIfEmpty, exactly one of stream: true and
// schedule, initialRecordTime) and gives the new record without its id, owner, times and cursor.
// An error is invalid_argument naming the member ("dest", "schedule.minute", "stream").
Result<nlohmann::json> parse_subscription_request(const nlohmann::json& body);

// What GET answers (AbstractQuerySubscriptionResponse with QueryStreamSubscription or
// QueryScheduleSubscription; never the signatureToken), with the node's delivery state in
// "lk:delivery".
nlohmann::json public_subscription(const nlohmann::json& record);

// Removes every subscription of `query_name` (its named query is being deleted).
Status erase_subscriptions(Store& store, const std::string& query_name);

}  // namespace lienket::trace
