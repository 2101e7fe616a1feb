#include "transport_solver.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

#include <lemon/network_simplex.h>
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

// Where each demand and supply of the problem sits in the component being built (-1: absent).
// Allocated once per solve and reset after each build, so a build costs its own size only.
struct NodeSlots {
  std::vector<int> demand, supply;
};

// The arcs of one component; forced pairs carry at least their contract's min_lot. `cost` is the
// distance on pair arcs; the arcs into t gain `reward` per unit (cost -reward). The bypass arc
// s -> t takes whatever supply cannot reach a demand.
struct Network {
  Digraph g;
  CapMap lower{g}, cap{g}, cost{g};
  Digraph::Node s = g.addNode(), t = g.addNode();
  std::vector<Digraph::Arc> arc, sinks;
  Digraph::Arc bypass = lemon::INVALID;
  std::int64_t total_supply = 0;
};

Digraph::Arc add_arc(Network& n, Digraph::Node a, Digraph::Node b, std::int64_t cap,
                     std::int64_t cost) {
  Digraph::Arc e = n.g.addArc(a, b);
  n.lower[e] = 0, n.cap[e] = cap, n.cost[e] = cost;
  return e;
}

void build(const TransportProblem& p, const std::vector<std::size_t>& pairs,
           const std::vector<char>& state, NodeSlots& slots, Network& n) {
  n.arc.assign(pairs.size(), lemon::INVALID);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (state[k] == kBanned) continue;
    const Pair& pr = p.pairs[pairs[k]];
    int& dn = slots.demand[pr.demand];
    if (dn < 0) {
      dn = Digraph::id(n.g.addNode());
      n.sinks.push_back(add_arc(n, n.g.nodeFromId(dn), n.t, p.demand[pr.demand], 0));
    }
    int& sn = slots.supply[pr.supply];
    if (sn < 0) {
      sn = Digraph::id(n.g.addNode());
      add_arc(n, n.s, n.g.nodeFromId(sn), p.supply[pr.supply], 0);
      n.total_supply += p.supply[pr.supply];
    }
    n.arc[k] = add_arc(n, n.g.nodeFromId(sn), n.g.nodeFromId(dn),
                       std::min(p.supply[pr.supply], p.demand[pr.demand]), pr.distance_m);
    if (state[k] == kForced) n.lower[n.arc[k]] = p.min_lot[pr.demand];
  }
  n.bypass = add_arc(n, n.s, n.t, n.total_supply, 0);
  for (std::size_t k : pairs) {
    slots.demand[p.pairs[k].demand] = -1;
    slots.supply[p.pairs[k].supply] = -1;
  }
}

// The reward per unit reaching t that makes one min-cost flow lexicographic (quantity first):
// every augmenting s-t path gains `reward` and crosses at most min(#demands, #supplies) pair arcs
// forward, so reward > that x the longest distance makes each one profitable, and the optimum is
// a maximum flow of least cost. 0 when the potentials (about #nodes x reward) could come near
// int64's range; then the solver runs two phases instead.
std::int64_t lexicographic_reward(const TransportProblem& p,
                                  const std::vector<std::size_t>& pairs) {
  std::vector<std::size_t> ds, ss;
  std::int64_t longest = 0;
  for (std::size_t k : pairs) {
    ds.push_back(p.pairs[k].demand), ss.push_back(p.pairs[k].supply);
    longest = std::max(longest, p.pairs[k].distance_m);
  }
  std::sort(ds.begin(), ds.end()), std::sort(ss.begin(), ss.end());
  const auto nd = std::unique(ds.begin(), ds.end()) - ds.begin();
  const auto ns = std::unique(ss.begin(), ss.end()) - ss.begin();
  const __int128 reward = static_cast<__int128>(std::min(nd, ns)) * longest + 1;
  if (reward * (nd + ns + 2) > static_cast<__int128>(1) << 58) return 0;
  return static_cast<std::int64_t>(reward);
}

