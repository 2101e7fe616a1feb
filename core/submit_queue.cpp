#include "submit_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

#include "envelope.hpp"

namespace lienket::core {

SubmitQueue::SubmitQueue() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

SubmitQueue::~SubmitQueue() {
  close();
  if (fd_ >= 0) ::close(fd_);
}

std::future<nlohmann::json> SubmitQueue::push(Request request) {
  std::promise<nlohmann::json> p;
  auto f = p.get_future();
  std::lock_guard lock(mu_);
  if (closed_) {
    p.set_value(reply_error(request.id, Status::Unavailable("the node is shutting down")));
    return f;
  }
  items_.push_back({std::move(request), std::move(p)});
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
  return f;
}

std::vector<SubmitQueue::Item> SubmitQueue::take(std::size_t max) {
  std::lock_guard lock(mu_);
  std::uint64_t count;
  [[maybe_unused]] auto n = ::read(fd_, &count, sizeof count);  // clears the eventfd counter
  std::vector<Item> out;
  while (!items_.empty() && out.size() < max) {
    out.push_back(std::move(items_.front()));
    items_.pop_front();
  }
  if (!items_.empty()) {  // more left: keep the loop awake
    std::uint64_t one = 1;
    [[maybe_unused]] auto w = ::write(fd_, &one, sizeof one);
  }
  return out;
}

void SubmitQueue::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  for (auto& item : items_)
    item.reply.set_value(reply_error(item.request.id, Status::Unavailable("the node is shutting down")));
  items_.clear();
}

}  // namespace lienket::core
