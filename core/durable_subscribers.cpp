#include "durable_subscribers.hpp"

#include <algorithm>
#include <cstdio>

#include "lienket/time.hpp"

namespace lienket::core {

namespace {

std::string cursor_key(const std::string& plugin) { return "cursor/" + plugin; }
std::string dead_prefix(const std::string& plugin) { return "dead/" + plugin + "/"; }
std::string dead_key(const std::string& plugin, std::uint64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(seq));
  return dead_prefix(plugin) + buf;
}

// 1 s, 2 s, 4 s ... for an `unavailable` subscriber.
std::int64_t backoff_ms(int attempts) { return 1000LL << std::min(attempts - 1, 6); }

nlohmann::json error_json(const Status& st) {
  return {{"code", code_name(st.code())}, {"message", st.message()}, {"field", st.field()}};
}

}  // namespace

bool DurableSubscribers::durable(const LoadedPlugin& p) const {
  return std::any_of(p.info.subscriptions.begin(), p.info.subscriptions.end(),
                     [](const Subscription& s) { return s.delivery == Delivery::kDurable; });
}

bool DurableSubscribers::wanted(const LoadedPlugin& p, const std::string& type) const {
  for (const auto& s : p.info.subscriptions) {
    if (s.delivery != Delivery::kDurable) continue;
    if (s.prefix.empty() || type == s.prefix ||
        (s.prefix.back() == '.' && type.rfind(s.prefix, 0) == 0))
      return true;
  }
  return false;
}

LoadedPlugin* DurableSubscribers::find(const std::string& name) const {
  for (auto& p : host_.plugins())
    if (p->info.name == name && durable(*p)) return p.get();
  return nullptr;
}

Result<std::uint64_t> DurableSubscribers::cursor(Transaction& txn, const std::string& plugin) {
  auto v = txn.get(family_, cursor_key(plugin));
  if (!v.ok()) return v.status();
  return v->has_value() ? std::stoull(**v) : 0;
}

bool DurableSubscribers::pump(Transaction& txn, std::int64_t now) {
  bool more = false;
  for (auto& p : host_.plugins()) {
    if (!durable(*p) || !p->quarantined.empty()) continue;
    auto r = pump_one(txn, *p, now);
    if (r.ok()) more = more || *r;
  }
  return more;
}

Result<bool> DurableSubscribers::pump_one(Transaction& txn, LoadedPlugin& p, std::int64_t now) {
  auto& retry = retries_[p.info.name];
  if (retry.attempts > 0 && now < retry.not_before_ms) return false;
  auto after = cursor(txn, p.info.name);
  if (!after.ok()) return after.status();
  auto page = log_.since(txn, *after, kEventsPerPass, "", kEventsPerPass * 4);
  if (!page.ok()) return page.status();
  std::uint64_t moved_to = *after;
  bool waiting = false;
  for (const auto& e : page->events) {
    if (wanted(p, e.type)) {
      int attempts = retry.seq == e.seq ? retry.attempts + 1 : 1;
      auto st = dispatcher_->deliver_one(txn, p, e);
      if (!st.ok() && st.code() == Code::kUnavailable && attempts < kMaxAttempts) {
        retry = Retry{e.seq, attempts, now + backoff_ms(attempts), st.message()};
        waiting = true;
        break;
      }
      if (!st.ok()) LIENKET_RETURN_IF_ERROR(bury(txn, p.info.name, e, st, attempts));
      retry = Retry{};
    }
    moved_to = e.seq;
  }
  if (!waiting) moved_to = std::max(moved_to, page->next_after);
  if (moved_to != *after)
    LIENKET_RETURN_IF_ERROR(txn.put(family_, cursor_key(p.info.name), std::to_string(moved_to)));
  return !waiting && moved_to < page->last_seq;
}

Status DurableSubscribers::bury(Transaction& txn, const std::string& plugin, const Event& e,
                                const Status& why, int attempts) {
  nlohmann::json dead{
      {"event", EventLog::to_json(e)}, {"error", error_json(why)}, {"attempts", attempts}};
  return txn.put(family_, dead_key(plugin, e.seq), dead.dump());
}

Result<nlohmann::json> DurableSubscribers::status(Transaction& txn) {
  auto last = log_.last_seq(txn);
  if (!last.ok()) return last.status();
  nlohmann::json out = nlohmann::json::array();
  for (auto& p : host_.plugins()) {
    if (!durable(*p)) continue;
    auto c = cursor(txn, p->info.name);
    if (!c.ok()) return c.status();
    std::size_t dead = 0;
    LIENKET_RETURN_IF_ERROR(
        txn.scan(family_, dead_prefix(p->info.name), "", [&](std::string_view, std::string_view) {
          ++dead;
          return true;
        }));
    const auto& r = retries_[p->info.name];
    out.push_back(
        {{"plugin", p->info.name},
         {"cursor", *c},
         {"lag", *last > *c ? *last - *c : 0},
         {"dead_letters", dead},
         {"retrying_seq", r.attempts > 0 ? nlohmann::json(r.seq) : nlohmann::json()},
         {"attempts", r.attempts},
         {"last_error", r.last_error.empty() ? nlohmann::json() : nlohmann::json(r.last_error)}});
  }
  return nlohmann::json{{"subscribers", out}, {"last_seq", *last}};
}

Result<nlohmann::json> DurableSubscribers::dead_letters(Transaction& txn, const std::string& plugin,
                                                        std::size_t limit) {
  if (!find(plugin))
    return Status::NotFound("no durable subscriber named " + plugin, "body.plugin");
  nlohmann::json out = nlohmann::json::array();
  LIENKET_RETURN_IF_ERROR(
      txn.scan(family_, dead_prefix(plugin), "", [&](std::string_view, std::string_view v) {
        out.push_back(nlohmann::json::parse(v));
        return out.size() < limit;
      }));
  return nlohmann::json{{"plugin", plugin}, {"dead_letters", out}};
}

Result<nlohmann::json> DurableSubscribers::replay(Transaction& txn, const std::string& plugin,
                                                  std::uint64_t seq) {
  LoadedPlugin* p = find(plugin);
  if (!p) return Status::NotFound("no durable subscriber named " + plugin, "body.plugin");
  auto v = txn.get(family_, dead_key(plugin, seq));
  if (!v.ok()) return v.status();
  if (!v->has_value())
    return Status::NotFound("no dead letter " + std::to_string(seq) + " for " + plugin, "body.seq");
  auto dead = nlohmann::json::parse(**v);
  auto event = EventLog::from_json(dead["event"].dump());
  if (!event.ok()) return event.status();
  auto st = dispatcher_->deliver_one(txn, *p, *event);
  if (st.ok()) {
    LIENKET_RETURN_IF_ERROR(txn.erase(family_, dead_key(plugin, seq)));
    return nlohmann::json{{"plugin", plugin}, {"seq", seq}, {"delivered", true}};
  }
  dead["error"] = error_json(st);
  dead["attempts"] = dead.value("attempts", 0) + 1;
  LIENKET_RETURN_IF_ERROR(txn.put(family_, dead_key(plugin, seq), dead.dump()));
  return nlohmann::json{
      {"plugin", plugin}, {"seq", seq}, {"delivered", false}, {"error", dead["error"]}};
}

}  // namespace lienket::core
