#include "lienket/util/text.hpp"

namespace lienket::util {

namespace {
constexpr std::string_view kSpace = " \t\r\n\f\v";
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(kSpace) - b + 1));
}

std::vector<std::string> split(std::string_view s, char sep, std::size_t max_parts) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto pos = out.size() + 1 == max_parts ? std::string_view::npos : s.find(sep, start);
    out.emplace_back(
        s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

}  // namespace lienket::util
