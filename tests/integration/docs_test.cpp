// The protocol pages carry each plugin's message and event reference as generated from the
// contracts the node declares (node.schema), between markers; this test regenerates every block
// from a real node with every in-tree plugin loaded and fails on any difference, so docs and code
// cannot drift. To update a page: `lienket schema --markdown <plugin> --write-docs <page>` against
// a running node.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema_markdown.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Where a plugin's reference lives: its own protocol page, else the node's.
fs::path page_of(const std::string& plugin) {
  fs::path src(LIENKET_SOURCE_DIR);
  for (auto p :
       {src / "docs" / ("protocol-" + plugin + ".md"), src / "plugins" / plugin / "PROTOCOL.md",
        src / "connectors" / plugin / "PROTOCOL.md"})
    if (fs::exists(p)) return p;
  return src / "docs" / "protocol.md";
}

}  // namespace

TEST_CASE("every protocol page's message reference is what the node declares") {
  Node node;
  auto schema = ok(node.call("node.schema"));
  for (const auto& p : schema["plugins"]) {
    std::string plugin = p["name"];
    auto page = page_of(plugin);
    DYNAMIC_SECTION(plugin << " in " << page.string()) {
      auto doc = slurp(page);
      auto expected = lienket::core::replace_generated_block(
          doc, plugin, lienket::core::schema_markdown(schema, plugin));
      INFO("update it with: lienket schema --markdown " << plugin << " --write-docs "
                                                        << page.string());
      REQUIRE_FALSE(expected.empty());  // the page has the block's two marker lines
      CHECK(doc == expected);
    }
  }
}
