#include "hash_identifier.hpp"

#include <array>
#include <mutex>
#include <regex>
#include <unordered_map>
#include <vector>

#include "gs1_keys.hpp"

namespace lienket::trace {
namespace {

constexpr std::string_view kRoot = "https://id.gs1.org/";

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool hex_in(char c, std::string_view allowed) { return allowed.find(c) != std::string_view::npos; }

// Length of the character at s[i] of an EPC URI component ("GS3A3": a percent-escape counts as
// one character), 0 when none is allowed there.
std::size_t component_char(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == '%') {
    if (i + 2 >= s.size()) return 0;
    static const std::array<std::pair<char, std::string_view>, 6> kEscapes{{
        {'2', "1256789ABCDEFabcdef"},
        {'3', "0123456789ABCDEFabcdef"},
        {'4', "123456789ABCDEFabcdef"},
        {'5', "0123456789AaFf"},
        {'6', "123456789ABCDEFabcdef"},
        {'7', "0123456789Aa"},
    }};
    for (const auto& [first, second] : kEscapes)
      if (s[i + 1] == first) return hex_in(s[i + 2], second) ? 3 : 0;
    return 0;
  }
  bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            std::string_view("!')(*+,.:;=_-").find(c) != std::string_view::npos;
  return ok ? 1 : 0;
}

// The characters of a CPI component reference: digits, capitals, '-', and #, -, / escaped.
std::size_t cpi_char(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == '%') {
    if (i + 2 >= s.size()) return 0;
    char a = s[i + 1], b = s[i + 2];
    bool ok = (a == '2' && hex_in(b, "3dfDF")) || (a == '3' && b >= '0' && b <= '9') ||
              (a == '4' && hex_in(b, "123456789ABCDEFabcdef")) ||
              (a == '5' && hex_in(b, "0123456789Aa"));
    return ok ? 3 : 0;
  }
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-' ? 1 : 0;
}

// True when `s` is `min`..`max` characters of the class `char_len` reads.
bool component(std::string_view s, std::size_t min, std::size_t max,
               std::size_t (*char_len)(std::string_view, std::size_t) = component_char) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    std::size_t n = char_len(s, i);
    if (n == 0) return false;
    i += n;
  }
  return count >= min && count <= max;
}

// The characters Digital Link wants escaped and EPC URIs leave bare.
std::string escaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    static constexpr std::string_view kSpecial = "!()*+,:";
    static constexpr std::array<const char*, 7> kCodes = {"%21", "%28", "%29", "%2A",
                                                          "%2B", "%2C", "%3A"};
    auto k = kSpecial.find(c);
    if (k == std::string_view::npos)
      out += c;
    else
      out += kCodes[k];
  }
  return out;
}

std::string with_check(const std::string& key) { return key + gs1_check_digit(key); }

// "<company prefix>.<reference>" where the two together have `total` digits; `rest` is what
// follows the reference (from its '.', or empty).
struct Key {
  std::string prefix, ref;
  std::string_view rest;
};

std::optional<Key> split_key(std::string_view body, std::size_t total) {
  auto dot = body.find('.');
  if (dot == std::string_view::npos || dot < 6 || dot > 12 || !digits(body.substr(0, dot)))
    return std::nullopt;
  std::size_t ref_len = total - dot;
  if (body.size() < dot + 1 + ref_len || !digits(body.substr(dot + 1, ref_len)))
    return std::nullopt;
  std::string_view rest = body.substr(dot + 1 + ref_len);
  if (!rest.empty() && rest[0] != '.') return std::nullopt;
  return Key{std::string(body.substr(0, dot)), std::string(body.substr(dot + 1, ref_len)), rest};
}

// A GTIN-14 from a company prefix and an item reference led by its indicator digit.
std::string gtin14(const Key& k) {
  return with_check(k.ref.substr(0, 1) + k.prefix + k.ref.substr(1));
}

// After the key: "." and a component of min..max characters, or nullopt.
std::optional<std::string_view> tail(std::string_view rest, std::size_t min, std::size_t max) {
  if (rest.empty() || rest[0] != '.' || !component(rest.substr(1), min, max)) return std::nullopt;
  return rest.substr(1);
}

// "<company prefix>.<free reference>" (GIAI, GINC): the reference fills up to 30 characters.
std::optional<std::string> free_key(std::string_view body, const char* ai) {
  auto dot = body.find('.');
  if (dot == std::string_view::npos || dot < 6 || dot > 12 || !digits(body.substr(0, dot)))
    return std::nullopt;
  if (!component(body.substr(dot + 1), 1, 30 - dot)) return std::nullopt;
  return std::string(kRoot) + ai + "/" + std::string(body.substr(0, dot)) +
         escaped(body.substr(dot + 1));
}