struct Flow {
  std::int64_t value = 0;
  __int128 cost = 0;                  // sum(distance x quantity)
  std::vector<std::int64_t> on_pair;  // by position in the component's pairs
};

// Lexicographically better: more quantity, then less transport.
bool better(const Flow& a, const Flow& b) {
  return a.value != b.value ? a.value > b.value : a.cost < b.cost;
}

using Simplex = lemon::NetworkSimplex<Digraph, std::int64_t, std::int64_t>;

Flow flow_of(const Network& n, const Simplex& ns) {
  Flow f;
  f.on_pair.assign(n.arc.size(), 0);
  for (std::size_t k = 0; k < n.arc.size(); ++k)
    if (n.arc[k] != lemon::INVALID) {
      f.value += f.on_pair[k] = ns.flow(n.arc[k]);
      f.cost += static_cast<__int128>(f.on_pair[k]) * n.cost[n.arc[k]];
    }
  return f;
}

// Sets the gain of every arc into t (a negative cost) and opens or closes the bypass.
void set_sinks(Network& n, std::int64_t reward, bool bypass_open) {
  for (Digraph::Arc e : n.sinks) n.cost[e] = -reward;
  n.cap[n.bypass] = bypass_open ? n.total_supply : 0;
}

// The maximum flow of least transport respecting the forced lower bounds; nullopt if they cannot
// all be met. With reward > 0 one network simplex does it; else a first one finds the maximum flow
// value (pair costs ignored, gain 1 per unit into t) and a second the least cost at that value.
std::optional<Flow> solve_network(Network& n, std::int64_t reward) {
  Simplex ns(n.g);
  ns.lowerMap(n.lower).upperMap(n.cap);
  if (reward > 0) {
    set_sinks(n, reward, true);
    ns.costMap(n.cost).stSupply(n.s, n.t, n.total_supply);
    if (ns.run() != Simplex::OPTIMAL) return std::nullopt;
    return flow_of(n, ns);
  }
  CapMap gain(n.g, 0);
  for (Digraph::Arc e : n.sinks) gain[e] = -1;
  n.cap[n.bypass] = n.total_supply;
  ns.costMap(gain).stSupply(n.s, n.t, n.total_supply);
  if (ns.run() != Simplex::OPTIMAL) return std::nullopt;
  const std::int64_t value = flow_of(n, ns).value;
  set_sinks(n, 0, false);
  Simplex second(n.g);
  second.lowerMap(n.lower).upperMap(n.cap).costMap(n.cost).stSupply(n.s, n.t, value);
  if (second.run() != Simplex::OPTIMAL) return std::nullopt;  // cannot happen: value was reached
  return flow_of(n, second);
}

// The pair to repair next: of those carrying less than their min_lot, the one carrying most (it is
// the cheapest to raise); ties to the lowest index. pairs.size() when none.
std::size_t worst_lot(const TransportProblem& p, const std::vector<std::size_t>& pairs,
                      const std::vector<std::int64_t>& flow) {
  std::size_t pick = pairs.size();
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (flow[k] <= 0 || flow[k] >= p.min_lot[p.pairs[pairs[k]].demand]) continue;
    if (pick == pairs.size() || flow[k] > flow[pick]) pick = k;
  }
  return pick;
}

// One component's allocation, and a proven bound on the quantity any min_lot-respecting one has.
struct ComponentResult {
  Flow flow;
  std::int64_t bound = 0;
};

