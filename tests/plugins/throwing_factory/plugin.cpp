// A plugin whose factory throws: the node must log it, skip it and run on.
#include <stdexcept>

#include "lienket/lienket.hpp"

namespace test_throwing {
class Never final : public lienket::Plugin {
 public:
  Never() { throw std::runtime_error("cannot construct"); }
  lienket::PluginInfo info() const override {
    return {"never", "0.0.1", {"never."}, {}, {}, {}, {}, {}};
  }
  lienket::Status configure(const nlohmann::json&, lienket::HostContext&) override { return {}; }
};
}  // namespace test_throwing

LIENKET_PLUGIN(test_throwing::Never)