// CPI: "<company prefix>.<component reference>.<serial or *>".
std::optional<std::string> cpi(std::string_view body, bool pattern) {
  auto first = body.find('.');
  auto second = first == std::string_view::npos ? first : body.find('.', first + 1);
  if (second == std::string_view::npos || first < 6 || first > 12 || !digits(body.substr(0, first)))
    return std::nullopt;
  std::string_view ref = body.substr(first + 1, second - first - 1),
                   serial = body.substr(second + 1);
  if (!component(ref, 1, 30 - first, cpi_char)) return std::nullopt;
  std::string key =
      std::string(kRoot) + "8010/" + escaped(std::string(body.substr(0, first)) + std::string(ref));
  if (pattern) return serial == "*" ? std::optional(key) : std::nullopt;
  if (serial.empty() || serial.size() > 12 || !digits(serial)) return std::nullopt;
  return key + "/8011/" + std::string(serial);
}

std::optional<std::string> epc_id(std::string_view scheme, std::string_view body) {
  const std::string root(kRoot);
  auto key = [&](std::size_t total) { return split_key(body, total); };
  if (scheme == "sgtin" || scheme == "upui") {
    auto k = key(13);
    auto serial = k ? tail(k->rest, 1, scheme == "sgtin" ? 20 : 28) : std::nullopt;
    if (!serial) return std::nullopt;
    return root + "01/" + gtin14(*k) + (scheme == "sgtin" ? "/21/" : "/235/") + escaped(*serial);
  }
  if (scheme == "sscc") {
    auto k = key(17);
    if (!k || !k->rest.empty()) return std::nullopt;
    return root + "00/" + with_check(k->ref.substr(0, 1) + k->prefix + k->ref.substr(1));
  }
  if (scheme == "sgln") {
    auto k = key(12);
    auto ext = k ? tail(k->rest, 1, 20) : std::nullopt;
    if (!ext) return std::nullopt;
    std::string gln = root + "414/" + with_check(k->prefix + k->ref);
    return *ext == "0" ? gln : gln + "/254/" + escaped(*ext);
  }
  if (scheme == "grai") {
    auto k = key(12);
    auto serial = k ? tail(k->rest, 1, 16) : std::nullopt;
    if (!serial) return std::nullopt;
    return root + "8003/" + with_check("0" + k->prefix + k->ref) + escaped(*serial);
  }
  if (scheme == "gdti") {
    auto k = key(12);
    if (!k || k->rest.empty() || !component(k->rest.substr(1), 0, 19)) return std::nullopt;
    return root + "253/" + with_check(k->prefix + k->ref) + escaped(k->rest.substr(1));
  }
  if (scheme == "sgcn") {
    auto k = key(12);
    if (!k || k->rest.size() < 2 || k->rest.size() > 13 || !digits(k->rest.substr(1)))
      return std::nullopt;
    return root + "255/" + with_check(k->prefix + k->ref) + std::string(k->rest.substr(1));
  }
  if (scheme == "gsrn" || scheme == "gsrnp") {
    auto k = key(17);
    if (!k || !k->rest.empty()) return std::nullopt;
    return root + (scheme == "gsrn" ? "8018/" : "8017/") + with_check(k->prefix + k->ref);
  }
  if (scheme == "gsin") {
    auto k = key(16);
    if (!k || !k->rest.empty()) return std::nullopt;
    return root + "402/" + with_check(k->prefix + k->ref);
  }
  if (scheme == "pgln") {
    auto k = key(12);
    if (!k || !k->rest.empty()) return std::nullopt;
    return root + "417/" + with_check(k->prefix + k->ref);
  }
  if (scheme == "itip") {
    auto k = key(13);
    if (!k || k->rest.size() < 8 || k->rest[3] != '.' || k->rest[6] != '.' ||
        !digits(k->rest.substr(1, 2)) || !digits(k->rest.substr(4, 2)))
      return std::nullopt;
    auto serial = tail(k->rest.substr(6), 1, 20);
    if (!serial) return std::nullopt;
    return root + "8006/" + gtin14(*k) + std::string(k->rest.substr(1, 2)) +
           std::string(k->rest.substr(4, 2)) + "/21/" + escaped(*serial);
  }
  if (scheme == "giai") return free_key(body, "8004");
  if (scheme == "ginc") return free_key(body, "401");
  if (scheme == "cpi") return cpi(body, false);
  return std::nullopt;
}

