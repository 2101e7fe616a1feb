// A well-behaved test plugin: stores values, counts registered parties through a subscription, and
// has messages that fail in every way a plugin can, so tests can see the host contain them.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "lienket/lienket.hpp"

namespace test_good {

using lienket::Context;
using lienket::Result;
using lienket::Status;
using nlohmann::json;

class EchoPlugin final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override {
    using namespace lienket::schema;
    using lienket::Request;
    auto* self = const_cast<EchoPlugin*>(this);
    auto empty = [] { return object({}); };
    lienket::PluginInfo info{"echo", "9.9.9", {"echo."}, {}, {}, {}, {}, {}};
    info.messages = {
        {"echo.put",
         "Stores a value.",
         object({{"key", id()}, {"value", string()}}),
         object({{"key", id()}}),
         {"admin", "party"},
         false,
         [self](const Request& r, Context& cx) { return self->put(r, cx); }},
        {"echo.get",
         "Reads a value.",
         object({{"key", string()}}),
         object({{"value", any()}, {"greeting", string()}}),
         {"anyone"},
         true,
         [self](const Request& r, Context& cx) -> Result<json> {
           auto v = cx.store().get_json("kv/" + r.body.value("key", ""));
           if (!v.ok()) return v.status();
           return json{{"value", v->value_or(nullptr)}, {"greeting", self->greeting_}};
         }},
        {"echo.check",
         "Emits echo.checked, which the faulty plugin must accept (a required subscriber).",
         object({{"value", string()}}),
         object({{"value", string()}}),
         {"admin"},
         false,
         [](const Request& r, Context& cx) -> Result<json> {
           LIENKET_RETURN_IF_ERROR(cx.emit("echo.checked", {{"value", r.body.value("value", "")}}));
           return json{{"value", r.body.value("value", "")}};
         }},
        {"echo.parties_seen",
         "How many party.registered events it saw.",
         empty(),
         object({{"count", integer()}}),
         {"anyone"},
         true,
         [](const Request&, Context& cx) -> Result<json> {
           auto v = cx.store().get_json("parties_seen");
           return json{{"count", v.ok() && v->has_value() ? **v : json(0)}};
         }},
        {"echo.throw",
         "Throws.",
         empty(),
         empty(),
         {"admin"},
         false,
         [](const Request&, Context&) -> Result<json> { throw std::runtime_error("boom"); }},
        {"echo.bad_json",
         "Writes, then answers with a string that is not UTF-8.",
         empty(),
         empty(),
         {"admin"},
         false,
         [](const Request&, Context& cx) -> Result<json> {
           (void)cx.store().put("kv/bad", "\"x\"");
           return json{{"text", std::string("\xff\xfe")}};
         }},
        {"echo.hang",
         "Never returns in time: for the watchdog.",
         object({{"ms", integer().optional()}}),
         empty(),
         {"admin"},
         false,
         [](const Request& r, Context&) -> Result<json> {
           std::this_thread::sleep_for(std::chrono::milliseconds(r.body.value("ms", 60000)));
           return json::object();
         }},
        {"echo.fail_after_write",
         "Writes and emits, then fails.",
         object({{"key", string()}}),
         empty(),
         {"admin"},
         false,
         [](const Request& r, Context& cx) -> Result<json> {
           (void)cx.store().put("kv/" + r.body.value("key", ""), "\"half\"");
           (void)cx.emit("echo.half", json::object());
           return Status::FailedPrecondition("refused after writing", "body.key");
         }},
        {"echo.emit_foreign",
         "Tries to emit another plugin's event type.",
         empty(),
         empty(),
         {"admin"},
         false,
         [](const Request&, Context& cx) {
           return Result<json>(cx.emit("party.registered", json::object()));
         }},
        {"echo.emit_undeclared",
         "Tries to emit an event type its contract does not declare.",
         empty(),
         empty(),
         {"admin"},
         false,
         [](const Request&, Context& cx) {
           return Result<json>(cx.emit("echo.secret", json::object()));
         }},
        {"echo.write_in_read",
         "Declared read_only, but writes.",
         empty(),
         empty(),
         {"admin"},
         true,
         [](const Request&, Context& cx) -> Result<json> {
           LIENKET_RETURN_IF_ERROR(cx.store().put("kv/sneaky", "1"));
           return json::object();
         }},
        {"echo.who",
         "The acting party as the handler sees it.",
         empty(),
         object({{"as", text()}}),
         {"anyone"},
         true,
         [](const Request& r, Context&) -> Result<json> {
           return json{{"as", r.as}};
         }},
        {"echo.cooperatives_only",
         "Open to cooperatives only.",
         empty(),
         empty(),
         {"cooperative"},
         true,
         [](const Request&, Context&) -> Result<json> { return json::object(); }},
        {"echo.nested_who",
         "Calls echo.who: a nested call carries this command's authority.",
         empty(),
         object({{"as", text()}}),
         {"anyone"},
         true,
         [](const Request&, Context& cx) { return cx.call("echo.who", json::object()); }},
    };
    info.events = {
        {"echo.stored", "A value was stored.", object({{"key", id()}, {"value", string()}})},
        {"echo.half", "Never kept: emitted by a call that then fails.", object({})},
        {"echo.checked", "A value to check.", object({{"value", string()}})},
        {"echo.saw_party", "It saw a party registered.", object({{"party", id()}})},
    };
    info.subscriptions = {{"party.registered", lienket::Delivery::kRequired}};
    return info;
  }
  Status configure(const json& config, lienket::HostContext&) override {
    lienket::Fields f(config, "plugins.echo");
    f.only({"greeting"});
    greeting_ = f.opt_str("greeting").value_or("xin chào");
    return f.status();
  }
  Status on_event(const lienket::Event& e, Context& cx) override {
    auto v = cx.store().get_json("parties_seen");
    int n = v.ok() && v->has_value() ? (**v).get<int>() : 0;
    LIENKET_RETURN_IF_ERROR(cx.store().put_json("parties_seen", n + 1));
    return cx.emit("echo.saw_party", {{"party", e.data["party"]["id"]}});
  }

 private:
  Result<json> put(const lienket::Request& r, Context& cx) {
    lienket::Fields f(r.body);
    f.only({"key", "value"});
    auto key = f.id("key");
    auto value = f.str("value");
    if (!f.ok()) return f.status();
    LIENKET_RETURN_IF_ERROR(cx.store().put_json("kv/" + key, value));
    LIENKET_RETURN_IF_ERROR(cx.emit("echo.stored", {{"key", key}, {"value", value}}));
    return json{{"key", key}};
  }
  std::string greeting_;
};

}  // namespace test_good

LIENKET_PLUGIN(test_good::EchoPlugin)
