// bench_matching: how the offtake matcher (LEMON network simplex, transport_solver.hpp) compares
// with a greedy baseline and with an independent optimum (GLPK's simplex on the LP relaxation,
// which is exact for a transportation problem because its constraint matrix is totally unimodular).
//
// Instances are random but reproducible (fixed seeds): ~50 products in 10 categories, cooperatives
// and buyers placed around 24 Vietnamese provincial centres, VietGAP/GlobalGAP/organic marks, OCOP
// stars, delivery windows within 2026, max distances of 100-600 km. min_lot is 1 here so that the
// LP optimum is the true optimum (min_lot > 1 is a MIP; the plugin repairs it heuristically).
//
// Objective, lexicographic: (1) allocated quantity, (2) transport, reported as tonne-km and as VND
// at 3 VND per kg-km (the plugin's default rate).
//
// Usage: bench_matching [--quick] [--glpk-components | --glpk-large]
//   default            1k contracts x 10k offers (LEMON, greedy, GLPK), then 10k x 100k (LEMON,
//                      greedy; GLPK skipped: it alone takes minutes there). About 10 s.
//   --quick            only the 1k x 10k instance
//   --glpk-components  also verify 10k x 100k with GLPK, one LP per connected component (~4-5 min)
//   --glpk-large       also run GLPK on 10k x 100k as one LP (did not finish in 8 min, ~1.6 GB)
#include <glpk.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "eligibility.hpp"
#include "matching.hpp"
#include "transport_solver.hpp"

using namespace lienket::offtake;

