#include "epcis_subscription_delivery.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "epcis_query.hpp"
#include "epcis_query_filter.hpp"
#include "epcis_rest_support.hpp"
#include "epcis_subscription.hpp"
#include "epcis_subscription_schedule.hpp"
#include "epcis_subscription_webhook.hpp"
#include "event_repository.hpp"
#include "lienket/time.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr const char* kQueryKeys = "rest/query/";  // the named queries (epcis_rest_queries.cpp)

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

rest::EpcFormat format_of(const std::string& name) {
  if (name == "No_Preference") return rest::EpcFormat::kNoPreference;
  if (name == "Always_EPC_URN") return rest::EpcFormat::kUrn;
  if (name == "Never_Translates") return rest::EpcFormat::kNeverTranslates;
  return rest::EpcFormat::kDigitalLink;
}

std::int64_t record_ms(const json& rec) {
  auto ms = parse_time(rec.value("captured_at", ""));
  return ms ? *ms : 0;
}

// The records after `from` (at most `batch` of them) that match `filter` and were captured at or
// after `min_ms`, and the seq up to which the scan looked.
Status collect(EventRepository& repo, const EpcisFilter& filter, std::int64_t from,
               std::int64_t min_ms, std::int64_t batch, json& job) {
  json events = json::array();
  std::int64_t scanned = from;
  bool full = false;
  auto st = repo.scan(from, [&](const json& rec) {
    if (static_cast<std::int64_t>(events.size()) == batch) {
      full = true;
      return false;
    }
    scanned = rec.value("seq", scanned);
    if (record_ms(rec) >= min_ms && matches(filter, rec)) events.push_back(rec);
    return true;
  });
  if (!st.ok()) return st;
  job["records"] = std::move(events);
  job["scanned"] = scanned;
  job["full"] = full;
  return Status::Ok();
}

// On the node's thread: every subscription's key, and a job for each that has something to do
// (a stream with records after its cursor, a schedule whose time came or is still due).
// `memory` holds, by key, {"due", "examined"} as the delivery thread knows them.
Result<json> poll(Context& cx, std::int64_t last_ms, std::int64_t now_ms, const json& memory,
                  std::int64_t batch) {
  std::vector<json> subs;
  auto st = cx.store().scan(kSubscriptionKeys, "", [&](std::string_view, std::string_view v) {
    auto j = json::parse(v, nullptr, false);
    if (j.is_object()) subs.push_back(std::move(j));
    return true;
  });
  if (!st.ok()) return st;
  auto head = cx.store().get_json("#head");  // the repository's last seq (event_repository.hpp)
  if (!head.ok()) return head.status();
  std::int64_t head_seq = head->has_value() ? (**head).value("seq", std::int64_t{0}) : 0;
  EventRepository repo(cx.store());
  std::map<std::string, std::optional<EpcisFilter>> filters;
  json keys = json::array(), jobs = json::array();
  for (auto& sub : subs) {
    std::string name = sub.value("queryName", ""), id = sub.value("subscriptionID", "");
    std::string key = subscription_key(name, id);
    keys.push_back(key);
    json mem = memory.value(key, json::object());
    bool fired = false;
    if (sub.contains("schedule")) {
      auto schedule = QuerySchedule::parse(sub["schedule"], "schedule");
      if (!schedule.ok()) continue;
      fired = mem.value("due", false) ||
              schedule->fires_between(std::max(last_ms, sub.value("createdMs", std::int64_t{0})),
                                      now_ms);
      if (!fired) continue;
    }
    std::int64_t from =
        std::max(sub.value("cursor", std::int64_t{0}), mem.value("examined", std::int64_t{0}));
    if (!fired && from >= head_seq) continue;
    if (!filters.count(name)) {
      auto q = cx.store().get_json(kQueryKeys + name);
      if (!q.ok()) return q.status();
      auto f = q->has_value() ? parse_epcis_filter((**q)["query"], "query")
                              : Result<EpcisFilter>(Status::NotFound("no query " + name));
      if (f.ok()) LIENKET_RETURN_IF_ERROR(resolve_within(*f, cx));  // WD_ by master data
      filters[name] = f.ok() ? std::optional<EpcisFilter>(std::move(*f)) : std::nullopt;
    }
    if (!filters[name]) continue;
    json job{{"key", key}, {"subscription", sub}, {"fired", fired}};
    LIENKET_RETURN_IF_ERROR(
        collect(repo, *filters[name], from, sub.value("minRecordMs", std::int64_t{0}), batch, job));
    jobs.push_back(std::move(job));
  }
  return json{{"keys", keys}, {"jobs", jobs}};
}

// The EPCISQueryDocument of a batch, as GET /epcis/queries/{name}/events writes one.
std::string document(const json& sub, const json& records, std::int64_t now_ms) {
  json prefixes = json::object();
  json list = json::array();
  auto format = format_of(sub.value("epcFormat", ""));
  for (const auto& rec : records) {
    list.push_back(rest::with_epc_format(exported_event(rec), format));
    const json c = rec.value("context", json());
    for (const auto& part : c.is_array() ? c : json::array({c}))
      if (part.is_object())
        for (auto it = part.begin(); it != part.end(); ++it) prefixes[it.key()] = *it;
  }
  json context = json::array({kDefaultContext});
  if (!prefixes.empty()) context.push_back(prefixes);
  json doc{{"@context", context},
           {"type", "EPCISQueryDocument"},
           {"schemaVersion", "2.0"},
           {"creationDate", format_time(now_ms)},
           {"epcisBody",
            {{"queryResults",
              {{"subscriptionID", sub["subscriptionID"]},
               {"queryName", sub["queryName"]},
               {"resultsBody", {{"eventList", list}}}}}}}};
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

SubscriptionDelivery::SubscriptionDelivery(HostContext& host) : host_(host) {}

SubscriptionDelivery::~SubscriptionDelivery() { stop(); }

void SubscriptionDelivery::start() {
  last_poll_ms_ = host_.clock().now_ms();
  thread_ = std::thread([this] { loop(); });
}

void SubscriptionDelivery::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool SubscriptionDelivery::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

bool SubscriptionDelivery::pause(std::int64_t ms) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping_; });
  return stopping_;
}

