#include "route_pattern.hpp"

namespace lienket::core::http {

namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool literal_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '~' || c == '-';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// The segments from `first` on, decoded and joined by '/'; "/app/" gives "". A "." or ".." segment
// or an encoded '/' would let a file server climb out of its folder: no match.
std::optional<std::string> RoutePattern::rest_of(const std::vector<std::string_view>& segs,
                                                 std::size_t first) {
  std::string out;
  for (std::size_t i = first; i < segs.size(); ++i) {
    if (segs[i].empty() && i + 1 == segs.size()) break;  // a trailing slash
    auto decoded = percent_decode(segs[i]);
    if (!decoded || decoded->empty() || *decoded == "." || *decoded == ".." ||
        decoded->find('/') != std::string::npos || decoded->find('\\') != std::string::npos)
      return std::nullopt;
    if (!out.empty()) out += '/';
    out += *decoded;
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\0') return std::nullopt;
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return std::nullopt;
    char c = static_cast<char>(hi * 16 + lo);
    if (c == '\0') return std::nullopt;
    out += c;
    i += 2;
  }
  return out;
}

Result<RoutePattern> RoutePattern::parse(std::string_view pattern) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("route pattern " + std::string(pattern) + ": " + why, "pattern");
  };
  if (pattern.empty() || pattern[0] != '/') return bad("must start with '/'");
  RoutePattern p;
  p.text_ = std::string(pattern);
  for (auto seg : split(pattern)) {
    if (seg.empty()) return bad("has an empty segment");
    if (!p.segments_.empty() && p.segments_.back().rest)
      return bad("a {name*} segment must be the last");
    if (seg.front() == '{') {
      if (seg.size() < 3 || seg.back() != '}') return bad("a {name} segment is malformed");
      auto name = seg.substr(1, seg.size() - 2);
      bool rest = name.back() == '*';
      if (rest) name.remove_suffix(1);
      if (name.empty()) return bad("a {name} segment is malformed");
      for (char c : name)
        if (!((c >= 'a' && c <= 'z') || c == '_')) return bad("a name is [a-z_]");
      p.segments_.push_back({"", std::string(name), rest});
      continue;
    }
    for (char c : seg)
      if (!literal_char(c)) return bad("a literal segment is [A-Za-z0-9._~-]");
    p.segments_.push_back({std::string(seg), ""});
  }
  return p;
}

std::optional<std::map<std::string, std::string>> RoutePattern::match(std::string_view path) const {
  if (path.empty() || path[0] != '/') return std::nullopt;
  auto segs = split(path);
  bool rest = !segments_.empty() && segments_.back().rest;
  std::size_t fixed = segments_.size() - (rest ? 1 : 0);
  if (rest ? segs.size() < fixed : segs.size() != segments_.size()) return std::nullopt;
  std::map<std::string, std::string> params;
  if (rest) {
    auto tail = rest_of(segs, fixed);
    if (!tail) return std::nullopt;
    params[segments_.back().name] = std::move(*tail);
  }
  for (std::size_t i = 0; i < fixed; ++i) {
    const auto& want = segments_[i];
    if (want.name.empty()) {
      if (segs[i] != want.literal) return std::nullopt;
      continue;
    }
    if (segs[i].empty()) return std::nullopt;
    auto decoded = percent_decode(segs[i]);
    if (!decoded) return std::nullopt;
    params[want.name] = std::move(*decoded);
  }
  return params;
}

std::string RoutePattern::shape() const {
  std::string out;
  for (const auto& s : segments_)
    out += "/" + (s.name.empty() ? s.literal : std::string(s.rest ? "{*}" : "{}"));
  return out;
}

std::vector<std::string> RoutePattern::names() const {
  std::vector<std::string> out;
  for (const auto& s : segments_)
    if (!s.name.empty()) out.push_back(s.name);
  return out;
}

}  // namespace lienket::core::http
