#include "node.hpp"

#include <algorithm>

#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>

#include <zmq.hpp>

#include "accounts.hpp"
#include "api_tokens.hpp"
#include "clock.hpp"
#include "connector_messages.hpp"
#include "curve_keys.hpp"
#include "database.hpp"
#include "dispatcher.hpp"
#include "durable_subscribers.hpp"
#include "envelope.hpp"
#include "event_log.hpp"
#include "http/gateway.hpp"
#include "idempotency.hpp"
#include "lienket/util/json_text.hpp"
#include "metrics.hpp"
#include "node_messages.hpp"
#include "plugin_host.hpp"
#include "registry.hpp"
#include "submit_queue.hpp"
#include "transaction.hpp"
#include "wal_syncer.hpp"
#include "watchdog.hpp"
#include "zap_handler.hpp"

namespace lienket::core {

namespace {

constexpr int kTickEveryMs = 1000;

class PluginHostContext final : public HostContext {
 public:
  PluginHostContext(const LoadedPlugin& plugin, Clock& clock, std::string data_dir,
                    const std::string& http_url, SubmitQueue& queue)
      : plugin_(plugin),
        clock_(clock),
        log_(*plugin.log),
        data_dir_(std::move(data_dir)),
        http_url_(http_url),
        queue_(queue) {}
  Clock& clock() override { return clock_; }
  Logger& log() override { return log_; }
  std::string data_dir() const override { return data_dir_; }
  std::string http_url() const override { return http_url_; }
  // A plugin's own request acts as the plugin (caller "plugin"), or for a party only where its
  // contract declares that right (PluginInfo::acts_for); never as an admin.
  std::future<nlohmann::json> submit(Request request) override {
    request.admin = false;
    request.plugin = request.as.empty() ? plugin_.info.name : "";
    const auto& rights = plugin_.info.acts_for;
    if (!request.as.empty() &&
        std::find(rights.begin(), rights.end(), request.type) == rights.end()) {
      std::promise<nlohmann::json> refused;
      refused.set_value(reply_error(
          request.id,
          Status::PermissionDenied("plugin " + plugin_.info.name +
                                       " does not declare acting for parties in " + request.type,
                                   "as")));
      return refused.get_future();
    }
    return queue_.push(std::move(request));
  }
  std::future<Result<nlohmann::json>> run(Work work) override {
    return queue_.push(std::move(work), &plugin_);
  }

