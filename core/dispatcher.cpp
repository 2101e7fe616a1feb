#include "dispatcher.hpp"

#include <exception>

#include "command_context.hpp"
#include "envelope.hpp"
#include "lienket/time.hpp"

namespace lienket::core {

namespace {

constexpr int kMaxCallDepth = 8;
// A guard against subscribers that keep answering events with more events.
constexpr std::size_t kMaxEventsPerCommand = 100000;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Runs `fn` under a savepoint of its own; keeps its writes only when it succeeds.
template <typename Fn>
auto guarded(Transaction& txn, Fn&& fn) -> decltype(fn()) {
  txn.savepoint();
  auto result = fn();
  if (result.ok()) txn.release();
  else txn.rollback();
  return result;
}

// Times a plugin call for the watchdog, whatever way the call ends.
class Timed {
 public:
  Timed(Watchdog* w, const std::string& plugin, const std::string& what) : w_(w) {
    if (w_) w_->enter(plugin, what);
  }
  ~Timed() {
    if (w_) w_->leave();
  }
  Timed(const Timed&) = delete;
  Timed& operator=(const Timed&) = delete;

 private:
  Watchdog* w_;
};

// Calls into a plugin, timed by the watchdog, turning anything it throws into an `internal` error.
template <typename Fn>
auto shielded(const LoadedPlugin& p, spdlog::logger& log, Watchdog* watchdog, const std::string& what, Fn&& fn)
    -> decltype(fn()) {
  Timed timed(watchdog, p.info.name, what);
  try {
    return fn();
  } catch (const std::exception& e) {
    log.error("plugin {} threw: {}", p.info.name, e.what());
    return Status::Internal("plugin " + p.info.name + " failed: " + e.what());
  } catch (...) {
    log.error("plugin {} threw a non-standard exception", p.info.name);
    return Status::Internal("plugin " + p.info.name + " failed");
  }
}

// A plugin's result must be JSON that can go on the wire (valid UTF-8 in every string); anything
// else is the plugin's fault and becomes an `internal` error, not a mangled reply.
Result<nlohmann::json> checked_json(const LoadedPlugin& p, spdlog::logger& log, nlohmann::json result) {
  try {
    (void)result.dump();
  } catch (const nlohmann::json::exception& e) {
    log.error("plugin {} returned invalid JSON: {}", p.info.name, e.what());
    return Status::Internal("plugin " + p.info.name + " returned invalid JSON");
  }
  return result;
}

}  // namespace

Status CommandContext::emit(std::string_view type, const nlohmann::json& data) {
  bool own = false;
  for (const auto& p : plugin_.info.prefixes) own = own || (starts_with(type, p) && type.size() > p.size());
  if (!own) return Status::Internal("plugin " + plugin_.info.name + " may not emit event type " + std::string(type));
  auto e = log_.append(txn_, std::string(type), by_, format_time(now_ms_), data);
  return e.ok() ? Status::Ok() : e.status();
}

Result<nlohmann::json> CommandContext::call(std::string_view type, std::string_view as,
                                            const nlohmann::json& body) {
  Request r;
  r.id = "nested";
  r.type = std::string(type);
  r.as = std::string(as);
  r.body = body.is_object() ? body : nlohmann::json::object();
  return dispatcher_.call(txn_, r, depth_ + 1);
}

rocksdb::ColumnFamilyHandle* Dispatcher::registry_family() {
  for (auto& p : host_.plugins())
    if (p->info.name == "registry") return p->family;
  return nullptr;
}

Status Dispatcher::checked_as(Transaction& txn, const std::string& as) {
  if (as.empty()) return Status::Ok();
  RegistryView registry(txn, registry_family());
  auto party = registry.party(as);
  if (party.ok()) return Status::Ok();
  if (party.status().code() == Code::kNotFound)
    return Status::Unauthenticated("acting party " + as + " is not registered", "as");
  return party.status();
}

nlohmann::json Dispatcher::execute(Transaction& txn, const Request& r) {
  txn.savepoint();
  auto fail = [&](const Status& st) {
    txn.rollback();
    return reply_error(r.id, st);
  };
  if (!r.idempotency_key.empty()) {
    auto earlier = idempotency_.lookup(txn, r);
    if (!earlier.ok()) return fail(earlier.status());
    if (earlier->has_value()) {
      txn.release();
      return **earlier;
    }
  }
  if (auto st = checked_as(txn, r.as); !st.ok()) return fail(st);
  auto result = call(txn, r, 0);
  if (!result.ok()) return fail(result.status());
  auto reply = reply_ok(r.id, std::move(*result));
  if (!r.idempotency_key.empty())
    if (auto st = idempotency_.record(txn, r, reply); !st.ok()) return fail(st);
  txn.release();
  return reply;
}

Result<nlohmann::json> Dispatcher::call(Transaction& txn, const Request& r, int depth) {
  if (depth > kMaxCallDepth) return Status::FailedPrecondition("nested calls deeper than " + std::to_string(kMaxCallDepth));
  LoadedPlugin* p = host_.route(r.type);
  if (!p) return Status::UnknownType("unknown message type " + r.type);
  if (!p->quarantined.empty()) return Status::Unavailable(p->quarantined + "; it is quarantined");
  if (depth > 0)
    if (auto st = checked_as(txn, r.as); !st.ok()) return st;
  std::size_t first_event = txn.events().size();
  return guarded(txn, [&]() -> Result<nlohmann::json> {
    CommandContext cx(*this, log_, txn, *p, registry_family(), r.as, clock_.now_ms(), depth);
    auto result = shielded(*p, node_log_, watchdog_, r.type, [&]() -> Result<nlohmann::json> { return p->plugin->handle(r, cx); });
    if (result.ok()) result = checked_json(*p, node_log_, std::move(*result));
    // Nested calls' events are delivered once, by the outermost call.
    if (result.ok() && depth == 0) deliver_events(txn, first_event);
    return result;
  });
}

void Dispatcher::deliver_events(Transaction& txn, std::size_t from) {
  for (std::size_t i = from; i < txn.events().size() && i - from < kMaxEventsPerCommand; ++i) {
    const Event event = txn.events()[i];  // a copy: subscribers may append and reallocate
    for (auto& p : host_.plugins()) {
      if (!p->quarantined.empty()) continue;
      bool wanted = false;
      for (const auto& s : p->info.subscriptions) wanted = wanted || starts_with(event.type, s);
      if (!wanted) continue;
      auto st = guarded(txn, [&]() -> Status {
        CommandContext cx(*this, log_, txn, *p, registry_family(), event.by, clock_.now_ms(), 1);
        return shielded(*p, node_log_, watchdog_, "on_event " + event.type, [&]() -> Status { return p->plugin->on_event(event, cx); });
      });
      if (!st.ok())
        node_log_.warn("plugin {} refused event {} #{}: {}", p->info.name, event.type, event.seq, st.message());
    }
  }
}

Result<nlohmann::json> Dispatcher::run_work(Transaction& txn, LoadedPlugin& p, const HostContext::Work& work) {
  if (!p.quarantined.empty()) return Status::Unavailable(p.quarantined + "; it is quarantined");
  std::size_t first_event = txn.events().size();
  return guarded(txn, [&]() -> Result<nlohmann::json> {
    CommandContext cx(*this, log_, txn, p, registry_family(), "", clock_.now_ms(), 0);
    auto result = shielded(p, node_log_, watchdog_, "its own work (HostContext::run)", [&]() -> Result<nlohmann::json> { return work(cx); });
    if (result.ok()) deliver_events(txn, first_event);
    return result;
  });
}

void Dispatcher::tick(Transaction& txn) {
  for (auto& p : host_.plugins()) {
    if (!p->quarantined.empty()) continue;
    std::size_t first_event = txn.events().size();
    auto st = guarded(txn, [&]() -> Status {
      CommandContext cx(*this, log_, txn, *p, registry_family(), "", clock_.now_ms(), 0);
      auto s = shielded(*p, node_log_, watchdog_, "on_tick", [&]() -> Status { return p->plugin->on_tick(cx); });
      if (s.ok()) deliver_events(txn, first_event);
      return s;
    });
    if (!st.ok()) node_log_.warn("plugin {} tick failed: {}", p->info.name, st.message());
  }
}

}  // namespace lienket::core
