#include "lienket/util/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace lienket::util {

Sha256Digest sha256(std::string_view data) {
  Sha256Digest digest{};
  unsigned int len = 0;
  // The one-shot form: no context to leak. It only fails when OpenSSL cannot allocate; a digest
  // of zeros would pass for a real one, so it throws (the host turns that into `internal`).
  if (EVP_Digest(data.data(), data.size(), digest.data(), &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL SHA-256 failed");
  return digest;
}

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

Sha256Digest hmac_sha256(std::string_view key, std::string_view data) {
  Sha256Digest mac{};
  unsigned int len = 0;
  // One-shot HMAC(): a MAC context is not needed for a single message. Same failure rule as above.
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(),
           &len) == nullptr)
    throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
  return mac;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  return to_hex(hmac_sha256(key, data));
}

std::string to_hex(std::span<const unsigned char> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0f]);
  }
  return out;
}

}  // namespace lienket::util
