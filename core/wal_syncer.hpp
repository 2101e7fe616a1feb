// Group commit with the fsync off the node's thread. The node writes batch N without waiting for
// the disk (its writes are visible at once, so batch N+1 executes meanwhile) and asks for a sync;
// this thread calls SyncWAL, which makes durable every write made before it began, and reports how
// far that reaches. The node holds every reply and event of batch N until then, and so also every
// reply that may have read batch N's writes: nothing is acknowledged before it is on disk, and a
// crash loses only writes nobody was told about (the log is recovered as a prefix).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "database.hpp"

namespace lienket::core {

class WalSyncer {
 public:
  explicit WalSyncer(Database& db);
  ~WalSyncer();  // finishes the sync in progress and stops
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  // Counts one more deferred write (call right after it) and asks for a sync; returns its number.
  std::uint64_t wrote();
  // The number of the last write made so far: what a reply computed now may depend on.
  std::uint64_t last_written() const { return written_; }
  // How far syncs have settled: writes up to it are durable, unless take_failure() reports that a
  // sync failed since it was last asked (their replies must then say `unavailable`).
  std::uint64_t settled();
  Status take_failure();
  // Readable whenever synced() may have moved; drain() empties it.
  int fd() const { return fd_; }
  void drain();
  // Blocks until every write so far has settled. For shutdown.
  void wait_all();

 private:
  void loop();
  Database& db_;
  int fd_;
  std::uint64_t written_ = 0;  // node thread only
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t requested_ = 0, settled_ = 0;
  Status failure_ = Status::Ok();
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace lienket::core
