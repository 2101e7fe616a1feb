#include "lienket/util/nfc.hpp"

#include "lienket/util/utf8.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace lienket::util {
namespace {

using nlohmann::json;

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2& nfc() {
  UErrorCode err = U_ZERO_ERROR;
  // A process-wide instance owned by ICU: immutable, shared by every thread.
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err) || n == nullptr)
    throw std::runtime_error(std::string("ICU NFC data: ") + u_errorName(err));
  return *n;
}

json normalized_object(json& object) {
  json out = json::object();
  for (auto& [key, child] : object.items()) {
    std::string nfc_key = to_nfc(key);
    normalize_strings_nfc(child);
    if (nfc_key == key)
      out[nfc_key] = std::move(child);  // a key already in NFC wins a clash
    else
      out.emplace(std::move(nfc_key), std::move(child));
  }
  return out;
}

}  // namespace

std::string to_nfc(std::string_view utf8) {
  // ICU lengths are int32_t; a string that long is not text a person typed.
  if (is_ascii(utf8) ||
      utf8.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) ||
      !is_utf8(utf8))
    return std::string(utf8);
  const icu::StringPiece piece(utf8.data(), static_cast<std::int32_t>(utf8.size()));
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode err = U_ZERO_ERROR;
  nfc().normalizeUTF8(0, piece, sink, nullptr, err);
  if (U_FAILURE(err)) throw std::runtime_error(std::string("ICU NFC: ") + u_errorName(err));
  return out;
}

void normalize_strings_nfc(json& value) {
  if (value.is_string()) {
    auto& s = value.get_ref<std::string&>();
    s = to_nfc(s);
  } else if (value.is_array()) {
    for (auto& child : value) normalize_strings_nfc(child);
  } else if (value.is_object()) {
    value = normalized_object(value);
  }
}

}  // namespace lienket::util
