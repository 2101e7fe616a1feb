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
#include <tuple>

#include "digital_link.hpp"
#include "gs1_keys.hpp"
#include "test_files.hpp"

using namespace lienket::trace;

namespace {
std::vector<lienket::trace::testing::DlVector> load(const std::string& name) {
  return lienket::trace::testing::dl_vectors(std::string(TRACE_TEST_DATA) + "/digital-link/" +
                                             name);
}
const DigitalLinkOptions kPermissive{true, true, true};
}  // namespace

TEST_CASE("Digital Link parsing passes the gs1-syntax-engine vectors") {
  auto vectors = load("parseDLuri-vectors.tsv");
  REQUIRE(vectors.size() == 118);
  std::map<std::string, std::set<bool>> expectations;
  for (const auto& v : vectors) expectations[v.cols[1]].insert(v.valid);
  for (const auto& v : vectors) {
    std::string uri = v.cols[1];
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

TEST_CASE("one lot, one identifier, whatever its spelling") {
  const std::string key = "https://id.gs1.org/01/09520123456788/10/ABC%2B123";
  SECTION("a zero-suppressed GTIN, another resolver and any percent-encoding read alike") {
    for (const char* spelling : {"https://id.gs1.org/01/09520123456788/10/ABC+123",
                                 "https://id.gs1.org/01/09520123456788/10/ABC%2B123",
                                 "https://id.gs1.org/01/09520123456788/10/ABC%2b123",
                                 "http://127.0.0.1:7480/01/9520123456788/10/ABC+123",
                                 "https://brand.example.com/some/stem/01/9520123456788/10/ABC+123",
                                 "https://id.gs1.org/gtin/09520123456788/lot/ABC+123?17=261231",
                                 "urn:epc:class:lgtin:9520123.045678.ABC+123",
                                 "urn:epc:class:lgtin:952012.0345678.ABC%2B123"}) {
      INFO(spelling);
      CHECK(canonical_identifier(spelling) == key);
    }
    CHECK(lot_of_identifier(key) == "ABC+123");
  }
  SECTION("percent-encoded characters of a lot are decoded") {
    auto dl = parse_digital_link("https://a/01/12312312312333/10/ABC%2d123", kNodeReading);
    REQUIRE(dl.ok());
    CHECK(dl->get("10") == "ABC-123");
    CHECK(canonical_key(*dl) == "https://id.gs1.org/01/12312312312333/10/ABC-123");
    CHECK(lot_of_identifier("https://id.gs1.org/01/09520123456788/10/TN-2026%2F03") ==
          "TN-2026/03");
  }
  SECTION("the canonical URI keeps the attributes, the identifier does not") {
    auto dl = parse_digital_link("https://example.com/01/9520123456788/10/A?17=201225&3103=000195",
                                 kNodeReading);
    REQUIRE(dl.ok());
    CHECK(canonical_digital_link(*dl) ==
          "https://id.gs1.org/01/09520123456788/10/A?17=201225&3103=000195");
    CHECK(canonical_key(*dl) == "https://id.gs1.org/01/09520123456788/10/A");
  }
  SECTION("what is no Digital Link stays as it is") {
    CHECK(canonical_identifier("urn:lienket:lot:x") == "urn:lienket:lot:x");
    CHECK(canonical_identifier("https://lienket.vn/epcis/bizstep/drying") ==
          "https://lienket.vn/epcis/bizstep/drying");
    CHECK(lot_of_identifier("urn:lienket:lot:A+B") == "A+B");
  }
}

TEST_CASE("EPC URNs and Digital Links convert both ways") {
  // URN, canonical Digital Link, and the company prefix length the URN was written with.
  const std::vector<std::tuple<std::string, std::string, int>> pairs = {
      {"urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017", 7},
      {"urn:epc:class:lgtin:4012345.012345.998877",
       "https://id.gs1.org/01/04012345123456/10/998877", 7},
      {"urn:epc:idpat:sgtin:4012345.012345.*", "https://id.gs1.org/01/04012345123456", 7},
      {"urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908", 7},
      {"urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234", 7},
      {"urn:epc:id:sgln:0012345.11111.0", "https://id.gs1.org/414/0012345111112", 7},
      {"urn:epc:id:pgln:0614141.07346", "https://id.gs1.org/417/0614141073467", 7},
      {"urn:epc:id:grai:0614141.12345.400", "https://id.gs1.org/8003/00614141123452400", 7},
      {"urn:epc:id:giai:0614141.12345400", "https://id.gs1.org/8004/061414112345400", 7},
      {"urn:epc:id:gdti:0614141.12345.400", "https://id.gs1.org/253/0614141123452400", 7},
      {"urn:epc:id:gsrn:0614141.1234567890", "https://id.gs1.org/8018/061414112345678902", 7},
      {"urn:epc:id:sgtin:9520123.045678.A%2FB", "https://id.gs1.org/01/09520123456788/21/A%2FB", 7},
      {"urn:epc:id:sgtin:952012345.0678.X", "https://id.gs1.org/01/09520123456788/21/X", 9}};
  for (const auto& [urn, uri, gcp] : pairs) {
    INFO(urn);
    CHECK(epc_urn_to_digital_link(urn).value_or("") == uri);
    auto dl = parse_digital_link(uri);
    REQUIRE(dl.ok());
    CHECK(epc_urn_of(*dl, gcp).value_or("") == urn);
  }
  SECTION("a key without an EPC form has no URN") {
    auto cpv = parse_digital_link("https://id.gs1.org/01/09520123456788/22/A/10/B");
    REQUIRE(cpv.ok());
    CHECK_FALSE(epc_urn_of(*cpv).has_value());
    // A GRAI whose filler digit is not 0 (found by digital_link_fuzz): its URN would name another.
    auto grai = parse_digital_link("https://id.gs1.org/8003/555555555555555575555555");
    REQUIRE(grai.ok());
    CHECK_FALSE(epc_urn_of(*grai).has_value());
  }
  SECTION("a malformed URN says why") {
    auto bad = digital_link_of_urn("urn:epc:id:sgtin:061.2017");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().field() == "urn");
    CHECK(bad.status().message().find("13 digits") != std::string::npos);
    CHECK_FALSE(epc_urn_to_digital_link("urn:epc:id:sgtin:0614141.107346.").has_value());
    CHECK_FALSE(epc_urn_to_digital_link("urn:epc:id:sgtin:0614141.107346.A%2").has_value());
    CHECK_FALSE(epc_urn_to_digital_link("urn:epc:id:nosuch:0614141.107346.1").has_value());
  }
}

TEST_CASE("Digital Link errors name why the URI is invalid") {
  auto why = [](const std::string& uri) {
    auto dl = parse_digital_link(uri, kNodeReading);
    return dl.ok() ? std::string("(parsed)") : dl.status().message();
  };
  CHECK(why("https://id.gs1.org/01/09520123456787/10/A").find("wrong check digit") !=
        std::string::npos);
  CHECK(why("https://id.gs1.org/01/09520123456/10/A").find("(01) takes 14") != std::string::npos);
  CHECK(why("https://a/01/12312312312333/10/ABC%20D").find("' '") != std::string::npos);
  CHECK(why("ftp://a/01/12312312312333").find("scheme") != std::string::npos);
  CHECK(why("https://a/01/12312312312333?10=A").find("must be in the path") != std::string::npos);
  CHECK(why("https://a/01/12312312312333<bad").find("'<'") != std::string::npos);
  CHECK(parse_digital_link("x").status().field() == "uri");
}
