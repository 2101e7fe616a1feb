// The connector runtime (include/lienket/connector.hpp). The worker thread is the only writer of
// the runtime's keys apart from deadletter.replay, which only flags entries; every write goes
// through HostContext::run, so it shares the node's transactions and durability.
// The work handed to run() refers to the worker's stack: that is safe because the worker waits for
// every answer, and gives up waiting only when stopping, which the node does only after its loop
// has ended and its queue refused whatever was left (Plugin::shutdown comes after both).
#include "lienket/connector.hpp"
#include "lienket/schema.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "lienket/fields.hpp"
#include "lienket/time.hpp"

namespace lienket {

namespace {

using nlohmann::json;

// The runtime's keys in the connector's namespace; a connector's own keys must not start with "~".
constexpr std::string_view kStateKey = "~rt/state";
constexpr std::string_view kDeadPrefix = "~rt/dl/";
constexpr std::int64_t kPage = 100;
constexpr std::size_t kReplayBatch = 100;

std::string dead_key(std::uint64_t seq) { return std::string(kDeadPrefix) + key_number(seq); }

Event event_from_json(const json& j) {
  Event e;
  e.seq = j.value("seq", std::uint64_t{0});
  e.type = j.value("type", "");
  e.at = j.value("at", "");
  e.by = j.value("by", "");
  e.data = j.value("data", json::object());
  return e;
}

json event_to_json(const Event& e) {
  return {{"seq", e.seq}, {"type", e.type}, {"at", e.at}, {"by", e.by}, {"data", e.data}};
}

json status_json(const Status& st) {
  return {{"code", code_name(st.code())}, {"message", st.message()}};
}

// The durable part of the runtime's state.
struct State {
  std::uint64_t cursor = 0;
  std::int64_t delivered = 0;
  std::int64_t dead_letters = 0;
  json last_success_at = nullptr;
  json last_error = nullptr;  // {code, message, seq, at}

  static State from(const json& j) {
    State s;
    s.cursor = j.value("cursor", std::uint64_t{0});
    s.delivered = j.value("delivered", std::int64_t{0});
    s.dead_letters = j.value("dead_letters", std::int64_t{0});
    s.last_success_at = j.value("last_success_at", json());
    s.last_error = j.value("last_error", json());
    return s;
  }
  json to_json() const {
    return {{"cursor", cursor},
            {"delivered", delivered},
            {"dead_letters", dead_letters},
            {"last_success_at", last_success_at},
            {"last_error", last_error}};
  }
};

Result<State> load_state(Context& cx) {
  auto j = cx.store().get_json(kStateKey);
  if (!j.ok()) return j.status();
  return j->has_value() ? State::from(**j) : State{};
}

}  // namespace

Result<DeliverySettings> DeliverySettings::parse(const json& delivery) {
  DeliverySettings s;
  Fields f(delivery, "delivery");
  f.only({"topics", "max_attempts", "backoff_first_ms", "backoff_max_ms", "idle_poll_ms", "start"});
  s.topics = f.str_list("topics", 50);
  s.max_attempts =
      static_cast<int>(f.opt_integer("max_attempts", 1, 1000).value_or(s.max_attempts));
  s.backoff_first_ms = f.opt_integer("backoff_first_ms", 1, 3600000).value_or(s.backoff_first_ms);
  s.backoff_max_ms = f.opt_integer("backoff_max_ms", 1, 24 * 3600000LL).value_or(s.backoff_max_ms);
  s.idle_poll_ms = f.opt_integer("idle_poll_ms", 10, 3600000).value_or(s.idle_poll_ms);
  auto start = f.opt_str("start", 16).value_or("beginning");
  if (f.ok() && start != "beginning" && start != "end")
    f.fail("start", "must be \"beginning\" or \"end\"");
  if (f.ok() && s.backoff_max_ms < s.backoff_first_ms)
    f.fail("backoff_max_ms", "must not be below backoff_first_ms");
  if (!f.ok()) return f.status();
  s.start_at_end = start == "end";
  return s;
}

// The thread that moves events from the log to deliver(). `health_` is what status reports beside
// the durable state: what the worker is doing right now.
class Connector::Worker {
 public:
  explicit Worker(Connector& c) : c_(c), rng_(std::random_device{}()) {}
  ~Worker() { stop(); }