std::optional<std::string> epc_pattern(std::string_view scheme, std::string_view body) {
  const std::string root(kRoot);
  if (scheme == "cpi") return cpi(body, true);
  bool item = scheme == "sgtin" || scheme == "upui" || scheme == "itip";
  auto k = split_key(body, item ? 13 : 12);
  if (!k) return std::nullopt;
  if (scheme == "itip") {
    if (k->rest.size() != 8 || k->rest[3] != '.' || k->rest.substr(6) != ".*" ||
        !digits(k->rest.substr(1, 2)) || !digits(k->rest.substr(4, 2)))
      return std::nullopt;
    return root + "8006/" + gtin14(*k) + std::string(k->rest.substr(1, 2)) +
           std::string(k->rest.substr(4, 2));
  }
  if (k->rest != ".*") return std::nullopt;
  if (item) return root + "01/" + gtin14(*k);
  if (scheme == "grai") return root + "8003/" + with_check("0" + k->prefix + k->ref);
  if (scheme == "gdti") return root + "253/" + with_check(k->prefix + k->ref);
  if (scheme == "sgcn") return root + "255/" + with_check(k->prefix + k->ref);
  return std::nullopt;
}

std::optional<std::string> epc_uri(std::string_view uri) {
  for (auto [prefix, pattern] : {std::pair<std::string_view, bool>{"urn:epc:id:", false},
                                 std::pair<std::string_view, bool>{"urn:epc:idpat:", true}}) {
    if (uri.rfind(prefix, 0) != 0) continue;
    auto rest = uri.substr(prefix.size());
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    return pattern ? epc_pattern(rest.substr(0, colon), rest.substr(colon + 1))
                   : epc_id(rest.substr(0, colon), rest.substr(colon + 1));
  }
  constexpr std::string_view kLgtin = "urn:epc:class:lgtin:";
  if (uri.rfind(kLgtin, 0) == 0) {
    auto k = split_key(uri.substr(kLgtin.size()), 13);
    auto lot = k ? tail(k->rest, 1, 20) : std::nullopt;
    if (!lot) return std::nullopt;
    return std::string(kRoot) + "01/" + gtin14(*k) + "/10/" + escaped(*lot);
  }
  return std::nullopt;
}

// ---- Digital Link URIs ------------------------------------------------------------------------

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// A pattern over https://id.gs1.org/ where "C" stands for a value character of the constrained
// canonical form (no percent-escapes).
std::regex dl_pattern(std::string_view p) {
  std::string re = "https://id\\.gs1\\.org/";
  for (char c : p) re += c == 'C' ? std::string("[\"'\\-.0-9;<=>?A-Z_a-z]") : std::string(1, c);
  return std::regex(re);
}

bool starts_with(const std::string& s, const std::regex& re) {
  return std::regex_search(s, re, std::regex_constants::match_continuous);
}

// Each shape starts with its key's AI ("01/..."): only the shapes of the URI's AI are tried.
bool canonical_shape(const std::string& uri) {
  static const std::vector<std::pair<std::string, std::regex>> kShapes = [] {
    std::vector<std::pair<std::string, std::regex>> v;
    for (std::string p : {"00/\\d{18}",
                          "01/\\d{14}/21/C{0,20}",
                          "01/\\d{14}/10/C{0,20}",
                          "01/\\d{14}",
                          "01/\\d{14}/235/C{0,28}",
                          "253/\\d{13}C{0,17}",
                          "255/\\d{13}\\d{0,12}",
                          "401/C{0,30}",
                          "402/\\d{17}",
                          "414/\\d{13}",
                          "414/\\d{13}/254/C{0,20}",
                          "417/\\d{13}",
                          "8003/\\d{14}C{0,16}",
                          "8004/C{0,30}",
                          "8006/\\d{18}/21/C{0,20}",
                          "8006/\\d{18}/10/C{0,20}",
                          "8006/\\d{18}",
                          "8010/[#\\-/0-9A-Z]{0,30}/8011/\\d{0,12}",
                          "8010/[#\\-/0-9A-Z]{0,30}",
                          "8017/\\d{18}",
                          "8018/\\d{18}"})
      v.emplace_back(std::string(kRoot) + p.substr(0, p.find('/') + 1), dl_pattern(p));
    return v;
  }();
  for (const auto& [start, re] : kShapes)
    if (uri.compare(0, start.size(), start) == 0 && std::regex_match(uri, re)) return true;
  return false;
}

// Moves the key path to https://id.gs1.org when it is on another resolver (or on http), looking
// for the keys in the reference's order of preference.
void rebase(std::string& uri) {
  static const std::regex kCanonical =
      dl_pattern("(01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)/\\d{4}[^/]+");
  if (starts_with(uri, kCanonical)) return;
  for (const char* ai : {"00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004",
                         "8006", "8010", "8017", "8018"}) {
    auto at = uri.find(std::string("/") + ai + "/");
    if (at != std::string::npos) {
      uri = "https://id.gs1.org" + uri.substr(at);
      return;
    }
  }
}