// Relaxations a component's branch and bound may solve: about 400,000 arcs' worth, so a large
// component (where one relaxation takes a tenth of a second) stops soon and a small one (where it
// takes a millisecond) may search far. Counted, not timed, so results are deterministic.
std::size_t solve_budget(std::size_t pairs) {
  return std::clamp<std::size_t>(400'000 / (pairs + 1), 2, 4000);
}

// A node of the search: which pairs are forced or banned, and its relaxation.
struct Node {
  std::vector<char> state;
  Flow relaxed;
};

// Makes a node's relaxation respect every lot: a few rounds that ban every offending pair and solve
// again (rerouted flow can break new lots, so this need not end soon), then whatever still
// breaks a lot is simply not shipped, which keeps every capacity.
template <typename Relax>
Flow finish(const TransportProblem& p, const std::vector<std::size_t>& pairs, Node node,
            const Relax& relax, int* rounds) {
  auto breaks = [&](std::size_t k) {
    const std::int64_t x = node.relaxed.on_pair[k];
    return x > 0 && x < p.min_lot[p.pairs[pairs[k]].demand];
  };
  for (int round = 0; round < 3; ++round) {
    bool any = false;
    for (std::size_t k = 0; k < pairs.size(); ++k)
      if (breaks(k)) node.state[k] = kBanned, any = true;
    if (!any) return std::move(node.relaxed);
    ++*rounds;
    node.relaxed = *relax(node.state);  // banning keeps the forced set feasible
  }
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (!breaks(k)) continue;
    const std::int64_t x = node.relaxed.on_pair[k];
    node.relaxed.value -= x;
    node.relaxed.cost -= static_cast<__int128>(x) * p.pairs[pairs[k]].distance_m;
    node.relaxed.on_pair[k] = 0;
  }
  return std::move(node.relaxed);
}

// Solves one component: the optimum without min_lot, then (if some pair carries less than its
// min_lot) a depth-first branch and bound on "this pair carries >= min_lot" / "this pair carries
// nothing", better relaxation first, within solve_budget. If the budget ends before any leaf
// respects every lot, the node at hand is finished by finish().
ComponentResult solve_component(const TransportProblem& p, const std::vector<std::size_t>& pairs,
                                NodeSlots& slots, int* rounds) {
  const std::int64_t reward = lexicographic_reward(p, pairs);
  auto relax = [&](const std::vector<char>& state) {
    Network n;
    build(p, pairs, state, slots, n);
    return solve_network(n, reward);
  };
  std::vector<char> root(pairs.size(), kFree);
  Flow first = *relax(root);  // no lower bound yet: always feasible
  if (worst_lot(p, pairs, first.on_pair) == pairs.size()) return {first, first.value};
  std::vector<Node> open;
  open.push_back({std::move(root), std::move(first)});
  std::optional<Flow> best;
  std::size_t budget = solve_budget(pairs.size());
  while (!open.empty() && budget >= 2) {
    Node node = std::move(open.back());
    open.pop_back();
    if (best && !better(node.relaxed, *best)) continue;
    const std::size_t k = worst_lot(p, pairs, node.relaxed.on_pair);
    if (k == pairs.size()) {
      best = std::move(node.relaxed);
      continue;
    }
    ++*rounds;
    budget -= 2;
    std::vector<Node> children;
    for (char branch : {kBanned, kForced}) {
      node.state[k] = branch;
      if (auto flow = relax(node.state)) children.push_back({node.state, std::move(*flow)});
    }
    // The better child is searched first (pushed last).
    if (children.size() == 2 && better(children[0].relaxed, children[1].relaxed))
      std::swap(children[0], children[1]);
    for (auto& c : children) open.push_back(std::move(c));
  }
  std::int64_t bound = 0;
  if (!best) {  // out of budget on the first dive: finish its node greedily
    Node node = std::move(open.back());
    open.pop_back();
    bound = node.relaxed.value;
    best = finish(p, pairs, std::move(node), relax, rounds);
  }
  // Every feasible allocation lies under the incumbent or in an open node.
  bound = std::max(bound, best->value);
  for (const Node& n : open) bound = std::max(bound, n.relaxed.value);
  return {std::move(*best), bound};
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
  NodeSlots slots{std::vector<int>(nd, -1), std::vector<int>(p.supply.size(), -1)};
  for (const auto& group : groups) {
    const ComponentResult r = solve_component(p, group, slots, &sol.min_lot_rounds);
    sol.quantity_bound += r.bound;
    for (std::size_t k = 0; k < group.size(); ++k)
      if (r.flow.on_pair[k] > 0) add_allocation(sol, p.pairs[group[k]], r.flow.on_pair[k]);
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
