// The csv connector: contracts, deliveries and products out to CSV files (export, through the
// connector runtime's at-least-once delivery), purchase orders in from a drop folder (import).
// README.md and PROTOCOL.md describe the files.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config.hpp"
#include "csv_appender.hpp"
#include "export_rows.hpp"
#include "folder_importer.hpp"
#include "lienket/connector.hpp"
#include "node_lookup.hpp"

namespace lienket::csvconn {

class CsvConnector final : public Connector {
 public:
  CsvConnector() : Connector("csv", "0.1.0") {}

 protected:
  Status configure_connector(const nlohmann::json& section, HostContext& host) override {
    auto config = parse_config(section, host.data_dir());
    if (!config.ok()) return config.status();
    config_ = *config;
    std::error_code ec;
    std::filesystem::create_directories(config_.export_dir, ec);
    if (ec)
      return Status::Unavailable("plugins.csv.export_dir: cannot create " + config_.export_dir +
                                 ": " + ec.message());
    for (const auto& spec : export_files()) {
      auto file = CsvAppender::open(config_.export_dir + "/" + spec.name, spec.header);
      if (!file.ok()) return file.status();
      files_[spec.file] = std::move(*file);
    }
    lookup_ = std::make_unique<NodeLookup>(host);
    importer_ = std::make_unique<FolderImporter>(config_, host);
    LIENKET_RETURN_IF_ERROR(importer_->prepare());
    importer_->start();
    return Status::Ok();
  }

  // Appends the event's row unless its file already has it (a delivery repeated after a crash).
  Status deliver(const Event& event) override {
    try {
      auto kind = file_for(event.type);
      if (!kind) return Status::Ok();  // not an exported event
      CsvAppender& file = *files_.at(*kind);
      if (file.has(event.seq)) return Status::Ok();
      auto row = export_row(event, *lookup_);
      if (!row.ok()) return row.status();
      return file.append(event.seq, *row);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("csv export of event ") + std::to_string(event.seq) +
                              ": " + e.what());
    }
  }

  void stop_connector() override {
    if (importer_) importer_->stop();
  }

  // The import posts each row's purchase contract acting for that row's buyer (Context::call_for):
  // a right the node publishes (node.schema) and allows for this one message type only. The csv
  // connector serves no messages beyond the runtime's and emits no events.
  std::vector<std::string> connector_acts_for() const override { return {kPostContract}; }

 private:
  CsvConfig config_;
  std::map<ExportFile, std::unique_ptr<CsvAppender>> files_;
  std::unique_ptr<NodeLookup> lookup_;
  std::unique_ptr<FolderImporter> importer_;
};

}  // namespace lienket::csvconn

LIENKET_PLUGIN(lienket::csvconn::CsvConnector)