// GTIN-8, -12 and -13 are written as GTIN-14.
void pad_gtin(std::string& uri) {
  static const std::regex k14 = dl_pattern("01/\\d{14}"), k13 = dl_pattern("01/\\d{13}"),
                          k12 = dl_pattern("01/\\d{12}"), k8 = dl_pattern("01/\\d{8}");
  if (starts_with(uri, k14)) return;
  if (starts_with(uri, k13))
    replace_all(uri, "/01/", "/01/0");
  else if (starts_with(uri, k12))
    replace_all(uri, "/01/", "/01/00");
  else if (starts_with(uri, k8))
    replace_all(uri, "/01/", "/01/000000");
}

// Drops the consumer product variant (22) and, beside a serial, the lot: only the finest key
// level identifies the object.
void finest_level(std::string& uri) {
  static const std::regex kCpv =
      dl_pattern("(01/\\d{14}|8006/\\d{18})/22/[\"'\\-./0-9;<=>?A-Z_a-z]{0,20}");
  if (std::regex_match(uri, kCpv)) {
    auto at = uri.find("/22/");
    auto next = uri.find('/', at + 4);
    uri.erase(at, next == std::string::npos ? std::string::npos : next - at);
  }
  static const std::regex kLotAndSerial =
      dl_pattern("(01/\\d{14}|8006/\\d{18})/10/C{0,20}/21/C{0,20}");
  if (std::regex_match(uri, kLotAndSerial)) {
    auto at = uri.find("/10/");
    uri.erase(at, uri.find("/21/") - at);
  }
}

std::optional<std::string> digital_link(std::string_view text) {
  static const std::regex kLink(
      "https?:(//(([^/?#]*)@)?([^/?#:]*)(:([^/?#]*))?)?[^?#]*/"
      "(01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|"
      "gdti|401|ginc|402|gsin|8003|grai|8004|giai)/\\d{4}[^/]+");
  std::string uri(text);
  if (!std::regex_search(uri, kLink, std::regex_constants::match_continuous)) return std::nullopt;
  if (auto q = uri.find('?'); q != std::string::npos) uri.erase(q);
  static const std::array<std::pair<const char*, const char*>, 17> kNames{{
      {"/gtin/", "/01/"},
      {"/itip/", "/8006/"},
      {"/cpid/", "/8010/"},
      {"/gln/", "/414/"},
      {"/party/", "/417/"},
      {"/gsrnp/", "/8017/"},
      {"/gsrn/", "/8018/"},
      {"/gcn/", "/255/"},
      {"/sscc/", "/00/"},
      {"/gdti/", "/253/"},
      {"/ginc/", "/401/"},
      {"/gsin/", "/402/"},
      {"/grai/", "/8003/"},
      {"/giai/", "/8004/"},
      {"/cpv/", "/22/"},
      {"/lot/", "/10/"},
      {"/ser/", "/21/"},
  }};
  for (const auto& [name, ai] : kNames) replace_all(uri, name, ai);
  rebase(uri);
  pad_gtin(uri);
  finest_level(uri);
  if (!canonical_shape(uri)) return std::nullopt;
  return uri;
}

// The conversion itself: a few dozen std::regex matches for a Digital Link.
std::optional<std::string> convert(std::string_view uri) {
  if (uri.rfind("urn:epc:", 0) == 0) return epc_uri(uri);
  return digital_link(uri);
}

// Conversions recently made. Capture and verify hash every identifier of every event, and an
// identifier (a lot, a case) is named by the few events around it, which are captured and verified
// close together; the regexes cost more than the rest of the hash, so the answers are kept. The
// cache is bounded (emptied when full) and shared by the node's threads.
class ConversionCache {
 public:
  std::optional<std::string> get(std::string_view uri) {
    std::string key(uri);
    {
      std::lock_guard lock(mutex_);
      if (auto it = known_.find(key); it != known_.end()) return it->second;
    }
    auto value = convert(uri);
    std::lock_guard lock(mutex_);
    if (known_.size() >= kCapacity) known_.clear();
    known_.emplace(std::move(key), value);
    return value;
  }

 private:
  static constexpr std::size_t kCapacity = 8192;  // about 2 MB of identifiers
  std::mutex mutex_;
  std::unordered_map<std::string, std::optional<std::string>> known_;
};

}  // namespace

std::optional<std::string> hash_digital_link(std::string_view uri) {
  // No GS1 identifier is anywhere near this long; std::regex recurses per character, so a
  // 100,000-character value must not reach it.
  constexpr std::size_t kMaxLength = 2048;
  if (uri.size() > kMaxLength || uri.find('.') == std::string_view::npos) return std::nullopt;
  if (uri.rfind("urn:epc:", 0) != 0 && uri.rfind("http", 0) != 0) return std::nullopt;
  static ConversionCache cache;
  return cache.get(uri);
}

}  // namespace lienket::trace
