// offtake.match.run: allocates the still-unproposed quantity of open offers to the still-unproposed
// quantity of open contracts (transport_solver.hpp: max quantity, then min transport) and records
// each allocation as a pending proposal that holds its quantity until accepted, rejected or
// expired. Records are read in id order, so the same state always gives the same proposals. Pairs a
// party has rejected are never proposed again.
#include <set>
#include <utility>

#include "handlers.hpp"
#include "lienket/offtake/events.hpp"
#include "lienket/time.hpp"
#include "matching.hpp"

namespace lienket::offtake {
namespace {

using RejectedPairs = std::set<std::pair<std::string, std::string>>;

Place place_of(const json& r) {
  return {r.at("place").at("lat").get<double>(), r.at("place").at("lon").get<double>()};
}

std::int64_t open_quantity(const json& r) {
  return r.at("quantity").get<std::int64_t>() - r.at("proposed").get<std::int64_t>() -
         r.at("signed").get<std::int64_t>();
}

Demand demand_of(const json& r) {
  Demand d;
  d.id = r.at("id");
  d.product_id = r.value("product_id", "");
  d.category = r.value("category", "");
  d.unit = r.at("unit");
  d.certifications = r.at("certifications").get<std::vector<std::string>>();
  d.min_ocop_stars = r.value("min_ocop_stars", 0);
  d.grade = r.value("grade", "");
  d.from_day = *date_to_days(r.at("deliver_from").get<std::string>());
  d.to_day = *date_to_days(r.at("deliver_to").get<std::string>());
  d.unit_price_vnd = r.at("unit_price_vnd");
  d.place = place_of(r);
  d.max_distance_m =
      r.contains("max_distance_km") ? r["max_distance_km"].get<std::int64_t>() * 1000 : -1;
  d.quantity = open_quantity(r);
  d.min_lot = r.value("min_lot", 1);
  return d;
}

Supply supply_of(const json& r) {
  Supply s;
  s.id = r.at("id");
  s.product_id = r.at("product_id");
  s.category = r.value("category", "");
  s.unit = r.at("unit");
  s.certifications = r.at("certifications").get<std::vector<std::string>>();
  s.ocop_stars = r.value("ocop_stars", 0);
  s.grade = r.value("grade", "");
  s.from_day = *date_to_days(r.at("available_from").get<std::string>());
  s.to_day = *date_to_days(r.at("available_to").get<std::string>());
  s.min_unit_price_vnd = r.at("min_unit_price_vnd");
  s.place = place_of(r);
  s.quantity = open_quantity(r);
  return s;
}

bool is_rejected(const Demand& d, const Supply& s, const void* arg) {
  return static_cast<const RejectedPairs*>(arg)->count({d.id, s.id}) > 0;
}

// Adds `q` to the `proposed` quantity of a contract or offer.
Status hold(Context& cx, std::string_view kind, const std::string& id, std::int64_t q) {
  auto r = load(cx, kind, id, "");
  if (!r.ok()) return r.status();
  (*r)["proposed"] = (*r)["proposed"].get<std::int64_t>() + q;
  return save(cx, kind, *r);
}

// One line per run: sizes, the split of time, and how far min_lot may leave the result from the
// optimum (parts per million of the proven bound; 0 when proven optimal).
void log_match(Context& cx, const MatchResult& m) {
  const TransportSolution& s = m.solution;
  const std::int64_t gap_ppm =
      s.quantity_bound > 0
          ? static_cast<std::int64_t>(static_cast<__int128>(s.quantity_bound - s.total_quantity) *
                                      1'000'000 / s.quantity_bound)
          : 0;
  cx.log().info("offtake.match.run: " + std::to_string(m.pair_count) + " eligible pairs, " +
                std::to_string(s.allocations.size()) + " allocations, quantity " +
                std::to_string(s.total_quantity) + " of at most " +
                std::to_string(s.quantity_bound) + " (min_lot gap " + std::to_string(gap_ppm) +
                " ppm, " + std::to_string(s.min_lot_rounds) + " rounds); pair search " +
                std::to_string(static_cast<int>(m.search_seconds * 1000)) + " ms, solve " +
                std::to_string(static_cast<int>(m.solve_seconds * 1000)) + " ms");
}

}  // namespace

Result<json> match_run(Call& c) {
  Fields f(c.req.body);
  f.only({});
  if (!f.ok()) return f.status();
  std::vector<Demand> demands;
  std::vector<Supply> supplies;
  std::vector<json> contracts;
  RejectedPairs rejected;
  LIENKET_RETURN_IF_ERROR(for_each(c.cx, "contract", [&](const json& r) {
    if (r.value("status", "") == "open" && open_quantity(r) > 0)
      demands.push_back(demand_of(r)), contracts.push_back(r);
    return Status::Ok();
  }));
  LIENKET_RETURN_IF_ERROR(for_each(c.cx, "offer", [&](const json& r) {
    if (r.value("status", "") == "open" && open_quantity(r) > 0) supplies.push_back(supply_of(r));
    return Status::Ok();
  }));
  LIENKET_RETURN_IF_ERROR(
      c.cx.store().scan("rejected/", "", [&](std::string_view key, std::string_view) {
        auto rest = key.substr(9);
        auto slash = rest.find('/');
        rejected.emplace(std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1)));
        return true;
      }));

  const MatchResult m = match(demands, supplies, &is_rejected, &rejected);
  const TransportSolution& sol = m.solution;
  const std::size_t pair_count = m.pair_count;
  log_match(c.cx, m);

  const std::int64_t now = c.cx.now_ms();
  const std::int64_t expires = now + c.config.proposal_ttl_hours * 3'600'000;
  json proposals = json::array();
  std::int64_t transport_total = 0;
  for (const Allocation& a : sol.allocations) {
    const json& contract = contracts[a.demand];
    const Supply& s = supplies[a.supply];
    auto offer = load(c.cx, "offer", s.id, "");
    if (!offer.ok()) return offer.status();
    auto id = new_id(c.cx, "proposal");
    if (!id.ok()) return id.status();
    const std::int64_t cost =
        transport_cost_vnd(a.distance_m, a.quantity, s.unit, c.config.transport_vnd_per_kg_km);
    transport_total += cost;
    events::Proposal proposal;
    proposal.id = *id;
    proposal.contract_id = contract.at("id").get<std::string>();
    proposal.offer_id = s.id;
    proposal.buyer = contract.at("buyer").get<std::string>();
    proposal.seller = offer->at("seller").get<std::string>();
    proposal.product_id = s.product_id;
    proposal.unit = s.unit;
    proposal.quantity = a.quantity;
    proposal.unit_price_vnd = contract.at("unit_price_vnd").get<std::int64_t>();
    proposal.distance_km = (a.distance_m + 500) / 1000;
    proposal.distance_m = a.distance_m;
    proposal.transport_cost_vnd = cost;
    proposal.status = "pending";
    proposal.created_at = format_time(now);
    proposal.expires_at = format_time(expires);
    proposal.expires_ms = expires;
    json p = proposal;
    LIENKET_RETURN_IF_ERROR(save(c.cx, "proposal", p));
    LIENKET_RETURN_IF_ERROR(
        c.cx.store().put("pending/" + key_number(expires) + "/" + id->c_str(), ""));
    LIENKET_RETURN_IF_ERROR(hold(c.cx, "contract", contract["id"], a.quantity));
    LIENKET_RETURN_IF_ERROR(hold(c.cx, "offer", s.id, a.quantity));
    LIENKET_RETURN_IF_ERROR(
        c.cx.emit(events::kProposalCreated, events::ProposalCreated{std::move(proposal)}));
    proposals.push_back(std::move(p));
  }
  const events::MatchCompleted completed{static_cast<std::int64_t>(proposals.size()),
                                         sol.total_quantity,
                                         transport_total,
                                         static_cast<std::int64_t>(demands.size()),
                                         static_cast<std::int64_t>(supplies.size()),
                                         static_cast<std::int64_t>(pair_count),
                                         static_cast<std::int64_t>(sol.min_lot_rounds)};
  json summary = completed;
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kMatchCompleted, completed));
  summary["proposals"] = proposals;
  return summary;
}

}  // namespace lienket::offtake
