// `lienket backup` of a running node and `lienket restore` into a fresh one: the restored node has
// exactly the state and the events up to the backup, and nothing written after it.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "testkit.hpp"

using namespace lienket::testkit;
namespace fs = std::filesystem;

namespace {

int run(const std::string& cmd) { return WEXITSTATUS(std::system(cmd.c_str())); }

json party(const std::string& id) {
  return {{"id", id},
          {"kind", "cooperative"},
          {"name", "HTX Bưởi Diễn " + id},
          {"province", "Hà Nội"},
          {"lat", 21.04},
          {"lon", 105.77},
          {"members", 120}};
}

json snapshot(Node& node) {
  return {{"parties", ok(node.call("party.list", {{"limit", 500}}))["parties"]},
          {"products", ok(node.call("product.list", {{"limit", 500}}))["products"]},
          {"events", ok(node.call("events.since", {{"limit", 1000}}))["events"]}};
}

}  // namespace

TEST_CASE("a backup of a running node restores into a fresh node with the same state") {
  auto root = fs::temp_directory_path() / ("lienket-backup-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  Node plain;
  for (int i = 1; i <= 5; ++i) ok(plain.call("party.register", party("htx-" + std::to_string(i))));
  ok(plain.call("product.register",
                {{"id", "buoi-dien"},
                 {"name", "Bưởi Diễn"},
                 {"category", "fruit"},
                 {"unit", "g"},
                 {"ocop_stars", 4}},
                "htx-1"));
  auto before = snapshot(plain);

  auto backup = root / "backup-1";
  auto cli = lienket_binary() + " --json --endpoint " + plain.request_endpoint();
  REQUIRE(run(cli + " backup " + backup.string() + " > " + (root / "out.json").string()) == 0);
  CHECK(fs::exists(backup / "CURRENT"));
  CHECK(run(cli + " backup " + backup.string() + " > /dev/null 2>&1") ==
        1);  // never over an old one

  ok(plain.call("party.register", party("htx-after")));  // after the backup: not in it

  auto restored_dir = root / "restored";
  REQUIRE(run(lienket_binary() + " restore " + backup.string() + " " + restored_dir.string() +
              " > /dev/null") == 0);
  CHECK(run(lienket_binary() + " restore " + backup.string() + " " + restored_dir.string() +
            " > /dev/null 2>&1") == 2);
  {
    Node restored(json{{"data_dir", restored_dir.string()}});
    CHECK(snapshot(restored) == before);
    expect_error(restored.call("party.get", {{"id", "htx-after"}}), "not_found", "body.id");
    // The restored node goes on from where the backup stood.
    ok(restored.call("party.register", party("htx-6")));
    CHECK(ok(restored.call("node.info"))["node"]["last_seq"] == before["events"].size() + 1);
  }
  SECTION("the node's CURVE keys travel with the backup") {
    Node keyed(json{{"security", {{"curve", "on"}}}, {"data_dir", (root / "keyed").string()}});
    auto key = keyed.server_key();
    keyed.stop();
    REQUIRE(fs::exists(root / "keyed" / "keys" / "node.key"));
    // Started again without CURVE (its keys stay on disk) so this test's plain CLI may ask.
    Node reopened(json{{"data_dir", (root / "keyed").string()}});
    auto out = root / "keyed-backup";
    REQUIRE(run(lienket_binary() + " --endpoint " + reopened.request_endpoint() + " backup " +
                out.string() + " > /dev/null") == 0);
    CHECK(fs::exists(out / "keys" / "node.key"));
    reopened.stop();
    REQUIRE(run(lienket_binary() + " restore " + out.string() + " " +
                (root / "keyed-restored").string() + " > /dev/null") == 0);
    Node again(
        json{{"security", {{"curve", "on"}}}, {"data_dir", (root / "keyed-restored").string()}});
    CHECK(again.server_key() == key);
  }
  fs::remove_all(root);
}
