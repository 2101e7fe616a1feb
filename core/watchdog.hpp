// The deadline on plugin calls. Plugins run on the node's thread, so a call that never returns
// would stop the node, and it cannot be abandoned safely (it holds the batch's transaction). When a
// call has run longer than the deadline, the watchdog records the plugin in
// <data_dir>/quarantine.json, logs why, and ends the process at once. Nothing acknowledged is lost
// (the batch in hand was never answered); the supervisor (systemd, the test kit) starts the node
// again, and a quarantined plugin then gets no calls: its messages are answered `unavailable`
// naming the hang, and everything else is served. An operator lifts the quarantine by deleting
// the file's entry (or the file) and restarting.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/logger.h>

namespace lienket::core {

class Watchdog {
 public:
  Watchdog(std::int64_t deadline_ms, std::string quarantine_path,
           std::shared_ptr<spdlog::logger> log);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Around every plugin call (nested calls stack up; the innermost is the one timed).
  void enter(const std::string& plugin, const std::string& what);
  void leave();

  // Plugin name -> why it is quarantined, from the file of earlier runs.
  static std::map<std::string, std::string> load_quarantine(const std::string& path);

 private:
  struct Call {
    std::string plugin, what;
    std::chrono::steady_clock::time_point since;
  };
  void watch();
  [[noreturn]] void quarantine_and_exit(const Call& call);

  std::int64_t deadline_ms_;
  std::string path_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Call> calls_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lienket::core
