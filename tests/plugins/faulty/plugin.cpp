// A subscriber that fails: it writes, then refuses every echo.stored event. The command that
// emitted the event must still succeed, and the subscriber's own write must vanish.
#include "lienket/lienket.hpp"

namespace test_faulty {
class Faulty final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override { return {"faulty", "0.1.0", {"faulty."}, {"echo.stored"}}; }
  lienket::Status configure(const nlohmann::json&, lienket::HostContext&) override { return {}; }
  lienket::Result<nlohmann::json> handle(const lienket::Request& r, lienket::Context& cx) override {
    if (r.type != "faulty.count") return lienket::Status::UnknownType("unknown message type " + r.type);
    auto v = cx.store().get("seen");
    if (!v.ok()) return v.status();
    return nlohmann::json{{"seen", v->has_value()}};
  }
  lienket::Status on_event(const lienket::Event&, lienket::Context& cx) override {
    (void)cx.store().put("seen", "1");
    return lienket::Status::FailedPrecondition("this subscriber always refuses");
  }
};
}  // namespace test_faulty

LIENKET_PLUGIN(test_faulty::Faulty)
