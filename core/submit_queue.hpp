// Requests handed to the node from other threads (HostContext::submit: a plugin's HTTP page, a
// connector's worker). push() is thread-safe and wakes the node's loop through an eventfd that the
// loop polls beside its sockets. Once closed, pending and later requests resolve to `unavailable`.
#pragma once

#include <deque>
#include <future>
#include <mutex>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"

namespace lienket::core {

class SubmitQueue {
 public:
  struct Item {
    Request request;
    std::promise<nlohmann::json> reply;
  };

  SubmitQueue();
  ~SubmitQueue();
  SubmitQueue(const SubmitQueue&) = delete;
  SubmitQueue& operator=(const SubmitQueue&) = delete;

  std::future<nlohmann::json> push(Request request);
  // Takes up to `max` queued items and clears the wake-up signal.
  std::vector<Item> take(std::size_t max);
  // Resolves everything pending, and everything pushed from now on, with `unavailable`.
  void close();
  int fd() const { return fd_; }

 private:
  std::mutex mu_;
  std::deque<Item> items_;
  bool closed_ = false;
  int fd_ = -1;
};

}  // namespace lienket::core
