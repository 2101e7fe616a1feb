#include "dispatcher.hpp"

#include <exception>

#include "command_context.hpp"
#include "envelope.hpp"
#include "lienket/time.hpp"
#include "lienket/util/utf8.hpp"
#include "visibility.hpp"

namespace lienket::core {

namespace {

constexpr int kMaxCallDepth = 8;
// A guard against subscribers that keep answering events with more events.
constexpr std::size_t kMaxEventsPerCommand = 100000;

// Runs `fn` under a savepoint of its own; keeps its writes only when it succeeds.
template <typename Fn>
auto guarded(Transaction& txn, Fn&& fn) -> decltype(fn()) {
  txn.savepoint();
  auto result = fn();
  if (result.ok())
    txn.release();
  else
    txn.rollback();
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
auto shielded(const LoadedPlugin& p, spdlog::logger& log, Watchdog* watchdog,
              const std::string& what, Fn&& fn) -> decltype(fn()) {
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
Result<nlohmann::json> checked_json(const LoadedPlugin& p, spdlog::logger& log,
                                    nlohmann::json result) {
  if (!util::strings_are_utf8(result)) {
    log.error("plugin {} returned invalid JSON: a string that is not UTF-8", p.info.name);
    return Status::Internal("plugin " + p.info.name + " returned invalid JSON");
  }
  return result;
}

}  // namespace

Status CommandContext::emit(std::string_view type, const nlohmann::json& data) {
  if (read_only_)
    return Status::Internal("a message declared read_only emitted " + std::string(type));
  const EventSpec* spec = nullptr;
  for (const auto& e : plugin_.info.events) spec = e.type == type ? &e : spec;
  if (!spec)
    return Status::Internal("plugin " + plugin_.info.name + " emitted " + std::string(type) +
                            ", which its contract does not declare");
  auto e = log_.append(txn_, std::string(type), authority_.as, format_time(now_ms_), data);
  return e.ok() ? Status::Ok() : e.status();
}

namespace {

Request nested(std::string_view type, const nlohmann::json& body, const Authority& a) {
  Request r;
  r.id = "nested";
  r.type = std::string(type);
  r.as = a.as;
  r.admin = a.admin;
  r.plugin = a.plugin;
  r.body = body.is_object() ? body : nlohmann::json::object();
  return r;
}

}  // namespace

Result<nlohmann::json> CommandContext::call(std::string_view type, const nlohmann::json& body) {
  return dispatcher_.call(txn_, nested(type, body, authority_), depth_ + 1);
}

Result<nlohmann::json> CommandContext::call_for(std::string_view type, std::string_view party,
                                                const nlohmann::json& body) {
  bool declared = false;
  for (const auto& t : plugin_.info.acts_for) declared = declared || t == type;
  if (!declared)
    return Status::PermissionDenied("plugin " + plugin_.info.name +
                                        " does not declare acting for parties in " +
                                        std::string(type),
                                    "as");
  return dispatcher_.call(txn_, nested(type, body, Authority{std::string(party), false, ""}),
                          depth_ + 1);
}

rocksdb::ColumnFamilyHandle* Dispatcher::registry_family() {
  for (auto& p : host_.plugins())
    if (p->info.name == "registry") return p->family;
  return nullptr;
}

// A party sees what it owns; a cooperative union also what the cooperatives (and groups) of its
// province own; an anonymous caller nothing that has owners.
MaySee Dispatcher::viewer(Transaction& txn, const std::string& as) {
  if (as.empty()) return [](const std::vector<std::string>&) { return false; };
  std::string union_province;
  auto me = RegistryView(txn, registry_family()).party(as);
  if (me.ok() && me->value("kind", "") == "cooperative_union")
    union_province = me->value("province", "");
  return [this, &txn, as, union_province](const std::vector<std::string>& owners) {
    for (const auto& o : owners)
      if (o == as) return true;
    if (union_province.empty()) return false;
    RegistryView registry(txn, registry_family());
    for (const auto& o : owners) {
      auto p = registry.party(o);
      if (!p.ok()) continue;
      std::string kind = p->value("kind", "");
      if ((kind == "cooperative" || kind == "cooperative_group") &&
          p->value("province", "") == union_province)
        return true;
    }
    return false;
  };
}

Result<nlohmann::json> Dispatcher::acting_party(Transaction& txn, const std::string& as) {
  RegistryView registry(txn, registry_family());
  auto party = registry.party(as);
  if (party.ok() || party.status().code() != Code::kNotFound) return party;
  return Status::Unauthenticated("acting party " + as + " is not registered", "as");
}

namespace {

bool names(const MessageSpec& spec, std::string_view who) {
  for (const auto& c : spec.callers)
    if (c == who) return true;
  return false;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

// MessageSpec::callers: "anyone"; a plugin's own work needs "plugin"; an admin (acting for nobody)
// needs "admin"; a party needs "party" or its kind.
Status Dispatcher::check_caller(Transaction& txn, const MessageSpec& spec, const Request& r) {
  if (!r.as.empty()) {
    auto party = acting_party(txn, r.as);
    if (!party.ok()) return party.status();
    if (names(spec, callers::kAnyone) || names(spec, callers::kParty)) return Status::Ok();
    std::string kind = party->value("kind", "");
    if (names(spec, kind)) return Status::Ok();
    return Status::PermissionDenied(
        r.type + " may be sent by " + joined(spec.callers) + "; " + r.as + " is a " + kind, "as");
  }
  if (names(spec, callers::kAnyone)) return Status::Ok();
  if (!r.plugin.empty()) {
    if (names(spec, callers::kPlugin)) return Status::Ok();
    return Status::PermissionDenied(r.type + " may be sent by " + joined(spec.callers) +
                                        ", not by plugin " + r.plugin + " on its own",
                                    "as");
  }
  if (r.admin && names(spec, callers::kAdmin)) return Status::Ok();
  // An admin, or a client that names nobody, has not said which party acts.
  return Status::Unauthenticated(
      r.type + " is sent by " + joined(spec.callers) + ": it needs the acting party in \"as\"",
      "as");
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
  auto result = call(txn, r, 0);
  if (!result.ok()) return fail(result.status());
  auto reply = reply_ok(r.id, std::move(*result));
  if (!r.idempotency_key.empty())
    if (auto st = idempotency_.record(txn, r, reply); !st.ok()) return fail(st);
  txn.release();
  return reply;
}

Result<nlohmann::json> Dispatcher::call(Transaction& txn, const Request& r, int depth) {
  if (depth > kMaxCallDepth)
    return Status::FailedPrecondition("nested calls deeper than " + std::to_string(kMaxCallDepth));
  auto route = host_.route(r.type);
  if (!route.plugin) return Status::UnknownType("unknown message type " + r.type);
  LoadedPlugin& p = *route.plugin;
  if (!p.quarantined.empty()) return Status::Unavailable(p.quarantined + "; it is quarantined");
  if (auto st = check_caller(txn, *route.spec, r); !st.ok()) return st;
  std::size_t first_event = txn.events().size();
  Authority authority{r.as, r.admin, r.plugin};
  return guarded(txn, [&]() -> Result<nlohmann::json> {
    CommandContext cx(*this, log_, txn, p, registry_family(), authority, clock_.now_ms(), depth,
                      route.spec->read_only);
    auto result = shielded(p, node_log_, watchdog_, r.type,
                           [&]() -> Result<nlohmann::json> { return route.spec->handler(r, cx); });
    if (result.ok() && depth == 0) result = checked_json(p, node_log_, std::move(*result));
    // What a party may read is declared in the result schema (visibility.hpp); plugins read in
    // full through nested calls, so only what leaves the node is filtered.
    if (result.ok() && depth == 0 && route.spec->read_only && !r.admin && r.plugin.empty())
      if (auto st = filter_visible(route.spec->result.json(), *result, viewer(txn, r.as)); !st.ok())
        return st;
    // Nested calls' events are delivered once, by the outermost call.
    if (result.ok() && depth == 0)
      if (auto st = deliver_events(txn, first_event, authority); !st.ok()) return st;
    return result;
  });
}

namespace {

bool wants(const LoadedPlugin& p, const Event& event, Delivery delivery) {
  for (const auto& s : p.info.subscriptions)
    if (s.delivery == delivery &&
        (event.type == s.prefix ||
         (!s.prefix.empty() && s.prefix.back() == '.' && event.type.rfind(s.prefix, 0) == 0) ||
         s.prefix.empty()))
      return true;
  return false;
}

}  // namespace

// Required subscribers act with the authority of the command that caused the event.
Status Dispatcher::deliver_events(Transaction& txn, std::size_t from, const Authority& authority) {
  for (std::size_t i = from; i < txn.events().size(); ++i) {
    if (i - from >= kMaxEventsPerCommand)
      return Status::FailedPrecondition("a command caused more than " +
                                        std::to_string(kMaxEventsPerCommand) + " events");
    bool wanted = false;
    for (auto& p : host_.plugins())
      wanted =
          wanted || (p->quarantined.empty() && wants(*p, txn.events()[i], Delivery::kRequired));
    if (!wanted) continue;                // most events have no required subscriber: no copy
    const Event event = txn.events()[i];  // a copy: subscribers may append and reallocate
    for (auto& p : host_.plugins()) {
      if (!p->quarantined.empty() || !wants(*p, event, Delivery::kRequired)) continue;
      auto st = guarded(txn, [&]() -> Status {
        CommandContext cx(*this, log_, txn, *p, registry_family(), authority, clock_.now_ms(), 1);
        return shielded(*p, node_log_, watchdog_, "on_event " + event.type,
                        [&]() -> Status { return p->plugin->on_event(event, cx); });
      });
      if (!st.ok()) {
        node_log_.warn("plugin {} refused event {} #{}: {}", p->info.name, event.type, event.seq,
                       st.message());
        return Status(st.code(),
                      p->info.name + " could not record " + event.type + ": " + st.message(),
                      st.field());
      }
    }
  }
  return Status::Ok();
}

Status Dispatcher::deliver_one(Transaction& txn, LoadedPlugin& p, const Event& event) {
  if (!p.quarantined.empty()) return Status::Unavailable(p.quarantined + "; it is quarantined");
  std::size_t first_event = txn.events().size();
  Authority own{"", false, p.info.name};
  return guarded(txn, [&]() -> Status {
    CommandContext cx(*this, log_, txn, p, registry_family(), own, clock_.now_ms(), 0);
    auto st = shielded(p, node_log_, watchdog_, "on_event " + event.type,
                       [&]() -> Status { return p.plugin->on_event(event, cx); });
    return st.ok() ? deliver_events(txn, first_event, own) : st;
  });
}

Result<nlohmann::json> Dispatcher::run_work(Transaction& txn, LoadedPlugin& p,
                                            const HostContext::Work& work) {
  if (!p.quarantined.empty()) return Status::Unavailable(p.quarantined + "; it is quarantined");
  std::size_t first_event = txn.events().size();
  Authority own{"", false, p.info.name};
  return guarded(txn, [&]() -> Result<nlohmann::json> {
    CommandContext cx(*this, log_, txn, p, registry_family(), own, clock_.now_ms(), 0);
    auto result = shielded(p, node_log_, watchdog_, "its own work (HostContext::run)",
                           [&]() -> Result<nlohmann::json> { return work(cx); });
    if (result.ok())
      if (auto st = deliver_events(txn, first_event, own); !st.ok()) return st;
    return result;
  });
}

void Dispatcher::tick(Transaction& txn) {
  for (auto& p : host_.plugins()) {
    if (!p->quarantined.empty()) continue;
    std::size_t first_event = txn.events().size();
    Authority own{"", false, p->info.name};
    auto st = guarded(txn, [&]() -> Status {
      CommandContext cx(*this, log_, txn, *p, registry_family(), own, clock_.now_ms(), 0);
      auto s = shielded(*p, node_log_, watchdog_, "on_tick",
                        [&]() -> Status { return p->plugin->on_tick(cx); });
      return s.ok() ? deliver_events(txn, first_event, own) : s;
    });
    if (!st.ok()) node_log_.warn("plugin {} tick failed: {}", p->info.name, st.message());
  }
}

void Dispatcher::notify(Transaction& scratch, const std::vector<Event>& published) {
  for (auto& p : host_.plugins()) {
    if (!p->quarantined.empty()) continue;
    const Event* last = nullptr;
    for (const auto& e : published)
      if (wants(*p, e, Delivery::kNotify)) last = &e;
    if (!last) continue;
    Authority own{"", false, p->info.name};
    CommandContext cx(*this, log_, scratch, *p, registry_family(), own, clock_.now_ms(), 0,
                      /*read_only=*/true);
    auto st = shielded(*p, node_log_, watchdog_, "on_event " + last->type,
                       [&]() -> Status { return p->plugin->on_event(*last, cx); });
    if (!st.ok())
      node_log_.warn("plugin {} failed a wake-up for {} #{}: {}", p->info.name, last->type,
                     last->seq, st.message());
  }
}

}  // namespace lienket::core
