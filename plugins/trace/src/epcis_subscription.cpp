#include "epcis_subscription.hpp"

#include <vector>

#include "epcis_subscription_schedule.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxToken = 500;

Status invalid(const std::string& field, const std::string& why) {
  return Status::InvalidArgument(field + " " + why, field);
}

}  // namespace

std::string subscriptions_of(const std::string& query_name) {
  return kSubscriptionKeys + query_name + "/";
}

std::string subscription_key(const std::string& query_name, const std::string& id) {
  return subscriptions_of(query_name) + id;
}

std::optional<Destination> parse_destination(const std::string& url) {
  std::string scheme;
  if (url.rfind("http://", 0) == 0)
    scheme = "http://";
  else if (url.rfind("https://", 0) == 0)
    scheme = "https://";
  else
    return std::nullopt;
  if (url.size() > kMaxUrl) return std::nullopt;
  auto slash = url.find_first_of("/?#", scheme.size());
  std::string authority = url.substr(
      scheme.size(), slash == std::string::npos ? std::string::npos : slash - scheme.size());
  // No user info (credentials belong in signatureToken) and nothing but a host and a port.
  if (authority.empty() || authority.find_first_of("@ \t\r\n\\") != std::string::npos)
    return std::nullopt;
  Destination d;
  d.origin = scheme + authority;
  d.path = slash == std::string::npos ? "/" : url.substr(slash);
  if (d.path.front() != '/') d.path = "/" + d.path;
  if (auto hash = d.path.find('#'); hash != std::string::npos) d.path.resize(hash);
  if (d.path.find_first_of(" \t\r\n") != std::string::npos) return std::nullopt;
  return d;
}

Result<json> parse_subscription_request(const json& body) {
  if (!body.is_object()) return invalid("body", "must be a JSON object");
  for (auto it = body.begin(); it != body.end(); ++it) {
    static const std::vector<std::string> kKnown = {
        "dest", "signatureToken", "reportIfEmpty", "stream", "schedule", "initialRecordTime"};
    if (std::find(kKnown.begin(), kKnown.end(), it.key()) == kKnown.end())
      return invalid(it.key(), "is not a member of a query subscription");
  }
  if (!body.contains("dest") || !body["dest"].is_string())
    return invalid("dest", "is required: the http(s) URL the query results are POSTed to");
  if (!parse_destination(body["dest"].get<std::string>()))
    return invalid("dest", "must be an http:// or https:// URL with a host");
  json record{{"dest", body["dest"]}};
  if (body.contains("signatureToken")) {
    const json& t = body["signatureToken"];
    if (!t.is_string() || t.get<std::string>().empty() || t.get<std::string>().size() > kMaxToken)
      return invalid("signatureToken", "must be a string of 1-500 characters");
    record["signatureToken"] = t;
  }
  if (body.contains("reportIfEmpty") && !body["reportIfEmpty"].is_boolean())
    return invalid("reportIfEmpty", "must be true or false");
  record["reportIfEmpty"] = body.value("reportIfEmpty", false);
  if (body.contains("stream") && !body["stream"].is_boolean())
    return invalid("stream", "must be true or false");
  bool stream = body.value("stream", false);
  bool scheduled = body.contains("schedule");
  if (stream && scheduled)
    return invalid("stream", "and schedule exclude each other: give stream: true or a schedule");
  if (!stream && !scheduled)
    return invalid("stream",
                   "or schedule is required: stream: true for every matching event, or "
                   "a schedule");
  if (stream) {
    record["stream"] = true;
  } else {
    auto s = QuerySchedule::parse(body["schedule"], "schedule");
    if (!s.ok()) return s.status();
    record["schedule"] = body["schedule"];
  }
  record["minRecordMs"] = 0;
  if (body.contains("initialRecordTime")) {
    const json& t = body["initialRecordTime"];
    auto ms = t.is_string() ? parse_time(t.get<std::string>()) : std::nullopt;
    if (!ms) return invalid("initialRecordTime", "must be a date-time with an offset (RFC 3339)");
    record["initialRecordTime"] = t;
    record["minRecordMs"] = *ms;
  }
  return record;
}

json public_subscription(const json& r) {
  json out{{"subscriptionID", r["subscriptionID"]},
           {"queryName", r["queryName"]},
           {"dest", r["dest"]},
           {"createdAt", r["createdAt"]}};
  if (r.value("stream", false)) {
    out["stream"] = true;
  } else {
    out["schedule"] = r["schedule"];
    out["reportIfEmpty"] = r.value("reportIfEmpty", false);
  }
  for (const char* k : {"initialRecordTime", "lastNotifiedAt", "minRecordTime", "epcFormat"})
    if (r.contains(k)) out[k] = r[k];
  json d = r.value("delivery", json::object());
  out["lk:delivery"] = {{"signed", r.contains("signatureToken")},
                        {"lastDeliveredSeq", r.value("cursor", std::int64_t{0})},
                        {"delivered", d.value("delivered", std::int64_t{0})},
                        {"attempts", d.value("attempts", 0)},
                        {"lastError", d.value("lastError", json())},
                        {"lastAttemptAt", d.value("lastAttemptAt", json())}};
  return out;
}

Status erase_subscriptions(Store& store, const std::string& query_name) {
  std::vector<std::string> keys;
  auto st = store.scan(subscriptions_of(query_name), "", [&](std::string_view k, std::string_view) {
    keys.emplace_back(k);
    return true;
  });
  if (!st.ok()) return st;
  for (const auto& k : keys) LIENKET_RETURN_IF_ERROR(store.erase(k));
  return Status::Ok();
}

}  // namespace lienket::trace
