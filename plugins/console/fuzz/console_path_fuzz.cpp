// Fuzzes what decides which file a browser gets (util::StaticFiles, used by the console and the
// node's /vendor/ route): a name that is allowed never has an empty, "." or ".." segment, never
// starts with '/' or '.', and has only the allowed characters; and the console's settings parser
// either accepts a JSON section or refuses it by a field name, never throws.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "console_settings.hpp"
#include "lienket/util/static_files.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_name(std::string_view name) {
  if (!lienket::util::StaticFiles::allowed_name(name)) return;
  check(!name.empty() && name.front() != '/' && name.front() != '.');
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    auto seg = name.substr(start, end - start);
    check(!seg.empty() && seg != "." && seg != ".." && seg.front() != '.');
    for (char c : seg) check(c != '\\' && c != '%' && c != '\0' && c != ':');
    start = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  check_name(input);
  auto section = nlohmann::json::parse(input, nullptr, false);
  if (!section.is_discarded() && section.is_object()) {
    auto s = lienket::console::parse_settings(section, "/nonexistent");
    if (!s.ok()) check(!s.status().message().empty());
  }
  return 0;
}
