// NFC normalization: Vietnamese typed decomposed (NFD) must equal the same text typed precomposed.
#include <catch2/catch.hpp>

#include <string>

#include "lienket/util/nfc.hpp"

using lienket::util::normalize_strings_nfc;
using lienket::util::to_nfc;
using nlohmann::json;

namespace {

// "Phú Thọ" both ways: ú = u + U+0301 (acute), ọ = o + U+0323 (dot below).
const std::string kNfd = "Phu\u0301 Tho\u0323";
const std::string kNfc = "Ph\u00fa Th\u1ecd";
// "Đắk Lắk": ắ stacks two marks, a + U+0306 (breve) + U+0301 (acute) -> U+1EAF.
const std::string kNfdTwoMarks = "\u0110a\u0306\u0301k La\u0306\u0301k";
const std::string kNfcTwoMarks = "\u0110\u1eafk L\u1eafk";

}  // namespace

TEST_CASE("to_nfc composes decomposed text", "[util][nfc]") {
  REQUIRE(kNfd != kNfc);
  SECTION("Vietnamese in NFD equals the NFC spelling after") { CHECK(to_nfc(kNfd) == kNfc); }
  SECTION("two stacked marks compose into one code point") {
    CHECK(to_nfc(kNfdTwoMarks) == kNfcTwoMarks);
  }
  SECTION("text already in NFC is unchanged") { CHECK(to_nfc(kNfc) == kNfc); }
  SECTION("ASCII and the empty string are unchanged") {
    CHECK(to_nfc("Phu Tho 2026") == "Phu Tho 2026");
    CHECK(to_nfc("") == "");
  }
  SECTION("a mark with nothing to compose with stays as it is") {
    CHECK(to_nfc("\u0301x") == "\u0301x");
  }
}

TEST_CASE("to_nfc returns invalid UTF-8 unchanged, byte for byte", "[util][nfc]") {
  SECTION("a stray continuation byte beside decomposed text") {
    std::string bad = kNfd + "\x80";
    CHECK(to_nfc(bad) == bad);
  }
  SECTION("a truncated sequence") {
    std::string bad = "Tho\xe1\xbb";
    CHECK(to_nfc(bad) == bad);
  }
  SECTION("an encoded surrogate") {
    std::string bad = "u\u0301\xed\xa0\x80";
    CHECK(to_nfc(bad) == bad);
  }
  SECTION("an overlong encoding") {
    std::string bad = "\xc0\xafu\u0301";
    CHECK(to_nfc(bad) == bad);
  }
}

TEST_CASE("normalize_strings_nfc rewrites every string and key of a JSON tree", "[util][nfc]") {
  json doc = {{"name", kNfd},
              {kNfd, {{"province", kNfd}, {"lots", json::array({kNfd, 42, nullptr, true})}}},
              {"count", 3},
              {"price", 1.5}};
  normalize_strings_nfc(doc);
  SECTION("string values at any depth, arrays included") {
    CHECK(doc["name"] == kNfc);
    CHECK(doc[kNfc]["province"] == kNfc);
    CHECK(doc[kNfc]["lots"][0] == kNfc);
  }
  SECTION("object keys") {
    CHECK(doc.contains(kNfc));
    CHECK_FALSE(doc.contains(kNfd));
  }
  SECTION("other values are left alone") {
    CHECK(doc["count"] == 3);
    CHECK(doc["price"] == 1.5);
    CHECK(doc[kNfc]["lots"][1] == 42);
    CHECK(doc[kNfc]["lots"][2].is_null());
    CHECK(doc[kNfc]["lots"][3] == true);
  }
  SECTION("a bare string is a tree too") {
    json s = kNfd;
    normalize_strings_nfc(s);
    CHECK(s == kNfc);
  }
}

TEST_CASE("when two keys become one, the key already in NFC keeps its value", "[util][nfc]") {
  json doc = {{kNfd, "typed decomposed"}, {kNfc, "typed precomposed"}};
  normalize_strings_nfc(doc);
  CHECK(doc.size() == 1);
  CHECK(doc[kNfc] == "typed precomposed");
}
