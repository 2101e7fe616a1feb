#include "testkit.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>
#include <zmq.hpp>

#include "client.hpp"

namespace lienket::testkit {

namespace fs = std::filesystem;

std::string lienket_binary() { return LIENKET_TEST_BINARY; }
std::string plugin_dir() { return LIENKET_TEST_PLUGIN_DIR; }

// ---- Client ----

struct Client::Impl {
  Impl(const std::string& endpoint, std::optional<core::ClientCurve> curve,
       std::chrono::milliseconds timeout)
      : client(endpoint, timeout, std::move(curve)) {}
  core::Client client;
};

Client::Client(const std::string& endpoint, std::optional<core::ClientCurve> curve,
               std::chrono::milliseconds timeout)
    : impl_(new Impl(endpoint, std::move(curve), timeout)) {}
Client::~Client() { delete impl_; }

json Client::call(const std::string& type, const json& body, const std::string& as,
                  const std::string& key) {
  auto r = impl_->client.call(type, body, as, key);
  if (!r.ok()) throw std::runtime_error(type + ": " + r.status().message());
  return *r;
}

json Client::send_raw(const std::string& frame) {
  auto r = impl_->client.send_raw(frame);
  if (!r.ok()) throw std::runtime_error("raw frame: " + r.status().message());
  return *r;
}

// ---- Subscriber ----

struct Subscriber::Impl {
  zmq::context_t ctx{1};
  zmq::socket_t sub{ctx, zmq::socket_type::sub};
};

Subscriber::Subscriber(const std::string& endpoint, const std::string& topic_prefix,
                       std::optional<core::ClientCurve> curve)
    : impl_(new Impl) {
  impl_->sub.set(zmq::sockopt::linger, 0);
  if (curve) core::make_curve_client(impl_->sub, *curve);
  impl_->sub.set(zmq::sockopt::subscribe, topic_prefix);
  // A SUB misses what is published before its subscription reaches the node ("slow joiner"). Wait
  // for the connection's handshake, seen by a socket monitor: the subscription is the first thing
  // sent on it, so it reaches the node before any request this test sends afterwards on loopback.
  struct Seen : zmq::monitor_t {
    bool handshake = false;
    void on_event_handshake_succeeded(const zmq_event_t&, const char*) override {
      handshake = true;
    }
  };
  Seen seen;
  seen.init(impl_->sub,
            "inproc://testkit-sub-" + std::to_string(reinterpret_cast<std::uintptr_t>(impl_)),
            ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
  impl_->sub.connect(endpoint);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!seen.handshake && std::chrono::steady_clock::now() < deadline) seen.check_event(10);
}

Subscriber::~Subscriber() { delete impl_; }

std::optional<json> Subscriber::next(std::chrono::milliseconds timeout) {
  zmq::pollitem_t item{impl_->sub.handle(), 0, ZMQ_POLLIN, 0};
  zmq::poll(&item, 1, timeout);
  if (!(item.revents & ZMQ_POLLIN)) return std::nullopt;
  zmq::message_t topic, body;
  (void)impl_->sub.recv(topic);
  (void)impl_->sub.recv(body);
  return json::parse(body.to_string_view());
}

// ---- Node ----

namespace {

std::string make_temp_dir() {
  std::string tmpl = (fs::temp_directory_path() / "lienket-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

bool wait_exit(int pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Node::Node(json overrides) {
  dir_ = make_temp_dir();
  data_dir_ = dir_ + "/data";
  config_path_ = dir_ + "/node.json";
  ready_path_ = dir_ + "/ready.json";
  log_path_ = dir_ + "/node.log";
  config_ = {{"request_endpoint", "tcp://127.0.0.1:*"},
             {"event_endpoint", "tcp://127.0.0.1:*"},
             {"data_dir", data_dir_},
             {"durability", "relaxed"},
             {"plugin_dirs", {plugin_dir()}},
             {"log_level", "info"},
             {"clock", {{"mode", "manual"}, {"start", "2026-03-01T08:00:00+07:00"}}},
             // Plugins' HTTP pages have fixed, exclusive default ports: nodes of tests running
             // side by side would refuse each other's start.
             {"http_any_port", true}};
  config_.merge_patch(overrides);
  std::ofstream(config_path_) << config_.dump(2);
  start();
}

Node::~Node() {
  try {
    if (running()) stop();
  } catch (...) {
  }
  if (!std::getenv("LIENKET_KEEP_TEST_DIRS")) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void Node::start() {
  if (running()) throw std::runtime_error("node already running");
  fs::remove(ready_path_);
  client_.reset();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::string bin = lienket_binary();
    ::execl(bin.c_str(), bin.c_str(), "node", "--config", config_path_.c_str(), "--ready-file",
            ready_path_.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!fs::exists(ready_path_)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("lienket node exited during start-up; log:\n" +
                               read_file(log_path_));
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("lienket node did not become ready");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  auto ready = json::parse(read_file(ready_path_));
  request_endpoint_ = ready["request_endpoint"];
  event_endpoint_ = ready["event_endpoint"];
  server_key_ = ready.value("server_public_key", "");
  http_url_ = ready.value("http_url", "");
}

void Node::stop() {
  if (!running()) return;
  client_.reset();
  ::kill(pid_, SIGTERM);
  if (!wait_exit(pid_, std::chrono::seconds(30))) {
    ::kill(pid_, SIGKILL);
    wait_exit(pid_, std::chrono::seconds(5));
  }
  pid_ = -1;
}

void Node::kill9() {
  if (!running()) return;
  client_.reset();
  ::kill(pid_, SIGKILL);
  wait_exit(pid_, std::chrono::seconds(10));
  pid_ = -1;
}

int Node::wait_for_exit(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running() && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      client_.reset();
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

bool Node::running() const { return pid_ > 0; }

std::string api_token(Node& node, const std::string& party, const json& extra) {
  json body = {{"label", "test"}};
  if (party.empty()) body["admin"] = true;
  body.merge_patch(extra);
  return ok(node.call("token.create", body, party))["token"];
}

Client& Node::client() {
  if (!client_) client_.emplace(request_endpoint_);
  return *client_;
}

json Node::call(const std::string& type, const json& body, const std::string& as,
                const std::string& key) {
  auto reply = client().call(type, body, as, key);
  if (reply.value("ok", false))
    answered_.push_back({{"type", type}, {"body", body}, {"result", reply["result"]}});
  return reply;
}

std::vector<std::string> contract_violations(Node& node) {
  json doc = {{"schema", ok(node.client().call("node.schema"))},
              {"calls", node.answered()},
              {"events", json::array()}};
  for (std::uint64_t after = 0;;) {
    auto page = ok(node.client().call("events.since", {{"after_seq", after}, {"limit", 1000}}));
    for (auto& e : page["events"]) doc["events"].push_back(e);
    after = page["next_after"].get<std::uint64_t>();
    if (after >= page["last_seq"].get<std::uint64_t>()) break;
  }
  auto file = fs::path(node.data_dir()).parent_path() / "contract-samples.json";
  std::ofstream(file) << doc.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string cmd =
      std::string("/usr/bin/python3 ") + LIENKET_CONTRACT_CHECK + " '" + file.string() + "' 2>&1";
  std::vector<std::string> lines;
  FILE* out = ::popen(cmd.c_str(), "r");
  if (!out) return {"cannot run " + cmd};
  char buf[4096];
  while (std::fgets(buf, sizeof buf, out)) {
    std::string line(buf);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (line.rfind("contract: ", 0) != 0) lines.push_back(line);
  }
  int status = ::pclose(out);
  if (status != 0 && lines.empty())
    lines.push_back("contract check failed with status " + std::to_string(status));
  return lines;
}

json ok(const json& reply) {
  INFO("reply: " << reply.dump());
  REQUIRE(reply.value("ok", false));
  return reply["result"];
}

void expect_error(const json& reply, const std::string& code, const std::string& field) {
  INFO("reply: " << reply.dump());
  REQUIRE_FALSE(reply.value("ok", true));
  CHECK(reply["error"].value("code", "") == code);
  if (!field.empty()) CHECK(reply["error"].value("field", "") == field);
}

void register_tea_market(Node& node, const std::string& gtin) {
  ok(node.call("party.register", {{"id", "htx-thanhnam"},
                                  {"kind", "cooperative"},
                                  {"name", "HTX Chè Thanh Nam"},
                                  {"province", "Phú Thọ"},
                                  {"lat", 21.29},
                                  {"lon", 105.05},
                                  {"members", 120}}));
  ok(node.call("party.register", {{"id", "dn-tanhiep"},
                                  {"kind", "enterprise"},
                                  {"name", "Công ty CP Chè Tân Hiệp"},
                                  {"province", "Hà Nội"},
                                  {"lat", 21.03},
                                  {"lon", 105.85}}));
  ok(node.call("product.register",
               {{"id", "tea-thanhnam-green"},
                {"name", "Chè xanh Thanh Nam"},
                {"category", "tea"},
                {"unit", "g"},
                {"ocop_stars", 4},
                {"certifications", {"VietGAP"}},
                {"gtin", gtin}},
               "htx-thanhnam"));
}

}  // namespace lienket::testkit