  void start() {
    thread_ = std::thread([this] { loop(); });
  }
  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  void wake() {
    {
      std::lock_guard lock(mu_);
      woken_ = true;
    }
    cv_.notify_all();
  }
  json health() const {
    std::lock_guard lock(mu_);
    return health_;
  }

 private:
  enum class Outcome { kDelivered, kDeadLetter, kStopped };
  struct Attempt {
    Outcome outcome;
    int attempts = 0;
    Status last;
  };

  bool stopping() const {
    std::lock_guard lock(mu_);
    return stopping_;
  }
  void set_health(const char* state, std::uint64_t seq = 0, int attempts = 0) {
    std::lock_guard lock(mu_);
    health_["state"] = state;
    health_["seq"] = seq ? json(seq) : json();
    health_["attempts"] = attempts;
  }
  // Sleeps up to `ms`; returns early (true) when stopping.
  bool pause(std::int64_t ms, bool wake_on_event = false) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(ms),
                 [&] { return stopping_ || (wake_on_event && woken_); });
    if (wake_on_event) woken_ = false;
    return stopping_;
  }

  // Waits for the node's answer, giving up when stopping (the node resolves everything on close).
  template <typename T>
  std::optional<T> await(std::future<T> f) {
    while (f.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
      if (stopping()) return std::nullopt;
    return f.get();
  }

  std::int64_t backoff(int failures) {
    const auto& s = c_.settings_;
    std::int64_t d = s.backoff_first_ms;
    for (int i = 1; i < failures && d < s.backoff_max_ms; ++i) d *= 2;
    d = std::min(d, s.backoff_max_ms);
    std::uniform_int_distribution<std::int64_t> jitter(d / 2, d);  // spreads retries of many nodes
    return jitter(rng_);
  }

  bool wanted(const Event& e) const {
    const auto& topics = c_.settings_.topics;
    if (topics.empty()) return true;
    return std::any_of(topics.begin(), topics.end(),
                       [&](const std::string& t) { return e.type.rfind(t, 0) == 0; });
  }

  Status call_deliver(const Event& e) {
    try {
      return c_.deliver(e);
    } catch (const std::exception& ex) {
      return Status::Internal(std::string("deliver threw: ") + ex.what());
    } catch (...) {
      return Status::Internal("deliver threw");
    }
  }

  // Tries one event until it is delivered, must be dead-lettered, or the worker stops.
  Attempt attempt(const Event& e) {
    Attempt a{Outcome::kStopped, 0, Status::Ok()};
    while (!stopping()) {
      set_health("delivering", e.seq, a.attempts);
      a.last = call_deliver(e);
      ++a.attempts;
      if (a.last.ok()) return a.outcome = Outcome::kDelivered, a;
      remember_error(e, a.last);
      bool transient = a.last.code() == Code::kUnavailable;
      if (!transient || a.attempts >= c_.settings_.max_attempts) {
        c_.host().log().error("event " + std::to_string(e.seq) + " (" + e.type +
                              ") goes to the dead letters after " + std::to_string(a.attempts) +
                              " attempt(s): " + a.last.message());
        return a.outcome = Outcome::kDeadLetter, a;
      }
      c_.host().log().warn("event " + std::to_string(e.seq) + " not delivered (attempt " +
                           std::to_string(a.attempts) + "): " + a.last.message());
      set_health("retrying", e.seq, a.attempts);
      if (pause(backoff(a.attempts))) break;
    }
    a.outcome = Outcome::kStopped;
    return a;
  }

  void remember_error(const Event& e, const Status& st) {
    std::lock_guard lock(mu_);
    health_["last_error"] = status_json(st);
    health_["last_error"]["seq"] = e.seq;
    health_["last_error"]["at"] = format_time(c_.host().clock().now_ms());
  }

  // Runs `work` durably, retrying while the node is busy; false when stopping.
  bool commit(const HostContext::Work& work) {
    for (int failures = 1; !stopping(); ++failures) {
      auto r = await(c_.host().run(work));
      if (!r) return false;
      if (r->ok()) return true;
      c_.host().log().error("connector state not stored: " + r->status().message());
      if (pause(backoff(failures))) return false;
    }
    return false;
  }

  // The cursor to start from: the stored one, or (first start) the beginning or the end of the log.
  std::optional<std::uint64_t> load_cursor() {
    std::uint64_t cursor = 0;
    bool at_end = c_.settings_.start_at_end;
    bool ok = commit([&](Context& cx) -> Result<json> {
      auto state = cx.store().get_json(kStateKey);
      if (!state.ok()) return state.status();
      if (state->has_value()) {
        cursor = State::from(**state).cursor;
        return json::object();
      }
      State fresh;
      if (at_end) {
        auto page = cx.call("events.since", {{"after_seq", 0}, {"limit", 1}});
        if (!page.ok()) return page.status();
        fresh.cursor = (*page)["last_seq"].get<std::uint64_t>();
      }
      cursor = fresh.cursor;
      LIENKET_RETURN_IF_ERROR(cx.store().put_json(kStateKey, fresh.to_json()));
      return json::object();
    });
    if (!ok) return std::nullopt;
    return cursor;
  }

  // Moves the cursor to `seq` and records what happened to the event there (if any).
  bool advance(std::uint64_t seq, const Event* e, const Attempt* a) {
    std::string now = format_time(c_.host().clock().now_ms());
    return commit([&](Context& cx) -> Result<json> {
      auto state = load_state(cx);
      if (!state.ok()) return state.status();
      state->cursor = std::max(state->cursor, seq);
      if (e && a && a->outcome == Outcome::kDelivered) {
        ++state->delivered;
        state->last_success_at = now;
      }
      if (e && a && a->outcome == Outcome::kDeadLetter) {
        json entry = {{"event", event_to_json(*e)},
                      {"attempts", a->attempts},
                      {"error", status_json(a->last)},
                      {"at", now},
                      {"replay", false}};
        LIENKET_RETURN_IF_ERROR(cx.store().put_json(dead_key(e->seq), entry));
        ++state->dead_letters;
        state->last_error = status_json(a->last);
        state->last_error["seq"] = e->seq;
        state->last_error["at"] = now;
      }
      LIENKET_RETURN_IF_ERROR(cx.store().put_json(kStateKey, state->to_json()));
      return json::object();
    });
  }

  struct Page {
    std::vector<Event> events;
    std::uint64_t next_after = 0;
  };
  // The next page of the log after `cursor`; nullopt when stopping or when the node refused.
  std::optional<Page> fetch(std::uint64_t cursor) {
    Request r;
    r.id = "connector-" + c_.name_;
    r.type = "events.since";
    r.body = {{"after_seq", cursor}, {"limit", kPage}};
    if (c_.settings_.topics.size() == 1) r.body["topic_prefix"] = c_.settings_.topics.front();
    auto reply = await(c_.host().submit(std::move(r)));
    if (!reply || !reply->value("ok", false)) {
      if (reply) c_.host().log().warn("connector cannot read the event log: " + reply->dump());
      return std::nullopt;
    }
    Page page;
    page.next_after = (*reply)["result"]["next_after"].get<std::uint64_t>();
    for (const auto& e : (*reply)["result"]["events"]) page.events.push_back(event_from_json(e));
    return page;
  }

  // Delivers the dead letters an operator asked to replay; a failure puts them back, unflagged.
  void replay_flagged() {
    std::vector<json> flagged;
    commit([&](Context& cx) -> Result<json> {
      flagged.clear();
      auto st = cx.store().scan(kDeadPrefix, "", [&](std::string_view, std::string_view v) {
        auto j = json::parse(v, nullptr, false);
        if (j.is_object() && j.value("replay", false)) flagged.push_back(std::move(j));
        return flagged.size() < kReplayBatch;
      });
      if (!st.ok()) return st;
      return json::object();
    });
    for (auto& entry : flagged) {
      Event e = event_from_json(entry["event"]);
      auto a = attempt(e);
      if (a.outcome == Outcome::kStopped) return;
      std::string now = format_time(c_.host().clock().now_ms());
      commit([&](Context& cx) -> Result<json> {
        auto state = load_state(cx);
        if (!state.ok()) return state.status();
        if (a.outcome == Outcome::kDelivered) {
          LIENKET_RETURN_IF_ERROR(cx.store().erase(dead_key(e.seq)));
          --state->dead_letters;
          ++state->delivered;
          state->last_success_at = now;
        } else {
          entry["attempts"] = entry.value("attempts", 0) + a.attempts;
          entry["error"] = status_json(a.last);
          entry["at"] = now;
          entry["replay"] = false;
          LIENKET_RETURN_IF_ERROR(cx.store().put_json(dead_key(e.seq), entry));
        }
        LIENKET_RETURN_IF_ERROR(cx.store().put_json(kStateKey, state->to_json()));
        return json::object();
      });
    }
  }

  void loop() {
    set_health("starting");
    auto cursor = load_cursor();
    if (!cursor) return set_health("stopped");
    while (!stopping()) {
      replay_flagged();
      set_health("reading");
      auto page = fetch(*cursor);
      if (!page) {
        if (pause(c_.settings_.backoff_first_ms)) break;
        continue;
      }
      if (!drain(*page, *cursor)) break;
      if (page->events.empty() && page->next_after == *cursor) {
        set_health("idle");
        if (pause(c_.settings_.idle_poll_ms, /*wake_on_event=*/true)) break;
      }
    }
    set_health("stopped");
  }

  // Delivers one page; the cursor ends after the page (skipped events included). False: stopping.
  bool drain(const Page& page, std::uint64_t& cursor) {
    for (const auto& e : page.events) {
      if (!wanted(e)) continue;
      auto a = attempt(e);
      if (a.outcome == Outcome::kStopped) return false;
      if (!advance(e.seq, &e, &a)) return false;
      cursor = e.seq;
    }
    if (page.next_after > cursor) {
      if (!advance(page.next_after, nullptr, nullptr)) return false;
      cursor = page.next_after;
    }
    return true;
  }

  Connector& c_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  json health_ = {
      {"state", "starting"}, {"seq", nullptr}, {"attempts", 0}, {"last_error", nullptr}};
  std::mt19937_64 rng_;
  std::thread thread_;
};

