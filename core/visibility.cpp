#include "visibility.hpp"

namespace lienket::core {

namespace {

using nlohmann::json;

// False when `value` (described by `schema`) must be hidden as a whole; hidden list elements are
// removed on the way.
bool keep(const json& schema, json& value, const MaySee& may_see) {
  if (!schema.is_object()) return true;
  if (schema.contains(kOwnersKeyword) && value.is_object()) {
    std::vector<std::string> owners;
    for (const auto& member : schema[kOwnersKeyword])
      if (member.is_string() && value.contains(member.get<std::string>()) &&
          value[member.get<std::string>()].is_string())
        owners.push_back(value[member.get<std::string>()].get<std::string>());
    if (!may_see(owners)) return false;
  }
  if (value.is_object() && schema.contains("properties")) {
    const auto& props = schema["properties"];
    for (auto it = value.begin(); it != value.end(); ++it)
      if (props.contains(it.key()) && !keep(props[it.key()], *it, may_see)) return false;
  }
  if (value.is_array() && schema.contains("items")) {
    json kept = json::array();
    for (auto& element : value)
      if (keep(schema["items"], element, may_see)) kept.push_back(std::move(element));
    value = std::move(kept);
  }
  return true;
}

}  // namespace

Status filter_visible(const json& schema, json& result, const MaySee& may_see) {
  if (keep(schema, result, may_see)) return Status::Ok();
  return Status::NotFound("no such record for this caller");
}

}  // namespace lienket::core
