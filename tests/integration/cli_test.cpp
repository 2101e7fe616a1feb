#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "lienket/testing/eventually.hpp"
#include "schema_markdown.hpp"
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

// A `lienket` command that runs until it is stopped (`events tail --follow`), its output in a file.
class Background {
 public:
  explicit Background(const std::string& args) : out_path_(make_out_path()) {
    std::string cmd = "exec " + lienket_binary() + " " + args + " >" + out_path_ + " 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Background() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove(out_path_);
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  std::string output() const {
    std::ifstream in(out_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // True once the output contains `text`; false when `timeout` passes first.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout) const {
    return lienket::testing::eventually([&] { return output().find(text) != std::string::npos; },
                                        timeout);
  }

 private:
  static std::string make_out_path() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "lienket-cli-out-XXXXXX").string();
    int fd = ::mkstemp(tmpl.data());
    if (fd >= 0) ::close(fd);
    return tmpl;
  }
  std::string out_path_;
  pid_t pid_ = -1;
};

json coop(const std::string& id) {
  return {{"id", id},    {"kind", "cooperative"}, {"name", "HTX " + id}, {"province", "Sơn La"},
          {"lat", 21.3}, {"lon", 103.9}};
}
}  // namespace

TEST_CASE("the lienket CLI talks to a node") {
  Node node;
  std::string ep = "--endpoint " + node.request_endpoint();

  SECTION("party register, get and list, for people and for scripts") {
    auto reg = run(ep +
                   " party register --id htx-longcoc --kind cooperative --name 'HTX Chè Long Cốc' "
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
  SECTION("token create prints the secret once; list never does; revoke ends it") {
    ok(node.call("party.register", coop("htx-longcoc")));
    auto made = run(ep +
                    " token create --as htx-longcoc --label 'Cửa hàng Shopee' --scope offtake. "
                    "--days 30");
    INFO(made.out);
    REQUIRE(made.code == 0);
    CHECK_THAT(made.out, Catch::Contains("Hãy chép lại ngay") && Catch::Contains("lk_"));
    auto listed = run(ep + " --json token list --as htx-longcoc");
    REQUIRE(listed.code == 0);
    auto tokens = json::parse(listed.out)["result"]["tokens"];
    REQUIRE(tokens.size() == 1);
    CHECK(tokens[0]["scopes"] == json::array({"offtake."}));
    CHECK(listed.out.find("lk_") == std::string::npos);
    auto table = run(ep + " token list --as htx-longcoc");
    CHECK_THAT(table.out, Catch::Contains("Cửa hàng Shopee") && Catch::Contains("còn hiệu lực"));
    auto revoked =
        run(ep + " token revoke " + tokens[0]["id"].get<std::string>() + " --as htx-longcoc");
    CHECK(revoked.code == 0);
    CHECK_THAT(run(ep + " token list --as htx-longcoc").out, Catch::Contains("đã thu hồi"));
    CHECK(run(ep + " token create --as htx-longcoc --label x --admin").code == 1);
  }
  SECTION("an error reply is printed with its field and exits non-zero") {
    auto r = run(ep + " call party.register --body '{\"kind\":\"farmer\"}'");
    CHECK(r.code == 1);
    CHECK_THAT(r.out, Catch::Contains("invalid_argument") && Catch::Contains("body.kind"));
  }
  SECTION("events tail prints the log") {
    ok(node.call("party.register", {{"kind", "enterprise"},
                                    {"name", "Công ty Tân Hiệp"},
                                    {"province", "Hà Nội"},
                                    {"lat", 21.0},
                                    {"lon", 105.8}}));
    auto r = run(ep + " events tail");
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("#1") && Catch::Contains("party.registered"));
  }
  SECTION("--json and the other global options go before or after the subcommand") {
    ok(node.call("party.register", coop("htx-mocchau")));
    for (std::string command : {"party list", "party get htx-mocchau", "call node.info", "info"}) {
      INFO(command);
      auto before = run(ep + " --json " + command);
      auto after = run(command + " --json " + ep);
      CHECK(before.code == 0);
      CHECK(after.code == 0);
      auto b = json::parse(before.out, nullptr, false), a = json::parse(after.out, nullptr, false);
      REQUIRE(b.is_object());
      REQUIRE(a.is_object());
      CHECK(a["ok"] == true);
      CHECK(a["result"] == b["result"]);
    }
    auto tail = run("events tail --json " + ep);
    CHECK(tail.code == 0);
    CHECK(json::parse(tail.out)["data"]["party"]["id"] ==
          "htx-mocchau");  // one event, one JSON line
  }
  SECTION("schema prints the declared contracts, one plugin's reference, or rewrites a page") {
    auto all = run(ep + " schema");
    REQUIRE(all.code == 0);
    CHECK_FALSE(json::parse(all.out)["plugins"].empty());
    auto one = run(ep + " schema node.info");
    REQUIRE(one.code == 0);
    CHECK_THAT(one.out, Catch::Contains("node.info"));
    auto md = run(ep + " schema --markdown registry");
    REQUIRE(md.code == 0);
    CHECK_THAT(md.out, Catch::Contains("#### `party.register`"));
    auto page = std::filesystem::temp_directory_path() / "lienket-cli-schema-page.md";
    std::ofstream(page) << "# A page\n\n"
                        << lienket::core::generated_block_begin("registry")
                        << lienket::core::generated_block_end("registry") << "\nAfter.\n";
    auto written = run(ep + " schema --markdown registry --write-docs " + page.string());
    REQUIRE(written.code == 0);
    std::stringstream text;
    text << std::ifstream(page).rdbuf();
    CHECK_THAT(text.str(), Catch::Contains("#### `party.register`") && Catch::Contains("After."));
    std::filesystem::remove(page);
    auto unknown = run(ep + " schema no.such.type");
    CHECK(unknown.code == 1);
  }
  SECTION("call --idempotency-key: a retry gets the first answer and applies once") {
    auto body = coop("");
    body.erase("id");  // the node assigns one: a second apply would register another party
    std::string cmd =
        ep + " --json call party.register --idempotency-key reg-1 --body '" + body.dump() + "'";
    auto first = run(cmd), second = run(cmd);
    INFO(first.out);
    REQUIRE(first.code == 0);
    CHECK(second.code == 0);
    CHECK(json::parse(second.out)["result"] == json::parse(first.out)["result"]);
    CHECK(ok(node.call("node.info"))["node"]["last_seq"] == 1);
  }
  SECTION("--key after call is the global CURVE key file, not an idempotency key") {
    auto r = run(ep + " call node.info --key k1");
    CHECK(r.code == 2);
    CHECK_THAT(r.out, Catch::Contains("--server-key"));
  }
  SECTION("no node: a clear message and a non-zero exit") {
    auto r = run("--endpoint tcp://127.0.0.1:1 --timeout-ms 300 call node.info");
    CHECK(r.code == 2);
    CHECK_THAT(r.out, Catch::Contains("no reply"));
  }
}

TEST_CASE("events tail --follow follows the node that --endpoint names") {
  Node first, second;
  auto info = ok(second.call("node.info"))["node"];
  CHECK(info["request_endpoint"] == second.request_endpoint());
  CHECK(info["event_endpoint"] == second.event_endpoint());
  ok(second.call("party.register", coop("second-0")));
  Background tail("--endpoint " + second.request_endpoint() + " events tail --follow");
  REQUIRE(tail.wait_for("second-0", std::chrono::seconds(10)));  // replayed from the store
  // The subscription joins a moment after the replay, so both nodes keep making events until one
  // of the second node's arrives live.
  bool live = false;
  for (int i = 1; i <= 50 && !live; ++i) {
    ok(first.call("party.register", coop("first-" + std::to_string(i))));
    ok(second.call("party.register", coop("second-" + std::to_string(i))));
    live = tail.wait_for("second-" + std::to_string(i), std::chrono::milliseconds(200));
  }
  INFO(tail.output());
  CHECK(live);
  CHECK_THAT(tail.output(), !Catch::Contains("first-"));
}

TEST_CASE("lienket demo runs the scenario on its own node, and replays it the second time") {
  auto dir = std::filesystem::temp_directory_path() / "lienket-demo-test";
  std::filesystem::remove_all(dir);
  std::string args = "demo --any-port --config " + std::string(LIENKET_SOURCE_DIR) +
                     "/config/node.json --data-dir " + dir.string();
  auto first = run(args);
  INFO(first.out);
  REQUIRE(first.code == 0);
  CHECK_THAT(first.out,
             Catch::Contains("HTX Chè Thanh Nam") && Catch::Contains("Refused, as it should be"));
  auto second = run(args);
  INFO(second.out);
  CHECK(second.code == 0);
  std::filesystem::remove_all(dir);
}
