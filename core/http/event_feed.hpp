// GET /api/v1/events: the node's event log as Server-Sent Events. A stream replays the log from
// the client's cursor (Last-Event-ID, or ?after=SEQ; neither: from now) and then follows it live,
// gap-free, because it reads everything through events.since and only waits when it has caught
// up; a reconnect with the last id it saw (the SSE default) continues exactly there, also across a
// node restart. Each event: "id: <seq>", "event: <type>", "data: <the log record as JSON>".
// ?topic=PREFIX filters by type prefix. An admin sees every event; a party sees the events it
// caused and those whose data names it in a member, or a member of a member ({"buyer": p},
// {"contract": {"buyer": p}}); a cooperative union also those naming its province's cooperatives
// and those placed in its province (a member "province" equal to it, to depth three: a purchase
// contract delivered there); anonymous callers get none (401). (A first rule; per-message
// visibility from the declarations would replace it.)
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

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

// One stream's reader: a party sees what visible_to() says; a cooperative union also the events
// that name a cooperative (or cooperative group) of its province or are placed in its province.
// `party_of` reads a registry record (kind, province) or null; answers are cached for the stream's
// life. Not thread-safe.
class EventReader {
 public:
  using PartyOf = std::function<nlohmann::json(const std::string& id)>;
  EventReader(std::string party, std::string union_province, PartyOf party_of)
      : party_(std::move(party)),
        province_(std::move(union_province)),
        party_of_(std::move(party_of)) {}
  bool sees(const nlohmann::json& event);

 private:
  bool in_province(const std::string& id);
  std::string party_, province_;
  PartyOf party_of_;
  std::map<std::string, bool> cache_;
};

}  // namespace lienket::core::http
