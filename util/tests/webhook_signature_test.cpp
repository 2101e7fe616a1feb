// The webhook signature header (its HMAC-SHA256 is checked against RFC 4231 in sha256_test.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "lienket/util/webhook_signature.hpp"

using namespace lienket::util;

TEST_CASE("the signature header is sha256= and the lowercase hex digest", "[util][signature]") {
  std::string h = signature_header("Jefe", "what do ya want for nothing?");
  CHECK(h == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  SECTION("one changed byte of the body changes the signature") {
    CHECK(signature_header("Jefe", "what do ya want for nothing!") != h);
  }
  SECTION("another secret gives another signature") {
    CHECK(signature_header("Jeff", "what do ya want for nothing?") != h);
  }
}

TEST_CASE("signatures are compared whole", "[util][signature]") {
  CHECK(signatures_equal("sha256=ab", "sha256=ab"));
  CHECK_FALSE(signatures_equal("sha256=ab", "sha256=ac"));
  CHECK_FALSE(signatures_equal("sha256=ab", "sha256=a"));
  CHECK_FALSE(signatures_equal("", "sha256=ab"));
}
