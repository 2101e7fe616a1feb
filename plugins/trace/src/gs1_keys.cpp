#include "gs1_keys.hpp"

#include <vector>

namespace lienket::trace {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto pos = s.find(sep, start);
    out.emplace_back(
        s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

std::string with_check(const std::string& digits) { return digits + gs1_check_digit(digits); }

// EPC URN serial parts are URI-escaped already; Digital Link keeps them percent-encoded too.
// The item reference carries the indicator digit first (TDS 6.3.1).
std::string gtin_from(const std::string& company, const std::string& item) {
  return with_check(item.substr(0, 1) + company + item.substr(1));
}

}  // namespace

char gs1_check_digit(std::string_view digits) {
  int sum = 0;
  int weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = weight == 3 ? 1 : 3;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool valid_check_digit(std::string_view key) {
  return key.size() >= 2 && all_digits(key) &&
         gs1_check_digit(key.substr(0, key.size() - 1)) == key.back();
}

bool valid_gtin14(std::string_view gtin) { return gtin.size() == 14 && valid_check_digit(gtin); }

std::optional<std::string> epc_urn_to_digital_link(std::string_view urn) {
  const std::string base(kCanonicalResolver);
  auto parts = split(urn, ':');
  if (parts.size() != 5 || parts[0] != "urn" || parts[1] != "epc") return std::nullopt;
  const std::string& scheme = parts[3];
  auto f = split(parts[4], '.');
  // The company prefix and the reference after it are digits of a fixed combined length.
  auto digits_ok = [&](std::size_t total) {
    return f.size() >= 2 && all_digits(f[0]) && all_digits(f[1]) &&
           f[0].size() + f[1].size() == total;
  };
  if (parts[2] == "class" && scheme == "lgtin" && f.size() == 3 && digits_ok(13) && !f[2].empty())
    return base + "/01/" + gtin_from(f[0], f[1]) + "/10/" + f[2];
  if (parts[2] != "id") return std::nullopt;
  if (scheme == "sgtin" && f.size() == 3 && digits_ok(13) && !f[2].empty())
    return base + "/01/" + gtin_from(f[0], f[1]) + "/21/" + f[2];
  if (scheme == "sscc" && f.size() == 2 && digits_ok(17))
    return base + "/00/" + with_check(f[1].substr(0, 1) + f[0] + f[1].substr(1));
  if ((scheme == "sgln" && f.size() == 3) || (scheme == "pgln" && f.size() == 2)) {
    if (!digits_ok(12)) return std::nullopt;
    std::string gln = with_check(f[0] + f[1]);
    if (scheme == "pgln") return base + "/417/" + gln;
    return base + "/414/" + gln + (f[2] == "0" || f[2].empty() ? "" : "/254/" + f[2]);
  }
  if (scheme == "grai" && f.size() == 3 && digits_ok(12))
    return base + "/8003/0" + with_check(f[0] + f[1]) + f[2];
  if (scheme == "gdti" && f.size() == 3 && digits_ok(12))
    return base + "/253/" + with_check(f[0] + f[1]) + f[2];
  if (scheme == "giai" && f.size() == 2 && all_digits(f[0])) return base + "/8004/" + f[0] + f[1];
  return std::nullopt;
}

std::string canonical_identifier(std::string_view id) {
  if (id.rfind("urn:epc:", 0) == 0) {
    if (auto dl = epc_urn_to_digital_link(id)) return *dl;
    return std::string(id);
  }
  // A Digital Link on any resolver: keep the path from the first primary key AI.
  for (std::string_view scheme : {"https://", "http://"}) {
    if (id.rfind(scheme, 0) != 0) continue;
    auto path = id.find('/', scheme.size());
    if (path == std::string_view::npos) return std::string(id);
    std::string_view rest = id.substr(path);
    for (std::string_view ai : {"/01/", "/00/", "/414/", "/417/", "/8003/", "/8004/", "/253/"}) {
      auto at = rest.find(ai);
      if (at == std::string_view::npos) continue;
      std::string_view key = rest.substr(at);
      key = key.substr(0, key.find_first_of("?#"));
      return std::string(kCanonicalResolver) + std::string(key);
    }
    return std::string(id);
  }
  return std::string(id);
}

}  // namespace lienket::trace
