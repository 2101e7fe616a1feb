// GS1 identification keys: check digits, and the translation between EPC URNs (TDS 2.0:
// urn:epc:id:sgtin:..., urn:epc:class:lgtin:..., urn:epc:idpat:sgtin:...) and GS1 Digital Links,
// both ways. Every identifier the plugin reads goes through canonical_identifier(), which parses it
// with the one Digital Link parser (digital_link.hpp): EPC URNs and Digital Links of any spelling
// (another resolver, a zero-suppressed GTIN, percent-encoded or not) become one canonical string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lienket/status.hpp"

namespace lienket::trace {

struct DigitalLink;

inline constexpr std::string_view kCanonicalResolver = "https://id.gs1.org";
// GS1 Company Prefix length assumed when a Digital Link is written as an EPC URN and none is given
// (the URN splits the key after the prefix, which the key itself does not tell).
inline constexpr int kDefaultGcpLength = 7;

// The GS1 mod-10 check digit of `digits` (all digits, the check digit itself left out).
char gs1_check_digit(std::string_view digits);
// True for a string of n digits whose last digit is its correct check digit.
bool valid_check_digit(std::string_view key);
// True for a 14-digit GTIN with a correct check digit.
bool valid_gtin14(std::string_view gtin);

// The Digital Link an EPC URN names (sgtin, lgtin, idpat:sgtin, sscc, sgln, pgln, grai, giai, gdti,
// gsrn, gsrnp, sgcn, ginc, gsin, cpi); invalid_argument (field "urn") saying why otherwise. Its
// escaped characters (%2F, ...) are decoded.
Result<DigitalLink> digital_link_of_urn(std::string_view urn);
// The canonical key URI of an EPC URN (canonical_key of the above), nullopt when it names none.
std::optional<std::string> epc_urn_to_digital_link(std::string_view urn);
// The EPC URN of a Digital Link's key and qualifiers, its company prefix taken `gcp_length` digits
// long (6-12); nullopt when the key has no EPC form (a GTIN with neither lot nor serial is written
// as the pattern urn:epc:idpat:sgtin:...*).
std::optional<std::string> epc_urn_of(const DigitalLink& dl, int gcp_length = kDefaultGcpLength);

// Any identifier as the genealogy compares it: EPC URNs and Digital Links (on any resolver, in any
// spelling the node reads) become canonical_key(); anything else is unchanged.
std::string canonical_identifier(std::string_view id);
// The lot number (decoded) of a lot identifier (".../01/<gtin>/10/<lot>", "urn:lienket:lot:<lot>"),
// or "".
std::string lot_of_identifier(std::string_view canonical_id);

}  // namespace lienket::trace
