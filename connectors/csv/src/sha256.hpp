// SHA-256 through OpenSSL's EVP interface, as lower-case hex. Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lienket::csvconn {

std::string sha256_hex(std::string_view data);

}  // namespace lienket::csvconn
