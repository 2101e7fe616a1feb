// The event hash as the plugin computed it up to version 0.2, before it followed the reference
// implementation exactly (event_hash.hpp): extension names without braces, bizTransaction's value
// before its type, certificationInfo left out, errorDeclaration and comments in, EPC patterns as
// they were. Kept only so that the records stored then still verify (EventRepository::verify):
// a chain of hashes cannot be recomputed without breaking it. Nothing new is hashed with it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lienket::trace {

std::string legacy_event_prehash(const nlohmann::json& event, const nlohmann::json& context);
std::string legacy_event_hash_id(const nlohmann::json& event, const nlohmann::json& context);

}  // namespace lienket::trace
