// farming.alerts: low-yield and shortfall alerts over the agreements in force and not yet settled,
// computed from the stored deliveries, the plots' diaries and the node's clock (rules in
// alerts.hpp); plots behind only because a pre-harvest interval forbids harvesting are listed
// apart, under "waiting", so that "alerts" holds alarms only.
#include <map>

#include "agreement_store.hpp"
#include "alerts.hpp"
#include "common.hpp"
#include "diary_store.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"

namespace lienket::farming {

namespace {

Result<AgreementProgress> progress_of(Store& store, const json& head) {
  auto agreement = agreement_in_force(store, head, "body.agreement_id");
  if (!agreement.ok()) return agreement.status();
  const std::string id = head["id"];
  auto harvests = scan_all(store, "harvest/" + id + "/");
  if (!harvests.ok()) return harvests.status();
  std::map<std::string, std::int64_t> delivered;
  for (const auto& h : *harvests) delivered[h["plot_id"]] += h["quantity"].get<std::int64_t>();
  AgreementProgress p;
  p.agreement_id = id;
  p.enterprise = head["enterprise"];
  p.cooperative = head["cooperative"];
  p.unit = (*agreement)["unit"];
  p.window_start = *date_to_days((*agreement)["harvest_window"]["start"].get<std::string>());
  p.window_end = *date_to_days((*agreement)["harvest_window"]["end"].get<std::string>());
  for (const auto& plot : (*agreement)["plots"]) {
    const std::string plot_id = plot["plot_id"];
    auto uses = pesticide_uses(store, plot_id);
    if (!uses.ok()) return uses.status();
    p.plots.push_back({plot_id, plot["household_id"], plot["expected_yield"], delivered[plot_id],
                       std::move(*uses)});
  }
  return p;
}

}  // namespace

Result<json> alerts_list(const Request& r, Context& cx, const Config& config) {
  Fields f(r.body);
  f.only({"agreement_id", "party"});
  auto agreement_id = f.opt_id("agreement_id");
  auto party = f.opt_id("party");
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  std::vector<json> heads;
  if (agreement_id) {
    auto head = load_agreement_head(store, *agreement_id, "body.agreement_id");
    if (!head.ok()) return head.status();
    heads.push_back(*head);
  } else {
    auto all = scan_all(store, "agr/");
    if (!all.ok()) return all.status();
    heads = std::move(*all);
  }
  const std::int64_t today = local_days(cx.now_ms());
  json alerts = json::array(), waiting = json::array();
  for (const auto& head : heads) {
    if (head.value("settled", false) || head.value("in_force", std::int64_t{0}) == 0) continue;
    if (party && head["enterprise"] != *party && head["cooperative"] != *party) continue;
    auto progress = progress_of(store, head);
    if (!progress.ok()) return progress.status();
    auto found = agreement_alerts(*progress, today, config.alerts);
    for (auto& a : found.alerts) alerts.push_back(std::move(a));
    for (auto& w : found.waiting) waiting.push_back(std::move(w));
  }
  return json{{"date", days_to_date(today)}, {"alerts", alerts}, {"waiting", waiting}};
}

}  // namespace lienket::farming
