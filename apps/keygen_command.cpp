// `lienket keygen NAME [--dir DIR]`: a CURVE key pair for a party, an admin or a node:
// DIR/NAME.key (secret, mode 0600, stays with its owner) and DIR/NAME.pub (hand it to the node's
// admin: party.register public_key, or security.admin_keys in the node's config).
#include <iostream>

#include "commands.hpp"
#include "curve_keys.hpp"

namespace lienket::apps {

void add_keygen_command(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("keygen", "Make a CURVE key pair (NAME.key and NAME.pub)");
  auto name = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>(".");
  cmd->add_option("name", *name, "Name of the pair, e.g. the party id")->required();
  cmd->add_option("--dir", *dir, "Where to write the files");
  cmd->callback([=] {
    auto keys = core::generate_key_pair();
    auto st = keys.ok() ? core::save_key_pair(*keys, *dir, *name) : keys.status();
    if (!st.ok()) {
      std::cerr << "error: " << st.message() << "\n";
      *exit_code = 2;
      return;
    }
    std::cout << keys->public_key << "\n";
  });
}

}  // namespace lienket::apps
