// Crash safety (ctest label `crash`): clients keep writing while the node is killed with SIGKILL at
// random moments and restarted, at least 20 times. Afterwards every acknowledged request is there,
// the event log's seq has no gap, every retry with an idempotency key got the first answer, and the
// registry agrees with a replay of the events.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "client.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;

namespace {

constexpr int kClients = 4;
constexpr int kKills = 20;

// A loopback port nobody uses now, so restarted nodes come back where clients reconnect.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

json party_body(int client, int n) {
  return {{"id", "htx-" + std::to_string(client) + "-" + std::to_string(n)},
          {"kind", "cooperative"},
          {"name", "HTX Tỏi Lý Sơn " + std::to_string(n)},
          {"province", "Quảng Ngãi"},
          {"lat", 15.38},
          {"lon", 109.12},
          {"members", n}};
}

struct Ledger {
  std::mutex mu;
  std::map<std::string, json> acknowledged;  // idempotency key -> the first ok reply's result
  int mismatched_retries = 0;
  int retries = 0;
  std::vector<json> unexpected;  // error replies other than `unavailable`
};

// One client: registers parties one after another; a request that got no answer (the node died)
// is sent again with the same idempotency key until answered. Every 5th acknowledged request is
// also sent again on purpose: the answer must be the first one.
void client_loop(const std::string& endpoint, int c, std::atomic<bool>& stop, Ledger& ledger) {
  lienket::core::Client client(endpoint, std::chrono::milliseconds(1500));
  for (int n = 1; !stop; ++n) {
    std::string key = "reg-" + std::to_string(c) + "-" + std::to_string(n);
    json first;
    while (!stop) {
      auto r = client.call("party.register", party_body(c, n), "", key);
      if (r.ok() && (*r)["ok"] == true) {
        first = (*r)["result"];
        break;
      }
      if (r.ok() &&
          (*r)["error"]["code"] != "unavailable") {  // Catch2 must not be called from here
        std::lock_guard lock(ledger.mu);
        ledger.unexpected.push_back(*r);
        return;
      }
    }
    if (first.is_null()) return;
    std::lock_guard lock(ledger.mu);
    ledger.acknowledged[key] = first;
    if (n % 5 == 0) {
      auto again = client.call("party.register", party_body(c, n), "", key);
      if (again.ok() && (*again)["ok"] == true) {
        ++ledger.retries;
        if ((*again)["result"] != first) ++ledger.mismatched_retries;
      }
    }
  }
}

std::vector<json> all_events(Node& node) {
  std::vector<json> out;
  std::uint64_t after = 0;
  while (true) {
    auto page = ok(node.call("events.since", {{"after_seq", after}, {"limit", 1000}}));
    for (auto& e : page["events"]) out.push_back(e);
    if (page["next_after"] == after || page["next_after"] == page["last_seq"]) break;
    after = page["next_after"];
  }
  return out;
}

}  // namespace

TEST_CASE("kill -9 at random moments loses nothing that was acknowledged", "[crash]") {
  std::string endpoint = "tcp://127.0.0.1:" + std::to_string(free_port());
  Node node(json{{"request_endpoint", endpoint}, {"durability", "sync"}});
  Ledger ledger;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] { client_loop(endpoint, c, stop, ledger); });

  std::mt19937 rng(std::random_device{}());
  std::uniform_int_distribution<int> pause_ms(50, 500);
  for (int k = 0; k < kKills; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
    node.kill9();
    node.start();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : clients) t.join();

  std::lock_guard lock(ledger.mu);
  INFO(ledger.acknowledged.size() << " acknowledged, " << ledger.retries << " deliberate retries");
  for (const auto& r : ledger.unexpected) FAIL_CHECK("unexpected reply " << r.dump());
  REQUIRE(ledger.acknowledged.size() > 100);
  CHECK(ledger.retries > 10);
  CHECK(ledger.mismatched_retries == 0);

  // Every acknowledged request is there, exactly as acknowledged.
  for (const auto& [key, result] : ledger.acknowledged) {
    auto got = node.call("party.get", {{"id", result["party"]["id"]}});
    REQUIRE(got["ok"] == true);
    CHECK(got["result"]["party"] == result["party"]);
  }
  // The log has no gap and no duplicate, and replaying it gives the registry's state.
  auto events = all_events(node);
  std::map<std::string, json> replayed;
  for (std::size_t i = 0; i < events.size(); ++i) {
    REQUIRE(events[i]["seq"] == i + 1);
    REQUIRE(events[i]["type"] == "party.registered");
    auto id = events[i]["data"]["party"]["id"].get<std::string>();
    CHECK(replayed.count(id) == 0);
    replayed[id] = events[i]["data"]["party"];
  }
  std::map<std::string, json> stored;
  std::string after;
  while (true) {
    json body = {{"limit", 500}};
    if (!after.empty()) body["after"] = after;
    auto page = ok(node.call("party.list", body));
    for (auto& p : page["parties"]) stored[p["id"]] = p;
    if (page["next_after"].is_null() || page["parties"].empty()) break;
    after = page["next_after"];
  }
  CHECK(stored == replayed);
  CHECK(stored.size() >= ledger.acknowledged.size());
}
