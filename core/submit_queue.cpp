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

std::future<nlohmann::json> SubmitQueue::push(Request request, std::string via) {
  Item item;
  item.request = std::move(request);
  item.via = std::move(via);
  auto f = item.reply.get_future();
  enqueue(std::move(item));
  return f;
}

std::future<Result<nlohmann::json>> SubmitQueue::push(HostContext::Work work, const void* owner) {
  Item item;
  item.work = std::move(work);
  item.owner = owner;
  auto f = item.outcome.get_future();
  enqueue(std::move(item));
  return f;
}

void SubmitQueue::refuse(Item& item) {
  auto st = Status::Unavailable("the node is shutting down");
  if (item.is_work())
    item.outcome.set_value(st);
  else
    item.reply.set_value(reply_error(item.request.id, st));
}

void SubmitQueue::enqueue(Item item) {
  std::lock_guard lock(mu_);
  if (closed_) {
    refuse(item);
    return;
  }
  items_.push_back(std::move(item));
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
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
  for (auto& item : items_) refuse(item);
  items_.clear();
}

}  // namespace lienket::core
