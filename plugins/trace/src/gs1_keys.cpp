#include "gs1_keys.hpp"

#include <set>
#include <utility>
#include <vector>

#include "digital_link.hpp"
#include "lienket/util/text.hpp"

namespace lienket::trace {
namespace {

using Elements = std::vector<std::pair<std::string, std::string>>;

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string with_check(const std::string& digits) { return digits + gs1_check_digit(digits); }

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A URN part with its escapes (TDS: " % & / < > ? are written %22 %25 %26 %2F %3C %3E %3F)
// decoded; nullopt for a broken escape.
std::optional<std::string> urn_unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
    out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
    i += 2;
  }
  return out;
}

std::string urn_escape(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::string_view("\"%&/<>?").find(static_cast<char>(c)) == std::string_view::npos) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

Status bad_urn(const std::string& why) {
  return Status::InvalidArgument("not an EPC URN the node reads: " + why, "urn");
}

// The company prefix and reference "CP.REF" as one digit string of `total` digits (0: any).
std::optional<std::string> prefix_and_ref(const std::vector<std::string>& f, std::size_t total) {
  if (f.size() < 2 || !all_digits(f[0]) || (total && !all_digits(f[1]))) return std::nullopt;
  if (f[0].size() < 6 || f[0].size() > 12) return std::nullopt;
  if (total && f[0].size() + f[1].size() != total) return std::nullopt;
  return f[0] + f[1];
}

// sgtin, lgtin and idpat:sgtin: CP.IndicatorItemRef.(serial|lot|*); the indicator goes first.
Result<Elements> gtin_elements(const std::string& kind, const std::string& scheme,
                               const std::vector<std::string>& f) {
  auto digits = f.size() == 3 ? prefix_and_ref(f, 13) : std::nullopt;
  if (!digits) return bad_urn(scheme + " needs CompanyPrefix.IndicatorItemRef.X, 13 digits");
  auto gtin = with_check(f[1].substr(0, 1) + f[0] + f[1].substr(1));
  if (kind == "idpat") {
    if (f[2] != "*") return bad_urn("only the pattern CP.ItemRef.* names a GTIN");
    return Elements{{"01", gtin}};
  }
  auto extra = urn_unescape(f[2]);
  if (!extra || extra->empty()) return bad_urn("its serial or lot is empty or badly escaped");
  return Elements{{"01", gtin}, {kind == "class" ? "10" : "21", *extra}};
}

// Every other scheme: the key's AI, its digits and what follows them.
Result<Elements> key_elements(const std::string& scheme, const std::vector<std::string>& f) {
  auto serial = [&](std::size_t i) { return i < f.size() ? urn_unescape(f[i]) : std::nullopt; };
  auto fixed = [&](std::size_t total) { return prefix_and_ref(f, total); };
  if (scheme == "sscc" && f.size() == 2 && fixed(17))
    return Elements{{"00", with_check(f[1].substr(0, 1) + f[0] + f[1].substr(1))}};
  if (scheme == "sgln" && f.size() == 3 && fixed(12)) {
    auto ext = serial(2);
    Elements e{{"414", with_check(*fixed(12))}};
    if (ext && !ext->empty() && *ext != "0") e.emplace_back("254", *ext);
    return e;
  }
  if (scheme == "pgln" && f.size() == 2 && fixed(12))
    return Elements{{"417", with_check(*fixed(12))}};
  auto keyed = [&](const char* ai, const std::string& key, std::size_t i) -> Result<Elements> {
    auto s = serial(i);
    if (!s || s->empty()) return bad_urn(scheme + " needs a serial part");
    return Elements{{ai, key + *s}};
  };
  if (scheme == "grai" && f.size() == 3 && fixed(12))
    return keyed("8003", "0" + with_check(*fixed(12)), 2);
  if (scheme == "gdti" && f.size() == 3 && fixed(12))
    return keyed("253", with_check(*fixed(12)), 2);
  if (scheme == "sgcn" && f.size() == 3 && fixed(12))
    return keyed("255", with_check(*fixed(12)), 2);
  if (scheme == "giai" && f.size() == 2 && fixed(0)) return keyed("8004", f[0], 1);
  if (scheme == "ginc" && f.size() == 2 && fixed(0)) return keyed("401", f[0], 1);
  if ((scheme == "gsrn" || scheme == "gsrnp") && f.size() == 2 && fixed(17))
    return Elements{{scheme == "gsrn" ? "8018" : "8017", with_check(*fixed(17))}};
  if (scheme == "gsin" && f.size() == 2 && fixed(16))
    return Elements{{"402", with_check(*fixed(16))}};
  if (scheme == "cpi" && f.size() == 3 && fixed(0)) {
    auto ref = serial(1), ser = serial(2);
    if (!ref || !ser || ser->empty()) return bad_urn("cpi needs CompanyPrefix.PartRef.Serial");
    return Elements{{"8010", f[0] + *ref}, {"8011", *ser}};
  }
  return bad_urn(scheme + " with these parts (a company prefix of 6-12 digits, then the " +
                 "reference digits and the serial the scheme takes)");
}

// The Digital Link written from `elements`, read back by the parser: check digits, lengths and
// character sets are checked there, once.
Result<DigitalLink> checked(const Elements& elements) {
  DigitalLink dl;
  dl.primary_ai = elements.front().first;
  dl.path = elements;
  auto parsed = parse_digital_link(canonical_digital_link(dl));
  if (!parsed.ok()) return bad_urn(parsed.status().message());
  return parsed;
}

// "CP.REF" of a key's digits, the prefix `gcp` digits long; nullopt when they are too few.
std::optional<std::string> split_prefix(const std::string& digits, int gcp) {
  if (static_cast<int>(digits.size()) < gcp) return std::nullopt;
  return digits.substr(0, gcp) + "." + digits.substr(gcp);
}

std::vector<std::string> qualifier_ais(const DigitalLink& dl) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < dl.path.size(); ++i) out.push_back(dl.path[i].first);
  return out;
}

