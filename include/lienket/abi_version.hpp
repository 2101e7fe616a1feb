// What a plugin and the node must share to talk across the library boundary.
//  - kAbiVersion: derived at configure time from a SHA-256 of the SDK headers
//  (include/lienket/*.hpp
//    but this one), so any change to them changes it; nobody bumps it by hand.
//  - build_id(): the C++ ABI, the C++ library's string ABI and the nlohmann/json version; the
//    headers being equal is not enough when std::string or json are laid out differently.
#pragma once

#include <nlohmann/json.hpp>

#include "lienket/abi_hash.hpp"  // generated: LIENKET_ABI_HASH

namespace lienket {

inline constexpr int kAbiVersion = static_cast<int>(LIENKET_ABI_HASH & 0x7fffffff);

#define LIENKET_STR2(x) #x
#define LIENKET_STR(x) LIENKET_STR2(x)
inline const char* build_id() {
  return "cxxabi=" LIENKET_STR(__GXX_ABI_VERSION) ";cxx11_string_abi=" LIENKET_STR(
      _GLIBCXX_USE_CXX11_ABI) ";nlohmann_json=" LIENKET_STR(NLOHMANN_JSON_VERSION_MAJOR) "." LIENKET_STR(NLOHMANN_JSON_VERSION_MINOR) "." LIENKET_STR(NLOHMANN_JSON_VERSION_PATCH);
}

}  // namespace lienket
