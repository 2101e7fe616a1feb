// Fans one event out to every endpoint that wants it and turns the outcomes into one Status for the
// connector runtime:
//  - Ok once every wanting endpoint has confirmed (2xx) the event;
//  - Unavailable while some endpoint may still take it (it is retried; endpoints that already
//    confirmed are not sent it again, nor are those that rejected it for good);
//  - the first permanent error once the rest are settled (the event is dead-lettered). A later
//    replay sends it again only to the endpoints that have not confirmed it.
// Confirmations are remembered in memory (at most kMaxTracked events); after a restart an endpoint
// may receive an event twice, which receivers absorb by X-Lienket-Delivery. Thread-safe; events
// are expected one at a time but a replay from another thread is harmless.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "config.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"
#include "transport.hpp"

namespace lienket::webhook {

class Dispatcher {
 public:
  static constexpr std::size_t kMaxTracked = 10000;

  // `transport` must outlive the dispatcher.
  Dispatcher(std::vector<Endpoint> endpoints, Transport& transport);

  Status deliver(const Event& event);

  const std::vector<Endpoint>& endpoints() const { return endpoints_; }
  // Events with some endpoints confirmed and others not (for tests and status).
  std::size_t tracked() const;

 private:
  struct Progress {
    std::set<std::size_t> confirmed;  // endpoint indexes that answered 2xx
    std::set<std::size_t> rejected;   // permanent errors in this round of attempts...
    Status rejection;                 // ...and the first of them
  };
  void remember(std::uint64_t seq, Progress progress);

  std::vector<Endpoint> endpoints_;
  Transport& transport_;
  mutable std::mutex mu_;
  std::map<std::uint64_t, Progress> progress_;  // by event seq
};

}  // namespace lienket::webhook
