#include "agreement_versions.hpp"

#include "agreement_store.hpp"

namespace lienket::farming {

Result<SignedVersions> SignedVersions::load(Store& store, const nlohmann::json& head) {
  SignedVersions out;
  const std::string id = head["id"];
  const std::int64_t latest = head.value("latest", std::int64_t{0});
  for (std::int64_t v = 1; v <= latest; ++v) {
    auto a = load_agreement(store, id, v);
    if (!a.ok()) return a.status();
    if (a->status == "in_force" || a->status == "superseded") out.versions_.push_back(*a);
  }
  return out;
}

const events::Agreement& SignedVersions::on(const std::string& date) const {
  for (auto it = versions_.rbegin(); it != versions_.rend(); ++it)
    if (effective_date(*it) <= date) return *it;
  return versions_.front();
}

std::string effective_date(const events::Agreement& v) { return v.effective_from.value_or(""); }

std::string pick_effective_date(const std::optional<std::string>& asked,
                                const std::string& signed_on) {
  return asked && *asked > signed_on ? *asked : signed_on;
}

}  // namespace lienket::farming
