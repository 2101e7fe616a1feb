// `lienket node --config FILE [--ready-file FILE]`: runs a node until SIGTERM or SIGINT.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include "commands.hpp"
#include "logger.hpp"
#include "node.hpp"
#include "node_runner.hpp"

namespace lienket::apps {

namespace {

core::Node* g_running = nullptr;

void on_signal(int) {
  if (g_running) g_running->stop();  // writes to an eventfd: async-signal-safe
}

// Written once both endpoints are bound, so that scripts and tests know where to connect.
bool write_ready_file(const std::string& path, const core::Node& node) {
  nlohmann::json ready = {{"request_endpoint", node.request_endpoint()},
                          {"http_url", node.http_url()},
                          {"event_endpoint", node.event_endpoint()},
                          {"pid", static_cast<long>(::getpid())},
                          {"server_public_key", node.server_public_key()}};
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << ready.dump() << '\n';
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

int run_node(const std::string& config_path, const std::string& ready_file) {
  auto config = load_node_config(config_path);
  if (!config.ok()) {
    std::cerr << "lienket node: " << config.status().message() << "\n";
    return 2;
  }
  auto log = core::make_node_logger(config->log_level, config->json_log);
  auto node = core::Node::open(*config, executable_dir(), log);
  if (!node.ok()) {
    log->error("cannot start: {}", node.status().message());
    return 2;
  }
  g_running = node->get();
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  if (!ready_file.empty() && !write_ready_file(ready_file, **node))
    log->warn("cannot write {}", ready_file);
  (*node)->run();
  g_running = nullptr;
  node->reset();
  log->info("node stopped cleanly");
  return 0;
}

}  // namespace

void add_node_command(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("node", "Run a node (until SIGTERM or Ctrl-C)");
  auto config = std::make_shared<std::string>("config/node.json");
  auto ready = std::make_shared<std::string>();
  cmd->add_option("--config", *config, "The node's JSON config")->capture_default_str();
  cmd->add_option("--ready-file", *ready, "Write the bound endpoints here once serving");
  cmd->callback([=] { *exit_code = run_node(*config, *ready); });
}

}  // namespace lienket::apps
