#include "lienket/util/json_text.hpp"

#include <charconv>

#include "lienket/util/utf8.hpp"

namespace lienket::util {

namespace {

using nlohmann::json;

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The escapes nlohmann's serializer writes (short forms, else \u00xx in lower case).
void escape(unsigned char c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default: {
      static const char hex[] = "0123456789abcdef";
      char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      out.append(u, sizeof u);
    }
  }
}

bool append_string(const std::string& s, std::string& out) {
  if (!is_utf8(s)) return false;
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.append(s, run, i - run);
    escape(c, out);
    run = i + 1;
  }
  out.append(s, run, std::string::npos);
  out += '"';
  return true;
}

template <typename Int>
void append_integer(Int v, std::string& out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace

bool append_json_text(const json& value, std::string& out) {
  switch (value.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        if (!append_string(it.key(), out)) return false;
        out += ':';
        if (!append_json_text(it.value(), out)) return false;
      }
      out += '}';
      return true;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& v : value) {
        if (!first) out += ',';
        first = false;
        if (!append_json_text(v, out)) return false;
      }
      out += ']';
      return true;
    }
    case json::value_t::string:
      return append_string(value.get_ref<const std::string&>(), out);
    case json::value_t::number_integer:
      append_integer(value.get<std::int64_t>(), out);
      return true;
    case json::value_t::number_unsigned:
      append_integer(value.get<std::uint64_t>(), out);
      return true;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return true;
    case json::value_t::null:
      out += "null";
      return true;
    default:  // floating point, binary, discarded: rare, and nlohmann's own format is the reference
      out += value.dump();
      return true;
  }
}

std::string json_text(const json& value) {
  std::string out;
  out.reserve(256);
  if (append_json_text(value, out)) return out;
  return value.dump();  // throws nlohmann's error for the bad string
}

}  // namespace lienket::util
