// The connector runtime through a real node: a test connector (tests/plugins/recorder) whose
// "other side" is a file, steered through control files (down, reject-<seq>).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;
namespace fs = std::filesystem;

namespace {

struct Recorded {
  std::uint64_t seq;
  std::string type;
};

class RecorderSetup {
 public:
  RecorderSetup() {
    dir_ = fs::temp_directory_path() /
           ("lienket-recorder-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_ / "control");
  }
  ~RecorderSetup() { fs::remove_all(dir_); }

  json config(json delivery = json::object()) const {
    json d = {{"backoff_first_ms", 20},
              {"backoff_max_ms", 100},
              {"idle_poll_ms", 50},
              {"max_attempts", 1000}};
    d.merge_patch(delivery);
    return {{"plugin_dirs", {plugin_dir(), LIENKET_TEST_CONNECTOR_DIR}},
            {"plugins",
             {{"recorder",
               {{"delivery", d}, {"out", out()}, {"control_dir", (dir_ / "control").string()}}}}}};
  }
  std::string out() const { return (dir_ / "delivered.txt").string(); }
  void down(bool on) const { toggle("down", on); }
  void reject(std::uint64_t seq, bool on) const { toggle("reject-" + std::to_string(seq), on); }

  std::vector<Recorded> delivered() const {
    std::vector<Recorded> lines;
    std::ifstream in(out());
    Recorded r;
    while (in >> r.seq >> r.type) lines.push_back(r);
    return lines;
  }

 private:
  void toggle(const std::string& name, bool on) const {
    if (on)
      std::ofstream(dir_ / "control" / name) << "x";
    else
      fs::remove(dir_ / "control" / name);
  }
  fs::path dir_;
  static inline int counter_ = 0;
};

json party(const std::string& id, const std::string& kind = "cooperative") {
  return {{"id", id},    {"kind", kind}, {"name", "HTX " + id}, {"province", "Thái Nguyên"},
          {"lat", 21.6}, {"lon", 105.8}};
}

void register_parties(Node& node, int from, int count) {
  for (int i = from; i < from + count; ++i)
    ok(node.call("party.register", party("htx-" + std::to_string(i))));
}

using lienket::testing::eventually;

json status_of(Node& node) { return ok(node.call("connector.recorder.status")); }

std::vector<std::uint64_t> seqs(const std::vector<Recorded>& lines) {
  std::vector<std::uint64_t> out;
  for (const auto& l : lines) out.push_back(l.seq);
  return out;
}

std::vector<std::uint64_t> range(std::uint64_t from, std::uint64_t to) {
  std::vector<std::uint64_t> out;
  for (auto s = from; s <= to; ++s) out.push_back(s);
  return out;
}

}  // namespace

TEST_CASE("a connector receives every event in log order and reports its progress", "[connector]") {
  RecorderSetup rec;
  Node node(rec.config());
  register_parties(node, 1, 5);
  REQUIRE(eventually([&] { return rec.delivered().size() == 5; }));
  CHECK(seqs(rec.delivered()) == range(1, 5));
  CHECK(rec.delivered()[0].type == "party.registered");

  REQUIRE(eventually([&] { return status_of(node)["lag"] == 0; }));
  auto st = status_of(node);
  CHECK(st["connector"] == "recorder");
  CHECK(st["cursor"] == 5);
  CHECK(st["last_seq"] == 5);
  CHECK(st["delivered"] == 5);
  CHECK(st["dead_letters"] == 0);
  CHECK(st["last_success_at"].is_string());
  CHECK(st["last_error"].is_null());

  SECTION("connector.status lists every connector; unknown names are refused by field") {
    // Every loaded connector is listed; those without a config section are disabled (opt-in).
    auto all = ok(node.call("connector.status"));
    bool recorder_running = false;
    for (const auto& c : all["connectors"]) {
      if (c["connector"] == "recorder")
        recorder_running = c["state"] != "disabled";
      else
        CHECK(c["state"] == "disabled");
    }
    CHECK(recorder_running);
    expect_error(node.call("connector.status", {{"connector", "nope"}}), "not_found",
                 "body.connector");
    expect_error(node.call("connector.deadletter.list", {}), "invalid_argument", "body.connector");
    expect_error(node.call("connector.recorder.status", {{"x", 1}}), "invalid_argument", "body.x");
    expect_error(node.call("connector.recorder.nope"), "unknown_type");
  }
}

TEST_CASE("a connector's topics filter what it gets, and the cursor still moves past the rest",
          "[connector]") {
  RecorderSetup rec;
  Node node(rec.config({{"topics", {"product."}}}));
  register_parties(node, 1, 3);
  ok(node.call(
      "product.register",
      {{"id", "che-tan-cuong"}, {"name", "Chè Tân Cương"}, {"category", "tea"}, {"unit", "g"}},
      "htx-1"));
  REQUIRE(eventually([&] { return rec.delivered().size() == 1; }));
  CHECK(rec.delivered()[0].seq == 4);
  CHECK(rec.delivered()[0].type == "product.registered");
  REQUIRE(eventually([&] { return status_of(node)["cursor"] == 4; }));
}

TEST_CASE("nothing is lost while the other side is down, across a restart and a kill -9",
          "[connector]") {
  RecorderSetup rec;
  Node node(rec.config());
  register_parties(node, 1, 3);
  REQUIRE(eventually([&] { return rec.delivered().size() == 3; }));

  rec.down(true);
  register_parties(node, 4, 4);  // seq 4..7 wait
  REQUIRE(eventually([&] { return status_of(node)["last_error"].is_object(); }));
  auto st = status_of(node);
  CHECK(st["last_error"]["code"] == "unavailable");
  CHECK(st["lag"] == 4);
  CHECK((st["state"] == "retrying" || st["state"] == "delivering"));  // between tries, or in one
  CHECK(rec.delivered().size() == 3);

  SECTION("a clean restart while down") {
    node.stop();
    node.start();
    register_parties(node, 8, 2);
  }
  SECTION("a crash while down") {
    node.kill9();
    node.start();
    register_parties(node, 8, 2);
  }
  rec.down(false);
  REQUIRE(eventually([&] { return rec.delivered().size() >= 9; }));
  REQUIRE(eventually([&] { return status_of(node)["lag"] == 0; }));
  // Events 1..3 were confirmed before the outage, so none of them comes twice; 4..9 arrive once
  // each.
  CHECK(seqs(rec.delivered()) == range(1, 9));
}

TEST_CASE("an event that can never be delivered becomes a dead letter that an operator can replay",
          "[connector]") {
  RecorderSetup rec;
  Node node(rec.config());
  rec.reject(2, true);
  register_parties(node, 1, 4);
  REQUIRE(eventually([&] { return rec.delivered().size() == 3; }));
  CHECK(seqs(rec.delivered()) == std::vector<std::uint64_t>{1, 3, 4});

  auto dead =
      ok(node.call("connector.deadletter.list", {{"connector", "recorder"}}))["dead_letters"];
  REQUIRE(dead.size() == 1);
  CHECK(dead[0]["seq"] == 2);
  CHECK(dead[0]["event"]["type"] == "party.registered");
  CHECK(dead[0]["error"]["code"] == "invalid_argument");
  CHECK(dead[0]["attempts"] == 1);
  CHECK(status_of(node)["dead_letters"] == 1);

  expect_error(node.call("connector.recorder.deadletter.replay", {{"seqs", {3}}}), "not_found",
               "body.seqs");
  expect_error(node.call("connector.recorder.deadletter.replay", {{"seqs", "2"}}),
               "invalid_argument", "body.seqs");

  SECTION("replayed while still failing: it stays a dead letter with more attempts") {
    ok(node.call("connector.deadletter.replay", {{"connector", "recorder"}, {"seqs", {2}}}));
    REQUIRE(eventually([&] {
      auto d = ok(node.call("connector.recorder.deadletter.list"))["dead_letters"];
      return d.size() == 1 && d[0]["attempts"] == 2 && d[0]["replay"] == false;
    }));
  }
  SECTION(
      "replayed once the receiver accepts it: delivered, and the list is empty (after a restart "
      "too)") {
    rec.reject(2, false);
    node.stop();
    node.start();
    CHECK(ok(node.call("connector.deadletter.replay", {{"connector", "recorder"}}))["replaying"] ==
          1);
    REQUIRE(eventually([&] { return rec.delivered().size() == 4; }));
    CHECK(rec.delivered().back().seq == 2);
    REQUIRE(eventually([&] { return status_of(node)["dead_letters"] == 0; }));
    CHECK(ok(node.call("connector.recorder.deadletter.list"))["dead_letters"].empty());
  }
}

TEST_CASE(
    "after max_attempts transient failures an event is dead-lettered and the connector moves on",
    "[connector]") {
  RecorderSetup rec;
  Node node(rec.config({{"max_attempts", 3}}));
  rec.down(true);
  register_parties(node, 1, 1);
  REQUIRE(eventually([&] { return status_of(node)["dead_letters"] == 1; }));
  rec.down(false);
  register_parties(node, 2, 1);
  REQUIRE(eventually([&] { return rec.delivered().size() == 1; }));
  CHECK(rec.delivered()[0].seq == 2);
  auto dead = ok(node.call("connector.recorder.deadletter.list"))["dead_letters"];
  REQUIRE(dead.size() == 1);
  CHECK(dead[0]["attempts"] == 3);
  CHECK(dead[0]["error"]["code"] == "unavailable");
}

TEST_CASE("a new connector may start at the end of the log instead of the beginning",
          "[connector]") {
  RecorderSetup rec;
  auto data = fs::temp_directory_path() / ("lienket-start-end-" + std::to_string(::getpid()));
  fs::remove_all(data);
  {
    Node before(json{{"data_dir", data.string()}});  // the same log, before the connector existed
    register_parties(before, 1, 3);
  }
  json config = rec.config({{"start", "end"}});
  config["data_dir"] = data.string();
  {
    Node node(config);
    REQUIRE(eventually([&] { return status_of(node)["cursor"] == 3; }));
    register_parties(node, 4, 2);
    REQUIRE(eventually([&] { return rec.delivered().size() == 2; }));
    CHECK(seqs(rec.delivered()) == std::vector<std::uint64_t>{4, 5});
  }
  fs::remove_all(data);
}
