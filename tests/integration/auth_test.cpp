// CurveZMQ authentication and roles through a real node: the acting party is the one whose key
// opened the connection, an admin key manages the registry, unknown keys get nothing.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "testkit.hpp"

using namespace lienket::testkit;
using lienket::core::ClientCurve;
using lienket::core::KeyPair;
namespace fs = std::filesystem;

namespace {

KeyPair keys() { return *lienket::core::generate_key_pair(); }

struct Parties {
  KeyPair admin = keys(), coop_a = keys(), coop_b = keys(), enterprise = keys(), stranger = keys();
};

json party(const std::string& id, const std::string& kind, const KeyPair& k) {
  return {{"id", id},     {"kind", kind},  {"name", "Bên " + id},       {"province", "Bắc Giang"},
          {"lat", 21.27}, {"lon", 106.19}, {"public_key", k.public_key}};
}

json last_seq(Client& c) { return ok(c.call("node.info"))["node"]["last_seq"]; }

std::string run(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    ::pclose(p);
  }
  return out;
}

}  // namespace

TEST_CASE("with CURVE on, requests act for the party whose key sent them", "[auth]") {
  Parties k;
  // The test plugin `echo` (tests/plugins/good) has messages open to anyone and to cooperatives
  // only.
  Node node(json{{"plugin_dirs", {LIENKET_TEST_PLUGIN_DIR}},
                 {"security", {{"curve", "on"}, {"admin_keys", {k.admin.public_key}}}}});
  REQUIRE(node.server_key().size() == 40);
  auto as = [&](const KeyPair& p) { return ClientCurve{node.server_key(), p}; };
  Client admin(node.request_endpoint(), as(k.admin));
  ok(admin.call("party.register", party("htx-a", "cooperative", k.coop_a)));
  ok(admin.call("party.register", party("htx-b", "cooperative", k.coop_b)));
  ok(admin.call("party.register", party("cty-e", "enterprise", k.enterprise)));
  Client coop_a(node.request_endpoint(), as(k.coop_a));
  Client enterprise(node.request_endpoint(), as(k.enterprise));
  auto before = last_seq(admin);

  SECTION("a party's key fills in `as`; naming another party is refused and changes nothing") {
    auto product =
        ok(coop_a.call("product.register",
                       {{"id", "che-a"}, {"name", "Chè búp"}, {"category", "tea"}, {"unit", "g"}}));
    CHECK(product["product"]["owner"] == "htx-a");
    expect_error(coop_a.call("product.register",
                             {{"name", "Chè giả"}, {"category", "tea"}, {"unit", "g"}}, "htx-b"),
                 "permission_denied", "as");
    expect_error(coop_a.call("echo.who", json::object(), "cty-e"), "permission_denied", "as");
    CHECK(last_seq(admin) == before.get<int>() + 1);
  }
  SECTION("only an admin key manages the registry; an admin acts for no party") {
    expect_error(coop_a.call("party.register", party("htx-x", "cooperative", k.stranger)),
                 "permission_denied", "as");
    expect_error(admin.call("product.register", {{"name", "x"}, {"category", "tea"}, {"unit", "g"}},
                            "htx-a"),
                 "permission_denied", "as");
    expect_error(admin.call("party.register", party("htx-c", "cooperative", k.coop_a)),
                 "already_exists", "body.public_key");
    CHECK(last_seq(admin) == before);
  }
  SECTION("plugins' roles hold for the authenticated party") {
    CHECK(ok(coop_a.call("echo.who"))["as"] == "htx-a");
    CHECK(ok(enterprise.call("echo.who"))["as"] == "cty-e");
    ok(coop_a.call("echo.cooperatives_only"));
    expect_error(enterprise.call("echo.cooperatives_only"), "permission_denied");
  }
  SECTION("an unknown key, or no key, gets no answer at all") {
    Client stranger(node.request_endpoint(), as(k.stranger), std::chrono::milliseconds(1500));
    CHECK_THROWS(stranger.call("node.info"));
    Client plain(node.request_endpoint(), std::nullopt, std::chrono::milliseconds(1500));
    CHECK_THROWS(plain.call("node.info"));
    CHECK(last_seq(admin) == before);
    // The refused handshake is in the log for audit, with the key it offered.
    std::ifstream log(node.log_path());
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    CHECK(text.find("\"what\":\"handshake\"") != std::string::npos);
    CHECK(text.find(k.stranger.public_key) != std::string::npos);
  }
  SECTION("events reach subscribers with registered keys only") {
    Subscriber good(node.event_endpoint(), "party.", as(k.coop_a));
    Subscriber bad(node.event_endpoint(), "party.", as(k.stranger));
    ok(admin.call("party.register", party("dist-d", "distributor", keys())));
    auto e = good.next();
    REQUIRE(e);
    CHECK((*e)["data"]["party"]["id"] == "dist-d");
    CHECK_FALSE(bad.next(std::chrono::milliseconds(800)));
  }
  SECTION("a rotated key replaces the old one at once") {
    auto fresh = keys();
    ok(admin.call("party.key.set", {{"id", "htx-a"}, {"public_key", fresh.public_key}}));
    Client old_key(node.request_endpoint(), as(k.coop_a), std::chrono::milliseconds(1500));
    CHECK_THROWS(old_key.call("node.info"));
    Client new_key(node.request_endpoint(), as(fresh));
    CHECK(ok(new_key.call("product.register", {{"name", "Chè mới"},
                                               {"category", "tea"},
                                               {"unit", "g"}}))["product"]["owner"] == "htx-a");
    expect_error(
        new_key.call("party.key.set", {{"id", "htx-a"}, {"public_key", k.coop_a.public_key}}),
        "permission_denied", "as");
  }
  SECTION("the CLI connects with `lienket keygen` files") {
    auto dir = fs::path(node.data_dir()).parent_path() / "cli-keys";
    auto out = run(lienket_binary() + " keygen ops --dir " + dir.string());
    REQUIRE(out.size() == 41);  // the public key and a newline
    struct stat st {};
    REQUIRE(::stat((dir / "ops.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);  // the secret is readable by its owner only
    std::string pub = out.substr(0, 40);
    ok(admin.call("party.register", party("ret-r", "retailer", KeyPair{pub, ""})));
    auto reply = run(lienket_binary() + " --json --endpoint " + node.request_endpoint() +
                     " --key " + (dir / "ops.key").string() + " --server-key '" +
                     node.server_key() + "' call party.get --body '{\"id\":\"ret-r\"}'");
    CHECK_THAT(reply, Catch::Contains("\"ok\": true"));
  }
}

TEST_CASE("the node's key pair is made once and kept across restarts", "[auth]") {
  Node node(json{{"security", {{"curve", "on"}}}});
  auto first = node.server_key();
  node.stop();
  node.start();
  CHECK(node.server_key() == first);
}
