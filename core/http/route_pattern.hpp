// A path pattern of an HTTP route: literal segments and {name} segments, e.g.
// "/api/v1/parties/{id}". A {name} matches one whole non-empty segment, which is percent-decoded
// (so a lot "A/B" arrives as "A%2FB" and matches one segment). Matching is exact: no prefixes, no
// trailing slash. A last segment {name*} takes the rest of the path, zero or more segments, each
// decoded and joined by '/' ("/app/{file*}" matches "/app", "/app/" and "/app/js/a.js"), so that a
// plugin can serve a tree of files; a rest with a "." or ".." segment does not match.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lienket/status.hpp"

namespace lienket::core::http {

class RoutePattern {
 public:
  // Checks the pattern: starts with '/', segments of [A-Za-z0-9._~-] or {name} with a name of
  // [a-z_]; InvalidArgument naming what is wrong otherwise.
  static Result<RoutePattern> parse(std::string_view pattern);

  // The {name} values when `path` (percent-encoded, no query) matches, nullopt otherwise.
  std::optional<std::map<std::string, std::string>> match(std::string_view path) const;

  const std::string& text() const { return text_; }
  // The same shape for overlap checks: "/api/v1/parties/{}".
  std::string shape() const;
  std::vector<std::string> names() const;

 private:
  struct Segment {
    std::string literal;  // when name is empty
    std::string name;
    bool rest = false;  // {name*}: the rest of the path
  };
  static std::optional<std::string> rest_of(const std::vector<std::string_view>& segs,
                                            std::size_t first);

  std::string text_;
  std::vector<Segment> segments_;
};

// Percent-decodes `s` ('+' stays '+'); nullopt for a malformed escape or a NUL (raw or decoded).
std::optional<std::string> percent_decode(std::string_view s);

}  // namespace lienket::core::http
