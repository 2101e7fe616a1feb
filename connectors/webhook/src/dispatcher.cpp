#include "dispatcher.hpp"

#include <optional>
#include <utility>

#include "webhook_request.hpp"

namespace lienket::webhook {

Dispatcher::Dispatcher(std::vector<Endpoint> endpoints, Transport& transport)
    : endpoints_(std::move(endpoints)), transport_(transport) {}

std::size_t Dispatcher::tracked() const {
  std::lock_guard lock(mu_);
  return progress_.size();
}

Status Dispatcher::deliver(const Event& event) {
  Progress p;
  {
    std::lock_guard lock(mu_);
    if (auto it = progress_.find(event.seq); it != progress_.end()) p = it->second;
  }
  // Sending happens outside the lock: it may take seconds per endpoint.
  std::optional<Status> retry;
  for (std::size_t i = 0; i < endpoints_.size(); ++i) {
    const Endpoint& e = endpoints_[i];
    if (!e.wants(event.type) || p.confirmed.count(i) || p.rejected.count(i)) continue;
    Status st = transport_.post(e, build_request(event, e.secret));
    if (st.ok()) {
      p.confirmed.insert(i);
    } else if (st.code() == Code::kUnavailable) {
      if (!retry) retry = st;
    } else {
      if (p.rejected.empty()) p.rejection = st;
      p.rejected.insert(i);
    }
  }
  if (retry) {
    remember(event.seq, std::move(p));
    return *retry;
  }
  // Settled: clear this round's rejections so that a dead-letter replay tries those endpoints
  // again.
  if (!p.rejected.empty()) {
    Status rejection = p.rejection;
    p.rejected.clear();
    p.rejection = Status::Ok();
    remember(event.seq, std::move(p));
    return rejection;
  }
  std::lock_guard lock(mu_);
  progress_.erase(event.seq);
  return Status::Ok();
}

void Dispatcher::remember(std::uint64_t seq, Progress progress) {
  std::lock_guard lock(mu_);
  progress_[seq] = std::move(progress);
  // Forgetting only costs a duplicate send, so the oldest entries go first when memory is tight.
  while (progress_.size() > kMaxTracked) progress_.erase(progress_.begin());
}

}  // namespace lienket::webhook
