#include "eligibility.hpp"

#include <algorithm>

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
  const OfferIndex index(supplies, OfferIndex::pick_cell_deg(demands));
  std::vector<Pair> out;
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < demands.size(); ++i) {
    const Demand& d = demands[i];
    candidates.clear();
    index.candidates(d, &candidates);
    // Sorted so that the pairs come out in (demand, supply) order; unique as a guard, the index
    // does not promise it.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (std::size_t j : candidates) {
      std::int64_t m = 0;
      if (!eligible(d, supplies[j], &m)) continue;
      if (excluded && excluded(d, supplies[j], excluded_arg)) continue;
      out.push_back({i, j, m});
    }
  }
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
