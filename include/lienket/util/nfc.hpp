// Unicode Normalization Form C (UAX #15) over ICU. The same Vietnamese text reaches the node in two
// forms: precomposed ("ú" U+00FA, NFC) from most keyboards, or decomposed ("u" + U+0301, NFD) from
// macOS file names and some input methods. They look the same but compare, hash and sort
// differently, so text is brought to NFC where it enters. Safe to call from any thread; throws
// std::runtime_error only when ICU itself fails (its data missing, out of memory). Link
// Lienket::util.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lienket::util {

// `utf8` in NFC. Invalid UTF-8 is returned unchanged, byte for byte: normalizing around the bad
// bytes would half-fix a string that the caller's UTF-8 check must reject anyway, and nothing is
// ever lost here. ASCII (and text already in NFC) comes back as it is.
std::string to_nfc(std::string_view utf8);

// Rewrites every string value and every object key in `value`, at any depth, to NFC (to_nfc).
// When two keys of one object become equal, the key that was already in NFC keeps its value;
// otherwise the first in key order does. Recursion follows the tree's depth.
void normalize_strings_nfc(nlohmann::json& value);

}  // namespace lienket::util
