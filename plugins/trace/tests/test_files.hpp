// Reading the reference files the trace tests compare against (tests/data/gs1/): GS1's examples
// and the event-hash reference's expected outputs.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace lienket::trace::testing {

// The file's bytes ("" when it cannot be read: the test's own checks then fail on it).
inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Its non-empty lines: in a .prehashes or .hashes file, one event's expected value each.
inline std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace lienket::trace::testing