 private:
  const LoadedPlugin& plugin_;
  Clock& clock_;
  Logger& log_;
  std::string data_dir_;
  const std::string& http_url_;
  SubmitQueue& queue_;
};

// Where one reply goes: back through the ROUTER (with the frames that route it), to a submitter's
// promise, or (for a plugin's own work) to the promise of its outcome.
struct Pending {
  std::vector<zmq::message_t> route;
  std::optional<std::promise<nlohmann::json>> promise;
  nlohmann::json reply;
  std::optional<std::promise<Result<nlohmann::json>>> work_promise;
  Result<nlohmann::json> work_outcome = nlohmann::json();
  // For the request log line and the metrics.
  std::string type, as, via = "socket";
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
};

// A batch's answers and events, held until the writes they may depend on are durable.
struct Answers {
  std::uint64_t needs = 0;  // WalSyncer write number
  std::vector<Pending> pending;
  std::vector<Event> published;
  std::vector<std::string> records;  // each event's stored JSON, "" when it has none
};

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct Node::Impl {
  NodeConfig config;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<Clock> clock;
  ManualClock* manual_clock = nullptr;
  std::unique_ptr<Database> db;
  std::optional<EventLog> events;
  std::optional<Idempotency> idempotency;
  std::unique_ptr<PluginHost> host;
  std::unique_ptr<Dispatcher> dispatcher;
  std::unique_ptr<DurableSubscribers> subscribers;
  bool durable_backlog = true;  // look at start-up for what durable subscribers have not seen
  std::unique_ptr<Watchdog> watchdog;
  std::unique_ptr<Transaction> txn;
  std::unique_ptr<WalSyncer> syncer;  // present under "durability": "sync"
  std::deque<Answers> held;           // waiting for the syncer, in batch order
  SubmitQueue submitted;
  std::vector<std::unique_ptr<PluginHostContext>> host_contexts;
  zmq::context_t zmq{1};
  std::optional<ZapHandler> zap;  // present when CURVE is on
  std::string server_public_key;
  zmq::socket_t router{zmq, zmq::socket_type::router};
  zmq::socket_t pub{zmq, zmq::socket_type::pub};
  std::string request_endpoint, event_endpoint, http_url;
  Metrics metrics;
  std::unique_ptr<http::Gateway> gateway;  // null when "http": {"endpoint": "off"}
  int stop_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  bool tick_requested = false;
  std::int64_t next_tick_ms = 0;

  ~Impl() {
    submitted.close();  // first: HTTP requests waiting on the loop get `unavailable`
    gateway.reset();    // then no route handler runs while plugins shut down
    router.close();
    pub.close();
    zap.reset();
    watchdog.reset();
    if (host) host->shutdown();  // plugins stop their threads before the store goes away
    host_contexts.clear();
    subscribers.reset();
    dispatcher.reset();
    txn.reset();
    host.reset();
    syncer.reset();
    db.reset();
    if (stop_fd >= 0) ::close(stop_fd);
  }

  Status open_store();
  Status load_plugins(const std::string& exe_dir);
  Status bind();
  Status secure();
  Status serve_http();
  std::optional<std::string> party_of_key(const std::string& z85_key);
  Status authorize(Request& r, zmq::message_t& frame) const;
  void run_batch(bool tick_due);
  void take_requests(std::vector<Pending>& out);
  void handle_frames(std::vector<zmq::message_t> frames, std::vector<Pending>& out);
  void finish(std::vector<Pending>& pending);
  void release_settled();
  void refuse(Answers& a, const Status& why);
  void answer(Answers& a);
  void log_request(const Pending& p) const;
  void count(const Pending& p);
};

Status Node::Impl::open_store() {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec)
    return Status::Unavailable("cannot create data_dir " + config.data_dir + ": " + ec.message());
  auto opened = Database::open(config.data_dir, config.sync);
  if (!opened.ok()) return opened.status();
  db = std::move(*opened);
  auto ev = EventLog::open(*db);
  if (!ev.ok()) return ev.status();
  events.emplace(std::move(*ev));
  auto idem = Idempotency::open(*db);
  if (!idem.ok()) return idem.status();
  idempotency.emplace(std::move(*idem));
  txn = std::make_unique<Transaction>(*db);
  if (config.sync) syncer = std::make_unique<WalSyncer>(*db);
  return Status::Ok();
}

Status Node::Impl::load_plugins(const std::string& exe_dir) {
  host = std::make_unique<PluginHost>(log);
  auto subscriber_family = db->family("subscribers");
  if (!subscriber_family.ok()) return subscriber_family.status();
  subscribers = std::make_unique<DurableSubscribers>(*host, *events, *subscriber_family);
  LIENKET_RETURN_IF_ERROR(host->add(make_registry_plugin(), nullptr, ""));
  NodeFacts facts{host.get(),        db.get(),          &*events,
                  manual_clock,      &config,           [this] { tick_requested = true; },
                  subscribers.get(), &request_endpoint, &event_endpoint,
                  &http_url};
  LIENKET_RETURN_IF_ERROR(host->add(make_node_messages(std::move(facts)), nullptr, ""));
  LIENKET_RETURN_IF_ERROR(host->add(make_connector_messages(host.get()), nullptr, ""));
  LIENKET_RETURN_IF_ERROR(host->add(make_token_messages(), nullptr, ""));
  LIENKET_RETURN_IF_ERROR(host->add(make_account_messages(), nullptr, ""));
  host->load_directories(expand_plugin_dirs(config.plugin_dirs, exe_dir));
  LIENKET_RETURN_IF_ERROR(serve_http());
  for (auto it = config.plugins.begin(); it != config.plugins.end(); ++it) {
    bool loaded = false;
    for (auto& p : host->plugins()) loaded = loaded || p->info.name == it.key();
    if (!loaded) log->warn("config has a section for plugin {}, which is not loaded", it.key());
  }
  for (auto& p : host->plugins()) {
    auto family = db->family("p." + p->info.name);
    if (!family.ok()) return family.status();
    p->family = *family;
    p->log = std::make_unique<SpdLogger>(log, "[" + p->info.name + "] ");
    host_contexts.push_back(
        std::make_unique<PluginHostContext>(*p, *clock, config.data_dir, http_url, submitted));
    auto section = config.plugins.value(p->info.name, nlohmann::json::object());
    Status st;
    try {
      st = p->plugin->configure(section, *host_contexts.back());
    } catch (const std::exception& e) {
      st = Status::Internal(std::string("configure threw: ") + e.what());
    } catch (...) {
      st = Status::Internal("configure threw");
    }
    if (!st.ok())
      return Status::InvalidArgument("config: plugins." + p->info.name + ": " + st.message(),
                                     "plugins." + p->info.name);
  }
  dispatcher = std::make_unique<Dispatcher>(*host, *events, *idempotency, *clock, *log);
  subscribers->set_dispatcher(dispatcher.get());
  auto quarantine_path = config.data_dir + "/quarantine.json";
  auto quarantined = Watchdog::load_quarantine(quarantine_path);
  for (auto& p : host->plugins())
    if (auto it = quarantined.find(p->info.name); it != quarantined.end()) {
      p->quarantined = it->second;
      log->error("{}: quarantined, it gets no calls until its entry leaves {}", it->second,
                 quarantine_path);
    }
  watchdog = std::make_unique<Watchdog>(config.plugin_deadline_ms, quarantine_path, log);
  dispatcher->set_watchdog(watchdog.get());
  return Status::Ok();
}

std::optional<std::string> Node::Impl::party_of_key(const std::string& z85_key) {
  rocksdb::ColumnFamilyHandle* registry = nullptr;
  for (auto& p : host->plugins())
    if (p->info.name == "registry") registry = p->family;
  std::string party;
  if (!registry ||
      !db->db()->Get(rocksdb::ReadOptions(), registry, registry_key_index(z85_key), &party).ok())
    return std::nullopt;
  return party;
}

// CURVE on both sockets, with the node's own key pair (made on first start) and the ZAP handler.
Status Node::Impl::secure() {
  auto keys = load_or_create_node_keys(config.key_dir);
  if (!keys.ok())
    return Status(keys.status().code(),
                  "node keys in " + config.key_dir + ": " + keys.status().message(), "");
  server_public_key = keys->public_key;
  try {
    zap.emplace(
        zmq, config.admin_keys, [this](const std::string& k) { return party_of_key(k); },
        [this](const std::string& address, const std::string& key) {
          log->warn("{}", structured({{"event", "auth_refused"},
                                      {"via", "zeromq"},
                                      {"what", "handshake"},
                                      {"address", address},
                                      {"key", key.empty() ? "(none)" : key}}));
        });
    for (auto* s : {&router, &pub}) {
      s->set(zmq::sockopt::curve_server, true);
      s->set(zmq::sockopt::curve_secretkey, keys->secret_key);
      s->set(zmq::sockopt::zap_domain, ZapHandler::kDomain);
    }
  } catch (const zmq::error_t& e) {
    return Status::Unavailable(std::string("cannot set up CURVE: ") + e.what());
  }
  return Status::Ok();
}

// With CURVE, the acting party is the one whose key opened the connection: `as` may be left out
// (it is filled in) or must name that same party. An admin key acts for no party. Without CURVE
// (loopback only), every local client is trusted: as the party it names in `as`, or as an admin
// when it names none. Either way an admin never acts for a party, so an admin-only message sent
// with `as` is refused in both modes.
Status Node::Impl::authorize(Request& r, zmq::message_t& frame) const {
  if (!zap) {
    r.admin = r.as.empty();
    return Status::Ok();
  }
  const char* user = zmq_msg_gets(frame.handle(), "User-Id");
  std::string u = user ? user : "";
  if (u == ZapHandler::kAdminUser) {
    if (!r.as.empty())
      return Status::PermissionDenied("an admin key acts for no party; leave out \"as\"", "as");
    r.admin = true;
    return Status::Ok();
  }
  std::string prefix = ZapHandler::kPartyUserPrefix;
  if (u.rfind(prefix, 0) != 0)
    return Status::Unauthenticated("the connection has no authenticated party", "as");
  std::string party = u.substr(prefix.size());
  if (r.as.empty()) r.as = party;
  if (r.as != party)
    return Status::PermissionDenied("party " + party + " may not act for " + r.as, "as");
  return Status::Ok();
}

Status Node::Impl::bind() {
  if (config.curve) LIENKET_RETURN_IF_ERROR(secure());
  try {
    router.set(zmq::sockopt::linger, 0);
    router.set(zmq::sockopt::router_mandatory, 0);
    // A frame far beyond the limit is dropped by libzmq itself (and the peer disconnected) so that
    // it never fills memory; anything up to that bound gets a proper too_large reply.
    router.set(zmq::sockopt::maxmsgsize, config.max_message_bytes * 16);
    router.set(zmq::sockopt::rcvhwm, 100000);
    router.set(zmq::sockopt::sndhwm, 100000);
    router.bind(config.request_endpoint);
    request_endpoint = router.get(zmq::sockopt::last_endpoint);
    pub.set(zmq::sockopt::linger, 0);
    pub.set(zmq::sockopt::sndhwm, 100000);
    pub.bind(config.event_endpoint);
    event_endpoint = pub.get(zmq::sockopt::last_endpoint);
  } catch (const zmq::error_t& e) {
    return Status::Unavailable(std::string("cannot bind: ") + e.what());
  }
  return Status::Ok();
}

// Binds the HTTP server once the plugins are loaded (their routes are known) but before they are
// configured, so that configure() can tell them its URL (HostContext::http_url). Plugin routes
// answer 503 until the node is open (Gateway::open).
Status Node::Impl::serve_http() {
  if (!config.http.enabled) return Status::Ok();
  auto tokens = db->family("p.token");
  if (!tokens.ok()) return tokens.status();
  auto registry = db->family("p.registry");
  if (!registry.ok()) return registry.status();
  auto accounts = db->family("p.account");
  if (!accounts.ok()) return accounts.status();
  const LoadedPlugin* account_plugin = nullptr;
  for (auto& p : host->plugins())
    if (p->info.name == "account") account_plugin = p.get();
  http::GatewayParts parts{
      config.http, config.http_any_port, host.get(), db->db(),    *tokens,  *registry,
      *accounts,   account_plugin,       &submitted, clock.get(), &metrics, log};
  auto started = http::Gateway::start(std::move(parts));
  if (!started.ok()) return started.status();
  gateway = std::move(*started);
  http_url = gateway->url();
  return Status::Ok();
}

Result<std::unique_ptr<Node>> Node::open(NodeConfig config, const std::string& exe_dir,
                                         std::shared_ptr<spdlog::logger> log) {
  auto impl = std::make_unique<Impl>();
  impl->config = std::move(config);
  impl->log = std::move(log);
  if (impl->config.manual_clock) {
    auto manual = std::make_unique<ManualClock>(impl->config.clock_start_ms);
    impl->manual_clock = manual.get();
    impl->clock = std::move(manual);
  } else {
    impl->clock = std::make_unique<SystemClock>();
  }
  LIENKET_RETURN_IF_ERROR(impl->open_store());
  LIENKET_RETURN_IF_ERROR(impl->load_plugins(exe_dir));
  LIENKET_RETURN_IF_ERROR(impl->bind());
  if (impl->gateway) impl->gateway->open();
  impl->log->info(
      "node serving requests on {}, events on {} and HTTP on {} (data in {}, durability {}, {})",
      impl->request_endpoint, impl->event_endpoint,
      impl->http_url.empty() ? std::string("nothing") : impl->http_url, impl->config.data_dir,
      impl->config.sync ? "sync" : "relaxed",
      impl->zap ? "CURVE on, node key " + impl->server_public_key
                : std::string("CURVE off: loopback only"));
  return std::unique_ptr<Node>(new Node(std::move(impl)));
}

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Node::~Node() = default;
const std::string& Node::request_endpoint() const { return impl_->request_endpoint; }
const std::string& Node::event_endpoint() const { return impl_->event_endpoint; }
const std::string& Node::server_public_key() const { return impl_->server_public_key; }
const std::string& Node::http_url() const { return impl_->http_url; }

void Node::stop() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(impl_->stop_fd, &one, sizeof one);
}