Connector::Connector(std::string name, std::string version)
    : name_(std::move(name)), version_(std::move(version)) {}
Connector::~Connector() { shutdown(); }

PluginInfo Connector::info() const {
  using namespace schema;
  auto* self = const_cast<Connector*>(this);  // bound handlers; the plugin outlives them
  std::string base = "connector." + name_ + ".";
  Schema dead = object({{"event", open_object()},
                        {"attempts", integer()},
                        {"error", open_object()},
                        {"at", timestamp()},
                        {"replay", boolean()},
                        {"seq", integer()},
                        {"type", string(96)}});
  PluginInfo info{name_, version_, {base}, {}, {}, {}, {}, {}};
  info.messages = {
      {base + "status",
       "Cursor, lag, state, last success and last error of this connector.",
       object({}),
       object({{"connector", string(40)},
               {"version", string(40)},
               {"cursor", integer()},
               {"last_seq", integer()},
               {"lag", integer()},
               {"state", string(40)},
               {"current_seq", integer().nullable()},
               {"attempts", integer()},
               {"delivered", integer()},
               {"dead_letters", integer()},
               {"last_success_at", any()},
               {"last_error", any()},
               {"topics", array(string(96))}}),
       {callers::kAdmin, callers::kPlugin},
       true,
       [self](const Request& r, Context& cx) { return self->status(r, cx); }},
      {base + "deadletter.list",
       "The events this connector gave up on, oldest first.",
       object({{"limit", integer(1, 1000).optional()},
               {"after_seq", integer(0, INT64_MAX).optional()}}),
       object({{"dead_letters", array(dead)}, {"next_after_seq", integer().optional()}}),
       {callers::kAdmin},
       true,
       [self](const Request& r, Context& cx) { return self->dead_letters(r, cx); }},
      {base + "deadletter.replay",
       "Delivers dead letters again (the given seqs, or all), after later events.",
       object({{"seqs", array(integer(1, INT64_MAX), 1000).optional()}}),
       object({{"replaying", integer()}}),
       {callers::kAdmin},
       false,
       [self](const Request& r, Context& cx) { return self->replay(r, cx); }},
  };
  for (auto& m : connector_messages()) info.messages.push_back(std::move(m));
  info.events = connector_events();
  info.acts_for = connector_acts_for();
  info.routes = connector_routes();
  // An event only wakes the worker, which reads the log itself: a wake-up per batch, after it is
  // durable, never a call inside a command (which cost a savepoint per event per connector).
  info.subscriptions = {{"", Delivery::kNotify}};
  return info;
}

