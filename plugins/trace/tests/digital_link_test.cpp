// GS1 Digital Link parsing and generation against the vectors of gs1/gs1-syntax-engine
// (tests/data/gs1/digital-link). The engine's tests switch options between runs; a URI listed both
// VALID and INVALID is checked as VALID with the permissive options (convenience alphas,
// zero-suppressed GTINs, unknown AIs) and INVALID with the strict defaults. Other VALID lines must
// parse with the permissive options, other INVALID lines must fail with both.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "digital_link.hpp"

using namespace lienket::trace;

namespace {
struct Vector {
  bool valid;
  std::vector<std::string> cols;
};
std::vector<Vector> load(const std::string& name) {
  std::ifstream in(std::string(TRACE_TEST_DATA) + "/digital-link/" + name);
  std::vector<Vector> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    while (cols.size() < 4) cols.emplace_back();
    out.push_back({cols[0] == "VALID", cols});
  }
  return out;
}
std::string unescape(const std::string& s) {  // the TSV writes a backslash as "\\"
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    out.push_back(s[i]);
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') ++i;
  }
  return out;
}
const DigitalLinkOptions kPermissive{true, true, true};
}  // namespace

TEST_CASE("Digital Link parsing passes the gs1-syntax-engine vectors") {
  auto vectors = load("parseDLuri-vectors.tsv");
  REQUIRE(vectors.size() == 118);
  std::map<std::string, std::set<bool>> expectations;
  for (const auto& v : vectors) expectations[unescape(v.cols[1])].insert(v.valid);
  for (const auto& v : vectors) {
    std::string uri = unescape(v.cols[1]);
    INFO(uri);
    bool both = expectations[uri].size() == 2;
    if (v.valid) {
      auto dl = parse_digital_link(uri, kPermissive);
      INFO((dl.ok() ? "" : dl.status().message()));
      REQUIRE(dl.ok());
      CHECK(element_string(*dl) == v.cols[2]);
    } else if (both) {
      CHECK_FALSE(parse_digital_link(uri).ok());
    } else {
      CHECK_FALSE(parse_digital_link(uri).ok());
      CHECK_FALSE(parse_digital_link(uri, kPermissive).ok());
    }
  }
}

TEST_CASE("Digital Link generation passes the gs1-syntax-engine vectors") {
  auto vectors = load("generateDLuri-vectors.tsv");
  REQUIRE(vectors.size() == 21);
  std::map<std::string, std::set<bool>> expectations;
  for (const auto& v : vectors) expectations[v.cols[2]].insert(v.valid);
  for (const auto& v : vectors) {
    INFO(v.cols[2]);
    bool both = expectations[v.cols[2]].size() == 2;
    if (v.valid) {
      auto dl = digital_link_from_elements(v.cols[1], v.cols[2], kPermissive);
      INFO((dl.ok() ? "" : dl.status().message()));
      REQUIRE(dl.ok());
      CHECK(generate_digital_link(v.cols[1], *dl) == v.cols[3]);
    } else {
      CHECK_FALSE(digital_link_from_elements(v.cols[1], v.cols[2]).ok());
      if (!both) CHECK_FALSE(digital_link_from_elements(v.cols[1], v.cols[2], kPermissive).ok());
    }
  }
}

TEST_CASE("lot Digital Links") {
  SECTION("a lot URI round-trips through the parser") {
    std::string uri = lot_digital_link("http://127.0.0.1:7480", "09520123456788", "TN-2026/03");
    CHECK(uri == "http://127.0.0.1:7480/01/09520123456788/10/TN-2026%2F03");
    auto dl = parse_digital_link(uri);
    REQUIRE(dl.ok());
    CHECK(dl->get("01") == "09520123456788");
    CHECK(dl->get("10") == "TN-2026/03");
  }
  SECTION("a GTIN with a wrong check digit is not a Digital Link") {
    CHECK_FALSE(parse_digital_link("https://id.gs1.org/01/09520123456787/10/A").ok());
  }
}
