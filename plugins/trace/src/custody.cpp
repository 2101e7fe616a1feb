#include "custody.hpp"

#include <algorithm>

#include "event_repository.hpp"

namespace lienket::trace {

namespace {

using nlohmann::json;

std::string custody_key(const std::string& id) { return "custody/" + id; }

// The identifiers an event acts on (not places, parties or transactions).
std::vector<std::string> acted_on(const json& event) {
  std::vector<std::string> ids;
  for (const auto& [id, role] : identifiers_of(event))
    if (role == "epc" || role == "parent" || role == "child" || role == "input" || role == "output")
      ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Result<json> holders(Store& store, const std::string& id) {
  auto h = store.get_json(custody_key(id));
  if (!h.ok()) return h.status();
  return h->value_or(json::array());
}

Status add_holder(Store& store, const std::string& id, json list, const std::string& party) {
  if (std::find(list.begin(), list.end(), party) != list.end()) return Status::Ok();
  list.push_back(party);
  return store.put_json(custody_key(id), list);
}

}  // namespace

Status check_and_claim_custody(Store& store, const json& event, const std::string& party,
                               const std::string& field) {
  for (const auto& id : acted_on(event)) {
    auto list = holders(store, id);
    if (!list.ok()) return list.status();
    bool held = std::find(list->begin(), list->end(), party) != list->end();
    if (!list->empty() && !held)
      return Status::PermissionDenied("party " + party + " has no custody of " + id, field);
    LIENKET_RETURN_IF_ERROR(add_holder(store, id, *list, party));
  }
  return Status::Ok();
}

Status grant_custody(Store& store, const json& event, const std::string& party) {
  if (party.empty()) return Status::Ok();
  for (const auto& id : acted_on(event)) {
    auto list = holders(store, id);
    if (!list.ok()) return list.status();
    LIENKET_RETURN_IF_ERROR(add_holder(store, id, *list, party));
  }
  return Status::Ok();
}

}  // namespace lienket::trace
