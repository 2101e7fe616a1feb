// The SDK's Logger over spdlog: each plugin gets one that prefixes its lines with its name.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>
#include <nlohmann/json.hpp>

#include "lienket/context.hpp"

namespace lienket::core {

class SpdLogger final : public Logger {
 public:
  SpdLogger(std::shared_ptr<spdlog::logger> sink, std::string prefix)
      : sink_(std::move(sink)), prefix_(std::move(prefix)) {}
  void info(std::string_view m) override { sink_->info("{}{}", prefix_, m); }
  void warn(std::string_view m) override { sink_->warn("{}{}", prefix_, m); }
  void error(std::string_view m) override { sink_->error("{}{}", prefix_, m); }
  spdlog::logger& raw() { return *sink_; }

 private:
  std::shared_ptr<spdlog::logger> sink_;
  std::string prefix_;
};

// The process-wide node logger (stderr), at the given level. With `json`, every line is one JSON
// object: {"time","level","msg"} for plain messages, and the fields themselves for structured ones.
std::shared_ptr<spdlog::logger> make_node_logger(const std::string& level, bool json = false);

// A structured log message: logged as its fields with json logs, as the JSON text otherwise.
std::string structured(const nlohmann::json& fields);

}  // namespace lienket::core
