#include "logger.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace lienket::core {

std::shared_ptr<spdlog::logger> make_node_logger(const std::string& level) {
  auto existing = spdlog::get("lienket");
  auto log = existing ? existing : spdlog::stderr_color_mt("lienket");
  log->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  log->set_level(spdlog::level::from_str(level));
  log->flush_on(spdlog::level::info);
  return log;
}

}  // namespace lienket::core
