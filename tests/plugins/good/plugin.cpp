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
  lienket::PluginInfo info() const override { return {"echo", "9.9.9", {"echo."}, {"party.registered"}}; }
  Status configure(const json& config, lienket::HostContext&) override {
    lienket::Fields f(config, "plugins.echo");
    f.only({"greeting"});
    greeting_ = f.opt_str("greeting").value_or("xin chào");
    return f.status();
  }
  Result<json> handle(const lienket::Request& r, Context& cx) override {
    if (r.type == "echo.put") return put(r, cx);
    if (r.type == "echo.get") {
      auto v = cx.store().get_json("kv/" + r.body.value("key", ""));
      if (!v.ok()) return v.status();
      return json{{"value", v->value_or(nullptr)}, {"greeting", greeting_}};
    }
    if (r.type == "echo.parties_seen") {
      auto v = cx.store().get_json("parties_seen");
      return json{{"count", v.ok() && v->has_value() ? **v : json(0)}};
    }
    if (r.type == "echo.throw") throw std::runtime_error("boom");
    if (r.type == "echo.bad_json") {  // writes, then answers with a string that is not UTF-8
      (void)cx.store().put("kv/bad", "\"x\"");
      return json{{"text", std::string("\xff\xfe")}};
    }
    if (r.type == "echo.hang") {  // never returns in time: for the watchdog
      std::this_thread::sleep_for(std::chrono::milliseconds(r.body.value("ms", 60000)));
      return json::object();
    }
    if (r.type == "echo.fail_after_write") {
      (void)cx.store().put("kv/" + r.body.value("key", ""), "\"half\"");
      (void)cx.emit("echo.half", json::object());
      return Status::FailedPrecondition("refused after writing", "body.key");
    }
    if (r.type == "echo.emit_foreign") return Result<json>(cx.emit("party.registered", json::object()));
    if (r.type == "echo.who") return json{{"as", r.as}};
    return Status::UnknownType("unknown message type " + r.type);
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
