#include "config.hpp"

#include "lienket/fields.hpp"

namespace lienket::csvconn {

Result<CsvConfig> parse_config(const nlohmann::json& section, const std::string& data_dir) {
  CsvConfig c;
  Fields f(section, "plugins.csv");
  f.only({"export_dir", "import_dir", "import_poll_ms"});
  c.export_dir = f.opt_str("export_dir", 4096).value_or(data_dir + "/csv/export");
  c.import_dir = f.opt_str("import_dir", 4096).value_or(data_dir + "/csv/inbox");
  c.import_poll_ms = f.opt_integer("import_poll_ms", 10, 3'600'000).value_or(1000);
  if (!f.ok()) return f.status();
  if (c.export_dir == c.import_dir)
    return Status::InvalidArgument("plugins.csv.import_dir must differ from export_dir",
                                   "plugins.csv.import_dir");
  return c;
}

}  // namespace lienket::csvconn
