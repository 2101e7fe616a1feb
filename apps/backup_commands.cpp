// `lienket backup DIR`: asks the running node for a checkpoint of its committed state in DIR (a
// new directory on the node's machine). `lienket restore BACKUP DATA_DIR`: offline, copies a backup
// into an empty data directory for a node to start on.
#include <filesystem>
#include <iostream>

#include "backup.hpp"
#include "commands.hpp"

namespace lienket::apps {

void add_backup_commands(CLI::App& app, const Globals& g, int* exit_code) {
  auto* backup =
      app.add_subcommand("backup", "Checkpoint a running node's state into a new directory");
  auto dir = std::make_shared<std::string>();
  backup->add_option("dir", *dir, "The backup directory (must not exist)")->required();
  backup->callback([=, &g] {
    auto absolute = std::filesystem::absolute(*dir).lexically_normal().string();
    *exit_code = request_and_print(g, "node.backup", {{"dir", absolute}}, "", "", nullptr);
  });

  auto* restore =
      app.add_subcommand("restore", "Copy a backup into a new data directory (node stopped)");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  restore->add_option("backup", *from, "A directory made by `lienket backup`")->required();
  restore->add_option("data_dir", *to, "The data directory to create (absent or empty)")
      ->required();
  restore->callback([=] {
    auto st = core::restore_backup(*from, *to);
    if (!st.ok()) {
      std::cerr << "error: " << st.message() << "\n";
      *exit_code = 2;
      return;
    }
    std::cout << "restored " << *from << " into " << *to << "\n";
  });
}

}  // namespace lienket::apps
