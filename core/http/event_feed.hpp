// GET /api/v1/events: the node's event log as Server-Sent Events. A stream replays the log from
// the client's cursor (Last-Event-ID, or ?after=SEQ; neither: from now) and then follows it live,
// gap-free, because it reads everything through events.since and only waits when it has caught
// up; a reconnect with the last id it saw (the SSE default) continues exactly there, also across a
// node restart. Each event: "id: <seq>", "event: <type>", "data: <the log record as JSON>".
// ?topic=PREFIX filters by type prefix. An admin sees every event; a party sees the events it
// caused and those whose data names it in a member, or a member of a member ({"buyer": p},
// {"contract": {"buyer": p}});
// anonymous callers get none (401). (A first rule; issue 13's per-message visibility replaces it.)
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

#include <nlohmann/json.hpp>

namespace lienket::core::http {

// Wakes the streams when the node publishes. Thread-safe.
class EventFeed {
 public:
  // The node's loop, after a commit: events up to `seq` are in the log.
  void published(std::uint64_t seq);
  // Waits until an event beyond `seq` is published, `ms` pass, or close(); true for the first.
  bool wait_beyond(std::uint64_t seq, int ms);
  void close();
  bool closed() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t last_ = 0;
  bool closed_ = false;
};

// Whether `party` may see the log record `event` ({"seq","type","at","by","data"}).
bool visible_to(const nlohmann::json& event, const std::string& party);

}  // namespace lienket::core::http
