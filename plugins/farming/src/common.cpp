#include "common.hpp"

#include <vector>

#include "lienket/store.hpp"

namespace lienket::farming {

Result<json> acting_party(const Request& r, Context& cx) {
  if (r.as.empty()) return Status::Unauthenticated(r.type + " needs an acting party", "as");
  auto p = cx.registry().party(r.as);
  if (!p.ok()) return Status::Unauthenticated("party " + r.as + " is not registered", "as");
  return p;
}

bool is_kind(const json& party, std::span<const std::string_view> kinds) {
  const std::string kind = party.value("kind", "");
  for (auto k : kinds)
    if (kind == k) return true;
  return false;
}

Result<json> acting_party_of_kind(const Request& r, Context& cx,
                                  std::span<const std::string_view> kinds, std::string_view role) {
  auto p = acting_party(r, cx);
  if (!p.ok()) return p;
  if (!is_kind(*p, kinds))
    return Status::PermissionDenied(r.type + " is for " + std::string(role) + "; " + r.as +
                                        " is a " + p->value("kind", "party"),
                                    "as");
  return p;
}

Result<json> load(Store& store, const std::string& key, std::string_view what, std::string_view id,
                  std::string_view field) {
  auto j = store.get_json(key);
  if (!j.ok()) return j.status();
  if (!j->has_value())
    return Status::NotFound(std::string(what) + " " + std::string(id) + " is not known",
                            std::string(field));
  return std::move(**j);
}

std::string number_key(const std::string& prefix, std::int64_t n) {
  return prefix + key_number(static_cast<std::uint64_t>(n));
}

Result<std::vector<json>> scan_all(Store& store, const std::string& prefix) {
  std::vector<json> out;
  bool corrupt = false;
  auto st = store.scan(prefix, "", [&](std::string_view, std::string_view value) {
    auto j = json::parse(value, nullptr, false);
    if (j.is_discarded()) {
      corrupt = true;
      return false;
    }
    out.push_back(std::move(j));
    return true;
  });
  if (!st.ok()) return st;
  if (corrupt) return Status::Internal("corrupt JSON under " + prefix);
  return out;
}

}  // namespace lienket::farming
