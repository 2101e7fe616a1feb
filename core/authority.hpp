// Whose authority a call carries (MessageSpec::callers is checked against it).
#pragma once

#include <string>

namespace lienket::core {

// Whose authority a call carries: the command's client (its acting party and admin right), or the
// plugin itself for its own work. Nested calls inherit it (Context::call).
struct Authority {
  std::string as;
  bool admin = false;
  std::string plugin;  // set for a plugin's own work
};

}  // namespace lienket::core
