// Compact JSON text of a nlohmann::json value, byte for byte what value.dump() gives, several
// times faster: the node writes every record, event and reply this way, and nlohmann's serializer
// decodes each byte of each string through a UTF-8 state machine. Here plain runs of a string are
// copied at once and UTF-8 is checked with util::is_utf8. Link Lienket::util.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lienket::util {

// Appends `value`'s text to `out`; false (with `out` partly written) when a string or key is not
// well-formed UTF-8, where dump() would throw.
bool append_json_text(const nlohmann::json& value, std::string& out);

// value.dump(), faster; throws what dump() throws on text that is not UTF-8.
std::string json_text(const nlohmann::json& value);

}  // namespace lienket::util
