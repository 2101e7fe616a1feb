// Reading the reference files the trace tests compare against (tests/data/gs1/): GS1's examples
// and the event-hash reference's expected outputs.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
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

// The files below `dir` (at any depth) whose extension is one of `extensions`, sorted.
inline std::vector<std::filesystem::path> files_with(
    const std::filesystem::path& dir, std::initializer_list<const char*> extensions) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    for (const char* ext : extensions)
      if (e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// One line of the Digital Link vectors of gs1/gs1-syntax-engine (tests/data/gs1/digital-link/):
// VALID or INVALID, then its columns (at least four), a backslash written "\\" in the file read
// as one.
struct DlVector {
  bool valid;
  std::vector<std::string> cols;
};
inline std::vector<DlVector> dl_vectors(const std::filesystem::path& file) {
  std::vector<DlVector> out;
  for (const auto& line : lines_of(file)) {
    if (line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) {
      for (auto at = col.find("\\\\"); at != std::string::npos; at = col.find("\\\\", at + 1))
        col.erase(at, 1);
      cols.push_back(col);
    }
    while (cols.size() < 4) cols.emplace_back();
    out.push_back({cols[0] == "VALID", cols});
  }
  return out;
}

}  // namespace lienket::trace::testing
