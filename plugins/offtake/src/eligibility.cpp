#include "eligibility.hpp"

#include <algorithm>
#include <map>

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
                                 const std::vector<Supply>& supplies,
                                 bool (*excluded)(const Demand&, const Supply&, const void*),
                                 const void* excluded_arg) {
  std::map<std::string, std::vector<std::size_t>> by_product, by_category;
  for (std::size_t j = 0; j < supplies.size(); ++j) {
    by_product[supplies[j].product_id].push_back(j);
    by_category[supplies[j].category].push_back(j);
  }
  static const std::vector<std::size_t> kNone;
  std::vector<Pair> out;
  for (std::size_t i = 0; i < demands.size(); ++i) {
    const Demand& d = demands[i];
    const auto& index = d.product_id.empty() ? by_category : by_product;
    auto it = index.find(d.product_id.empty() ? d.category : d.product_id);
    for (std::size_t j : it == index.end() ? kNone : it->second) {
      std::int64_t m = 0;
      if (!eligible(d, supplies[j], &m)) continue;
      if (excluded && excluded(d, supplies[j], excluded_arg)) continue;
      out.push_back({i, j, m});
    }
  }
  return out;  // already sorted: i ascending, j ascending within each index list
}

}  // namespace lienket::offtake
