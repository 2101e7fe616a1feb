// bench/bus: requests through a real node (ZeroMQ over loopback TCP, RocksDB, group commit, the
// built plugins loaded) against a raw ZeroMQ ROUTER echoing the same frames, in the same run, with
// the same cheap C++ load generator (load.hpp).
//   bench_bus [--clients N] [--threads T] [--window W] [--requests R]
// Prints, for party.register (a core message) and offtake.offer.post (a plugin's), durable and
// relaxed: requests/s, p50/p99 and the ratio to the echo; the p99 at half the node's durable rate,
// open loop; and what one request with nothing else in flight costs next to one fsync.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <spdlog/sinks/null_sink.h>
#include <zmq.hpp>

#include "client.hpp"
#include "envelope.hpp"
#include "load.hpp"
#include "node.hpp"

namespace {

using lienket::bench::Frames;
using lienket::bench::Load;
using lienket::bench::percentile;
using lienket::bench::Run;
using nlohmann::json;

struct Options {
  int clients = 4;  // DEALER sockets
  int threads = 2;  // client threads
  int window = 64;
  int requests = 100000;  // per measurement, over all sockets
};

Options parse(int argc, char** argv) {
  using lienket::bench::count_option;
  Options o;
  o.clients = count_option(argc, argv, "--clients", o.clients);
  o.threads = count_option(argc, argv, "--threads", o.threads);
  o.window = count_option(argc, argv, "--window", o.window);
  o.requests = count_option(argc, argv, "--requests", o.requests);
  return o;
}

std::string frame(const std::string& type, const std::string& as, long n, json body) {
  lienket::Request r;
  r.id = std::to_string(n);
  r.type = type;
  r.as = as;
  r.body = std::move(body);
  return lienket::core::encode_request(r).dump();
}

// The request a cooperative's office sends most: registering a member cooperative.
std::string register_frame(int socket, long n) {
  return frame(
      "party.register", "", n,
      {{"kind", "cooperative"},
       {"name", "HTX Nông nghiệp bench " + std::to_string(socket) + "-" + std::to_string(n)},
       {"province", "Phú Thọ"},
       {"lat", 21.29},
       {"lon", 105.05},
       {"members", 120}});
}

// A plugin's message: the bench cooperative offers 2 t of its green tea.
std::string offer_frame(int, long n) {
  return frame("offtake.offer.post", "htx-bench", n,
               {{"product_id", "tea-bench-green"},
                {"quantity", 2'000'000 + n},
                {"available_from", "2026-03-01"},
                {"available_to", "2026-04-15"},
                {"place", {{"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}}},
                {"min_unit_price_vnd", 150'000}});
}

template <typename Make>
std::vector<Frames> frames(int sockets, int total, Make make) {
  std::vector<Frames> out(static_cast<std::size_t>(sockets));
  for (int s = 0; s < sockets; ++s)
    for (long n = 0; n < total / sockets; ++n)
      out[static_cast<std::size_t>(s)].push_back(make(s, n));
  return out;
}

void print(const char* name, const Run& r, double baseline = 0) {
  std::printf("%-44s %9.0f req/s  p50 %7.0f us  p99 %7.0f us", name, r.rate(),
              percentile(r.latencies_us, 0.50), percentile(r.latencies_us, 0.99));
  if (baseline > 0) std::printf("  ratio %.3f", r.rate() / baseline);
  if (r.errors) std::printf("  ERRORS %ld", r.errors);
  std::printf("\n");
}

// A raw ZeroMQ ROUTER that sends every frame straight back: the ceiling for any node.
class Echo {
 public:
  explicit Echo(zmq::context_t& ctx) : socket_(ctx, zmq::socket_type::router) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.set(zmq::sockopt::rcvtimeo, 100);
    socket_.set(zmq::sockopt::sndhwm, 0);
    socket_.set(zmq::sockopt::rcvhwm, 0);
    socket_.bind("tcp://127.0.0.1:*");
    endpoint_ = socket_.get(zmq::sockopt::last_endpoint);
    thread_ = std::thread([this] { serve(); });
  }
  ~Echo() {
    stop_ = true;
    thread_.join();
  }
  const std::string& endpoint() const { return endpoint_; }

 private:
  void serve() {
    while (!stop_) {
      zmq::message_t id, body;
      if (!socket_.recv(id)) continue;
      (void)socket_.recv(body);
      socket_.send(id, zmq::send_flags::sndmore);
      socket_.send(body, zmq::send_flags::none);
    }
  }
  zmq::socket_t socket_;
  std::string endpoint_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A node in this process, with every plugin of the build, on its own data directory.
class BenchNode {
 public:
  BenchNode(bool sync, const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() /
           ("lienket-bench-bus-" + name + "-" + std::to_string(::getpid()));
    lienket::core::NodeConfig config;
    config.request_endpoint = config.event_endpoint = "tcp://127.0.0.1:*";
    config.data_dir = dir_.string();
    config.sync = sync;
    config.plugin_dirs = {LIENKET_BENCH_PLUGIN_DIR};
    config.http.enabled = false;  // bench/http measures the HTTP side
    auto quiet =
        std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>());
    auto opened = lienket::core::Node::open(config, ".", quiet);
    if (!opened.ok()) {
      std::fprintf(stderr, "cannot start node: %s\n", opened.status().message().c_str());
      std::exit(1);
    }
    node_ = std::move(*opened);
    serving_ = std::thread([this] { node_->run(); });
    seed();
  }
  ~BenchNode() {
    node_->stop();
    serving_.join();
    node_.reset();
    std::filesystem::remove_all(dir_);
  }
  const std::string& endpoint() const { return node_->request_endpoint(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  // The seller and product offtake.offer.post needs.
  void seed() {
    lienket::core::Client c(endpoint());
    auto must = [](const lienket::Result<json>& r) {
      if (!r.ok() || !r->value("ok", false)) {
        std::fprintf(stderr, "seeding failed: %s\n", r.ok() ? r->dump().c_str() : "no reply");
        std::exit(1);
      }
    };
    must(c.call("party.register", {{"id", "htx-bench"},
                                   {"kind", "cooperative"},
                                   {"name", "HTX Chè Thanh Nam"},
                                   {"province", "Phú Thọ"},
                                   {"lat", 21.29},
                                   {"lon", 105.05},
                                   {"members", 120}}));
    must(c.call("product.register",
                {{"id", "tea-bench-green"},
                 {"name", "Chè xanh Thanh Nam"},
                 {"category", "tea"},
                 {"unit", "g"},
                 {"ocop_stars", 4},
                 {"certifications", {"VietGAP"}}},
                "htx-bench"));
  }
  std::filesystem::path dir_;
  std::unique_ptr<lienket::core::Node> node_;
  std::thread serving_;
};

// The median time of one small write and fdatasync in `dir`: what one durable request must pay.
double fsync_p50_us(const std::filesystem::path& dir) {
  auto path = dir / "fsync-probe";
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  std::vector<double> us;
  std::string block(256, 'x');
  for (int i = 0; i < 200 && fd >= 0; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (::write(fd, block.data(), block.size()) < 0 || ::fdatasync(fd) != 0) break;
    us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  if (fd >= 0) ::close(fd);
  std::filesystem::remove(path);
  std::sort(us.begin(), us.end());
  return percentile(us, 0.5);
}

struct Rates {
  Run party, offer;
};

Rates measure_node(zmq::context_t& ctx, BenchNode& node, const Options& o, const char* mode,
                   double echo_rate) {
  Load load{node.endpoint(), frames(o.clients, o.requests, register_frame), o.threads, o.window};
  Rates r;
  r.party = run_load(ctx, load);
  load.sockets = frames(o.clients, o.requests, offer_frame);
  r.offer = run_load(ctx, load);
  print((std::string("node ") + mode + ", party.register").c_str(), r.party, echo_rate);
  print((std::string("node ") + mode + ", offtake.offer.post").c_str(), r.offer, echo_rate);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  zmq::context_t ctx{1};
  std::printf(
      "bench/bus: %d DEALER sockets on %d client threads, %d in flight each, %d requests per "
      "measurement; party.register %zu bytes, offtake.offer.post %zu bytes\n",
      o.clients, o.threads, o.window, o.requests, register_frame(0, 0).size(),
      offer_frame(0, 0).size());

  Run echo;
  {
    Echo server(ctx);
    Load load{server.endpoint(), frames(o.clients, o.requests, register_frame), o.threads,
              o.window};
    load.success = "\"type\":";  // the echo returns the request itself
    echo = run_load(ctx, load);
  }
  print("raw ZeroMQ echo (party.register frames)", echo);

  double durable_rate = 0;
  {
    BenchNode node(true, "sync");
    auto r = measure_node(ctx, node, o, "durable", echo.rate());
    durable_rate = r.party.rate();
    Load half{node.endpoint(), frames(o.clients, o.requests, register_frame), o.threads, 0,
              durable_rate / 2};
    print("node durable, open loop at half that rate", run_load(ctx, half));
    Load single{node.endpoint(), frames(1, 1000, register_frame), 1, 1};
    auto one = run_load(ctx, single);
    double fsync = fsync_p50_us(node.dir());
    print("node durable, 1 client, 1 in flight", one);
    std::printf("%-44s %9.0f us: one request costs %.2f fsyncs\n", "one write + fdatasync, p50",
                fsync, percentile(one.latencies_us, 0.5) / fsync);
  }
  {
    BenchNode node(false, "relaxed");
    measure_node(ctx, node, o, "relaxed", echo.rate());
  }
  return 0;
}
