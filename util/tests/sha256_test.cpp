// SHA-256 and HMAC-SHA256 against published test vectors (FIPS 180-2 examples, RFC 4231).
#include <catch2/catch.hpp>

#include <string>

#include "lienket/util/sha256.hpp"

using namespace lienket::util;

TEST_CASE("SHA-256 matches the FIPS 180-2 examples", "[util][sha256]") {
  SECTION("\"abc\"") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
  SECTION("the empty string") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
  SECTION("two blocks") {
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }
  SECTION("the raw digest is the hex digest's bytes") {
    Sha256Digest d = sha256("abc");
    CHECK(d[0] == 0xba);
    CHECK(d[31] == 0xad);
    CHECK(to_hex(d) == sha256_hex("abc"));
  }
  SECTION("bytes after a NUL count") {
    CHECK(sha256_hex(std::string("a\0b", 3)) != sha256_hex("a"));
  }
}

TEST_CASE("HMAC-SHA256 matches RFC 4231", "[util][hmac]") {
  SECTION("test case 1: 20-byte key 0x0b, \"Hi There\"") {
    CHECK(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There") ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }
  SECTION("test case 2: key shorter than the block, \"Jefe\"") {
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
  SECTION("test case 6: key longer than the block is hashed first") {
    CHECK(hmac_sha256_hex(std::string(131, '\xaa'),
                          "Test Using Larger Than Block-Size Key - Hash Key First") ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }
  SECTION("the raw MAC is the hex MAC's bytes") {
    CHECK(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          hmac_sha256_hex("Jefe", "what do ya want for nothing?"));
  }
}

TEST_CASE("to_hex writes two lower-case digits per byte", "[util][hex]") {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa0, 0xff};
  CHECK(to_hex(bytes) == "000fa0ff");
  CHECK(to_hex({}) == "");
}