void Node::run() {
  auto& m = *impl_;
  m.next_tick_ms = steady_ms() + kTickEveryMs;
  while (true) {
    zmq::pollitem_t items[] = {
        {m.router.handle(), 0, ZMQ_POLLIN, 0},
        {nullptr, m.submitted.fd(), ZMQ_POLLIN, 0},
        {nullptr, m.stop_fd, ZMQ_POLLIN, 0},
        {nullptr, m.syncer ? m.syncer->fd() : -1, static_cast<short>(m.syncer ? ZMQ_POLLIN : 0), 0},
        {m.zap ? m.zap->socket().handle() : nullptr, -1, static_cast<short>(m.zap ? ZMQ_POLLIN : 0),
         0}};
    long timeout = m.durable_backlog ? 0
                   : m.manual_clock  ? -1
                                     : std::max<std::int64_t>(0, m.next_tick_ms - steady_ms());
    try {
      zmq::poll(items, m.zap ? 5 : 4, std::chrono::milliseconds(timeout));
    } catch (const zmq::error_t& e) {
      // A signal (SIGTERM) interrupts the poll; its handler has already written to stop_fd.
      if (e.num() != EINTR) throw;
      continue;
    }
    bool stopping = items[2].revents & ZMQ_POLLIN;
    if (m.zap) m.zap->answer_pending();
    m.release_settled();
    bool tick_due = !m.manual_clock && steady_ms() >= m.next_tick_ms;
    if (tick_due) m.next_tick_ms = steady_ms() + kTickEveryMs;
    m.run_batch(tick_due);  // when stopping, this finishes what has already arrived
    if (stopping) break;
  }
  if (m.syncer) {  // what was written is answered before the loop ends
    m.syncer->wait_all();
    m.release_settled();
  }
  m.log->info("node stopping");
  m.submitted.close();
}

