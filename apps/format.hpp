// Output for people: grouped numbers, VND, kilograms, and aligned tables that respect UTF-8
// (Vietnamese names count one column per letter, not per byte).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace lienket::apps {

std::size_t display_width(const std::string& s);
void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace lienket::apps
