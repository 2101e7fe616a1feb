// The out-of-tree example connector, built against the installed SDK by the fixture
// sdk_install_builds_hello_connector, loaded by a real node from its own build directory.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;
namespace fs = std::filesystem;

namespace {
std::vector<json> lines_of(const fs::path& file) {
  std::vector<json> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}
}  // namespace

TEST_CASE("a node loads the out-of-tree hello connector and delivers events to it") {
  auto file =
      fs::temp_directory_path() / ("lienket-hello-" + std::to_string(::getpid()) + ".jsonl");
  fs::remove(file);
  Node node(json{
      {"plugin_dirs", {plugin_dir(), HELLO_CONNECTOR_PLUGIN_DIR}},
      {"plugins", {{"hello", {{"file", file.string()}, {"delivery", {{"idle_poll_ms", 50}}}}}}}});
  auto info = ok(node.call("node.info"));
  bool loaded = false;
  for (const auto& p : info["plugins"])
    loaded = loaded || (p["name"] == "hello" && !p["builtin"].get<bool>());
  REQUIRE(loaded);

  for (const char* id : {"htx-che-tan-cuong", "htx-mien-dong-dao"})
    ok(node.call("party.register", {{"id", id},
                                    {"kind", "cooperative"},
                                    {"name", "HTX"},
                                    {"province", "Thái Nguyên"},
                                    {"lat", 21.6},
                                    {"lon", 105.8}}));
  REQUIRE(lienket::testing::eventually([&] { return lines_of(file).size() >= 2; }));
  auto lines = lines_of(file);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["seq"] == 1);
  CHECK(lines[1]["seq"] == 2);
  CHECK(lines[1]["type"] == "party.registered");
  CHECK(lines[1]["data"]["party"]["id"] == "htx-mien-dong-dao");

  // The line is written before the runtime stores the cursor past it: wait for that too.
  json status;
  lienket::testing::eventually([&] {
    status = ok(node.call("connector.status", {{"connector", "hello"}}));
    return status["connectors"].size() == 1 && status["connectors"][0]["delivered"] == 2;
  });
  REQUIRE(status["connectors"].size() == 1);
  CHECK(status["connectors"][0]["delivered"] == 2);
  CHECK(status["connectors"][0]["lag"] == 0);
  fs::remove(file);
}
