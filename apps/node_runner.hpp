// Starting a node from the command line: where the binary is (for "{exe_dir}" plugin directories)
// and the config, from a file or the built-in defaults.
#pragma once

#include <string>

#include "config.hpp"

namespace lienket::apps {

std::string executable_dir();
// The config at `path`; when `path` is the default and the file does not exist, the defaults.
Result<core::NodeConfig> load_node_config(const std::string& path);

}  // namespace lienket::apps
