// `lienket schema [TYPE] [--markdown PLUGIN] [--write-docs FILE]`: the node's declared contracts
// (node.schema). --markdown prints one plugin's messages and events as the protocol pages show
// them;
// --write-docs FILE replaces that plugin's generated block in FILE (docs stay what the code
// declares).
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "schema_markdown.hpp"

namespace lienket::apps {

namespace {

struct SchemaArgs {
  std::string type, plugin, doc;
};

int write_docs(const nlohmann::json& schema, const SchemaArgs& a) {
  std::ifstream in(a.doc);
  if (!in) {
    std::cerr << "error: cannot read " << a.doc << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto updated =
      core::replace_generated_block(text.str(), a.plugin, core::schema_markdown(schema, a.plugin));
  if (updated.empty()) {
    std::cerr << "error: " << a.doc << " has no block for " << a.plugin << "; add the two lines\n"
              << core::generated_block_begin(a.plugin) << core::generated_block_end(a.plugin)
              << "\n";
    return 2;
  }
  std::ofstream(a.doc) << updated;
  return 0;
}

int run_schema(const Globals& g, const SchemaArgs& a) {
  nlohmann::json body = nlohmann::json::object();
  if (!a.type.empty()) body["type"] = a.type;
  nlohmann::json schema;
  if (int code = fetch_result(g, "node.schema", body, &schema)) return code;
  if (!a.doc.empty()) return write_docs(schema, a);
  if (!a.plugin.empty())
    std::cout << core::schema_markdown(schema, a.plugin);
  else
    std::cout << schema.dump(2) << "\n";
  return 0;
}

}  // namespace

void add_schema_command(CLI::App& app, const Globals& g, int* exit_code) {
  auto* cmd = app.add_subcommand("schema", "Print the node's declared contracts (node.schema)");
  auto a = std::make_shared<SchemaArgs>();
  cmd->add_option("type", a->type, "One message or event type, or a prefix ending in '.'");
  cmd->add_option("--markdown", a->plugin, "Print this plugin's messages and events as Markdown");
  cmd->add_option("--write-docs", a->doc,
                  "With --markdown: replace the plugin's generated block in this file")
      ->needs("--markdown");
  cmd->callback([=, &g] { *exit_code = run_schema(g, *a); });
}

}  // namespace lienket::apps
