// Well-formed UTF-8: no overlongs, surrogates or code points past U+10FFFF. The wire is JSON, which
// must be UTF-8, so text that a plugin produced is checked before it leaves the node: walking the
// strings costs far less than serialising them to find out. Link Lienket::util.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace lienket::util {

bool is_utf8(std::string_view s);

// Whether every string value and object key in `value`, at any depth, is well-formed UTF-8.
bool strings_are_utf8(const nlohmann::json& value);

}  // namespace lienket::util
