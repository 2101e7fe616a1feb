// `lienket events tail [--after N] [--topic P] [--follow]`: the event log from the store, then
// (with --follow) live events from the event endpoint, without gaps or repeats: it subscribes
// first, replays from the store, and skips live events it has already printed.
#include <iostream>

#include <zmq.hpp>

#include "client.hpp"
#include "commands.hpp"

namespace lienket::apps {

namespace {

struct TailArgs {
  std::uint64_t after = 0;
  std::string topic;
  bool follow = false;
  std::string event_endpoint = "tcp://127.0.0.1:7401";
};

void print_event(const nlohmann::json& e, bool json) {
  if (json) {
    std::cout << e.dump() << std::endl;
    return;
  }
  std::cout << "#" << e.value("seq", 0ULL) << "  " << e.value("at", "") << "  " << e.value("type", "");
  if (!e.value("by", "").empty()) std::cout << "  by " << e.value("by", "");
  std::cout << "  " << e["data"].dump() << std::endl;
}

int tail(const Globals& g, const TailArgs& a) {
  zmq::context_t ctx{1};
  zmq::socket_t sub{ctx, zmq::socket_type::sub};
  if (a.follow) {
    if (auto curve = client_curve(g)) core::make_curve_client(sub, *curve);
    sub.set(zmq::sockopt::subscribe, a.topic);
    sub.connect(a.event_endpoint);
  }
  auto connected = connect(g);
  if (!connected) return 2;
  core::Client& client = *connected;
  std::uint64_t last = a.after;
  while (true) {
    nlohmann::json body = {{"after_seq", last}, {"limit", 1000}};
    if (!a.topic.empty()) body["topic_prefix"] = a.topic;
    auto reply = client.call("events.since", body);
    if (!reply.ok() || !reply->value("ok", false)) {
      std::cerr << "error: " << (reply.ok() ? (*reply)["error"].dump() : reply.status().message()) << "\n";
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
  cmd->add_option("--event-endpoint", a->event_endpoint, "The node's event endpoint")->capture_default_str();
  cmd->callback([=, &g] { *exit_code = tail(g, *a); });
}

}  // namespace lienket::apps
