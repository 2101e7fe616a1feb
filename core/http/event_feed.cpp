#include "event_feed.hpp"

#include <chrono>
#include <vector>

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

// Every string a record holds at depth <= 2, with `by`: the parties it may name.
void named(const nlohmann::json& j, int depth, std::vector<std::string>& out) {
  if (!j.is_object()) return;
  for (const auto& member : j.items()) {
    const auto& v = member.value();
    if (v.is_string()) out.push_back(v.get<std::string>());
    if (depth > 1 && v.is_object()) named(v, depth - 1, out);
  }
}

// A string member "province" equal to `province` in `j` or the objects it holds, to `depth`:
// {"contract": {"place": {"province": p}}} (a purchase contract delivered in p) at depth 3.
bool places_in(const nlohmann::json& j, const std::string& province, int depth) {
  if (!j.is_object()) return false;
  for (const auto& member : j.items()) {
    const auto& v = member.value();
    if (member.key() == "province" && v.is_string() && v.get_ref<const std::string&>() == province)
      return true;
    if (depth > 1 && v.is_object() && places_in(v, province, depth - 1)) return true;
  }
  return false;
}

}  // namespace

bool EventReader::in_province(const std::string& id) {
  auto [it, fresh] = cache_.try_emplace(id, false);
  if (fresh) {
    auto p = party_of_(id);
    std::string kind = p.is_object() ? p.value("kind", "") : "";
    it->second = (kind == "cooperative" || kind == "cooperative_group") &&
                 p.value("province", "") == province_;
  }
  return it->second;
}

bool EventReader::sees(const nlohmann::json& event) {
  if (visible_to(event, party_)) return true;
  if (province_.empty()) return false;
  // What happens in its province: a purchase contract delivered there names no cooperative, but
  // the union follows its province's demand as much as its cooperatives' supply.
  if (event.contains("data") && places_in(event["data"], province_, 3)) return true;
  std::vector<std::string> ids = {event.value("by", "")};
  if (event.contains("data")) named(event["data"], 2, ids);
  for (const auto& id : ids)
    if (!id.empty() && id.size() <= 64 && in_province(id)) return true;
  return false;
}

bool visible_to(const nlohmann::json& event, const std::string& party) {
  if (party.empty()) return false;
  if (event.value("by", "") == party) return true;
  return event.contains("data") && names(event["data"], party, 2);
}

}  // namespace lienket::core::http
