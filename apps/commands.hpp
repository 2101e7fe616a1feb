// The `lienket` subcommands. Each returns the process exit code: 0 on success, 1 when the node
// answered with an error, 2 when it could not be reached or the input was unusable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "client.hpp"

namespace lienket::apps {

struct Globals {
  std::string endpoint = "tcp://127.0.0.1:7400";
  bool json = false;
  int timeout_ms = 10000;
  std::string key_file;  // the client's CURVE key pair (`lienket keygen`), for a node with CURVE on
  std::string server_key;  // the node's public key, or its .pub file
};

// A client of g.endpoint, with CURVE when --key/--server-key are given; nullptr (and a message on
// stderr) when the key files are unusable.
std::unique_ptr<core::Client> connect(const Globals& g);
// The CURVE settings for other sockets of the CLI (the event subscriber); nullopt without keys.
std::optional<core::ClientCurve> client_curve(const Globals& g);

// Each adds its subcommand(s) to `app`; the callbacks store the exit code in `*exit_code`.
void add_node_command(CLI::App& app, int* exit_code);
void add_call_command(CLI::App& app, const Globals& g, int* exit_code);
void add_events_command(CLI::App& app, const Globals& g, int* exit_code);
void add_registry_commands(CLI::App& app, const Globals& g, int* exit_code);
void add_demo_command(CLI::App& app, int* exit_code);
void add_keygen_command(CLI::App& app, int* exit_code);
void add_backup_commands(CLI::App& app, const Globals& g, int* exit_code);
void add_schema_command(CLI::App& app, const Globals& g, int* exit_code);
void add_token_commands(CLI::App& app, const Globals& g, int* exit_code);

// A plugin's own subcommands live in its folder (plugins/<name>/cli/*.cpp, compiled into this
// binary by lienket_add_cli_command() in the plugin's CMakeLists.txt), so apps/ names no plugin and
// a build with a subset of plugins has a subset of commands. At namespace scope in such a file:
//   LIENKET_CLI_COMMAND(add_trace_commands)
using AddCommand = void (*)(CLI::App& app, const Globals& g, int* exit_code);
std::vector<AddCommand>& plugin_commands();
struct CommandRegistration {
  explicit CommandRegistration(AddCommand add) { plugin_commands().push_back(add); }
};
#define LIENKET_CLI_COMMAND(fn) \
  static const ::lienket::apps::CommandRegistration lienket_cli_command_##fn(&fn);

// Sends one request (acting as the key's party, or the admin) and stores the reply's result in
// `*result`; returns the exit code, after printing the error on stderr when it is not 0.
int fetch_result(const Globals& g, const std::string& type, const nlohmann::json& body,
                 nlohmann::json* result);

// Sends one request and prints the reply (JSON with --json, else `render`); returns the exit code.
int request_and_print(const Globals& g, const std::string& type, const nlohmann::json& body,
                      const std::string& as, const std::string& idempotency_key,
                      void (*render)(const nlohmann::json& result));

}  // namespace lienket::apps
