#include "eligibility.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

#include "offer_index.hpp"

namespace lienket::offtake {
namespace {

bool same_goods(const Demand& d, const Supply& s) {
  if (!d.product_id.empty()) return d.product_id == s.product_id;
  return !d.category.empty() && d.category == s.category && d.unit == s.unit;
}

bool has_all(const std::vector<std::string>& have, const std::vector<std::string>& want) {
  for (const auto& w : want)
    if (std::find(have.begin(), have.end(), w) == have.end()) return false;
  return true;
}

// What a contract asks for: its product, or its category and unit.
std::tuple<const std::string&, const std::string&, const std::string&> goods_key(const Demand& d) {
  static const std::string kNone;
  if (!d.product_id.empty()) return {d.product_id, kNone, kNone};
  return {kNone, d.category, d.unit};
}

// Offer indices ordered by (category, unit, product_id), stable; ranks are interned first so the
// sort compares integers, not strings.
std::vector<std::size_t> by_goods(const std::vector<Supply>& supplies) {
  using Key = std::tuple<const std::string&, const std::string&, const std::string&>;
  std::map<Key, std::size_t> rank;
  for (const Supply& s : supplies) rank.try_emplace(Key{s.category, s.unit, s.product_id}, 0);
  std::size_t next = 0;
  for (auto& [_, r] : rank) r = next++;
  std::vector<std::size_t> of(supplies.size());
  for (std::size_t j = 0; j < supplies.size(); ++j)
    of[j] = rank.at(Key{supplies[j].category, supplies[j].unit, supplies[j].product_id});
  std::vector<std::size_t> order(supplies.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return of[a] < of[b]; });
  return order;
}

}  // namespace

bool eligible(const Demand& d, const Supply& s, std::int64_t* distance) {
  if (!same_goods(d, s)) return false;
  if (s.ocop_stars < d.min_ocop_stars) return false;
  // Grades are not ordered across products (tea "loại 1", cashew "W320"), so only equality
  // serves; an offer that states no grade cannot promise one.
  if (!d.grade.empty() && s.grade != d.grade) return false;
  if (s.min_unit_price_vnd > d.unit_price_vnd) return false;
  if (s.from_day > d.to_day || d.from_day > s.to_day) return false;
  if (!has_all(s.certifications, d.certifications)) return false;
  const std::int64_t m = distance_m(d.place, s.place);
  if (d.max_distance_m >= 0 && m > d.max_distance_m) return false;
  *distance = m;
  return true;
}

std::vector<Pair> eligible_pairs(const std::vector<Demand>& demands,
                                 const std::vector<Supply>& supplies, PairFilter excluded,
                                 const void* excluded_arg) {
  // In vector order, a 10k x 100k run spends most of its time waiting for memory. So: a copy of
  // the offers with each category's (and so each product's) together, and the contracts of the
  // same goods taken one after another, keep the offers being tested in the cache.
  const std::vector<std::size_t> original = by_goods(supplies);
  std::vector<Supply> local;
  local.reserve(supplies.size());
  for (std::size_t j : original) local.push_back(supplies[j]);
  std::vector<std::size_t> order(demands.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return goods_key(demands[a]) < goods_key(demands[b]);
  });

  const OfferIndex index(local, OfferIndex::pick_cell_deg(demands));
  std::vector<std::vector<Pair>> found(demands.size());
  std::vector<std::size_t> candidates;
  std::size_t total = 0;
  for (std::size_t i : order) {
    const Demand& d = demands[i];
    candidates.clear();
    index.candidates(d, &candidates);
    // Unique as a guard: the index does not promise it.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (std::size_t j : candidates) {
      std::int64_t m = 0;
      if (!eligible(d, local[j], &m)) continue;
      if (excluded && excluded(d, local[j], excluded_arg)) continue;
      found[i].push_back({i, original[j], m});
    }
    std::sort(found[i].begin(), found[i].end(),
              [](const Pair& a, const Pair& b) { return a.supply < b.supply; });
    total += found[i].size();
  }
  std::vector<Pair> out;
  out.reserve(total);
  for (const auto& f : found) out.insert(out.end(), f.begin(), f.end());
  return out;
}

std::vector<Pair> eligible_pairs_naive(const std::vector<Demand>& demands,
                                       const std::vector<Supply>& supplies) {
  std::vector<Pair> out;
  for (std::size_t i = 0; i < demands.size(); ++i)
    for (std::size_t j = 0; j < supplies.size(); ++j) {
      std::int64_t m = 0;
      if (eligible(demands[i], supplies[j], &m)) out.push_back({i, j, m});
    }
  return out;
}

}  // namespace lienket::offtake