std::optional<std::string> gtin_urn(const DigitalLink& dl, int gcp) {
  const std::string g = dl.get("01");
  auto quals = qualifier_ais(dl);
  auto body = split_prefix(g.substr(1, 12), gcp);
  if (!body) return std::nullopt;
  // The item reference carries the indicator digit first (TDS 6.3.1).
  std::string cp_ir = body->substr(0, gcp + 1) + g.substr(0, 1) + body->substr(gcp + 1);
  if (quals.empty()) return "urn:epc:idpat:sgtin:" + cp_ir + ".*";
  if (quals == std::vector<std::string>{"21"})
    return "urn:epc:id:sgtin:" + cp_ir + "." + urn_escape(dl.get("21"));
  if (quals == std::vector<std::string>{"10"})
    return "urn:epc:class:lgtin:" + cp_ir + "." + urn_escape(dl.get("10"));
  return std::nullopt;  // a CPV or a lot with a serial has no EPC URN
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

Result<DigitalLink> digital_link_of_urn(std::string_view urn) {
  // urn:epc:<kind>:<scheme>:<body>; the body may hold ':' itself (TDS escapes only "%&/<>?).
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 4 && start <= urn.size(); ++i) {
    auto colon = urn.find(':', start);
    if (colon == std::string_view::npos) break;
    parts.emplace_back(urn.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts.size() == 4) parts.emplace_back(urn.substr(start));
  if (parts.size() != 5 || parts[0] != "urn" || parts[1] != "epc")
    return bad_urn("it must read urn:epc:id|class|idpat:<scheme>:<parts>");
  const std::string &kind = parts[2], &scheme = parts[3];
  // The last part (serial, lot, asset reference) may hold '.' itself: split only as far as the
  // scheme has parts.
  static const std::set<std::string> kTwoParts = {"sscc", "pgln",  "giai", "ginc",
                                                  "gsrn", "gsrnp", "gsin"};
  auto f = util::split(parts[4], '.', kTwoParts.count(scheme) ? 2 : 3);
  Result<Elements> elements = bad_urn("unknown scheme " + kind + ":" + scheme);
  if ((kind == "id" && scheme == "sgtin") || (kind == "class" && scheme == "lgtin") ||
      (kind == "idpat" && scheme == "sgtin"))
    elements = gtin_elements(kind, scheme, f);
  else if (kind == "id")
    elements = key_elements(scheme, f);
  if (!elements.ok()) return elements.status();
  return checked(*elements);
}

std::optional<std::string> epc_urn_to_digital_link(std::string_view urn) {
  auto dl = digital_link_of_urn(urn);
  if (!dl.ok()) return std::nullopt;
  return canonical_key(*dl);
}

std::optional<std::string> epc_urn_of(const DigitalLink& dl, int gcp) {
  if (gcp < 6 || gcp > 12) return std::nullopt;
  const std::string& ai = dl.primary_ai;
  const std::string key = dl.get(ai);
  auto quals = qualifier_ais(dl);
  auto urn = [&](const char* scheme, const std::optional<std::string>& body) {
    return body ? std::optional<std::string>(std::string("urn:epc:id:") + scheme + ":" + *body)
                : std::nullopt;
  };
  if (ai == "01") return gtin_urn(dl, gcp);
  if (ai == "414" && (quals.empty() || quals == std::vector<std::string>{"254"})) {
    auto ext = dl.get("254");
    auto body = split_prefix(key.substr(0, 12), gcp);
    return urn("sgln", body ? std::optional(*body + "." + (ext.empty() ? "0" : urn_escape(ext)))
                            : std::nullopt);
  }
  if (!quals.empty() && ai != "8010") return std::nullopt;
  if (ai == "00") {
    auto body = split_prefix(key.substr(1, 16), gcp);
    if (!body) return std::nullopt;
    return urn("sscc", body->substr(0, gcp + 1) + key.substr(0, 1) + body->substr(gcp + 1));
  }
  if (ai == "417") return urn("pgln", split_prefix(key.substr(0, 12), gcp));
  auto serialised = [&](const char* scheme, const std::string& digits, const std::string& serial) {
    auto body = split_prefix(digits, gcp);
    if (!body || serial.empty()) return std::optional<std::string>();
    return urn(scheme, *body + "." + urn_escape(serial));
  };
  // GRAI: N14 is a filler "0" and the GRAI-13; another first digit has no EPC form (the URN would
  // read back as a different key).
  if (ai == "8003")
    return key.empty() || key[0] != '0' ? std::nullopt
                                        : serialised("grai", key.substr(1, 12), key.substr(14));
  if (ai == "253") return serialised("gdti", key.substr(0, 12), key.substr(13));
  if (ai == "255") return serialised("sgcn", key.substr(0, 12), key.substr(13));
  auto prefixed = [&](const char* scheme) {
    if (static_cast<int>(key.size()) <= gcp || !all_digits(key.substr(0, gcp)))
      return std::optional<std::string>();
    return urn(scheme, key.substr(0, gcp) + "." + urn_escape(key.substr(gcp)));
  };
  if (ai == "8004") return prefixed("giai");
  if (ai == "401") return prefixed("ginc");
  if (ai == "8018" || ai == "8017")
    return urn(ai == "8018" ? "gsrn" : "gsrnp", split_prefix(key.substr(0, 17), gcp));
  if (ai == "402") return urn("gsin", split_prefix(key.substr(0, 16), gcp));
  if (ai == "8010" && quals == std::vector<std::string>{"8011"}) {
    auto ref = prefixed("cpi");
    return ref ? std::optional(*ref + "." + urn_escape(dl.get("8011"))) : std::nullopt;
  }
  return std::nullopt;
}

std::string canonical_identifier(std::string_view id) {
  const std::string s(id);
  if (s.rfind("urn:epc:", 0) == 0) return epc_urn_to_digital_link(s).value_or(s);
  if (s.rfind("https://", 0) != 0 && s.rfind("http://", 0) != 0) return s;
  if (auto dl = parse_digital_link(s, kNodeReading); dl.ok()) return canonical_key(*dl);
  // Not a valid Digital Link: a path that still names a primary key moves to id.gs1.org as it is,
  // so that a broken GS1 identifier is seen (and refused) as one rather than as a private URI.
  auto path = s.find('/', s.find("://") + 3);
  if (path == std::string::npos) return s;
  std::string rest = s.substr(path);
  for (std::string_view ai : {"/01/", "/00/", "/414/", "/417/", "/8003/", "/8004/", "/253/"}) {
    auto at = rest.find(ai);
    if (at == std::string::npos) continue;
    std::string key = rest.substr(at);
    std::string moved = std::string(kCanonicalResolver) + key.substr(0, key.find_first_of("?#"));
    if (auto dl = parse_digital_link(moved, kNodeReading); dl.ok()) return canonical_key(*dl);
    return moved;
  }
  return s;
}

std::string lot_of_identifier(std::string_view id) {
  static const std::string_view kUrn = "urn:lienket:lot:";
  if (id.rfind(kUrn, 0) == 0) return std::string(id.substr(kUrn.size()));
  if (id.rfind("http", 0) != 0) return "";
  auto dl = parse_digital_link(std::string(id), kNodeReading);
  if (!dl.ok() || dl->primary_ai != "01") return "";
  for (const auto& [ai, value] : dl->path)
    if (ai == "10") return value;
  return "";
}

}  // namespace lienket::trace
