// The signature of a webhook body: "sha256=" + lowercase hex of HMAC-SHA256(secret, body), the
// scheme GitHub's webhooks use, so receivers can reuse their verification code. The webhook
// connector sends it as X-Lienket-Signature, the trace plugin's EPCIS query subscriptions as
// GS1-Signature. Receivers must compare in constant time (signatures_equal) over the exact bytes
// received. Pure functions, safe from any thread. Link Lienket::util.
#pragma once

#include <string>
#include <string_view>

namespace lienket::util {

// "sha256=<hex>" with the hex of hmac_sha256_hex(secret, body), the header's value.
std::string signature_header(std::string_view secret, std::string_view body);

// Constant-time comparison, for receivers (and tests) checking a header.
bool signatures_equal(std::string_view a, std::string_view b);

}  // namespace lienket::util
