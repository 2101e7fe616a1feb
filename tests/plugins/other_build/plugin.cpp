// A plugin with the node's ABI version but built with another C++ string ABI (compiled with
// -D_GLIBCXX_USE_CXX11_ABI=0): std::string is laid out differently, so the node must refuse it
// at load, naming the difference, before any call could corrupt memory.
#include "lienket/lienket.hpp"

namespace test_other_build {
class Other final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override {
    return {"other", "0.0.1", {"other."}, {}, {}, {}, {}, {}};
  }
  lienket::Status configure(const nlohmann::json&, lienket::HostContext&) override { return {}; }
};
}  // namespace test_other_build

LIENKET_PLUGIN(test_other_build::Other)
