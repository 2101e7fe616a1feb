// `lienket call TYPE --body JSON [--as PARTY] [--idempotency-key K]`: any message type, for scripts
// and people. (`--key` is the global CURVE key file, so the idempotency key has the long name.)
#include <iostream>

#include "client.hpp"
#include "commands.hpp"

namespace lienket::apps {

int request_and_print(const Globals& g, const std::string& type, const nlohmann::json& body,
                      const std::string& as, const std::string& idempotency_key,
                      void (*render)(const nlohmann::json& result)) {
  auto connected = connect(g);
  if (!connected) return 2;
  core::Client& client = *connected;
  auto reply = client.call(type, body, as, idempotency_key);
  if (!reply.ok()) {
    std::cerr << "error: " << reply.status().message() << "\n";
    return 2;
  }
  if (g.json) std::cout << reply->dump(2) << "\n";
  if (!reply->value("ok", false)) {
    const auto& e = (*reply)["error"];
    if (!g.json) {
      std::cerr << "error: " << e.value("code", "") << ": " << e.value("message", "");
      if (e.contains("field")) std::cerr << " (field " << e.value("field", "") << ")";
      std::cerr << "\n";
    }
    return 1;
  }
  if (!g.json) {
    if (render)
      render((*reply)["result"]);
    else
      std::cout << (*reply)["result"].dump(2) << "\n";
  }
  return 0;
}

int fetch_result(const Globals& g, const std::string& type, const nlohmann::json& body,
                 nlohmann::json* result) {
  auto client = connect(g);
  if (!client) return 2;
  auto reply = client->call(type, body, "", "");
  if (!reply.ok()) {
    std::cerr << "error: " << reply.status().message() << "\n";
    return 2;
  }
  if (!reply->value("ok", false)) {
    std::cerr << "error: " << (*reply)["error"].value("message", "") << "\n";
    return 1;
  }
  *result = std::move((*reply)["result"]);
  return 0;
}

void add_call_command(CLI::App& app, const Globals& g, int* exit_code) {
  auto* cmd = app.add_subcommand("call", "Send one request of any type and print the reply");
  struct Args {
    std::string type, body = "{}", as, idempotency_key;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("type", a->type, "Message type, e.g. party.get")->required();
  cmd->add_option("--body", a->body, "The request body as JSON")->capture_default_str();
  cmd->add_option("--as", a->as, "The acting party");
  cmd->add_option("--idempotency-key", a->idempotency_key,
                  "A retry with the same key applies once");
  cmd->callback([=, &g] {
    auto body = nlohmann::json::parse(a->body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      std::cerr << "error: --body must be a JSON object\n";
      *exit_code = 2;
      return;
    }
    *exit_code = request_and_print(g, a->type, body, a->as, a->idempotency_key, nullptr);
  });
}

}  // namespace lienket::apps