// Waits for the node's answer, giving up when stopping (the node resolves every queued work,
// refusing it, before it shuts the plugin down).
std::optional<Result<json>> SubscriptionDelivery::await(HostContext::Work work) {
  auto f = host_.run(std::move(work));
  while (f.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
    if (stopping()) return std::nullopt;
  return f.get();
}

void SubscriptionDelivery::loop() {
  while (!stopping()) {
    std::int64_t now_ms = host_.clock().now_ms();
    json memory = json::object();
    for (const auto& [key, m] : memory_) memory[key] = {{"due", m.due}, {"examined", m.examined}};
    bool none = true;  // no subscription: look again less often
    auto polled = await([last = last_poll_ms_, now_ms, memory](Context& cx) {
      return poll(cx, last, now_ms, memory, kBatch);
    });
    if (!polled) break;
    if (!polled->ok()) {
      host_.log().warn("EPCIS subscriptions: cannot read them: " + polled->status().message());
    } else {
      last_poll_ms_ = std::max(last_poll_ms_, now_ms);
      const json& keys = (**polled)["keys"];
      none = keys.empty();
      for (auto it = memory_.begin(); it != memory_.end();)  // forget deleted subscriptions
        it = std::find(keys.begin(), keys.end(), it->first) == keys.end() ? memory_.erase(it)
                                                                          : std::next(it);
      for (const auto& job : (**polled)["jobs"]) {
        if (stopping()) break;
        deliver(job, now_ms);
      }
    }
    if (pause(none ? kIdlePollMs : kPollMs)) break;
  }
}

void SubscriptionDelivery::deliver(const json& job, std::int64_t now_ms) {
  const std::string key = job["key"];
  const json& sub = job["subscription"];
  const json& records = job["records"];
  Memory& m = memory_[key];
  bool scheduled = sub.contains("schedule");
  if (job.value("fired", false)) m.due = true;
  if (records.empty() && (!scheduled || !sub.value("reportIfEmpty", false))) {
    m.examined = std::max(m.examined, job.value("scanned", std::int64_t{0}));
    m.due = false;
    return;
  }
  if (steady_ms() < m.retry_at) return;  // backing off; a schedule stays due
  auto dest = parse_destination(sub.value("dest", ""));
  if (!dest) return;  // checked when made
  std::string body = document(sub, records, now_ms);
  WebhookAnswer a = post_query_document(*dest, body, sub.value("signatureToken", ""));
  if (a.delivered) {
    m.failures = 0;
    m.retry_at = 0;
  } else {
    ++m.failures;
    std::int64_t wait = kFirstBackoffMs;
    for (int i = 1; i < m.failures && wait < kMaxBackoffMs; ++i) wait *= 2;
    m.retry_at = steady_ms() + std::min(wait, kMaxBackoffMs);
    host_.log().warn("EPCIS subscription " + key + " not delivered (attempt " +
                     std::to_string(m.failures) + "): " + a.error);
  }
  // Only a stored cursor counts: otherwise the batch goes again (at least once).
  if (record_outcome(key, job, a, now_ms) && a.delivered) {
    m.examined = job.value("scanned", std::int64_t{0});
    if (!job.value("full", false)) m.due = false;
  }
}

// The subscription's durable state after a POST: on a 2xx the cursor moves past what was scanned;
// on a failure the error and the attempts are kept for GET. A subscription deleted meanwhile
// stays deleted.
bool SubscriptionDelivery::record_outcome(const std::string& key, const json& job,
                                          const WebhookAnswer& answer, std::int64_t now_ms) {
  std::int64_t scanned = job.value("scanned", std::int64_t{0});
  std::int64_t count = static_cast<std::int64_t>(job["records"].size());
  int failures = memory_[key].failures;
  std::string at = format_time(now_ms);
  bool delivered = answer.delivered;
  json error{{"at", at}, {"message", answer.error}, {"rejected", answer.rejected}};
  if (answer.status) error["status"] = answer.status;
  auto done =
      await([key, scanned, count, failures, delivered, error, at](Context& cx) -> Result<json> {
        auto sub = cx.store().get_json(key);
        if (!sub.ok()) return sub.status();
        if (!sub->has_value()) return json::object();
        json r = **sub;
        json& d = r["delivery"];
        if (!d.is_object()) d = json::object();
        d["lastAttemptAt"] = at;
        d["attempts"] = failures;
        if (delivered) {
          r["cursor"] = std::max(r.value("cursor", std::int64_t{0}), scanned);
          r["lastNotifiedAt"] = at;
          r["minRecordTime"] = at;
          d["delivered"] = d.value("delivered", std::int64_t{0}) + count;
        } else {
          d["lastError"] = error;
        }
        LIENKET_RETURN_IF_ERROR(cx.store().put_json(key, r));
        return json::object();
      });
  if (done && !done->ok())
    host_.log().warn("EPCIS subscription " + key + ": state not stored (" +
                     done->status().message() + "); its batch will be sent again");
  return done && done->ok();
}

}  // namespace lienket::trace
