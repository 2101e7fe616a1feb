// A Lookup that asks the node for parties, products and consumption contracts, for the export's
// name and term columns: party.get, product.get and offtake.consumption.get run through
// HostContext::run as the connector's own work (caller "plugin"; the export acts for nobody).
// Party and product records never change, so they are cached; consumption contracts (their
// deliveries grow) are asked for each time. For the connector runtime's thread only (never the
// node's: run would deadlock). Each question waits at most `timeout`, then gives Unavailable so
// the runtime tries the event again later.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "export_rows.hpp"
#include "lienket/context.hpp"

namespace lienket::csvconn {

class NodeLookup final : public Lookup {
 public:
  explicit NodeLookup(HostContext& host,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : host_(host), timeout_(timeout) {}
  Result<nlohmann::json> party(const std::string& id) override;
  Result<nlohmann::json> product(const std::string& id) override;
  Result<nlohmann::json> consumption(const std::string& id) override;

 private:
  Result<nlohmann::json> ask(const std::string& type, const nlohmann::json& body);
  Result<nlohmann::json> cached(std::map<std::string, nlohmann::json>& cache,
                                const std::string& type, const std::string& id);
  HostContext& host_;
  std::chrono::milliseconds timeout_;
  std::map<std::string, nlohmann::json> parties_, products_;
};

}  // namespace lienket::csvconn
