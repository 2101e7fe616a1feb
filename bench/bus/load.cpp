#include "load.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <thread>

namespace lienket::bench {

namespace {

using Clock = std::chrono::steady_clock;

// The request id of a reply: the digits after the first "id":" (replies and echoed requests both
// carry it; no request body here has an "id" member of its own).
long reply_id(std::string_view text) {
  auto at = text.find("\"id\":\"");
  if (at == std::string_view::npos) return -1;
  long n = 0;
  bool any = false;
  for (auto i = at + 6; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, any = true)
    n = n * 10 + (text[i] - '0');
  return any ? n : -1;
}

// One socket's progress.
struct Flow {
  zmq::socket_t socket;
  const Frames* frames;
  std::vector<Clock::time_point> sent_at;
  std::size_t sent = 0, received = 0;
};

void receive_all(Flow& f, std::string_view success, std::vector<double>& latencies, long& errors) {
  zmq::message_t reply;
  while (f.received < f.frames->size() && f.socket.recv(reply, zmq::recv_flags::dontwait)) {
    auto now = Clock::now();
    auto text = reply.to_string_view();
    long id = reply_id(text);
    bool good = text.find(success) != std::string_view::npos;
    if (id < 0 || static_cast<std::size_t>(id) >= f.sent_at.size() || !good) ++errors;
    if (id >= 0 && static_cast<std::size_t>(id) < f.sent_at.size())
      latencies.push_back(std::chrono::duration<double, std::micro>(now - f.sent_at[id]).count());
    ++f.received;
  }
}

bool done(const std::vector<Flow>& flows) {
  for (const auto& f : flows)
    if (f.received < f.frames->size()) return false;
  return true;
}

// Closed loop: top each socket up to its window, then wait for any reply.
void closed_loop(std::vector<Flow>& flows, const Load& load, Run& out) {
  std::vector<zmq::pollitem_t> items;
  for (auto& f : flows) items.push_back({f.socket.handle(), 0, ZMQ_POLLIN, 0});
  while (!done(flows)) {
    for (auto& f : flows)
      while (f.sent < f.frames->size() &&
             f.sent - f.received < static_cast<std::size_t>(load.window)) {
        f.sent_at[f.sent] = Clock::now();
        const auto& frame = (*f.frames)[f.sent++];
        (void)f.socket.send(zmq::buffer(frame), zmq::send_flags::none);
      }
    zmq::poll(items, std::chrono::milliseconds(1000));
    for (auto& f : flows) receive_all(f, load.success, out.latencies_us, out.errors);
  }
}

// Open loop: request k of this thread is due at start + k / rate, spread over its sockets.
void open_loop(std::vector<Flow>& flows, const Load& load, double rate, Run& out) {
  std::vector<zmq::pollitem_t> items;
  for (auto& f : flows) items.push_back({f.socket.handle(), 0, ZMQ_POLLIN, 0});
  auto start = Clock::now();
  auto interval = std::chrono::duration<double>(1.0 / rate);
  std::size_t total = 0, next = 0;
  for (auto& f : flows) total += f.frames->size();
  while (!done(flows)) {
    auto now = Clock::now();
    while (next < total) {
      auto due = start + std::chrono::duration_cast<Clock::duration>(interval * next);
      if (due > now) break;
      auto& f = flows[next % flows.size()];
      if (f.sent < f.frames->size()) {
        f.sent_at[f.sent] = due;  // latency counts from when it should have gone
        (void)f.socket.send(zmq::buffer((*f.frames)[f.sent++]), zmq::send_flags::dontwait);
      }
      ++next;
    }
    auto wait =
        next < total
            ? start + std::chrono::duration_cast<Clock::duration>(interval * next) - Clock::now()
            : std::chrono::milliseconds(1000);
    auto ms = std::max<long>(
        0, static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(wait).count() /
                             1000));
    zmq::poll(items, std::chrono::milliseconds(ms));
    for (auto& f : flows) receive_all(f, load.success, out.latencies_us, out.errors);
  }
}

}  // namespace

Run run_load(zmq::context_t& ctx, const Load& load) {
  int threads = std::max(1, std::min<int>(load.threads, static_cast<int>(load.sockets.size())));
  // Sockets are connected before the clock starts.
  std::vector<std::vector<Flow>> per_thread(static_cast<std::size_t>(threads));
  for (std::size_t i = 0; i < load.sockets.size(); ++i) {
    Flow f{zmq::socket_t(ctx, zmq::socket_type::dealer), &load.sockets[i], {}, 0, 0};
    f.socket.set(zmq::sockopt::linger, 0);
    f.socket.set(zmq::sockopt::sndhwm, 0);
    f.socket.set(zmq::sockopt::rcvhwm, 0);
    f.socket.connect(load.endpoint);
    f.sent_at.resize(load.sockets[i].size());
    per_thread[i % static_cast<std::size_t>(threads)].push_back(std::move(f));
  }
  return drive(threads, [&](int t, Run& out) {
    auto& flows = per_thread[static_cast<std::size_t>(t)];
    std::size_t frames = 0;
    for (const auto& f : flows) frames += f.frames->size();
    out.latencies_us.reserve(frames);
    if (load.rate > 0)
      open_loop(flows, load, load.rate / threads, out);
    else
      closed_loop(flows, load, out);
  });
}

}  // namespace lienket::bench