void Node::Impl::run_batch(bool tick_due) {
  std::vector<Pending> pending;
  take_requests(pending);
  for (auto& item : submitted.take(static_cast<std::size_t>(config.max_batch))) {
    Pending p;
    if (item.is_work()) {
      auto* owner = const_cast<LoadedPlugin*>(static_cast<const LoadedPlugin*>(item.owner));
      p.work_outcome = dispatcher->run_work(*txn, *owner, item.work);
      p.work_promise.emplace(std::move(item.outcome));
    } else {
      p.reply = dispatcher->execute(*txn, item.request);
      p.promise.emplace(std::move(item.reply));
      p.type = item.request.type;
      p.as = item.request.as;
      p.via = item.via;
    }
    pending.push_back(std::move(p));
  }
  if (tick_due || tick_requested) {
    tick_requested = false;
    dispatcher->tick(*txn);
  }
  // Durable subscribers read what earlier batches committed (and this one's, which they see through
  // the transaction); their work commits with this batch.
  durable_backlog = subscribers->pump(*txn, steady_ms());
  finish(pending);
}

void Node::Impl::take_requests(std::vector<Pending>& out) {
  while (out.size() < static_cast<std::size_t>(config.max_batch)) {
    std::vector<zmq::message_t> frames;
    zmq::message_t frame;
    if (!router.recv(frame, zmq::recv_flags::dontwait)) return;
    frames.push_back(std::move(frame));
    while (frames.back().more()) {
      zmq::message_t next;
      (void)router.recv(next, zmq::recv_flags::none);
      frames.push_back(std::move(next));
    }
    handle_frames(std::move(frames), out);
  }
}

