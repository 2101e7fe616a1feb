#include "event_feed.hpp"

#include <chrono>

namespace lienket::core::http {

void EventFeed::published(std::uint64_t seq) {
  {
    std::lock_guard lock(mu_);
    if (seq <= last_) return;
    last_ = seq;
  }
  cv_.notify_all();
}

bool EventFeed::wait_beyond(std::uint64_t seq, int ms) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] {
    return closed_ || last_ > seq;
  }) && !closed_;
}

void EventFeed::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

bool EventFeed::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

namespace {

// A string member equal to `party`, in `j` or (depth 2) in the objects it holds:
// {"buyer": p} and {"contract": {"buyer": p}} both name p.
bool names(const nlohmann::json& j, const std::string& party, int depth) {
  if (!j.is_object()) return false;
  for (const auto& member : j.items()) {
    const auto& v = member.value();
    if (v.is_string() && v.get_ref<const std::string&>() == party) return true;
    if (depth > 1 && v.is_object() && names(v, party, depth - 1)) return true;
  }
  return false;
}

}  // namespace

bool visible_to(const nlohmann::json& event, const std::string& party) {
  if (party.empty()) return false;
  if (event.value("by", "") == party) return true;
  return event.contains("data") && names(event["data"], party, 2);
}

}  // namespace lienket::core::http
