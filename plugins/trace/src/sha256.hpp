// SHA-256 through OpenSSL's EVP interface. Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lienket::trace {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace lienket::trace