void Node::Impl::handle_frames(std::vector<zmq::message_t> frames, std::vector<Pending>& out) {
  if (frames.size() < 2) return;  // nothing after the peer identity: nothing to answer
  // Routing frames: the identity, and for REQ peers everything up to the empty delimiter.
  std::size_t payload = 1;
  for (std::size_t i = 1; i < frames.size(); ++i)
    if (frames[i].size() == 0) {
      payload = i + 1;
      break;
    }
  Pending p;
  if (payload != frames.size() - 1) {
    p.reply =
        reply_error("", Status::InvalidArgument("a request is exactly one frame of JSON", "frame"));
  } else {
    auto decoded = decode_request(frames.back().to_string_view(),
                                  static_cast<std::size_t>(config.max_message_bytes));
    if (decoded.status.ok()) decoded.status = authorize(decoded.request, frames.back());
    p.type = decoded.request.type;
    p.as = decoded.request.as;
    p.reply = decoded.status.ok() ? dispatcher->execute(*txn, decoded.request)
                                  : reply_error(decoded.request.id, decoded.status);
  }
  for (std::size_t i = 0; i < std::min(payload, frames.size() - 1); ++i)
    p.route.push_back(std::move(frames[i]));
  out.push_back(std::move(p));
}

// One structured line per request (node_log.hpp): at info with "log_format": "json", else debug.
void Node::Impl::log_request(const Pending& p) const {
  auto level = config.json_log ? spdlog::level::info : spdlog::level::debug;
  if (!log->should_log(level)) return;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  p.received)
                .count();
  nlohmann::json line = {{"event", "request"},
                         {"id", p.reply.value("id", nlohmann::json())},
                         {"type", p.type},
                         {"as", p.as},
                         {"ok", p.reply.value("ok", false)},
                         {"latency_us", us},
                         {"via", p.via}};
  if (!p.reply.value("ok", false) && p.reply.contains("error"))
    line["error"] = p.reply["error"].value("code", "");
  log->log(level, "{}", structured(line));
}