Status Connector::configure(const json& config, HostContext& host) {
  host_ = &host;
  if (!config.is_object()) return Status::InvalidArgument("must be an object");
  // Opt-in: every connector in the plugin directories is loaded, but only those given a config
  // section run (a connector with every default says {"delivery": {}}).
  if (config.empty()) {
    host.log().info("connector " + name_ + " is disabled (no config section)");
    return Status::Ok();
  }
  auto settings = DeliverySettings::parse(config.value("delivery", json::object()));
  if (!settings.ok()) return settings.status();
  settings_ = std::move(*settings);
  json own = config;
  own.erase("delivery");
  LIENKET_RETURN_IF_ERROR(configure_connector(own, host));
  worker_ = std::make_unique<Worker>(*this);
  worker_->start();
  return Status::Ok();
}

Status Connector::on_event(const Event&, Context&) {
  if (worker_) worker_->wake();
  return Status::Ok();
}

void Connector::shutdown() {
  bool started = worker_ != nullptr;
  if (worker_) worker_->stop();
  worker_.reset();
  if (host_ && started) stop_connector();
  host_ = nullptr;
}

Result<json> Connector::status(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({});
  if (!f.ok()) return f.status();
  auto state = load_state(cx);
  if (!state.ok()) return state.status();
  auto page = cx.call("events.since", {{"after_seq", state->cursor}, {"limit", 1}});
  if (!page.ok()) return page.status();
  auto last = (*page)["last_seq"].get<std::uint64_t>();
  json health =
      worker_ ? worker_->health() : json{{"state", "disabled"}, {"seq", nullptr}, {"attempts", 0}};
  json last_error = health.value("last_error", json());
  if (last_error.is_null()) last_error = state->last_error;
  return json{{"connector", name_},
              {"version", version_},
              {"cursor", state->cursor},
              {"last_seq", last},
              {"lag", last > state->cursor ? last - state->cursor : 0},
              {"state", health["state"]},
              {"current_seq", health["seq"]},
              {"attempts", health["attempts"]},
              {"delivered", state->delivered},
              {"dead_letters", state->dead_letters},
              {"last_success_at", state->last_success_at},
              {"last_error", last_error},
              {"topics", settings_.topics}};
}

