#include "wal_syncer.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

namespace lienket::core {

WalSyncer::WalSyncer(Database& db)
    : db_(db), fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)), thread_([this] { loop(); }) {}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t WalSyncer::wrote() {
  std::uint64_t n = ++written_;
  {
    std::lock_guard lock(mu_);
    requested_ = n;
  }
  cv_.notify_all();
  return n;
}

std::uint64_t WalSyncer::settled() {
  std::lock_guard lock(mu_);
  return settled_;
}

Status WalSyncer::take_failure() {
  std::lock_guard lock(mu_);
  Status f = failure_;
  failure_ = Status::Ok();
  return f;
}

void WalSyncer::drain() {
  std::uint64_t n;
  [[maybe_unused]] auto r = ::read(fd_, &n, sizeof n);
}

void WalSyncer::wait_all() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return settled_ >= requested_; });
}

// Each pass syncs whatever was written before it started: writes that arrive during an fsync share
// the next one, so one fsync serves as many batches as the disk is slow.
void WalSyncer::loop() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || requested_ > settled_; });
    if (requested_ <= settled_) return;  // stopping with nothing left to sync
    std::uint64_t target = requested_;
    lock.unlock();
    Status st = db_.sync_wal();
    lock.lock();
    if (!st.ok()) failure_ = st;
    settled_ = target;  // a failed sync is not retried for these writes: they are answered
    std::uint64_t one = 1;
    [[maybe_unused]] auto w = ::write(fd_, &one, sizeof one);
    cv_.notify_all();
  }
}

}  // namespace lienket::core
