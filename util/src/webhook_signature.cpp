#include "lienket/util/webhook_signature.hpp"

#include <openssl/crypto.h>

#include "lienket/util/sha256.hpp"

namespace lienket::util {

std::string signature_header(std::string_view secret, std::string_view body) {
  return "sha256=" + hmac_sha256_hex(secret, body);
}

bool signatures_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace lienket::util
