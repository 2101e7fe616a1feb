#include "node_messages.hpp"

#include "backup.hpp"
#include "command_context.hpp"
#include "lienket/fields.hpp"
#include "lienket/schema.hpp"
#include "lienket/time.hpp"

namespace lienket::core {

namespace {

constexpr std::int64_t kMaxReplayPage = 1000;
constexpr std::size_t kMaxScanPerCall = 20000;

using namespace schema;

Schema event_record() {
  return object({{"seq", integer(1, INT64_MAX)},
                 {"type", string(96)},
                 {"at", timestamp()},
                 {"by", text(64)},
                 {"data", any()}});
}

// node.schema's view of one plugin's contract.
nlohmann::json describe(const LoadedPlugin& p, std::string_view only, nlohmann::json& messages,
                        nlohmann::json& events) {
  auto match = [&](const std::string& type) {
    return only.empty() || type == only || (only.back() == '.' && type.rfind(only, 0) == 0);
  };
  for (const auto& m : p.info.messages)
    if (match(m.type))
      messages.push_back({{"type", m.type},
                          {"plugin", p.info.name},
                          {"summary", m.summary},
                          {"callers", m.callers},
                          {"read_only", m.read_only},
                          {"body", m.body.json()},
                          {"result", m.result.json()}});
  for (const auto& e : p.info.events)
    if (match(e.type))
      events.push_back({{"type", e.type},
                        {"plugin", p.info.name},
                        {"summary", e.summary},
                        {"data", e.data.json()}});
  nlohmann::json subs = nlohmann::json::array();
  for (const auto& s : p.info.subscriptions)
    subs.push_back({{"prefix", s.prefix},
                    {"delivery", s.delivery == Delivery::kRequired  ? "required"
                                 : s.delivery == Delivery::kDurable ? "durable"
                                                                    : "notify"}});
  return {{"name", p.info.name},
          {"version", p.info.version},
          {"prefixes", p.info.prefixes},
          {"subscriptions", subs},
          {"acts_for", p.info.acts_for}};
}

class NodeMessages final : public Plugin {
 public:
  explicit NodeMessages(NodeFacts facts) : f_(std::move(facts)) {}
  PluginInfo info() const override {
    using namespace callers;
    auto* self =
        const_cast<NodeMessages*>(this);  // handlers are bound to this object, which outlives them
    auto bind = [self](auto fn) {
      return [self, fn](const Request& r, Context& cx) { return (self->*fn)(r, cx); };
    };
    Schema subscriber = object({{"plugin", string(40)},
                                {"cursor", integer()},
                                {"lag", integer()},
                                {"dead_letters", integer()},
                                {"retrying_seq", integer().nullable()},
                                {"attempts", integer()},
                                {"last_error", text().nullable()}});
    Schema error = object({{"code", string(40)}, {"message", text()}, {"field", text()}});
    PluginInfo info{"node", LIENKET_VERSION, {"node.", "events."}, {}, {}, {}, {}, {}};
    info.messages = {
        {"node.info",
         "The node's version, clock, durability, bound endpoints, last event and plugins.",
         object({}),
         object({{"node", open_object()}, {"plugins", array(open_object())}}),
         {kAnyone},
         true,
         bind(&NodeMessages::node_info)},
        {"node.schema",
         "The declared contracts: every message, event and subscription, with JSON Schemas.",
         object({{"type", string(96).optional().describe(
                              "one message or event type, or a prefix ending in '.'")}}),
         object({{"node", string(40)},
                 {"abi_version", integer()},
                 {"plugins", array(open_object())},
                 {"messages", array(open_object())},
                 {"events", array(open_object())}}),
         {kAnyone},
         true,
         bind(&NodeMessages::node_schema)},
        {"node.clock.advance",
         "Moves a manual clock forward and runs every plugin's time-driven work.",
         object({{"seconds", integer(0, 10LL * 366 * 86400)}}),
         object({{"now", timestamp()}}),
         {kAdmin},
         false,
         bind(&NodeMessages::advance)},
        {"node.backup",
         "A consistent checkpoint of the store (and the node's keys) into a directory.",
         object({{"dir", string(4096)}}),
         object({{"dir", string(4096)}, {"last_seq", integer()}}),
         {kAdmin},
         false,
         bind(&NodeMessages::backup)},
        {"node.subscriber.status",
         "Durable subscribers: cursor, lag, dead letters, retries.",
         object({}),
         object({{"subscribers", array(subscriber)}, {"last_seq", integer()}}),
         {kAdmin, kPlugin},
         true,
         bind(&NodeMessages::subscriber_status)},
        {"node.subscriber.deadletter.list",
         "The events a durable subscriber could not take.",
         object({{"plugin", string(40)}, {"limit", integer(1, 1000).optional()}}),
         object({{"plugin", string(40)},
                 {"dead_letters",
                  array(object(
                      {{"event", event_record()}, {"error", error}, {"attempts", integer()}}))}}),
         {kAdmin},
         true,
         bind(&NodeMessages::subscriber_dead_letters)},
        {"node.subscriber.deadletter.replay",
         "Delivers one dead letter again; removed once taken.",
         object({{"plugin", string(40)}, {"seq", integer(1, INT64_MAX)}}),
         object({{"plugin", string(40)},
                 {"seq", integer()},
                 {"delivered", boolean()},
                 {"error", error.optional()}}),
         {kAdmin},
         false,
         bind(&NodeMessages::subscriber_replay)},
        {"events.since",
         "Replays the event log after a seq, optionally by type prefix, paged.",
         object({{"after_seq", integer(0, INT64_MAX).optional()},
                 {"limit", integer(1, kMaxReplayPage).optional()},
                 {"topic_prefix", string(96).optional()}}),
         object({{"events", array(event_record())},
                 {"next_after", integer()},
                 {"last_seq", integer()}}),
         {kAdmin, kParty, kPlugin},
         true,
         bind(&NodeMessages::since)},
    };
    return info;
  }
  Status configure(const nlohmann::json&, HostContext&) override { return Status::Ok(); }

