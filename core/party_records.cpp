#include "party_records.hpp"

#include "lienket/fields.hpp"

namespace lienket::core {

Result<std::string> listed_party(const Request& r, const char* what) {
  Fields f(r.body);
  f.only({"party"});
  auto party = f.opt_id("party");
  if (!f.ok()) return f.status();
  if (!r.admin && party && *party != r.as)
    return Status::PermissionDenied(r.as + " may list only its own " + what, "body.party");
  return r.admin ? party.value_or("") : r.as;
}

Result<nlohmann::json> party_records(Store& store, std::string_view prefix,
                                     const std::string& party, std::size_t max,
                                     const std::function<nlohmann::json(nlohmann::json)>& view) {
  nlohmann::json out = nlohmann::json::array();
  Status bad;
  LIENKET_RETURN_IF_ERROR(store.scan(prefix, "", [&](std::string_view key, std::string_view v) {
    auto record = nlohmann::json::parse(v, nullptr, false);
    if (record.is_discarded())
      return (bad = Status::Internal("corrupt record " + std::string(key))), false;
    if (party.empty() || record.value("party", "") == party) out.push_back(view(std::move(record)));
    return out.size() < max;
  }));
  LIENKET_RETURN_IF_ERROR(bad);
  return out;
}

}  // namespace lienket::core
