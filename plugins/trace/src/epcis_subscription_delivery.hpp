// The delivery of EPCIS query subscriptions (epcis_subscription.hpp): a thread of the plugin's own
// (never the node's) that, every kPollMs (kIdlePollMs while there is none), reads in one
// HostContext::run which subscriptions have something to send (a stream's matches after its cursor;
// a schedule's matches since its last report, once one of its times has come on the node's clock),
// POSTs each batch (at most kBatch events) as an EPCISQueryDocument to its dest
// (epcis_subscription_webhook.hpp), and only after a 2xx moves the subscription's durable cursor,
// in a transaction of its own. A failed POST is retried with exponential back-off (kFirstBackoffMs
// doubling up to kMaxBackoffMs), and recorded in the subscription's delivery state; nothing after
// the cursor is lost, whatever the receiver or the node does (at least once: a crash between a 2xx
// and the cursor's write sends that batch again). After a restart delivery resumes from the stored
// cursors.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "epcis_subscription_webhook.hpp"
#include "lienket/context.hpp"

namespace lienket::trace {

class SubscriptionDelivery {
 public:
  static constexpr std::int64_t kPollMs = 200;
  static constexpr std::int64_t kIdlePollMs = 1000;  // while there is no subscription
  static constexpr std::int64_t kBatch = 100;
  static constexpr std::int64_t kFirstBackoffMs = 250;
  static constexpr std::int64_t kMaxBackoffMs = 60000;

  // `host` must outlive stop().
  explicit SubscriptionDelivery(HostContext& host);
  ~SubscriptionDelivery();
  SubscriptionDelivery(const SubscriptionDelivery&) = delete;
  SubscriptionDelivery& operator=(const SubscriptionDelivery&) = delete;

  void start();
  // Stops the thread and waits for it (a POST under way ends within its timeout). Idempotent.
  void stop();

 private:
  // What the thread remembers of a subscription between polls (not durable).
  struct Memory {
    bool due = false;           // a schedule's time came and its report is not sent yet
    int failures = 0;           // consecutive failed POSTs
    std::int64_t retry_at = 0;  // steady ms before which no POST is tried
    std::int64_t examined = 0;  // seq up to which nothing after the cursor matches
  };

  void loop();
  bool stopping() const;
  bool pause(std::int64_t ms);
  std::optional<Result<nlohmann::json>> await(HostContext::Work work);
  void deliver(const nlohmann::json& job, std::int64_t now_ms);
  bool record_outcome(const std::string& key, const nlohmann::json& job,
                      const WebhookAnswer& answer, std::int64_t now_ms);

  HostContext& host_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
  std::map<std::string, Memory> memory_;  // by subscription key; the thread's alone
  std::int64_t last_poll_ms_ = 0;         // node clock at the previous poll
};

}  // namespace lienket::trace
