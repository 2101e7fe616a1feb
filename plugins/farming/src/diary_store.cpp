#include "diary_store.hpp"

#include "common.hpp"
#include "lienket/time.hpp"

namespace lienket::farming {

Result<std::vector<PesticideApplication>> pesticide_uses(Store& store, const std::string& plot_id) {
  auto entries = scan_all(store, "diary/" + plot_id + "/");
  if (!entries.ok()) return entries.status();
  std::vector<PesticideApplication> uses;
  for (const auto& e : *entries) {
    if (e["kind"] != "pesticide") continue;
    uses.push_back({e["id"], e["active_ingredient"], *date_to_days(e["date"].get<std::string>()),
                    e["phi_days"].get<std::int64_t>()});
  }
  return uses;
}

}  // namespace lienket::farming
