#include "watchdog.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace lienket::core {

Watchdog::Watchdog(std::int64_t deadline_ms, std::string quarantine_path,
                   std::shared_ptr<spdlog::logger> log)
    : deadline_ms_(deadline_ms), path_(std::move(quarantine_path)), log_(std::move(log)) {
  thread_ = std::thread([this] { watch(); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Watchdog::enter(const std::string& plugin, const std::string& what) {
  std::lock_guard lock(mu_);
  calls_.push_back({plugin, what, std::chrono::steady_clock::now()});
}

void Watchdog::leave() {
  std::lock_guard lock(mu_);
  if (!calls_.empty()) calls_.pop_back();
}

void Watchdog::watch() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock,
                 std::chrono::milliseconds(std::min<std::int64_t>(100, deadline_ms_ / 4 + 1)));
    if (calls_.empty()) continue;
    auto age = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - calls_.back().since);
    if (age.count() > deadline_ms_) quarantine_and_exit(calls_.back());
  }
}

void Watchdog::quarantine_and_exit(const Call& call) {
  auto list = load_quarantine(path_);
  nlohmann::json file = nlohmann::json::object();
  for (const auto& [plugin, why] : list) file[plugin] = why;
  std::string why = "plugin " + call.plugin + " hung in " + call.what + " for more than " +
                    std::to_string(deadline_ms_) + " ms";
  file[call.plugin] = why;
  std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp);
    out << file.dump(2) << '\n';
    out.flush();
  }
  std::filesystem::rename(tmp, path_);
  log_->critical("{}; quarantined in {}; exiting so that the node restarts without it", why, path_);
  log_->flush();
  ::_exit(70);  // EX_SOFTWARE; no destructors: the hung call still holds the node's state
}

std::map<std::string, std::string> Watchdog::load_quarantine(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  if (!in) return out;
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it->is_string()) out[it.key()] = it->get<std::string>();
  return out;
}

}  // namespace lienket::core
