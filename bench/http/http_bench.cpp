// bench/http: the same message (party.register, durable) through the node's HTTP front door and
// through ZeroMQ, with the same number of clients each keeping one request in flight (HTTP/1.1
// has no pipelining), in one run against one in-process node.
//   bench_http [--clients N] [--requests R] [--durability sync|relaxed]
// Prints requests/s, p50/p99 latency for both, and their ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <spdlog/sinks/null_sink.h>

#include "../common/bench_common.hpp"
#include "client.hpp"
#include "node.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
  int clients = 16;
  int requests = 20000;  // per transport, over all clients
  bool sync = true;
};

using lienket::bench::percentile;
using Result = lienket::bench::Run;

json party(int client, int n) {
  std::string id = std::to_string(client) + "-" + std::to_string(n);
  return {{"kind", "cooperative"}, {"name", "HTX Nông nghiệp bench " + id},
          {"province", "Phú Thọ"}, {"lat", 21.29},
          {"lon", 105.05},         {"members", 120}};
}

void http_client(const std::string& url, const std::string& token, int id, int count, Result& out) {
  httplib::Client http(url);
  http.set_keep_alive(true);
  http.set_tcp_nodelay(true);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  for (int n = 0; n < count; ++n) {
    std::string body = party(id, n).dump();
    auto t0 = Clock::now();
    auto res = http.Post("/api/v1/messages/party.register", auth, body, "application/json");
    out.latencies_us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (!res || res->status != 200) ++out.errors;
  }
}

void zmq_client(const std::string& endpoint, int id, int count, Result& out) {
  lienket::core::Client client(endpoint);
  for (int n = 0; n < count; ++n) {
    auto t0 = Clock::now();
    auto reply = client.call("party.register", party(id, n));
    out.latencies_us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (!reply.ok() || !reply->value("ok", false)) ++out.errors;
  }
}

void print(const char* name, const Result& r) {
  std::printf("%-36s %9.0f req/s   p50 %8.0f us   p99 %8.0f us   errors %ld\n", name, r.rate(),
              percentile(r.latencies_us, 0.50), percentile(r.latencies_us, 0.99), r.errors);
}

Options parse(int argc, char** argv) {
  using lienket::bench::count_option;
  Options o;
  o.clients = count_option(argc, argv, "--clients", o.clients);
  o.requests = count_option(argc, argv, "--requests", o.requests);
  const char* durability = lienket::bench::option(argc, argv, "--durability");
  o.sync = !durability || std::string_view(durability) != "relaxed";
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  auto dir =
      std::filesystem::temp_directory_path() / ("lienket-bench-http-" + std::to_string(::getpid()));
  lienket::core::NodeConfig config;
  config.request_endpoint = config.event_endpoint = "tcp://127.0.0.1:*";
  config.data_dir = dir.string();
  config.sync = o.sync;
  config.plugin_dirs = {};
  config.http.port = 0;
  config.http.threads = o.clients + 4;
  config.http.rate_per_second = 100'000'000;  // the benchmark measures the server, not its limit
  auto quiet =
      std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
  auto node = lienket::core::Node::open(config, ".", quiet);
  if (!node.ok()) {
    std::fprintf(stderr, "cannot start node: %s\n", node.status().message().c_str());
    return 1;
  }
  std::thread serving([&] { (*node)->run(); });
  const std::string endpoint = (*node)->request_endpoint();
  const std::string url = (*node)->http_url();

  // An admin token, made over ZeroMQ (a loopback node without CURVE: no "as" is the admin).
  lienket::core::Client admin(endpoint);
  auto made = admin.call("token.create", {{"label", "bench"}, {"admin", true}});
  if (!made.ok() || !made->value("ok", false)) {
    std::fprintf(stderr, "cannot make a token\n");
    return 1;
  }
  const std::string token = (*made)["result"]["token"];

  std::printf(
      "bench/http: %d clients, 1 request in flight each, %d requests per transport, "
      "party.register, durability %s\n",
      o.clients, o.requests, o.sync ? "sync (fsync per group commit)" : "relaxed");
  const int each = o.requests / o.clients;
  auto zmq =
      lienket::bench::drive(o.clients, [&](int c, Result& r) { zmq_client(endpoint, c, each, r); });
  auto http = lienket::bench::drive(o.clients,
                                    [&](int c, Result& r) { http_client(url, token, c, each, r); });
  print("ZeroMQ (DEALER, 1 in flight)", zmq);
  print("HTTP POST /api/v1/messages/...", http);
  std::printf(
      "ratio http/zeromq: %.3f   p99 http/zeromq: %.2f\n", http.rate() / zmq.rate(),
      percentile(http.latencies_us, 0.99) / std::max(1.0, percentile(zmq.latencies_us, 0.99)));

  (*node)->stop();
  serving.join();
  node->reset();
  std::filesystem::remove_all(dir);
  return zmq.errors == 0 && http.errors == 0 ? 0 : 1;
}
