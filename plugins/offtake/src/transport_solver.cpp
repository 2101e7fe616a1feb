#include "transport_solver.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

namespace lienket::offtake {
namespace {

using Digraph = lemon::SmartDigraph;
using CapMap = Digraph::ArcMap<std::int64_t>;
constexpr char kFree = 0, kForced = 1, kBanned = 2;

// Union-find over demands [0, D) and supplies [D, D+S).
struct Components {
  std::vector<std::size_t> parent;
  explicit Components(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// The arcs of one component; forced pairs carry at least their contract's min_lot.
struct Network {
  Digraph g;
  CapMap lower{g}, cap{g}, cost{g}, gain{g};
  Digraph::Node s = g.addNode(), t = g.addNode();
  std::vector<Digraph::Arc> arc;
  std::int64_t total_supply = 0;
  bool any_lower = false;
};

void build(const TransportProblem& p, const std::vector<std::size_t>& pairs,
           const std::vector<char>& state, Network& n) {
  std::map<std::size_t, Digraph::Node> dnode, snode;
  n.arc.assign(pairs.size(), lemon::INVALID);
  auto add = [&](Digraph::Node a, Digraph::Node b, std::int64_t c, std::int64_t w, std::int64_t g) {
    Digraph::Arc e = n.g.addArc(a, b);
    n.lower[e] = 0, n.cap[e] = c, n.cost[e] = w, n.gain[e] = g;
    return e;
  };
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (state[k] == kBanned) continue;
    const Pair& pr = p.pairs[pairs[k]];
    auto [di, dnew] = dnode.try_emplace(pr.demand, lemon::INVALID);
    if (dnew) di->second = n.g.addNode();
    auto [si, snew] = snode.try_emplace(pr.supply, lemon::INVALID);
    if (snew) {
      si->second = n.g.addNode();
      add(n.s, si->second, p.supply[pr.supply], 0, 0);
      n.total_supply += p.supply[pr.supply];
    }
    if (dnew) add(di->second, n.t, p.demand[pr.demand], 0, -1);
    n.arc[k] = add(si->second, di->second, std::min(p.supply[pr.supply], p.demand[pr.demand]),
                   pr.distance_m, 0);
    if (state[k] == kForced) n.lower[n.arc[k]] = p.min_lot[pr.demand], n.any_lower = true;
  }
}

// The maximum flow value respecting the forced lower bounds; -1 if they cannot be met.
std::int64_t max_flow(Network& n) {
  if (!n.any_lower) {
    lemon::Preflow<Digraph, CapMap> pf(n.g, n.cap, n.s, n.t);
    pf.runMinCut();
    return pf.flowValue();
  }
  // With lower bounds: cost -1 per unit reaching t, and a free bypass arc for what cannot.
  Digraph::Arc bypass = n.g.addArc(n.s, n.t);
  n.lower[bypass] = 0, n.cap[bypass] = n.total_supply, n.gain[bypass] = 0, n.cost[bypass] = 0;
  lemon::NetworkSimplex<Digraph, std::int64_t, std::int64_t> ns(n.g);
  ns.lowerMap(n.lower).upperMap(n.cap).costMap(n.gain).stSupply(n.s, n.t, n.total_supply);
  if (ns.run() != decltype(ns)::OPTIMAL) return -1;
  std::int64_t f = -ns.totalCost<std::int64_t>();
  n.cap[bypass] = 0;  // leave the network as it was for the second phase
  return f;
}

// Min-cost flow of value f; the flow on each pair, or nullopt if infeasible.
std::optional<std::vector<std::int64_t>> min_cost_flow(Network& n, std::int64_t f) {
  std::vector<std::int64_t> flow(n.arc.size(), 0);
  if (f == 0 && !n.any_lower) return flow;
  lemon::NetworkSimplex<Digraph, std::int64_t, std::int64_t> ns(n.g);
  ns.lowerMap(n.lower).upperMap(n.cap).costMap(n.cost).stSupply(n.s, n.t, f);
  if (ns.run() != decltype(ns)::OPTIMAL) return std::nullopt;
  for (std::size_t k = 0; k < n.arc.size(); ++k)
    if (n.arc[k] != lemon::INVALID) flow[k] = ns.flow(n.arc[k]);
  return flow;
}

// Solves one component: the optimum, then the min_lot repair (see the header).
std::vector<std::int64_t> solve_component(const TransportProblem& p,
                                          const std::vector<std::size_t>& pairs, int* rounds) {
  std::vector<char> state(pairs.size(), kFree);
  for (;;) {
    Network n;
    build(p, pairs, state, n);
    const std::int64_t f = max_flow(n);
    auto flow = f < 0 ? std::nullopt : min_cost_flow(n, f);
    if (!flow)
      return std::vector<std::int64_t>(pairs.size(),
                                       0);  // cannot happen: forced sets stay feasible
    std::size_t bad = pairs.size();
    for (std::size_t k = 0; k < pairs.size() && bad == pairs.size(); ++k)
      if ((*flow)[k] > 0 && (*flow)[k] < p.min_lot[p.pairs[pairs[k]].demand]) bad = k;
    if (bad == pairs.size()) return *flow;
    ++*rounds;
    // Try to raise the smallest-index offending pair to min_lot without losing quantity; if that is
    // infeasible, drop the pair.
    state[bad] = kForced;
    Network trial;
    build(p, pairs, state, trial);
    if (!min_cost_flow(trial, f)) state[bad] = kBanned;
  }
}

void add_allocation(TransportSolution& sol, const Pair& pr, std::int64_t q) {
  sol.allocations.push_back({pr.demand, pr.supply, q, pr.distance_m});
  sol.total_quantity += q;
  sol.total_distance_units += static_cast<__int128>(pr.distance_m) * q;
}

void sort_allocations(TransportSolution& sol) {
  std::sort(sol.allocations.begin(), sol.allocations.end(),
            [](const Allocation& a, const Allocation& b) {
              return a.demand != b.demand ? a.demand < b.demand : a.supply < b.supply;
            });
}

}  // namespace

TransportProblem make_problem(const std::vector<Demand>& demands,
                              const std::vector<Supply>& supplies, std::vector<Pair> pairs) {
  TransportProblem p;
  for (const auto& d : demands) {
    p.demand.push_back(d.quantity);
    p.min_lot.push_back(std::max<std::int64_t>(1, d.min_lot));
  }
  for (const auto& s : supplies) p.supply.push_back(s.quantity);
  p.pairs = std::move(pairs);
  return p;
}

TransportSolution solve_optimal(const TransportProblem& p) {
  const std::size_t nd = p.demand.size();
  Components comp(nd + p.supply.size());
  // A pair that cannot carry min_lot even alone is useless; dropping it first saves rounds.
  std::vector<std::size_t> usable;
  for (std::size_t k = 0; k < p.pairs.size(); ++k) {
    const Pair& pr = p.pairs[k];
    if (std::min(p.demand[pr.demand], p.supply[pr.supply]) < p.min_lot[pr.demand]) continue;
    usable.push_back(k);
    comp.unite(pr.demand, nd + pr.supply);
  }
  // Components in order of first appearance: deterministic.
  std::map<std::size_t, std::size_t> slot;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t k : usable) {
    auto [it, fresh] = slot.try_emplace(comp.find(p.pairs[k].demand), groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(k);
  }
  TransportSolution sol;
  for (const auto& group : groups) {
    const std::vector<std::int64_t> flow = solve_component(p, group, &sol.min_lot_rounds);
    for (std::size_t k = 0; k < group.size(); ++k)
      if (flow[k] > 0) add_allocation(sol, p.pairs[group[k]], flow[k]);
  }
  sort_allocations(sol);
  return sol;
}

TransportSolution solve_greedy(const TransportProblem& p) {
  std::vector<std::size_t> order(p.pairs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return p.pairs[a].distance_m < p.pairs[b].distance_m;
  });
  std::vector<std::int64_t> need = p.demand, left = p.supply;
  TransportSolution sol;
  for (std::size_t k : order) {
    const Pair& pr = p.pairs[k];
    const std::int64_t q = std::min(need[pr.demand], left[pr.supply]);
    if (q <= 0 || q < p.min_lot[pr.demand]) continue;
    need[pr.demand] -= q;
    left[pr.supply] -= q;
    add_allocation(sol, pr, q);
  }
  sort_allocations(sol);
  return sol;
}

}  // namespace lienket::offtake
