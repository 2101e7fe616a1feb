// The connector's own keys of "plugins": {"csv": {...}} (the runtime reads "delivery"):
//   export_dir      where contracts.csv, consumptions.csv, deliveries.csv, products.csv grow;
//                   default <data_dir>/csv/export
//   import_dir      the drop folder for purchase orders; default <data_dir>/csv/inbox; processed
//                   files move to its done/ and failed/ subfolders
//   import_poll_ms  how often the drop folder is read, and how long a file must be left unmodified
//                   before it is taken; 10 - 3,600,000, default 1000
// Unknown keys and wrong types are errors naming plugins.csv.<key>.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::csvconn {

struct CsvConfig {
  std::string export_dir;
  std::string import_dir;
  std::int64_t import_poll_ms = 1000;
};

Result<CsvConfig> parse_config(const nlohmann::json& section, const std::string& data_dir);

}  // namespace lienket::csvconn
