// A plugin built against another ABI version: the node must skip it and run on.
#include "lienket/lienket.hpp"

namespace test_wrong_abi {
class Old final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override { return {"old", "0.0.1", {"old."}, {}}; }
  lienket::Status configure(const nlohmann::json&, lienket::HostContext&) override { return {}; }
  lienket::Result<nlohmann::json> handle(const lienket::Request&, lienket::Context&) override {
    return nlohmann::json::object();
  }
};
int abi_version() { return lienket::kAbiVersion + 1000; }
lienket::Plugin* create_plugin() { return new Old(); }
}  // namespace test_wrong_abi

BOOST_DLL_ALIAS(test_wrong_abi::abi_version, lienket_abi_version)
BOOST_DLL_ALIAS(test_wrong_abi::create_plugin, lienket_create_plugin)
