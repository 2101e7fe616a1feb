// A subscriber that fails, for the host's subscription rules:
//  - durable on echo.stored: it writes, then refuses every such event (a dead letter at once), or,
//    while an outage is on (faulty.outage), answers `unavailable` (retried with back-off);
//  - required on echo.checked: it refuses a value "refuse", which must fail the echo.check command
//    that emitted it, with nothing of it kept.
#include "lienket/lienket.hpp"

namespace test_faulty {

using lienket::Context;
using lienket::Request;
using lienket::Result;
using lienket::Status;
using nlohmann::json;
using namespace lienket::schema;

class Faulty final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override {
    lienket::PluginInfo info{"faulty", "0.1.0", {"faulty."}, {}, {}, {}, {}, {}};
    info.messages = {
        {"faulty.count",
         "Whether a failed subscriber write survived.",
         object({}),
         object({{"seen", boolean()}, {"taken", integer()}}),
         {"admin"},
         true,
         &count},
        {"faulty.outage",
         "Turns the simulated outage on or off.",
         object({{"on", boolean()}}),
         object({{"on", boolean()}}),
         {"admin"},
         false,
         &outage},
    };
    info.subscriptions = {{"echo.stored", lienket::Delivery::kDurable},
                          {"echo.checked", lienket::Delivery::kRequired}};
    return info;
  }
  Status configure(const json&, lienket::HostContext&) override { return {}; }
  Status on_event(const lienket::Event& e, Context& cx) override {
    if (e.type == "echo.checked")
      return e.data.value("value", "") == "refuse"
                 ? Status::FailedPrecondition("faulty refuses this value", "body.value")
                 : Status::Ok();
    auto down = cx.store().get("down");
    if (down.ok() && down->has_value()) return Status::Unavailable("faulty is down");
    if (e.data.value("value", "") == "take") {
      auto n = cx.store().get_json("taken");
      return cx.store().put_json("taken", (n.ok() && n->has_value() ? (**n).get<int>() : 0) + 1);
    }
    (void)cx.store().put("seen", "1");
    return Status::FailedPrecondition("this subscriber always refuses");
  }

 private:
  static Result<json> count(const Request&, Context& cx) {
    auto v = cx.store().get("seen");
    if (!v.ok()) return v.status();
    auto n = cx.store().get_json("taken");
    if (!n.ok()) return n.status();
    return json{{"seen", v->has_value()}, {"taken", n->has_value() ? **n : json(0)}};
  }
  static Result<json> outage(const Request& r, Context& cx) {
    bool on = r.body.value("on", false);
    LIENKET_RETURN_IF_ERROR(on ? cx.store().put("down", "1") : cx.store().erase("down"));
    return json{{"on", on}};
  }
};

}  // namespace test_faulty

LIENKET_PLUGIN(test_faulty::Faulty)