Result<json> Connector::dead_letters(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"limit", "after_seq"});
  auto limit = f.opt_integer("limit", 1, 1000).value_or(100);
  auto after = f.opt_integer("after_seq", 0, INT64_MAX);
  if (!f.ok()) return f.status();
  json list = json::array();
  std::string from = after ? dead_key(static_cast<std::uint64_t>(*after)) : "";
  Status inner;
  auto st = cx.store().scan(kDeadPrefix, from, [&](std::string_view, std::string_view v) {
    auto entry = json::parse(v, nullptr, false);
    if (entry.is_discarded()) return inner = Status::Internal("corrupt dead letter"), false;
    entry["seq"] = entry["event"]["seq"];
    entry["type"] = entry["event"]["type"];
    list.push_back(std::move(entry));
    return static_cast<std::int64_t>(list.size()) < limit;
  });
  LIENKET_RETURN_IF_ERROR(st);
  LIENKET_RETURN_IF_ERROR(inner);
  json out = {{"dead_letters", list}};
  if (static_cast<std::int64_t>(list.size()) == limit) out["next_after_seq"] = list.back()["seq"];
  return out;
}

Result<json> Connector::replay(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"seqs"});
  std::vector<std::uint64_t> seqs;
  if (f.has("seqs")) {
    const auto& arr = r.body["seqs"];
    if (!arr.is_array() || arr.size() > 1000)
      return Status::InvalidArgument("must be a list of up to 1000 event seqs", "body.seqs");
    for (const auto& s : arr) {
      if (!s.is_number_unsigned())
        return Status::InvalidArgument("must be a list of event seqs", "body.seqs");
      seqs.push_back(s.get<std::uint64_t>());
    }
  }
  if (!f.ok()) return f.status();
  std::vector<std::string> keys;
  if (f.has("seqs")) {
    for (auto s : seqs) {
      auto entry = cx.store().get(dead_key(s));
      if (!entry.ok()) return entry.status();
      if (!entry->has_value())
        return Status::NotFound("event " + std::to_string(s) + " is not a dead letter",
                                "body.seqs");
      keys.push_back(dead_key(s));
    }
  } else {
    LIENKET_RETURN_IF_ERROR(
        cx.store().scan(kDeadPrefix, "", [&](std::string_view k, std::string_view) {
          keys.emplace_back(k);
          return keys.size() < 100000;
        }));
  }
  for (const auto& k : keys) {
    auto entry = cx.store().get_json(k);
    if (!entry.ok()) return entry.status();
    (**entry)["replay"] = true;
    LIENKET_RETURN_IF_ERROR(cx.store().put_json(k, **entry));
  }
  if (worker_) worker_->wake();
  return json{{"replaying", keys.size()}};
}

}  // namespace lienket
