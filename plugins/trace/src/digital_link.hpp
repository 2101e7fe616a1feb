// GS1 Digital Link URIs (GS1 Digital Link standard 1.2, the URI syntax of the ABNF grammar):
//   <scheme>://<host>[<stem>]/<primary key AI>/<value>[/<qualifier
//   AI>/<value>...][?<AI>=<value>&...]
// parse_digital_link turns one into its AI elements (and the GS1 element string "^01...^10...");
// generate_digital_link writes elements as a URI: the primary key and its qualifiers in the path
// in their defined order, every other AI as a query attribute.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "lienket/status.hpp"

namespace lienket::trace {

struct DigitalLinkOptions {
  bool permit_convenience_alphas = false;    // "/gtin/..." for "/01/..."
  bool permit_zero_suppressed_gtin = false;  // GTIN-8/12/13 in AI 01/02, padded to 14 digits
  bool permit_unknown_ais = false;           // numeric query keys that are not (yet) assigned AIs
};

// How the node reads every identifier it is given (captured events, queries, the page's URL,
// trace.qr): the deprecated convenience alphas ("/gtin/") and zero-suppressed GTIN-8/12/13 are
// accepted, so that any spelling of a key finds the same lot; unknown AIs are refused.
inline constexpr DigitalLinkOptions kNodeReading{true, true, false};

struct DigitalLink {
  std::string stem;        // "https://id.gs1.org" (scheme, host and any path before the key)
  std::string primary_ai;  // "01"
  std::vector<std::pair<std::string, std::string>> path;   // key and qualifiers, in order
  std::vector<std::pair<std::string, std::string>> query;  // attributes, in URI order
  // The value of `ai` in path or query ("" when absent).
  std::string get(const std::string& ai) const;
};

Result<DigitalLink> parse_digital_link(const std::string& uri,
                                       const DigitalLinkOptions& options = {});
// "^0109520123456788^10ABC" style: FNC1 ("^") first and after every variable-length element.
std::string element_string(const DigitalLink& dl);
// From a bracketed element string "(01)09520123456788(10)ABC".
Result<DigitalLink> digital_link_from_elements(const std::string& stem,
                                               const std::string& bracketed,
                                               const DigitalLinkOptions& options = {});
std::string generate_digital_link(const std::string& stem, const DigitalLink& dl);
// The canonical URI: https://id.gs1.org, numeric AIs, GTIN-14, every value percent-encoded except
// the unreserved characters (so "ABC+123", "ABC%2B123" and "ABC%2b123" are written alike).
std::string canonical_digital_link(const DigitalLink& dl);
// The canonical URI of the key and its qualifiers only (no attributes): one lot, one string.
// The genealogy index and every lookup compare identifiers in this form.
std::string canonical_key(const DigitalLink& dl);
// An AI's value as a Digital Link writes it: every byte but the unreserved ones percent-encoded.
std::string encode_ai_value(const std::string& value);
// The URI of a lot: <stem>/01/<gtin>/10/<lot>.
std::string lot_digital_link(const std::string& stem, const std::string& gtin,
                             const std::string& lot);

}  // namespace lienket::trace
