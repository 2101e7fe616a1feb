#include "node_messages.hpp"

#include "backup.hpp"
#include "command_context.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"

namespace lienket::core {

namespace {

constexpr std::int64_t kMaxReplayPage = 1000;
constexpr std::size_t kMaxScanPerCall = 20000;

class NodeMessages final : public Plugin {
 public:
  explicit NodeMessages(NodeFacts facts) : f_(std::move(facts)) {}
  PluginInfo info() const override { return {"node", LIENKET_VERSION, {"node.", "events."}, {}}; }
  Status configure(const nlohmann::json&, HostContext&) override { return Status::Ok(); }

  Result<nlohmann::json> handle(const Request& r, Context& cx) override {
    if (r.type == "node.info") return node_info(r, cx);
    if (r.type == "node.clock.advance") return advance(r, cx);
    if (r.type == "node.backup") return backup(r, cx);
    if (r.type == "events.since") return since(r, cx);
    return Status::UnknownType("unknown message type " + r.type);
  }

 private:
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
                         {"subscriptions", p->info.subscriptions},
                         {"builtin", p->path.empty()},
                         {"path", p->path}});
    return nlohmann::json{{"node",
                           {{"version", LIENKET_VERSION},
                            {"abi_version", kAbiVersion},
                            {"clock", f_.manual_clock ? "manual" : "system"},
                            {"now", format_time(cx.now_ms())},
                            {"durability", f_.config->sync ? "sync" : "relaxed"},
                            {"last_seq", *last}}},
                          {"plugins", plugins}};
  }

  // A checkpoint of what is committed: the requests before this one in the same batch are not in it.
  Result<nlohmann::json> backup(const Request& r, Context& cx) {
    if (!r.admin) return Status::PermissionDenied("node.backup needs an admin key", "as");
    Fields f(r.body);
    f.only({"dir"});
    auto dir = f.str("dir", 4096);
    if (!f.ok()) return f.status();
    if (dir.front() != '/') return Status::InvalidArgument("must be an absolute path on the node's machine", "body.dir");
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
      return Status::FailedPrecondition("node.clock.advance needs \"clock\": {\"mode\": \"manual\"} in the config");
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
    auto page = f_.log->since(static_cast<CommandContext&>(cx).transaction(), static_cast<std::uint64_t>(after),
                              static_cast<std::size_t>(limit), prefix, kMaxScanPerCall);
    if (!page.ok()) return page.status();
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : page->events) events.push_back(EventLog::to_json(e));
    return nlohmann::json{{"events", events}, {"next_after", page->next_after}, {"last_seq", page->last_seq}};
  }

  NodeFacts f_;
};

}  // namespace

std::unique_ptr<Plugin> make_node_messages(NodeFacts facts) { return std::make_unique<NodeMessages>(std::move(facts)); }

}  // namespace lienket::core
