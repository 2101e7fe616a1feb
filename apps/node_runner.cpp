#include "node_runner.hpp"

#include <filesystem>

namespace lienket::apps {

std::string executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : exe.parent_path().string();
}

Result<core::NodeConfig> load_node_config(const std::string& path) {
  if (path == "config/node.json" && !std::filesystem::exists(path)) return core::NodeConfig{};
  return core::load_config(path);
}

}  // namespace lienket::apps
