// Fuzzes what the HTTP front door reads from the network before any plugin sees it
// (core/http/route_pattern.hpp, core/visibility.hpp). The input is "<pattern>\n<path or JSON>":
// a pattern either parses or is refused by field; a matching path yields exactly the pattern's
// names, each decoded and free of NUL; percent_decode never yields a NUL; and the visibility filter
// never keeps a record its owners rule hides, whatever JSON the result holds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/route_pattern.hpp"
#include "visibility.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

const nlohmann::json& schema() {
  static const nlohmann::json s = {
      {"type", "object"},
      {"properties",
       {{"items", {{"type", "array"}, {"items", {{"x-lienket-owners", {"buyer", "seller"}}}}}},
        {"one", {{"x-lienket-owners", {"seller"}}}}}}};
  return s;
}

bool owned_by_a(const nlohmann::json& record, const char* a, const char* b) {
  return (record.contains(a) && record[a] == "a") || (b && record.contains(b) && record[b] == "a");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lienket::core;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nl = input.find('\n');
  std::string_view pattern_text = input.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);

  auto pattern = http::RoutePattern::parse(pattern_text);
  if (!pattern.ok()) {
    check(pattern.status().field() == "pattern");
  } else if (auto params = pattern->match(rest)) {
    check(params->size() <= pattern->names().size());
    for (const auto& [name, value] : *params) {
      check(!name.empty());
      check(!value.empty());
      check(value.find('\0') == std::string::npos);
    }
  }
  if (auto decoded = http::percent_decode(rest)) check(decoded->find('\0') == std::string::npos);

  auto result = nlohmann::json::parse(rest, nullptr, false);
  if (result.is_discarded()) return 0;
  auto may_see = [](const std::vector<std::string>& owners) {
    for (const auto& o : owners)
      if (o == "a") return true;
    return false;
  };
  auto st = filter_visible(schema(), result, may_see);
  if (st.ok() && result.is_object()) {
    if (result.contains("items") && result["items"].is_array())
      for (const auto& e : result["items"])
        check(!e.is_object() || owned_by_a(e, "buyer", "seller"));
    if (result.contains("one") && result["one"].is_object())
      check(owned_by_a(result["one"], "seller", nullptr));
  }
  return 0;
}
