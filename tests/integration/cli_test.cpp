#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>

#include "testkit.hpp"

using namespace lienket::testkit;

namespace {
struct Run {
  int code;
  std::string out;
};
Run run(const std::string& args) {
  std::string cmd = lienket_binary() + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  while (auto n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = ::pclose(p);
  return {WEXITSTATUS(status), out};
}
}  // namespace

TEST_CASE("the lienket CLI talks to a node") {
  Node node;
  std::string ep = "--endpoint " + node.request_endpoint();

  SECTION("party register, get and list, for people and for scripts") {
    auto reg = run(ep + " party register --id htx-longcoc --kind cooperative --name 'HTX Chè Long Cốc' "
                        "--province 'Phú Thọ' --lat 21.17 --lon 104.98 --members 85");
    INFO(reg.out);
    REQUIRE(reg.code == 0);
    auto list = run(ep + " party list");
    CHECK(list.code == 0);
    CHECK_THAT(list.out, Catch::Contains("HTX Chè Long Cốc") && Catch::Contains("cooperative"));
    auto json_out = run(ep + " --json party get htx-longcoc");
    CHECK(json_out.code == 0);
    CHECK(json::parse(json_out.out)["result"]["party"]["members"] == 85);
  }
  SECTION("an error reply is printed with its field and exits non-zero") {
    auto r = run(ep + " call party.register --body '{\"kind\":\"farmer\"}'");
    CHECK(r.code == 1);
    CHECK_THAT(r.out, Catch::Contains("invalid_argument") && Catch::Contains("body.kind"));
  }
  SECTION("events tail prints the log") {
    ok(node.call("party.register", {{"kind", "enterprise"}, {"name", "Công ty Tân Hiệp"}, {"province", "Hà Nội"}, {"lat", 21.0}, {"lon", 105.8}}));
    auto r = run(ep + " events tail");
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("#1") && Catch::Contains("party.registered"));
  }
  SECTION("no node: a clear message and a non-zero exit") {
    auto r = run("--endpoint tcp://127.0.0.1:1 --timeout-ms 300 call node.info");
    CHECK(r.code == 2);
    CHECK_THAT(r.out, Catch::Contains("no reply"));
  }
}

TEST_CASE("lienket demo runs the scenario on its own node, and replays it the second time") {
  auto dir = std::filesystem::temp_directory_path() / "lienket-demo-test";
  std::filesystem::remove_all(dir);
  std::string args = "demo --any-port --config " + std::string(LIENKET_SOURCE_DIR) + "/config/node.json --data-dir " + dir.string();
  auto first = run(args);
  INFO(first.out);
  REQUIRE(first.code == 0);
  CHECK_THAT(first.out, Catch::Contains("HTX Chè Thanh Nam") && Catch::Contains("Refused, as it should be"));
  auto second = run(args);
  INFO(second.out);
  CHECK(second.code == 0);
  std::filesystem::remove_all(dir);
}
