// The signature helper against the published HMAC-SHA256 test vectors (RFC 4231).
#include <catch2/catch.hpp>

#include <string>

#include "signature.hpp"

using namespace lienket::webhook;

TEST_CASE("HMAC-SHA256 matches RFC 4231", "[webhook][signature]") {
  SECTION("test case 1: 20-byte key 0x0b, \"Hi There\"") {
    CHECK(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }
  SECTION("test case 2: key shorter than the block, \"Jefe\"") {
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
  SECTION("test case 6: key longer than the block is hashed first") {
    CHECK(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }
}

TEST_CASE("the signature header is sha256= and the lowercase hex digest", "[webhook][signature]") {
  std::string h = signature_header("Jefe", "what do ya want for nothing?");
  CHECK(h == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  SECTION("one changed byte of the body changes the signature") {
    CHECK(signature_header("Jefe", "what do ya want for nothing!") != h);
  }
  SECTION("another secret gives another signature") {
    CHECK(signature_header("Jeff", "what do ya want for nothing?") != h);
  }
}

TEST_CASE("signatures are compared whole", "[webhook][signature]") {
  CHECK(signatures_equal("sha256=ab", "sha256=ab"));
  CHECK_FALSE(signatures_equal("sha256=ab", "sha256=ac"));
  CHECK_FALSE(signatures_equal("sha256=ab", "sha256=a"));
  CHECK_FALSE(signatures_equal("", "sha256=ab"));
}
