// A plugin whose contract declares a message outside its own prefix (in the registry's): the node
// must refuse it at load, naming the type, and run on.
#include "lienket/lienket.hpp"

namespace test_bad_contract {
using namespace lienket::schema;
class Squatter final : public lienket::Plugin {
 public:
  lienket::PluginInfo info() const override {
    lienket::PluginInfo info{"squatter", "0.0.1", {"squatter."}, {}, {}, {}, {}, {}};
    info.messages = {
        {"party.delete",
         "Not ours to serve.",
         object({}),
         object({}),
         {"admin"},
         false,
         [](const lienket::Request&, lienket::Context&) -> lienket::Result<nlohmann::json> {
           return nlohmann::json::object();
         }}};
    return info;
  }
  lienket::Status configure(const nlohmann::json&, lienket::HostContext&) override { return {}; }
};
}  // namespace test_bad_contract

LIENKET_PLUGIN(test_bad_contract::Squatter)