 private:
  Transaction& txn(Context& cx) { return static_cast<CommandContext&>(cx).transaction(); }

  Result<nlohmann::json> node_schema(const Request& r, Context&) {
    Fields f(r.body);
    f.only({"type"});
    auto only = f.opt_str("type", 96).value_or("");
    if (!f.ok()) return f.status();
    nlohmann::json plugins = nlohmann::json::array(), messages = nlohmann::json::array(),
                   events = nlohmann::json::array();
    for (const auto& p : f_.host->plugins())
      plugins.push_back(describe(*p, only, messages, events));
    if (!only.empty() && messages.empty() && events.empty())
      return Status::NotFound("no message or event type " + only + " is declared", "body.type");
    return nlohmann::json{{"node", LIENKET_VERSION},
                          {"abi_version", kAbiVersion},
                          {"plugins", plugins},
                          {"messages", messages},
                          {"events", events}};
  }

  Result<nlohmann::json> subscriber_status(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({});
    if (!f.ok()) return f.status();
    return f_.subscribers->status(txn(cx));
  }

  Result<nlohmann::json> subscriber_dead_letters(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"plugin", "limit"});
    auto plugin = f.str("plugin", 40);
    auto limit = f.opt_integer("limit", 1, 1000).value_or(100);
    if (!f.ok()) return f.status();
    return f_.subscribers->dead_letters(txn(cx), plugin, static_cast<std::size_t>(limit));
  }

  Result<nlohmann::json> subscriber_replay(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"plugin", "seq"});
    auto plugin = f.str("plugin", 40);
    auto seq = f.integer("seq", 1, INT64_MAX);
    if (!f.ok()) return f.status();
    return f_.subscribers->replay(txn(cx), plugin, static_cast<std::uint64_t>(seq));
  }

  Result<nlohmann::json> node_info(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({});
    if (!f.ok()) return f.status();
    auto last = f_.log->last_seq(static_cast<CommandContext&>(cx).transaction());
    if (!last.ok()) return last.status();
    nlohmann::json plugins = nlohmann::json::array();
    for (const auto& p : f_.host->plugins())
      plugins.push_back({{"name", p->info.name},
                         {"version", p->info.version},
                         {"prefixes", p->info.prefixes},
                         {"messages", p->info.messages.size()},
                         {"events", p->info.events.size()},
                         {"builtin", p->path.empty()},
                         {"path", p->path},
                         {"quarantined", p->quarantined}});
    return nlohmann::json{{"node",
                           {{"version", LIENKET_VERSION},
                            {"abi_version", kAbiVersion},
                            {"clock", f_.manual_clock ? "manual" : "system"},
                            {"now", format_time(cx.now_ms())},
                            {"durability", f_.config->sync ? "sync" : "relaxed"},
                            {"last_seq", *last},
                            {"request_endpoint", *f_.request_endpoint},
                            {"event_endpoint", *f_.event_endpoint},
                            {"http", *f_.http_url}}},
                          {"plugins", plugins}};
  }

  // A checkpoint of what is committed: the requests before this one in the same batch are not in
  // it.
  Result<nlohmann::json> backup(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"dir"});
    auto dir = f.str("dir", 4096);
    if (!f.ok()) return f.status();
    if (dir.front() != '/')
      return Status::InvalidArgument("must be an absolute path on the node's machine", "body.dir");
    LIENKET_RETURN_IF_ERROR(create_backup(*f_.db, f_.config->key_dir, dir));
    Transaction committed(*f_.db);  // an empty batch: reads see only what is on disk
    auto last = f_.log->last_seq(committed);
    if (!last.ok()) return last.status();
    cx.log().info("backup of the node up to event " + std::to_string(*last) + " in " + dir);
    return nlohmann::json{{"dir", dir}, {"last_seq", *last}};
  }

  Result<nlohmann::json> advance(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"seconds"});
    auto seconds = f.integer("seconds", 0, 10LL * 366 * 86400);
    if (!f.ok()) return f.status();
    if (!f_.manual_clock)
      return Status::FailedPrecondition(
          "node.clock.advance needs \"clock\": {\"mode\": \"manual\"} in the config");
    f_.manual_clock->advance(seconds * 1000);
    f_.request_tick();
    return nlohmann::json{{"now", format_time(cx.now_ms() + seconds * 1000)}};
  }

  Result<nlohmann::json> since(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"after_seq", "limit", "topic_prefix"});
    auto after = f.opt_integer("after_seq", 0, INT64_MAX).value_or(0);
    auto limit = f.opt_integer("limit", 1, kMaxReplayPage).value_or(100);
    auto prefix = f.opt_str("topic_prefix", 96).value_or("");
    if (!f.ok()) return f.status();
    auto page = f_.log->since(static_cast<CommandContext&>(cx).transaction(),
                              static_cast<std::uint64_t>(after), static_cast<std::size_t>(limit),
                              prefix, kMaxScanPerCall);
    if (!page.ok()) return page.status();
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : page->events) events.push_back(EventLog::to_json(e));
    return nlohmann::json{
        {"events", events}, {"next_after", page->next_after}, {"last_seq", page->last_seq}};
  }

  NodeFacts f_;
};

}  // namespace

std::unique_ptr<Plugin> make_node_messages(NodeFacts facts) {
  return std::make_unique<NodeMessages>(std::move(facts));
}

}  // namespace lienket::core
