#include "digital_link.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "gs1_keys.hpp"

namespace lienket::trace {
namespace {

// One component of an AI's value: N (digits) or X (GS1 character set 82) or Y (set 39), min..max
// characters, optionally ending in a check digit.
struct Part {
  char cset;
  int min, max;
  bool check = false;
};
struct AiSpec {
  std::vector<Part> parts;
};

const std::map<std::string, AiSpec>& ai_table() {
  static const std::map<std::string, AiSpec> k = [] {
    std::map<std::string, AiSpec> t;
    auto n = [](int len, bool check = false) { return Part{'N', len, len, check}; };
    auto nv = [](int max) { return Part{'N', 1, max}; };
    auto x = [](int max) { return Part{'X', 1, max}; };
    t["00"] = {{n(18, true)}};
    t["01"] = {{n(14, true)}};
    t["02"] = {{n(14, true)}};
    t["10"] = {{x(20)}};
    for (auto d : {"11", "12", "13", "15", "16", "17"}) t[d] = {{n(6)}};
    t["20"] = {{n(2)}};
    t["21"] = {{x(20)}};
    t["22"] = {{x(20)}};
    t["235"] = {{x(28)}};
    t["240"] = {{x(30)}};
    t["241"] = {{x(30)}};
    t["250"] = {{x(30)}};
    t["251"] = {{x(30)}};
    t["253"] = {{n(13, true), Part{'X', 0, 17}}};
    t["254"] = {{x(20)}};
    t["255"] = {{n(13, true), Part{'N', 0, 12}}};
    t["30"] = {{nv(8)}};
    t["37"] = {{nv(8)}};
    for (int p = 310; p <= 369; ++p)
      for (int d = 0; d <= 5; ++d) t[std::to_string(p) + std::to_string(d)] = {{n(6)}};
    for (auto a : {"3900", "3901", "3902", "3903", "3904", "3905", "3906", "3907", "3908", "3909",
                   "3920", "3921", "3922", "3923", "3924", "3925", "3926", "3927", "3928", "3929"})
      t[a] = {{nv(15)}};
    t["400"] = {{x(30)}};
    t["401"] = {{x(30)}};
    t["402"] = {{n(17, true)}};
    t["403"] = {{x(30)}};
    for (auto a : {"410", "411", "412", "413", "414", "415", "416", "417"}) t[a] = {{n(13, true)}};
    t["7040"] = {{Part{'X', 4, 4}}};
    t["8003"] = {{n(14, true), Part{'X', 0, 16}}};
    t["8004"] = {{x(30)}};
    t["8006"] = {{n(14, true), n(4)}};
    t["8010"] = {{Part{'Y', 1, 30}}};
    t["8011"] = {{nv(12)}};
    t["8013"] = {{x(25)}};
    t["8017"] = {{n(18, true)}};
    t["8018"] = {{n(18, true)}};
    t["8019"] = {{nv(10)}};
    t["8020"] = {{x(25)}};
    t["8200"] = {{x(70)}};
    t["90"] = {{x(30)}};
    for (int d = 91; d <= 99; ++d) t[std::to_string(d)] = {{x(90)}};
    return t;
  }();
  return k;
}

// Primary keys and the orders in which their qualifiers may follow them in the path.
const std::map<std::string, std::vector<std::vector<std::string>>>& key_table() {
  static const std::map<std::string, std::vector<std::vector<std::string>>> k = {
      {"01", {{"22", "10", "21"}, {"235"}}},
      {"00", {}},
      {"253", {}},
      {"255", {}},
      {"401", {}},
      {"402", {}},
      {"414", {{"254"}, {"7040"}}},
      {"417", {{"7040"}}},
      {"8003", {}},
      {"8004", {{"7040"}}},
      {"8006", {{"22", "10", "21"}}},
      {"8010", {{"8011"}}},
      {"8013", {{"7040"}}},
      {"8017", {{"8019"}}},
      {"8018", {{"8019"}}}};
  return k;
}

const std::map<std::string, std::string>& convenience_alphas() {
  static const std::map<std::string, std::string> k = {
      {"gtin", "01"},   {"sscc", "00"},    {"cpv", "22"},   {"lot", "10"},    {"ser", "21"},
      {"gln", "414"},   {"party", "417"},  {"gdti", "253"}, {"giai", "8004"}, {"grai", "8003"},
      {"gsrn", "8018"}, {"gsrnp", "8017"}, {"ginc", "401"}, {"gsin", "402"},  {"gcn", "255"}};
  return k;
}

// AIs that may not be Digital Link data attributes (a URL inside the URL).
bool excluded_attribute(const std::string& ai) { return ai == "8200"; }

// First two digits for which GS1 predefines a fixed length (no FNC1 needed after them).
bool predefined_length(const std::string& ai) {
  static const char* kFixed[] = {"00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16",
                                 "17", "18", "19", "20", "31", "32", "33", "34", "35", "36", "41"};
  for (auto p : kFixed)
    if (ai.compare(0, 2, p) == 0) return true;
  return false;
}

bool in_cset(char cset, char c) {
  if (cset == 'N') return c >= '0' && c <= '9';
  if (cset == 'Y')
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '#' || c == '-' || c == '/';
  static const std::string kSpecial = "!\"%&'()*+,-./:;<=>?_";
  return std::isalnum(static_cast<unsigned char>(c)) || kSpecial.find(c) != std::string::npos;
}

const char* cset_name(char cset) {
  if (cset == 'N') return "digits";
  if (cset == 'Y') return "the characters of GS1 set 39";
  return "the characters of GS1 set 82";
}

// Why `v` is not a valid value of `ai` ("has 13 characters, (01) takes 14"), nullopt when it is.
std::optional<std::string> value_problem(const std::string& ai, const std::string& v) {
  auto it = ai_table().find(ai);
  if (it == ai_table().end()) {  // an unknown AI admitted by the options: any set-82 text
    if (v.empty() || v.size() > 90) return "must have 1 to 90 characters";
    if (!std::all_of(v.begin(), v.end(), [](char c) { return in_cset('X', c); }))
      return std::string("may hold only ") + cset_name('X');
    return std::nullopt;
  }
  std::size_t pos = 0, min_total = 0, max_total = 0;
  for (const Part& p : it->second.parts) min_total += p.min, max_total += p.max;
  auto length = [&] {
    return "has " + std::to_string(v.size()) + " characters, (" + ai + ") takes " +
           (min_total == max_total
                ? std::to_string(max_total)
                : std::to_string(min_total) + " to " + std::to_string(max_total));
  };
  for (const Part& p : it->second.parts) {
    // Components are greedy: a fixed-length one takes its length, a variable one the rest.
    std::size_t len = std::min<std::size_t>(p.max, v.size() - pos);
    if (static_cast<int>(len) < p.min) return length();
    std::string piece = v.substr(pos, len);
    for (char c : piece)
      if (!in_cset(p.cset, c))
        return "contains '" + std::string(1, c) + "' where (" + ai + ") takes only " +
               cset_name(p.cset);
    if (p.check && !valid_check_digit(piece)) return "has a wrong check digit";
    pos += len;
  }
  if (pos != v.size()) return length();
  return std::nullopt;
}

bool known_prefix_conflict(const std::string& ai) {
  for (const auto& [known, spec] : ai_table())
    if (known != ai && (ai.rfind(known, 0) == 0 || known.rfind(ai, 0) == 0)) return true;
  return false;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> percent_decode(const std::string& s, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
          !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
        return std::nullopt;
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string percent_encode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Zero-suppressed GTIN-8/12/13 in AI 01/02, when the options allow it.
std::string maybe_pad(const std::string& ai, const std::string& v, const DigitalLinkOptions& o) {
  if (o.permit_zero_suppressed_gtin && (ai == "01" || ai == "02") && all_digits(v) &&
      (v.size() == 8 || v.size() == 12 || v.size() == 13))
    return std::string(14 - v.size(), '0') + v;
  return v;
}

bool is_subsequence(const std::vector<std::string>& have, const std::vector<std::string>& order) {
  std::size_t j = 0;
  for (const auto& o : order)
    if (j < have.size() && have[j] == o) ++j;
  return j == have.size();
}

bool qualifiers_fit(const std::string& key, const std::vector<std::string>& quals) {
  if (quals.empty()) return true;
  for (const auto& path : key_table().at(key))
    if (is_subsequence(quals, path)) return true;
  return false;
}

bool valid_host(const std::string& host) {
  if (host.empty()) return false;
  if (host.front() == '[') return host.back() == ']' && host.find('%') == std::string::npos;
  std::string h = host;
  if (auto colon = h.rfind(':'); colon != std::string::npos) {
    if (!all_digits(h.substr(colon + 1))) return false;
    h = h.substr(0, colon);
  }
  if (h.empty()) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

Status bad(const std::string& msg) {
  return Status::InvalidArgument("not a GS1 Digital Link URI: " + msg, "uri");
}

}  // namespace

std::string DigitalLink::get(const std::string& ai) const {
  for (const auto& [a, v] : path)
    if (a == ai) return v;
  for (const auto& [a, v] : query)
    if (a == ai) return v;
  return "";
}

Result<DigitalLink> parse_digital_link(const std::string& input, const DigitalLinkOptions& o) {
  std::string uri = input.substr(0, input.find('#'));
  std::size_t scheme_len = 0;
  for (std::string s : {"http://", "https://", "HTTP://", "HTTPS://"})
    if (uri.rfind(s, 0) == 0) scheme_len = s.size();
  if (scheme_len == 0) return bad("the scheme must be http:// or https://");
  static const std::string kForbidden = "<>{}\\^`\" |";
  for (char c : uri)
    if (kForbidden.find(c) != std::string::npos || static_cast<unsigned char>(c) < 0x21 ||
        static_cast<unsigned char>(c) > 0x7e)
      return bad(static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e
                     ? "it contains a space, a control or a non-ASCII character (percent-encode it)"
                     : "it contains '" + std::string(1, c) + "', which a URI may not hold");
  auto slash = uri.find('/', scheme_len);
  if (slash == std::string::npos) return bad("it has no path");
  std::string host = uri.substr(scheme_len, slash - scheme_len);
  if (!valid_host(host)) return bad("the host is malformed");
  auto qmark = uri.find('?', slash);
  std::string path =
      uri.substr(slash, qmark == std::string::npos ? std::string::npos : qmark - slash);
  std::string query = qmark == std::string::npos ? "" : uri.substr(qmark + 1);

  std::vector<std::string> segs;
  for (std::size_t start = 1;;) {  // path starts with "/"
    auto next = path.find('/', start);
    segs.push_back(
        path.substr(start, next == std::string::npos ? std::string::npos : next - start));
    if (next == std::string::npos) break;
    start = next + 1;
  }
  // From the right: (qualifier, value) pairs until the primary key they belong to.
  std::vector<std::pair<std::string, std::string>> pairs;
  std::optional<std::size_t> key_at;
  for (std::size_t end = segs.size(); end >= 2; end -= 2) {
    std::string ai = segs[end - 2];
    if (!all_digits(ai)) {
      auto alpha = convenience_alphas().find(ai);
      if (!o.permit_convenience_alphas || alpha == convenience_alphas().end()) break;
      ai = alpha->second;
    }
    auto value = percent_decode(segs[end - 1], false);
    if (!value || value->empty()) return bad("AI (" + ai + ") has no value");
    pairs.insert(pairs.begin(), {ai, maybe_pad(ai, *value, o)});
    if (key_table().count(ai)) {
      std::vector<std::string> quals;
      for (std::size_t i = 1; i < pairs.size(); ++i) quals.push_back(pairs[i].first);
      if (qualifiers_fit(ai, quals)) {
        key_at = end - 2;
        break;
      }
    }
  }
  if (!key_at) return bad("no primary key with valid qualifiers at the end of the path");
  DigitalLink dl;
  dl.stem = uri.substr(0, slash);
  for (std::size_t i = 0; i < *key_at; ++i) dl.stem += "/" + segs[i];
  dl.primary_ai = pairs.front().first;
  dl.path = pairs;
  for (const auto& [ai, v] : dl.path)
    if (auto why = value_problem(ai, v)) return bad("the value of (" + ai + ") " + *why);

  std::vector<std::string> path_quals;
  for (std::size_t i = 1; i < dl.path.size(); ++i) path_quals.push_back(dl.path[i].first);
  for (std::size_t start = 0; start <= query.size();) {
    auto amp = query.find('&', start);
    std::string param =
        query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    start = amp == std::string::npos ? query.size() + 1 : amp + 1;
    auto eq = param.find('=');
    if (param.empty() || eq == std::string::npos) continue;  // singletons are not AIs
    std::string key = param.substr(0, eq);
    if (!all_digits(key)) continue;  // other parameters (linkType, ...) are the resolver's
    auto value = percent_decode(param.substr(eq + 1), true);
    if (!value || value->empty()) return bad("query AI (" + key + ") has no value");
    bool known = ai_table().count(key) > 0;
    if (!known &&
        (!o.permit_unknown_ais || key.size() < 2 || key.size() > 4 || known_prefix_conflict(key)))
      return bad("(" + key + ") is not a GS1 Application Identifier");
    if (excluded_attribute(key)) return bad("(" + key + ") may not be a Digital Link attribute");
    std::string v = maybe_pad(key, *value, o);
    if (auto why = value_problem(key, v)) return bad("the value of (" + key + ") " + *why);
    if (!dl.get(key).empty()) return bad("AI (" + key + ") appears twice");
    // A qualifier of the key belongs in the path when the path could hold it.
    if (key_table().count(dl.primary_ai)) {
      auto quals = path_quals;
      quals.push_back(key);
      std::sort(quals.begin(), quals.end());
      for (const auto& order : key_table().at(dl.primary_ai)) {
        if (std::find(order.begin(), order.end(), key) == order.end()) continue;
        std::vector<std::string> ordered;
        for (const auto& q : order)
          if (std::find(quals.begin(), quals.end(), q) != quals.end()) ordered.push_back(q);
        if (ordered.size() == quals.size())
          return bad("AI (" + key + ") must be in the path, not the query");
      }
    }
    dl.query.emplace_back(key, v);
  }
  return dl;
}

std::string element_string(const DigitalLink& dl) {
  std::vector<std::pair<std::string, std::string>> all = dl.path;
  all.insert(all.end(), dl.query.begin(), dl.query.end());
  std::string out = "^";
  for (std::size_t i = 0; i < all.size(); ++i) {
    out += all[i].first + all[i].second;
    if (i + 1 < all.size() && !predefined_length(all[i].first)) out += "^";
  }
  return out;
}

Result<DigitalLink> digital_link_from_elements(const std::string& stem, const std::string& s,
                                               const DigitalLinkOptions& o) {
  std::vector<std::pair<std::string, std::string>> elems;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '(') return bad("element string must be (AI)value...");
    auto close = s.find(')', i);
    if (close == std::string::npos) return bad("unclosed AI bracket");
    std::string ai = s.substr(i + 1, close - i - 1);
    auto next = s.find('(', close);
    std::string v =
        s.substr(close + 1, next == std::string::npos ? std::string::npos : next - close - 1);
    i = next == std::string::npos ? s.size() : next;
    if (!all_digits(ai)) return bad("AI (" + ai + ") is not numeric");
    if (!ai_table().count(ai) && (!o.permit_unknown_ais || known_prefix_conflict(ai)))
      return bad("(" + ai + ") is not a GS1 Application Identifier");
    if (auto why = value_problem(ai, v)) return bad("the value of (" + ai + ") " + *why);
    bool dup = false;
    for (const auto& [a, old] : elems)
      if (a == ai) {
        if (old != v) return bad("AI (" + ai + ") given twice with different values");
        dup = true;
      }
    if (!dup) elems.emplace_back(ai, v);
  }
  DigitalLink dl;
  dl.stem = stem;
  while (!dl.stem.empty() && dl.stem.back() == '/') dl.stem.pop_back();
  for (const auto& [ai, v] : elems)
    if (key_table().count(ai)) {
      dl.primary_ai = ai;
      break;
    }
  if (dl.primary_ai.empty()) return bad("no primary key AI");
  auto value_of = [&](const std::string& ai) {
    for (const auto& [a, v] : elems)
      if (a == ai) return v;
    return std::string();
  };
  dl.path.emplace_back(dl.primary_ai, value_of(dl.primary_ai));
  // Every qualifier present goes in the path; they must all fit one of the key's orders.
  std::vector<std::string> quals;
  for (const auto& [ai, v] : elems)
    for (const auto& order : key_table().at(dl.primary_ai))
      if (std::find(order.begin(), order.end(), ai) != order.end() &&
          std::find(quals.begin(), quals.end(), ai) == quals.end())
        quals.push_back(ai);
  const std::vector<std::string>* chosen = nullptr;
  for (const auto& order : key_table().at(dl.primary_ai)) {
    bool all = std::all_of(quals.begin(), quals.end(), [&](const std::string& q) {
      return std::find(order.begin(), order.end(), q) != order.end();
    });
    if (all) {
      chosen = &order;
      break;
    }
  }
  if (!quals.empty() && !chosen) return bad("qualifiers that exclude each other");
  if (chosen)
    for (const auto& q : *chosen)
      if (std::find(quals.begin(), quals.end(), q) != quals.end())
        dl.path.emplace_back(q, value_of(q));
  // Attributes: predefined-length AIs first, then the others, each group in input order.
  for (bool fixed : {true, false})
    for (const auto& [ai_, v] : elems) {
      const auto& ai = ai_;  // lambdas may capture structured bindings only from clang 16 on
      bool in_path =
          std::any_of(dl.path.begin(), dl.path.end(), [&](const auto& p) { return p.first == ai; });
      if (in_path || predefined_length(ai) != fixed) continue;
      if (excluded_attribute(ai)) return bad("(" + ai + ") may not be a Digital Link attribute");
      dl.query.emplace_back(ai, v);
    }
  return dl;
}

std::string generate_digital_link(const std::string& stem, const DigitalLink& dl) {
  std::string out = stem;
  while (!out.empty() && out.back() == '/') out.pop_back();
  for (const auto& [ai, v] : dl.path) out += "/" + ai + "/" + percent_encode(v);
  for (std::size_t i = 0; i < dl.query.size(); ++i)
    out += (i == 0 ? "?" : "&") + dl.query[i].first + "=" + percent_encode(dl.query[i].second);
  return out;
}

std::string canonical_digital_link(const DigitalLink& dl) {
  return generate_digital_link(std::string(kCanonicalResolver), dl);
}

std::string canonical_key(const DigitalLink& dl) {
  DigitalLink key = dl;
  key.query.clear();
  return canonical_digital_link(key);
}

std::string encode_ai_value(const std::string& value) { return percent_encode(value); }

std::string lot_digital_link(const std::string& stem, const std::string& gtin,
                             const std::string& lot) {
  DigitalLink dl;
  dl.primary_ai = "01";
  dl.path = {{"01", gtin}, {"10", lot}};
  return generate_digital_link(stem, dl);
}

}  // namespace lienket::trace
