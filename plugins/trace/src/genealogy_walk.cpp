#include "genealogy_walk.hpp"

#include <algorithm>
#include <deque>
#include <set>

namespace lienket::trace {
namespace {

using nlohmann::json;

// index() stored no edge whose key ("in/<out>|<in>", "out/<in>|<out>") was longer than this.
constexpr std::size_t kMaxEdgeKey = 1024;

bool links(const json& ev) {
  std::string type = ev.value("type", "");
  return type == "TransformationEvent" ||
         ((type == "AggregationEvent" || type == "AssociationEvent") &&
          ev.value("action", "") == "ADD");
}

}  // namespace

Result<const GenealogyWalk::Stored*> GenealogyWalk::stored(std::int64_t seq) {
  if (auto it = records_.find(seq); it != records_.end()) return &it->second;
  auto rec = repo_.record(seq);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return nullptr;
  Stored s{std::move(**rec), {}, {}};
  const json& ev = s.record["event"];
  if (ev.is_object() && links(ev))
    for (auto& [id, role] : identifiers_of(ev)) {
      if (role == "input" || role == "child") s.ins.push_back(id);
      if (role == "output" || role == "parent") s.outs.push_back(id);
    }
  return &records_.emplace(seq, std::move(s)).first->second;
}

Result<std::vector<const GenealogyWalk::Stored*>> GenealogyWalk::events_of(const std::string& id) {
  auto it = seqs_.find(id);
  if (it == seqs_.end()) {
    auto seqs = repo_.events_of(id);
    if (!seqs.ok()) return seqs.status();
    it = seqs_.emplace(id, std::move(*seqs)).first;
  }
  std::vector<const Stored*> out;
  for (auto seq : it->second) {
    auto s = stored(seq);
    if (!s.ok()) return s.status();
    if (*s) out.push_back(*s);
  }
  return out;
}

Result<std::vector<const json*>> GenealogyWalk::records_of(const std::string& id) {
  auto events = events_of(id);
  if (!events.ok()) return events.status();
  std::vector<const json*> out;
  for (const auto* s : *events) out.push_back(&s->record);
  return out;
}

Result<std::vector<std::string>> GenealogyWalk::neighbours(const std::string& id, bool upstream) {
  auto events = events_of(id);
  if (!events.ok()) return events.status();
  const std::size_t key_size = (upstream ? 3 : 4) + id.size() + 1;
  std::set<std::string> found;
  for (const auto* s : *events) {
    const auto& from = upstream ? s->outs : s->ins;
    if (std::find(from.begin(), from.end(), id) == from.end()) continue;
    for (const auto& n : upstream ? s->ins : s->outs)
      if (n != id && key_size + n.size() <= kMaxEdgeKey) found.insert(n);
  }
  return std::vector<std::string>(found.begin(), found.end());
}

Result<std::vector<std::pair<std::string, int>>> GenealogyWalk::closure(
    const std::vector<std::string>& start, bool upstream, std::size_t max_nodes) {
  std::vector<std::pair<std::string, int>> out;
  std::set<std::string> seen(start.begin(), start.end());
  std::deque<std::pair<std::string, int>> todo;
  for (const auto& s : start) todo.emplace_back(s, 0);
  while (!todo.empty() && out.size() < max_nodes) {
    auto [id, depth] = todo.front();
    todo.pop_front();
    out.emplace_back(id, depth);
    auto next = neighbours(id, upstream);
    if (!next.ok()) return next.status();
    for (auto& n : *next)
      if (seen.insert(n).second) todo.emplace_back(n, depth + 1);
  }
  return out;
}

}  // namespace lienket::trace
