#include "connector_messages.hpp"

#include "lienket/fields.hpp"
#include "lienket/schema.hpp"

namespace lienket::core {

namespace {

constexpr std::string_view kNamespace = "connector.";

class ConnectorMessages final : public Plugin {
 public:
  explicit ConnectorMessages(PluginHost* host) : host_(host) {}
  PluginInfo info() const override {
    using namespace schema;
    auto* self = const_cast<ConnectorMessages*>(this);  // bound handlers; this outlives them
    auto status = [self](const Request& r, Context& cx) { return self->status(r, cx); };
    auto forward = [self](const Request& r, Context& cx) { return self->forward(r, cx); };
    PluginInfo info{"connector", LIENKET_VERSION, {std::string(kNamespace)}, {}, {}, {}, {}, {}};
    // The forwarded bodies are the connector's own (connector.<name>.deadletter.*, declared there).
    info.messages = {
        {"connector.status",
         "Every connector's cursor, lag, state and errors (or one's).",
         object({{"connector", string(40).optional()}}),
         object({{"connectors", array(open_object())}}),
         {callers::kAdmin},
         true,
         status},
        {"connector.deadletter.list",
         "A connector's dead letters (connector.<name>.deadletter.list).",
         Schema(nlohmann::json{{"type", "object"},
                               {"required", {"connector"}},
                               {"properties", {{"connector", string(40).json()}}}}),
         open_object(),
         {callers::kAdmin},
         true,
         forward},
        {"connector.deadletter.replay",
         "Replays a connector's dead letter (connector.<name>.deadletter.replay).",
         Schema(nlohmann::json{{"type", "object"},
                               {"required", {"connector"}},
                               {"properties", {{"connector", string(40).json()}}}}),
         open_object(),
         {callers::kAdmin},
         false,
         forward},
    };
    return info;
  }
  Status configure(const nlohmann::json&, HostContext&) override { return Status::Ok(); }

 private:
  // Names of the loaded connectors: plugins serving "connector.<name>.".
  std::vector<std::string> connectors() const {
    std::vector<std::string> names;
    for (const auto& p : host_->plugins())
      for (const auto& prefix : p->info.prefixes)
        if (prefix.size() > kNamespace.size() && prefix.rfind(kNamespace, 0) == 0)
          names.push_back(prefix.substr(kNamespace.size(), prefix.size() - kNamespace.size() - 1));
    return names;
  }

  bool known(const std::string& name) const {
    for (const auto& n : connectors())
      if (n == name) return true;
    return false;
  }

  Result<nlohmann::json> status(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"connector"});
    auto only = f.opt_str("connector", 40);
    if (!f.ok()) return f.status();
    if (only && !known(*only))
      return Status::NotFound("no connector named " + *only, "body.connector");
    nlohmann::json list = nlohmann::json::array();
    for (const auto& name : connectors()) {
      if (only && *only != name) continue;
      auto one = cx.call("connector." + name + ".status", nlohmann::json::object());
      if (!one.ok()) return one.status();
      list.push_back(std::move(*one));
    }
    return nlohmann::json{{"connectors", list}};
  }

  // connector.deadletter.X {connector, ...} -> connector.<connector>.deadletter.X {...}
  Result<nlohmann::json> forward(const Request& r, Context& cx) {
    Fields f(r.body);
    auto name = f.str("connector", 40);
    if (!f.ok()) return f.status();
    if (!known(name)) return Status::NotFound("no connector named " + name, "body.connector");
    nlohmann::json body = r.body;
    body.erase("connector");
    return cx.call("connector." + name + r.type.substr(kNamespace.size() - 1), body);
  }

  PluginHost* host_;
};

}  // namespace

std::unique_ptr<Plugin> make_connector_messages(PluginHost* host) {
  return std::make_unique<ConnectorMessages>(host);
}

}  // namespace lienket::core
