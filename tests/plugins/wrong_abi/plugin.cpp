// A plugin built against another ABI version: the node must skip it and run on.
#include "lienket/lienket.hpp"

namespace test_wrong_abi {
class Old final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override {
    return {"old", "0.0.1", {"old."}, {}, {}, {}, {}, {}};
  }
  lienket::Status configure(const nlohmann::json&, lienket::HostContext&) override { return {}; }
};
int abi_version() { return lienket::kAbiVersion + 1000; }
const char* build_id() { return lienket::build_id(); }
lienket::Plugin* create_plugin() { return new Old(); }
}  // namespace test_wrong_abi

BOOST_DLL_ALIAS(test_wrong_abi::abi_version, lienket_abi_version)
BOOST_DLL_ALIAS(test_wrong_abi::build_id, lienket_build_id)
BOOST_DLL_ALIAS(test_wrong_abi::create_plugin, lienket_create_plugin)
