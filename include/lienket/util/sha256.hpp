// SHA-256 and HMAC-SHA256 over OpenSSL, as raw digests or lower-case hex. Pure functions, safe to
// call from any thread. They throw std::runtime_error only when OpenSSL itself fails (out of
// memory). Link Lienket::util.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace lienket::util {

inline constexpr std::size_t kSha256Size = 32;
using Sha256Digest = std::array<unsigned char, kSha256Size>;

// SHA-256 (FIPS 180-4) of `data`.
Sha256Digest sha256(std::string_view data);
// The same digest as 64 lower-case hex characters.
std::string sha256_hex(std::string_view data);

// HMAC-SHA256 (RFC 2104) of `data` under `key`; any key length (a long key is hashed first).
Sha256Digest hmac_sha256(std::string_view key, std::string_view data);
// The same MAC as 64 lower-case hex characters.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Lower-case hex of `bytes`, two characters per byte.
std::string to_hex(std::span<const unsigned char> bytes);

}  // namespace lienket::util
