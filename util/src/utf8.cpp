#include "lienket/util/utf8.hpp"

#include <unicode/utf8.h>

#include <climits>
#include <cstdint>

namespace lienket::util {

bool is_utf8(std::string_view s) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  std::size_t i = 0;
  // ASCII, the bulk of every message, eight bytes at a time.
  while (i + 8 <= s.size()) {
    std::uint64_t word;
    __builtin_memcpy(&word, bytes + i, 8);
    if (word & 0x8080808080808080ULL) break;
    i += 8;
  }
  // ICU indexes with int32_t; no message comes near 2 GiB.
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  const auto length = static_cast<std::int32_t>(s.size());
  for (auto j = static_cast<std::int32_t>(i); j < length;) {
    UChar32 c;
    U8_NEXT(bytes, j, length, c);
    if (c < 0) return false;
  }
  return true;
}

bool strings_are_utf8(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return is_utf8(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::array:
      for (const auto& v : value)
        if (!strings_are_utf8(v)) return false;
      return true;
    case nlohmann::json::value_t::object:
      for (auto it = value.begin(); it != value.end(); ++it)
        if (!is_utf8(it.key()) || !strings_are_utf8(it.value())) return false;
      return true;
    default:
      return true;
  }
}

}  // namespace lienket::util
