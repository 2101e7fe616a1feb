// GS1 identification keys: check digits, and the translation of EPC URNs (urn:epc:id:sgtin:...,
// urn:epc:class:lgtin:...) into canonical GS1 Digital Link URIs on https://id.gs1.org, which is the
// form the EPCIS event hash and the genealogy index compare identifiers in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lienket::trace {

inline constexpr std::string_view kCanonicalResolver = "https://id.gs1.org";

// The GS1 mod-10 check digit of `digits` (all digits, the check digit itself left out).
char gs1_check_digit(std::string_view digits);
// True for a string of n digits whose last digit is its correct check digit.
bool valid_check_digit(std::string_view key);
// True for a 14-digit GTIN with a correct check digit.
bool valid_gtin14(std::string_view gtin);

// The canonical Digital Link for an EPC pure-identity or class URN (sgtin, sscc, sgln, pgln, grai,
// giai, gdti, lgtin); nullopt when `urn` is not one of those or is malformed.
std::optional<std::string> epc_urn_to_digital_link(std::string_view urn);

// Any identifier as the genealogy compares it: EPC URNs become canonical Digital Links, Digital
// Links on another resolver move to id.gs1.org without their query; anything else is unchanged.
std::string canonical_identifier(std::string_view id);

}  // namespace lienket::trace