namespace {

struct Centre {
  const char* name;
  double lat, lon;
};
// Provincial centres from north to south (approximate).
constexpr Centre kCentres[] = {
    {"Lào Cai", 22.48, 103.97},    {"Hà Giang", 22.82, 104.98},    {"Sơn La", 21.33, 103.91},
    {"Phú Thọ", 21.32, 105.40},    {"Thái Nguyên", 21.59, 105.85}, {"Hà Nội", 21.03, 105.85},
    {"Bắc Giang", 21.27, 106.19},  {"Hải Phòng", 20.86, 106.68},   {"Hưng Yên", 20.65, 106.05},
    {"Thanh Hóa", 19.81, 105.78},  {"Nghệ An", 18.68, 105.68},     {"Hà Tĩnh", 18.34, 105.90},
    {"Quảng Trị", 16.75, 107.19},  {"Huế", 16.46, 107.59},         {"Đà Nẵng", 16.05, 108.20},
    {"Quảng Ngãi", 15.12, 108.80}, {"Gia Lai", 13.98, 108.00},     {"Đắk Lắk", 12.67, 108.04},
    {"Khánh Hòa", 12.24, 109.19},  {"Lâm Đồng", 11.94, 108.44},    {"Bình Phước", 11.75, 106.72},
    {"TP HCM", 10.78, 106.70},     {"Tiền Giang", 10.36, 106.36},  {"Cần Thơ", 10.03, 105.78},
};
constexpr int kProducts = 50;
constexpr int kCategories = 10;
const char* kCerts[] = {"VietGAP", "GlobalGAP", "organic"};

struct Instance {
  std::vector<Demand> demands;
  std::vector<Supply> supplies;
};

Place near(std::mt19937_64& rng, int centre) {
  std::uniform_real_distribution<double> jitter(-0.4, 0.4);
  return {kCentres[centre].lat + jitter(rng), kCentres[centre].lon + jitter(rng)};
}

Instance generate(int contracts, int offers, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const int centres = static_cast<int>(std::size(kCentres));
  // Each product is grown around 3 home provinces; its cooperatives sit there.
  std::vector<std::array<int, 3>> home(kProducts);
  for (auto& h : home) h = {pick(centres), pick(centres), pick(centres)};
  Instance in;
  for (int i = 0; i < offers; ++i) {
    Supply s;
    char id[24];
    std::snprintf(id, sizeof id, "of-%08d", i + 1);
    const int prod = pick(kProducts);
    s.id = id;
    s.product_id = "p" + std::to_string(prod);
    s.category = "c" + std::to_string(prod % kCategories);
    s.unit = "g";
    if (pick(10) < 7) s.certifications.push_back(kCerts[0]);
    if (pick(10) < 2) s.certifications.push_back(kCerts[1]);
    if (pick(10) < 2) s.certifications.push_back(kCerts[2]);
    s.ocop_stars = pick(6);
    s.from_day = 20454 + pick(300);  // 2026-01-01 + up to 300 days
    s.to_day = s.from_day + 15 + pick(90);
    s.min_unit_price_vnd = 20'000 + pick(80) * 1000;
    s.place = near(rng, home[prod][pick(3)]);
    s.quantity = (500 + pick(9500)) * 1000LL;  // 0.5 - 10 t in grams
    in.supplies.push_back(s);
  }
  for (int i = 0; i < contracts; ++i) {
    Demand d;
    char id[24];
    std::snprintf(id, sizeof id, "ct-%08d", i + 1);
    const int prod = pick(kProducts);
    d.id = id;
    if (pick(10) < 2)
      d.category = "c" + std::to_string(prod % kCategories);  // 20 % by category
    else
      d.product_id = "p" + std::to_string(prod),
      d.category = "c" + std::to_string(prod % kCategories);
    d.unit = "g";
    if (pick(10) < 5) d.certifications.push_back(kCerts[0]);
    if (pick(10) < 1) d.certifications.push_back(kCerts[2]);
    d.min_ocop_stars = pick(4);
    d.from_day = 20454 + pick(300);
    d.to_day = d.from_day + 10 + pick(60);
    d.unit_price_vnd = 40'000 + pick(100) * 1000;
    d.place = near(rng, pick(centres));
    d.max_distance_m = (100 + pick(500)) * 1000LL;
    d.quantity = (1000 + pick(49000)) * 1000LL;  // 1 - 50 t
    d.min_lot = 1;
    in.demands.push_back(d);
  }
  return in;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Row {
  std::string method;
  double seconds = 0;
  double quantity_g = 0;      // allocated
  double distance_units = 0;  // sum(distance_m x grams)
  bool ran = true;
  std::string note = {};
};

// GLPK: phase 1 max sum x; phase 2 fix sum x >= F and min sum d x. Columns in pair order.
Row solve_glpk(const TransportProblem& p) {
  Row r{"GLPK LP (optimum)"};
  auto t0 = std::chrono::steady_clock::now();
  glp_term_out(GLP_OFF);
  glp_prob* lp = glp_create_prob();
  const int nd = static_cast<int>(p.demand.size()), ns = static_cast<int>(p.supply.size());
  const int np = static_cast<int>(p.pairs.size());
  glp_add_rows(lp, nd + ns + 1);
  for (int i = 0; i < nd; ++i)
    glp_set_row_bnds(lp, i + 1, GLP_UP, 0, static_cast<double>(p.demand[i]));
  for (int j = 0; j < ns; ++j)
    glp_set_row_bnds(lp, nd + j + 1, GLP_UP, 0, static_cast<double>(p.supply[j]));
  glp_set_row_bnds(lp, nd + ns + 1, GLP_FR, 0, 0);  // sum x, bounded in phase 2
  glp_add_cols(lp, np);
  std::vector<int> ia(1), ja(1);
  std::vector<double> ar(1);
  ia.reserve(3 * np + 1), ja.reserve(3 * np + 1), ar.reserve(3 * np + 1);
  for (int k = 0; k < np; ++k) {
    glp_set_col_bnds(lp, k + 1, GLP_LO, 0, 0);
    const Pair& pr = p.pairs[k];
    for (int row :
         {static_cast<int>(pr.demand) + 1, nd + static_cast<int>(pr.supply) + 1, nd + ns + 1}) {
      ia.push_back(row), ja.push_back(k + 1), ar.push_back(1.0);
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.presolve = GLP_ON;
  glp_set_obj_dir(lp, GLP_MAX);
  for (int k = 0; k < np; ++k) glp_set_obj_coef(lp, k + 1, 1.0);
  if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT) r.note = "phase 1 failed";
  const double f = glp_get_obj_val(lp);
  glp_set_row_bnds(lp, nd + ns + 1, GLP_LO, f - 0.5, 0);
  glp_set_obj_dir(lp, GLP_MIN);
  for (int k = 0; k < np; ++k)
    glp_set_obj_coef(lp, k + 1, static_cast<double>(p.pairs[k].distance_m));
  if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT) r.note = "phase 2 failed";
  r.distance_units = glp_get_obj_val(lp);
  r.quantity_g = 0;
  for (int k = 0; k < np; ++k) r.quantity_g += glp_get_col_prim(lp, k + 1);
  glp_delete_prob(lp);
  r.seconds = seconds_since(t0);
  return r;
}

// The same LP split into its connected components (they share no constraint, so the optimum is the
// sum of the components' optima). Components are found here with a union-find of its own.
Row solve_glpk_by_component(const TransportProblem& p, double budget_s) {
  auto t0 = std::chrono::steady_clock::now();
  const std::size_t nd = p.demand.size();
  std::vector<std::size_t> parent(nd + p.supply.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& pr : p.pairs) parent[find(pr.demand)] = find(nd + pr.supply);
  std::map<std::size_t, std::vector<Pair>> groups;
  for (const auto& pr : p.pairs) groups[find(pr.demand)].push_back(pr);
  Row total{"GLPK LP by component"};
  std::size_t done = 0;
  for (auto& [root, pairs] : groups) {
    TransportProblem sub;
    sub.demand = p.demand, sub.supply = p.supply, sub.min_lot = p.min_lot;
    // Only this component's rows matter; zero the others so GLPK's presolve drops them.
    std::vector<char> used_d(nd, 0), used_s(p.supply.size(), 0);
    for (const auto& pr : pairs) used_d[pr.demand] = 1, used_s[pr.supply] = 1;
    std::vector<std::size_t> dmap(nd), smap(p.supply.size());
    sub.demand.clear(), sub.supply.clear();
    for (std::size_t i = 0; i < nd; ++i)
      if (used_d[i]) dmap[i] = sub.demand.size(), sub.demand.push_back(p.demand[i]);
    for (std::size_t j = 0; j < p.supply.size(); ++j)
      if (used_s[j]) smap[j] = sub.supply.size(), sub.supply.push_back(p.supply[j]);
    for (auto& pr : pairs) pr.demand = dmap[pr.demand], pr.supply = smap[pr.supply];
    sub.pairs = std::move(pairs);
    Row r = solve_glpk(sub);
    total.quantity_g += std::round(r.quantity_g);
    total.distance_units += r.distance_units;
    if (!r.note.empty()) total.note = r.note;
    ++done;
    if (seconds_since(t0) > budget_s) break;
  }
  total.seconds = seconds_since(t0);
  if (done < groups.size()) {
    total.ran = false;
    total.note = "stopped after " + std::to_string(done) + " of " + std::to_string(groups.size()) +
                 " components (" + std::to_string(static_cast<int>(budget_s)) + " s budget)";
  } else {
    total.note += "(" + std::to_string(groups.size()) + " components)";
  }
  return total;
}

Row measure(const char* name, TransportSolution (*solve)(const TransportProblem&),
            const TransportProblem& p) {
  auto t0 = std::chrono::steady_clock::now();
  TransportSolution s = solve(p);
  Row r{name, seconds_since(t0), static_cast<double>(s.total_quantity),
        static_cast<double>(s.total_distance_units)};
  return r;
}

void print(const std::vector<Row>& rows, const Row& reference) {
  std::printf("  %-22s %10s %14s %16s %18s %9s %11s\n", "method", "time s", "allocated t",
              "transport t-km", "transport VND", "qty gap", "cost gap");
  for (const auto& r : rows) {
    if (!r.ran) {
      std::printf("  %-22s %s\n", r.method.c_str(), r.note.c_str());
      continue;
    }
    const double tkm = r.distance_units / 1e9;      // m x g -> km x t
    const double vnd = r.distance_units / 1e6 * 3;  // (m/1000) x (g/1000) x 3 VND/kg-km
    const double qgap =
        reference.ran ? 100.0 * (reference.quantity_g - r.quantity_g) / reference.quantity_g : 0;
    const double cgap = reference.ran ? 100.0 * (r.distance_units - reference.distance_units) /
                                            reference.distance_units
                                      : 0;
    auto zero = [](double x) {
      return std::fabs(x) < 5e-4 ? 0.0 : x;
    };  // no "-0.000%" from rounding
    std::printf("  %-22s %10.3f %14.1f %16.1f %18.0f %8.3f%% %10.3f%% %s\n", r.method.c_str(),
                r.seconds, r.quantity_g / 1e6, tkm, vnd, zero(qgap), zero(cgap), r.note.c_str());
  }
}

// min_lot: the plugin's repair (transport_solver.hpp) against GLPK's branch and bound
// (glp_intopt) on the exact mixed-integer model: x(pair) = 0 or min_lot <= x <= cap, i.e. a binary
// y per pair with min_lot y <= x <= cap y. Lexicographic like the solver: first the most quantity,
// then the least transport at that quantity. x may stay continuous: once y is fixed the rest is a
// transportation problem, whose optimal vertices are integral.
struct Milp {
  double quantity = 0, distance_units = 0;
  bool optimal = true;
};

Milp solve_glpk_milp(const TransportProblem& p) {
  glp_term_out(GLP_OFF);
  glp_prob* lp = glp_create_prob();
  const int nd = static_cast<int>(p.demand.size()), ns = static_cast<int>(p.supply.size());
  const int np = static_cast<int>(p.pairs.size());
  // Rows: demands, supplies, the total, then per pair x - cap y <= 0 and x - min_lot y >= 0.
  glp_add_rows(lp, nd + ns + 1 + 2 * np);
  for (int i = 0; i < nd; ++i)
    glp_set_row_bnds(lp, i + 1, GLP_UP, 0, static_cast<double>(p.demand[i]));
  for (int j = 0; j < ns; ++j)
    glp_set_row_bnds(lp, nd + j + 1, GLP_UP, 0, static_cast<double>(p.supply[j]));
  const int total = nd + ns + 1;
  glp_set_row_bnds(lp, total, GLP_FR, 0, 0);
  glp_add_cols(lp, 2 * np);  // x_k = column k + 1, y_k = column np + k + 1
  std::vector<int> ia(1), ja(1);
  std::vector<double> ar(1);
  auto put = [&](int row, int col, double v) {
    ia.push_back(row), ja.push_back(col), ar.push_back(v);
  };
  for (int k = 0; k < np; ++k) {
    const Pair& pr = p.pairs[k];
    const double cap = static_cast<double>(std::min(p.demand[pr.demand], p.supply[pr.supply]));
    const double lot = static_cast<double>(p.min_lot[pr.demand]);
    const int x = k + 1, y = np + k + 1, upper = total + 2 * k + 1, lower = upper + 1;
    glp_set_col_bnds(lp, x, GLP_LO, 0, 0);
    glp_set_col_kind(lp, y, GLP_BV);
    put(static_cast<int>(pr.demand) + 1, x, 1), put(nd + static_cast<int>(pr.supply) + 1, x, 1);
    put(total, x, 1);
    glp_set_row_bnds(lp, upper, GLP_UP, 0, 0);
    put(upper, x, 1), put(upper, y, -cap);
    glp_set_row_bnds(lp, lower, GLP_LO, 0, 0);
    put(lower, x, 1), put(lower, y, -lot);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.presolve = GLP_ON;
  parm.tm_lim = 20'000;  // ms per phase; a phase that stops early is reported as not proven
  Milp m;
  auto run_phase = [&] {
    const int rc = glp_intopt(lp, &parm);
    m.optimal = m.optimal && rc == 0 && glp_mip_status(lp) == GLP_OPT;
  };
  glp_set_obj_dir(lp, GLP_MAX);
  for (int k = 0; k < np; ++k) glp_set_obj_coef(lp, k + 1, 1.0);
  run_phase();
  m.quantity = std::round(glp_mip_obj_val(lp));
  glp_set_row_bnds(lp, total, GLP_LO, m.quantity - 0.5, 0);
  glp_set_obj_dir(lp, GLP_MIN);
  for (int k = 0; k < np; ++k)
    glp_set_obj_coef(lp, k + 1, static_cast<double>(p.pairs[k].distance_m));
  run_phase();
  m.distance_units = glp_mip_obj_val(lp);
  glp_delete_prob(lp);
  return m;
}

// Random small instances in which 60 % of contracts have a min_lot of 1-8 t.
void run_min_lot(int instances) {
  std::printf(
      "\n== min_lot: 100 contracts x 1000 offers, 60 %% of contracts with a min_lot of 1-8 t "
      "==\n");
  std::printf("  %4s %6s %7s %12s %12s %12s %9s %10s %10s %9s\n", "seed", "pairs", "rounds",
              "solver t", "bound t", "MILP t", "gap bnd", "vs MILP q", "vs MILP $", "time s");
  double worst = 0;
  int proven = 0;
  for (int n = 0; n < instances; ++n) {
    const std::uint64_t seed = 20260400 + static_cast<std::uint64_t>(n);
    Instance in = generate(100, 1000, seed);
    std::mt19937_64 rng(seed);
    for (auto& d : in.demands)
      if (rng() % 10 < 6) d.min_lot = static_cast<std::int64_t>(1 + rng() % 8) * 1'000'000;
    auto t0 = std::chrono::steady_clock::now();
    const MatchResult m = match(in.demands, in.supplies);
    const double seconds = seconds_since(t0);
    const TransportSolution& s = m.solution;
    const Milp opt = solve_glpk_milp(
        make_problem(in.demands, in.supplies, eligible_pairs(in.demands, in.supplies)));
    const double q = static_cast<double>(s.total_quantity);
    const double bound = static_cast<double>(s.quantity_bound);
    const double gap_bound = bound > 0 ? 100 * (bound - q) / bound : 0;
    const double gap_q = opt.quantity > 0 ? 100 * (opt.quantity - q) / opt.quantity : 0;
    const double gap_cost =
        opt.distance_units > 0
            ? 100 * (static_cast<double>(s.total_distance_units) - opt.distance_units) /
                  opt.distance_units
            : 0;
    worst = std::max(worst, gap_q);
    proven += opt.optimal;
    std::printf("  %4d %6zu %7d %12.1f %12.1f %12.1f %8.3f%% %9.3f%% %9.3f%% %9.3f%s\n", n,
                m.pair_count, s.min_lot_rounds, q / 1e6, bound / 1e6, opt.quantity / 1e6, gap_bound,
                gap_q, gap_cost, seconds, opt.optimal ? "" : "  (MILP not proven)");
  }
  std::printf(
      "  vs MILP optimum: worst quantity gap %.3f %% over %d instances (%d proven optimal "
      "by GLPK)\n",
      worst, instances, proven);
}

enum class Glpk { kWhole, kByComponent, kNone };

void run(int contracts, int offers, std::uint64_t seed, Glpk glpk, bool check_naive) {
  const bool with_glpk = glpk != Glpk::kNone;
  std::printf("\n== %d contracts x %d offers (seed %llu) ==\n", contracts, offers,
              static_cast<unsigned long long>(seed));
  auto t0 = std::chrono::steady_clock::now();
  Instance in = generate(contracts, offers, seed);
  std::printf("  generated in %.2f s\n", seconds_since(t0));
  // The plugin's own path (matching.hpp: what offtake.match.run calls), end to end.
  t0 = std::chrono::steady_clock::now();
  const MatchResult m = match(in.demands, in.supplies);
  const double end_to_end = seconds_since(t0);
  std::printf(
      "  match(): %zu eligible pairs; pair search %.3f s + solve %.3f s = end to end %.3f s\n",
      m.pair_count, m.search_seconds, m.solve_seconds, end_to_end);
  if (check_naive) {
    t0 = std::chrono::steady_clock::now();
    const bool same =
        (eligible_pairs(in.demands, in.supplies) == eligible_pairs_naive(in.demands, in.supplies));
    std::printf("  indexed pairs %s the naive all-pairs search (naive + indexed: %.2f s)\n",
                same ? "EQUAL" : "DIFFER FROM", seconds_since(t0));
  }
  auto pairs = eligible_pairs(in.demands, in.supplies);
  double demand = 0, supply = 0;
  for (const auto& d : in.demands) demand += static_cast<double>(d.quantity);
  for (const auto& s : in.supplies) supply += static_cast<double>(s.quantity);
  std::printf("  demand %.0f t, supply %.0f t\n", demand / 1e6, supply / 1e6);
  TransportProblem p = make_problem(in.demands, in.supplies, std::move(pairs));
  std::vector<Row> rows;
  rows.push_back(Row{"LEMON (match() above)", m.solve_seconds,
                     static_cast<double>(m.solution.total_quantity),
                     static_cast<double>(m.solution.total_distance_units)});
  rows.push_back(measure("greedy (nearest first)", solve_greedy, p));
  Row reference = rows[0];
  if (with_glpk) {
    rows.push_back(glpk == Glpk::kWhole ? solve_glpk(p) : solve_glpk_by_component(p, 900));
    if (rows.back().ran) reference = rows.back();
  } else {
    Row skipped{"GLPK LP (optimum)"};
    skipped.ran = false;
    skipped.note =
        "skipped (minutes at this size; --glpk-components verifies it); gaps are vs LEMON";
    rows.push_back(skipped);
  }
  print(rows, reference);
  if (with_glpk && rows.back().ran) {
    // Quantities are exact integers; the LP's cost is a double sum of ~1e15-1e17, so compare
    // relatively.
    const bool same = rows[0].quantity_g == std::round(reference.quantity_g) &&
                      std::fabs(rows[0].distance_units - reference.distance_units) <=
                          1e-9 * reference.distance_units;
    std::printf("  LEMON %s the GLPK optimum\n", same ? "EQUALS" : "DIFFERS FROM");
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, glpk_large = false, by_component = false, naive_large = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick"))
      quick = true;
    else if (!std::strcmp(argv[i], "--glpk-large"))
      glpk_large = true;
    else if (!std::strcmp(argv[i], "--glpk-components"))
      by_component = true;
    else if (!std::strcmp(argv[i], "--naive-large"))
      naive_large = true;
    else
      return std::fprintf(stderr,
                          "usage: bench_matching [--quick] [--glpk-large | --glpk-components] "
                          "[--naive-large]\n"),
             2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines appear as they are measured, even if killed
  std::printf(
      "bench_matching: offtake matching, LEMON vs greedy vs GLPK (min_lot = 1, rate 3 "
      "VND/kg-km)\n");
  run(1000, 10000, 20260301, Glpk::kWhole, true);
  run_min_lot(quick ? 5 : 12);
  if (!quick)
    run(10000, 100000, 20260302,
        glpk_large     ? Glpk::kWhole
        : by_component ? Glpk::kByComponent
                       : Glpk::kNone,
        naive_large);
  return 0;
}
