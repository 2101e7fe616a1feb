// bench/bus: requests through a real node (ZeroMQ over loopback TCP, RocksDB with fsync, group
// commit) against a raw ZeroMQ echo server answering the same frames, measured in the same run.
//   bench_bus [--clients N] [--window W] [--requests R] [--durability sync|relaxed]
// Prints requests/s, p50/p99 latency for both, and their ratio.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <spdlog/sinks/null_sink.h>
#include <zmq.hpp>

#include "../common/bench_common.hpp"
#include "envelope.hpp"
#include "node.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int clients = 4;
  int window = 64;
  int requests = 20000;  // per target, over all clients
  bool sync = true;
};

using lienket::bench::percentile;
using Result = lienket::bench::Run;

std::string request_frame(int client, int n) {
  lienket::Request r;
  r.id = std::to_string(client) + ":" + std::to_string(n);
  r.type = "party.register";
  r.body = {{"kind", "cooperative"}, {"name", "HTX Nông nghiệp bench " + r.id},
            {"province", "Phú Thọ"}, {"lat", 21.29},
            {"lon", 105.05},         {"members", 120}};
  return lienket::core::encode_request(r).dump();
}

// One client: keeps `window` requests in flight until it has sent `count`; records each latency.
void run_client(const std::string& endpoint, int id, int count, int window, Result& out) {
  zmq::context_t ctx{1};
  zmq::socket_t s{ctx, zmq::socket_type::dealer};
  s.set(zmq::sockopt::linger, 0);
  s.connect(endpoint);
  std::unordered_map<std::string, Clock::time_point> sent_at;
  int sent = 0, received = 0;
  while (received < count) {
    while (sent < count && sent - received < window) {
      std::string frame = request_frame(id, sent);
      sent_at[std::to_string(id) + ":" + std::to_string(sent)] = Clock::now();
      s.send(zmq::buffer(frame), zmq::send_flags::none);
      ++sent;
    }
    zmq::message_t reply;
    if (!s.recv(reply)) continue;
    auto now = Clock::now();
    auto j = nlohmann::json::parse(reply.to_string_view(), nullptr, false);
    std::string rid = j.is_object() && j["id"].is_string() ? j["id"].get<std::string>() : "";
    if (j.is_discarded() || !j.value("ok", true)) ++out.errors;
    if (auto it = sent_at.find(rid); it != sent_at.end()) {
      out.latencies_us.push_back(
          std::chrono::duration<double, std::micro>(now - it->second).count());
      sent_at.erase(it);
    }
    ++received;
  }
}

Result drive(const std::string& endpoint, const Options& o) {
  return lienket::bench::drive(o.clients, [&](int c, Result& r) {
    run_client(endpoint, c, o.requests / o.clients, o.window, r);
  });
}

// A raw ZeroMQ ROUTER that sends every frame straight back: the ceiling for any node.
void echo_server(zmq::socket_t& s, std::atomic<bool>& stop) {
  while (!stop) {
    zmq::message_t id, body;
    if (!s.recv(id)) continue;
    (void)s.recv(body);
    s.send(id, zmq::send_flags::sndmore);
    s.send(body, zmq::send_flags::none);
  }
}

void print(const char* name, const Result& r, int requests) {
  std::printf("%-34s %9.0f req/s   p50 %8.0f us   p99 %8.0f us   errors %ld\n", name,
              requests / r.seconds, percentile(r.latencies_us, 0.50),
              percentile(r.latencies_us, 0.99), r.errors);
}

Options parse(int argc, char** argv) {
  using lienket::bench::count_option;
  Options o;
  o.clients = count_option(argc, argv, "--clients", o.clients);
  o.window = count_option(argc, argv, "--window", o.window);
  o.requests = count_option(argc, argv, "--requests", o.requests);
  const char* durability = lienket::bench::option(argc, argv, "--durability");
  o.sync = !durability || std::string_view(durability) != "relaxed";
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  auto dir =
      std::filesystem::temp_directory_path() / ("lienket-bench-bus-" + std::to_string(::getpid()));
  lienket::core::NodeConfig config;
  config.request_endpoint = config.event_endpoint = "tcp://127.0.0.1:*";
  config.data_dir = dir.string();
  config.sync = o.sync;
  config.plugin_dirs = {};
  config.http.enabled = false;  // bench/http measures the HTTP side
  auto quiet =
      std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
  auto node = lienket::core::Node::open(config, ".", quiet);
  if (!node.ok()) {
    std::fprintf(stderr, "cannot start node: %s\n", node.status().message().c_str());
    return 1;
  }
  std::thread serving([&] { (*node)->run(); });

  zmq::context_t ctx{1};
  std::atomic<bool> stop{false};
  zmq::socket_t echo_socket{ctx, zmq::socket_type::router};
  echo_socket.set(zmq::sockopt::linger, 0);
  echo_socket.set(zmq::sockopt::rcvtimeo, 100);
  echo_socket.bind("tcp://127.0.0.1:*");
  std::string echo_endpoint = echo_socket.get(zmq::sockopt::last_endpoint);
  std::thread echo(echo_server, std::ref(echo_socket), std::ref(stop));

  std::printf(
      "bench/bus: %d clients x window %d, %d requests each target, party.register of %zu bytes, "
      "durability %s\n",
      o.clients, o.window, o.requests, request_frame(0, 0).size(),
      o.sync ? "sync (fsync per group commit)" : "relaxed");
  auto raw = drive(echo_endpoint, o);
  auto through_node = drive((*node)->request_endpoint(), o);
  Options single = o;
  single.clients = 1;
  single.window = 1;
  single.requests = std::min(o.requests, 2000);
  auto one_by_one = drive((*node)->request_endpoint(), single);

  print("raw ZeroMQ echo", raw, o.requests);
  print("node (party.register, durable)", through_node, o.requests);
  print("node, 1 client, 1 in flight", one_by_one, single.requests);
  std::printf("ratio node/echo: %.3f   group-commit gain (pipelined vs one at a time): %.1fx\n",
              (o.requests / through_node.seconds) / (o.requests / raw.seconds),
              (o.requests / through_node.seconds) / (single.requests / one_by_one.seconds));

  stop = true;
  echo.join();
  (*node)->stop();
  serving.join();
  node->reset();
  std::filesystem::remove_all(dir);
  return through_node.errors == 0 ? 0 : 1;
}
