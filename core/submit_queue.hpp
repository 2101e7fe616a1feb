// Work handed to the node from other threads: requests (HostContext::submit: a plugin's HTTP page)
// and a plugin's own transactions (HostContext::run: a connector's cursor). push() is thread-safe
// and wakes the node's loop through an eventfd that the loop polls beside its sockets. Once closed,
// pending and later items resolve to `unavailable`.
#pragma once

#include <deque>
#include <future>
#include <mutex>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/message.hpp"

namespace lienket::core {

class SubmitQueue {
 public:
  // Either a request (reply) or a plugin's work (work, owner, outcome).
  struct Item {
    Request request;
    std::string via;  // for the logs and metrics: "submit" (a plugin) or "http"
    std::promise<nlohmann::json> reply;
    HostContext::Work work;
    const void* owner = nullptr;  // the LoadedPlugin whose context `work` gets
    std::promise<Result<nlohmann::json>> outcome;
    bool is_work() const { return static_cast<bool>(work); }
  };

  SubmitQueue();
  ~SubmitQueue();
  SubmitQueue(const SubmitQueue&) = delete;
  SubmitQueue& operator=(const SubmitQueue&) = delete;

  std::future<nlohmann::json> push(Request request, std::string via = "submit");
  std::future<Result<nlohmann::json>> push(HostContext::Work work, const void* owner);
  // Takes up to `max` queued items and clears the wake-up signal.
  std::vector<Item> take(std::size_t max);
  // Resolves everything pending, and everything pushed from now on, with `unavailable`.
  void close();
  int fd() const { return fd_; }

 private:
  // Queues `item`, or resolves it at once when closed.
  void enqueue(Item item);
  static void refuse(Item& item);

  std::mutex mu_;
  std::deque<Item> items_;
  bool closed_ = false;
  int fd_ = -1;
};

}  // namespace lienket::core