// Counts one answered request for /metrics; unknown types are counted together, so that a client
// cannot grow the metrics by inventing types.
void Node::Impl::count(const Pending& p) {
  bool ok = p.reply.value("ok", false);
  std::string outcome = ok ? "ok" : p.reply["error"].value("code", "internal");
  std::string type = outcome == "unknown_type" || p.type.empty() ? "(unknown)" : p.type;
  metrics.request(
      type, outcome, p.via,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - p.received).count());
}

// Commits the batch. Without a syncer (relaxed) the write is as durable as it gets and the batch is
// answered at once; with one, its answers wait in `held` for the sync that covers every write made
// up to now, since any of its replies may have read them.
void Node::Impl::finish(std::vector<Pending>& pending) {
  Answers a;
  a.published = std::move(txn->events());
  a.records = std::move(txn->event_records());
  a.pending = std::move(pending);
  auto commit_started = std::chrono::steady_clock::now();
  bool wrote = false;
  auto st = txn->commit(syncer != nullptr, &wrote);
  if (!a.pending.empty() || !a.published.empty())
    metrics.batch(
        a.pending.size(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_started).count());
  if (!st.ok()) {
    log->error("commit failed, {} requests answered unavailable: {}", a.pending.size(),
               st.message());
    refuse(a, st);
  } else if (wrote && syncer) {
    syncer->wrote();
  }
  if (!syncer) return answer(a);
  a.needs = syncer->last_written();
  held.push_back(std::move(a));
  release_settled();
}

void Node::Impl::release_settled() {
  if (!syncer) return;
  syncer->drain();  // always: a wake-up left unread would make every poll return at once
  if (held.empty()) return;
  Status failed = syncer->take_failure();
  if (!failed.ok())
    log->error("sync failed, held requests answered unavailable: {}", failed.message());
  auto settled = syncer->settled();
  while (!held.empty() && held.front().needs <= settled) {
    Answers a = std::move(held.front());
    held.pop_front();
    if (!failed.ok()) refuse(a, failed);
    answer(a);
  }
}

// Nothing of the batch is stored (or known to be): every request is answered `unavailable` and no
// event goes out.
void Node::Impl::refuse(Answers& a, const Status& why) {
  for (auto& p : a.pending) {
    if (p.work_promise) p.work_outcome = Status::Unavailable("not stored: " + why.message());
    auto id = p.reply.is_object() && p.reply["id"].is_string() ? p.reply["id"].get<std::string>()
                                                               : std::string();
    p.reply = reply_error(id, Status::Unavailable("not stored: " + why.message()));
  }
  a.published.clear();
}

void Node::Impl::answer(Answers& a) {
  for (auto& p : a.pending) {
    if (p.work_promise) {
      p.work_promise->set_value(std::move(p.work_outcome));
      continue;
    }
    log_request(p);
    count(p);
    if (p.promise) {
      p.promise->set_value(std::move(p.reply));
      continue;
    }
    if (p.route.empty()) continue;
    for (auto& r : p.route)
      (void)router.send(r, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    std::string text;
    if (!util::append_json_text(p.reply, text))  // the plugin's text was checked; not the error's
      text = p.reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    (void)router.send(zmq::buffer(text), zmq::send_flags::dontwait);
  }
  a.records.resize(a.published.size());
  for (std::size_t i = 0; i < a.published.size(); ++i) {
    const auto& e = a.published[i];
    if (a.records[i].empty()) a.records[i] = EventLog::record_text(e);
    (void)pub.send(zmq::buffer(e.type), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    (void)pub.send(zmq::buffer(a.records[i]), zmq::send_flags::dontwait);
  }
  if (!a.published.empty()) {
    metrics.last_seq(a.published.back().seq);
    if (gateway) gateway->published(a.published.back().seq);
    Transaction scratch(*db);
    dispatcher->notify(scratch, a.published);
  }
}

}  // namespace lienket::core
