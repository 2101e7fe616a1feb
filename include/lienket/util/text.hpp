// Small ASCII text helpers the plugins share: header values, protocol tokens, identifiers. They
// know nothing of Unicode (lower-casing "Đ" is ICU's job, see nfc.hpp); bytes above 0x7F pass
// through unchanged. Link Lienket::util.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lienket::util {

// `s` with A-Z as a-z.
std::string ascii_lower(std::string_view s);

// `s` without leading and trailing ASCII white space (space, \t, \r, \n, \f, \v).
std::string trim(std::string_view s);

// The parts of `s` between `sep`s, empty parts kept ("a,,b" -> "a", "", "b"); at most
// `max_parts`, the last one keeping any further separators.
std::vector<std::string> split(std::string_view s, char sep,
                               std::size_t max_parts = std::string_view::npos);

}  // namespace lienket::util
