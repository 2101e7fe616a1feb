// `lienket events tail [--after N] [--topic P] [--follow]`: the event log from the store, then
// (with --follow) live events from the event endpoint, without gaps or repeats: it subscribes
// first, replays from the store, and skips live events it has already printed. The event endpoint
// is the one the node reports in node.info, unless --event-endpoint names another.
#include <iostream>
#include <optional>

#include <zmq.hpp>

#include "client.hpp"
#include "commands.hpp"

namespace lienket::apps {

namespace {

struct TailArgs {
  std::uint64_t after = 0;
  std::string topic;
  bool follow = false;
  std::string event_endpoint;  // empty: ask the node
};

void print_event(const nlohmann::json& e, bool json) {
  if (json) {
    std::cout << e.dump() << std::endl;
    return;
  }
  std::cout << "#" << e.value("seq", 0ULL) << "  " << e.value("at", "") << "  "
            << e.value("type", "");
  if (!e.value("by", "").empty()) std::cout << "  by " << e.value("by", "");
  std::cout << "  " << e["data"].dump() << std::endl;
}

// The host part of "tcp://HOST:PORT", or "" for another transport.
std::string tcp_host(const std::string& endpoint) {
  const std::string tcp = "tcp://";
  auto colon = endpoint.rfind(':');
  if (endpoint.rfind(tcp, 0) != 0 || colon == std::string::npos || colon <= tcp.size()) return "";
  return endpoint.substr(tcp.size(), colon - tcp.size());
}

// A node bound to every interface reports tcp://0.0.0.0:PORT (or [::]), which names no host to
// connect to from elsewhere: the port is then reached on the host the requests go to.
std::string reachable(const std::string& reported, const std::string& request_endpoint) {
  auto host = tcp_host(reported);
  bool every_interface = host == "0.0.0.0" || host == "*" || host == "[::]" || host == "::";
  auto request_host = tcp_host(request_endpoint);
  if (!every_interface || request_host.empty()) return reported;
  return "tcp://" + request_host + reported.substr(reported.rfind(':'));
}

// --event-endpoint when given, else the event endpoint of the node that --endpoint reaches, as its
// node.info reports it. Prints why and returns nullopt when there is none.
std::optional<std::string> event_endpoint(core::Client& client, const Globals& g,
                                          const TailArgs& a) {
  if (!a.event_endpoint.empty()) return a.event_endpoint;
  auto reply = client.call("node.info", nlohmann::json::object());
  if (!reply.ok() || !reply->value("ok", false)) {
    std::cerr << "error: node.info: "
              << (reply.ok() ? (*reply)["error"].dump() : reply.status().message()) << "\n";
    return std::nullopt;
  }
  const auto& node = (*reply)["result"]["node"];
  if (!node.contains("event_endpoint") || !node["event_endpoint"].is_string()) {
    std::cerr << "error: the node does not report its event endpoint; give --event-endpoint\n";
    return std::nullopt;
  }
  return reachable(node["event_endpoint"].get<std::string>(), g.endpoint);
}

int tail(const Globals& g, const TailArgs& a) {
  auto connected = connect(g);
  if (!connected) return 2;
  core::Client& client = *connected;
  zmq::context_t ctx{1};
  zmq::socket_t sub{ctx, zmq::socket_type::sub};
  if (a.follow) {
    auto endpoint = event_endpoint(client, g, a);
    if (!endpoint) return 2;
    sub.set(zmq::sockopt::linger, 0);
    if (auto curve = client_curve(g)) core::make_curve_client(sub, *curve);
    sub.set(zmq::sockopt::subscribe, a.topic);
    try {
      sub.connect(*endpoint);
    } catch (const zmq::error_t& e) {
      std::cerr << "error: cannot connect to " << *endpoint << ": " << e.what() << "\n";
      return 2;
    }
  }
  std::uint64_t last = a.after;
  while (true) {
    nlohmann::json body = {{"after_seq", last}, {"limit", 1000}};
    if (!a.topic.empty()) body["topic_prefix"] = a.topic;
    auto reply = client.call("events.since", body);
    if (!reply.ok() || !reply->value("ok", false)) {
      std::cerr << "error: " << (reply.ok() ? (*reply)["error"].dump() : reply.status().message())
                << "\n";
      return reply.ok() ? 1 : 2;
    }
    const auto& r = (*reply)["result"];
    for (const auto& e : r["events"]) print_event(e, g.json);
    if (r.value("next_after", 0ULL) == last) break;
    last = r.value("next_after", 0ULL);
    if (last >= r.value("last_seq", 0ULL)) break;
  }
  while (a.follow) {
    zmq::message_t topic, body;
    if (!sub.recv(topic) || !sub.recv(body)) continue;
    auto e = nlohmann::json::parse(body.to_string_view(), nullptr, false);
    if (e.is_discarded() || e.value("seq", 0ULL) <= last) continue;
    last = e.value("seq", 0ULL);
    print_event(e, g.json);
  }
  return 0;
}

}  // namespace

void add_events_command(CLI::App& app, const Globals& g, int* exit_code) {
  auto* events = app.add_subcommand("events", "The node's event log");
  events->require_subcommand(1);
  auto* cmd = events->add_subcommand("tail", "Print events after a sequence number");
  auto a = std::make_shared<TailArgs>();
  cmd->add_option("--after", a->after, "Print events with seq greater than this");
  cmd->add_option("--topic", a->topic, "Only event types starting with this prefix");
  cmd->add_flag("--follow,-f", a->follow, "Keep printing live events");
  cmd->add_option(
      "--event-endpoint", a->event_endpoint,
      "Where to follow live events (default: the endpoint the node reports in node.info)");
  cmd->callback([=, &g] { *exit_code = tail(g, *a); });
}

}  // namespace lienket::apps
