// What each exported event becomes: the file it goes to and its row. Pure mapping; the names of
// parties and products, and the fixed terms of a consumption contract that an event does not carry,
// come from a Lookup (the connector asks the node; tests pass a fake).
//
// Files and columns (PROTOCOL.md has the definitions): every row starts with seq, at, event. Money
// is integer VND, quantities are integers in the product's unit (g, ml or piece), as offtake keeps
// them; lists (certifications) are joined with ";".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "csv.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::csvconn {

enum class ExportFile { kContracts, kConsumptions, kDeliveries, kProducts };

struct FileSpec {
  ExportFile file;
  std::string name;  // e.g. "contracts.csv"
  csv::Row header;
};
const std::vector<FileSpec>& export_files();

// The file an event type goes to; nullopt for events this connector does not export.
std::optional<ExportFile> file_for(std::string_view event_type);

// Registry and offtake records by id. NotFound leaves the columns empty; any other error (the node
// is busy or stopping) is passed up so the event is tried again.
class Lookup {
 public:
  virtual ~Lookup() = default;
  virtual Result<nlohmann::json> party(const std::string& id) = 0;
  virtual Result<nlohmann::json> product(const std::string& id) = 0;
  virtual Result<nlohmann::json> consumption(const std::string& id) = 0;
};

// The row of `event` for its file (file_for must have returned a value).
Result<csv::Row> export_row(const Event& event, Lookup& lookup);

}  // namespace lienket::csvconn
