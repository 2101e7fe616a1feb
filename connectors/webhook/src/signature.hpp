// The X-Lienket-Signature of a webhook body: "sha256=" + lowercase hex of HMAC-SHA256(secret,
// body), the scheme GitHub's webhooks use, so receivers can reuse their verification code.
// Receivers must compare in constant time (signatures_equal) over the exact bytes received.
#pragma once

#include <string>
#include <string_view>

namespace lienket::webhook {

// "sha256=<hex>" with the hex of util::hmac_sha256_hex(secret, body), the header's value.
std::string signature_header(std::string_view secret, std::string_view body);

// Constant-time comparison, for receivers (and tests) checking a header.
bool signatures_equal(std::string_view a, std::string_view b);

}  // namespace lienket::webhook
