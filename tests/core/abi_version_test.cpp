// kAbiVersion is derived from the SDK headers (cmake/LienketAbi.cmake), not bumped by hand: this
// test recomputes it the same way from the headers in the tree, so a header change that somehow
// kept an old version (a stale generated file, a hand edit) fails here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "lienket/plugin.hpp"
#include "lienket/util/sha256.hpp"

namespace fs = std::filesystem;

TEST_CASE("the ABI version is the hash of the SDK headers") {
  std::vector<fs::path> headers;
  for (const auto& e : fs::directory_iterator(fs::path(LIENKET_SOURCE_DIR) / "include" / "lienket"))
    if (e.is_regular_file() && e.path().extension() == ".hpp" &&
        e.path().filename() != "abi_version.hpp")
      headers.push_back(e.path());
  std::sort(headers.begin(), headers.end());
  REQUIRE(headers.size() >= 10);
  std::string text;
  for (const auto& h : headers) {
    std::ifstream in(h, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    text += h.filename().string() + "\n" + content.str();
  }
  auto expected = static_cast<int>(
      std::stoul(lienket::util::sha256_hex(text).substr(0, 7), nullptr, 16) & 0x7fffffff);
  CHECK(lienket::kAbiVersion == expected);
}

TEST_CASE("the build id names the C++ ABI, the string ABI and the JSON library") {
  std::string id = lienket::build_id();
  CHECK_THAT(id, Catch::Contains("cxxabi=") && Catch::Contains("cxx11_string_abi=1") &&
                     Catch::Contains("nlohmann_json=3."));
}
