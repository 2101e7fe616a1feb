// `lienket`: the node, a client for it, and the demo. See README.md and docs/protocol.md.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"

std::vector<lienket::apps::AddCommand>& lienket::apps::plugin_commands() {
  static std::vector<AddCommand> commands;  // filled by static registrations, before main()
  return commands;
}

int main(int argc, char** argv) {
  CLI::App app{"Lienket: links cooperatives, enterprises and distributors into value chains"};
  app.require_subcommand(1);
  // The options below belong to the whole program but may also follow the subcommand
  // (`lienket party list --json`): a subcommand hands the options it does not know to its parent.
  // Set before the subcommands are added, which inherit it (and the footer).
  app.fallthrough();
  app.footer("Global options may also follow the subcommand: lienket party list --json");
  lienket::apps::Globals g;
  if (const char* e = std::getenv("LIENKET_ENDPOINT")) g.endpoint = e;
  app.add_option("--endpoint", g.endpoint, "The node's request endpoint (env LIENKET_ENDPOINT)");
  app.add_flag("--json", g.json, "Print replies as JSON, for scripts");
  app.add_option("--timeout-ms", g.timeout_ms, "How long to wait for a reply")
      ->check(CLI::Range(1, 3600000));
  if (const char* k = std::getenv("LIENKET_KEY")) g.key_file = k;
  if (const char* k = std::getenv("LIENKET_SERVER_KEY")) g.server_key = k;
  app.add_option("--key", g.key_file,
                 "Your CURVE key file from `lienket keygen` (env LIENKET_KEY)");
  app.add_option("--server-key", g.server_key,
                 "The node's public key or its .pub file (env LIENKET_SERVER_KEY)");
  int exit_code = 0;
  lienket::apps::add_node_command(app, &exit_code);
  lienket::apps::add_call_command(app, g, &exit_code);
  lienket::apps::add_events_command(app, g, &exit_code);
  lienket::apps::add_registry_commands(app, g, &exit_code);
  lienket::apps::add_token_commands(app, g, &exit_code);
  lienket::apps::add_demo_command(app, &exit_code);
  lienket::apps::add_keygen_command(app, &exit_code);
  lienket::apps::add_backup_commands(app, g, &exit_code);
  lienket::apps::add_schema_command(app, g, &exit_code);
  for (auto add : lienket::apps::plugin_commands()) add(app, g, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
