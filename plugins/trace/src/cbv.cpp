#include "cbv.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace lienket::trace {
namespace {

struct VocabSpec {
  std::string_view urn_prefix;  // "urn:epcglobal:cbv:bizstep:"
  std::string_view web_prefix;  // "https://ref.gs1.org/cbv/BizStep-"
  std::string_view voc_prefix;  // "https://gs1.org/voc/Bizstep-" (GS1 Web Vocabulary)
  std::vector<std::string_view> names;
};

// Code lists as in the GS1 EPCIS 2.0 JSON schema (schemas/bizStep-JSON-Schema.json etc.).
const VocabSpec& spec(Vocab v) {
  static const VocabSpec kBizStep{"urn:epcglobal:cbv:bizstep:",
                                  "https://ref.gs1.org/cbv/BizStep-",
                                  "https://gs1.org/voc/Bizstep-",
                                  {"accepting",
                                   "arriving",
                                   "assembling",
                                   "collecting",
                                   "commissioning",
                                   "consigning",
                                   "creating_class_instance",
                                   "cycle_counting",
                                   "decommissioning",
                                   "departing",
                                   "destroying",
                                   "disassembling",
                                   "dispensing",
                                   "encoding",
                                   "entering_exiting",
                                   "holding",
                                   "inspecting",
                                   "installing",
                                   "killing",
                                   "loading",
                                   "other",
                                   "packing",
                                   "picking",
                                   "receiving",
                                   "removing",
                                   "repackaging",
                                   "repairing",
                                   "replacing",
                                   "reserving",
                                   "retail_selling",
                                   "shipping",
                                   "staging_outbound",
                                   "stock_taking",
                                   "stocking",
                                   "storing",
                                   "transporting",
                                   "unloading",
                                   "unpacking",
                                   "void_shipping",
                                   "sensor_reporting",
                                   "sampling"}};
  static const VocabSpec kDisposition{"urn:epcglobal:cbv:disp:",
                                      "https://ref.gs1.org/cbv/Disp-",
                                      "https://gs1.org/voc/Disp-",
                                      {"active",
                                       "container_closed",
                                       "damaged",
                                       "destroyed",
                                       "dispensed",
                                       "disposed",
                                       "encoded",
                                       "expired",
                                       "in_progress",
                                       "in_transit",
                                       "inactive",
                                       "no_pedigree_match",
                                       "non_sellable_other",
                                       "partially_dispensed",
                                       "recalled",
                                       "reserved",
                                       "retail_sold",
                                       "returned",
                                       "sellable_accessible",
                                       "sellable_not_accessible",
                                       "stolen",
                                       "unknown",
                                       "available",
                                       "completeness_verified",
                                       "completeness_inferred",
                                       "conformant",
                                       "container_open",
                                       "mismatch_instance",
                                       "mismatch_class",
                                       "mismatch_quantity",
                                       "needs_replacement",
                                       "non_conformant",
                                       "unavailable"}};
  static const VocabSpec kBtt{"urn:epcglobal:cbv:btt:",
                              "https://ref.gs1.org/cbv/BTT-",
                              "https://gs1.org/voc/BTT-",
                              {"bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder",
                               "recadv", "rma", "testprd", "testres", "upevt"}};
  static const VocabSpec kSdt{"urn:epcglobal:cbv:sdt:",
                              "https://ref.gs1.org/cbv/SDT-",
                              "https://gs1.org/voc/SDT-",
                              {"owning_party", "possessing_party", "location"}};
  static const VocabSpec kEr{"urn:epcglobal:cbv:er:",
                             "https://ref.gs1.org/cbv/ER-",
                             "https://gs1.org/voc/ER-",
                             {"did_not_occur", "incorrect_data"}};
  switch (v) {
    case Vocab::kBizStep:
      return kBizStep;
    case Vocab::kDisposition:
      return kDisposition;
    case Vocab::kBizTransactionType:
      return kBtt;
    case Vocab::kSourceDestType:
      return kSdt;
    case Vocab::kErrorReason:
      return kEr;
  }
  return kBizStep;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

}  // namespace

std::optional<std::string> cbv_name(Vocab vocab, std::string_view value) {
  const VocabSpec& s = spec(vocab);
  std::string_view name = value;
  // The prefixes' own capitalisation has varied between versions (Bizstep/BizStep): compare
  // loosely.
  for (std::string_view prefix : {s.urn_prefix, s.web_prefix, s.voc_prefix})
    if (starts_with_ci(value, prefix)) name = value.substr(prefix.size());
  if (std::find(s.names.begin(), s.names.end(), name) == s.names.end()) return std::nullopt;
  return std::string(name);
}

std::string cbv_web_uri(Vocab vocab, std::string_view name) {
  return std::string(spec(vocab).web_prefix) + std::string(name);
}

bool is_private_vocab_uri(std::string_view value) {
  if (value.rfind("urn:epcglobal:cbv", 0) == 0) return false;
  if (value.rfind("https://ref.gs1.org/cbv/", 0) == 0 ||
      value.rfind("https://gs1.org/voc/", 0) == 0 ||
      value.rfind("http://ns.gs1.org/cbv/", 0) == 0 ||
      value.rfind("https://ns.gs1.org/cbv/", 0) == 0)
    return false;
  // An absolute URI: a scheme, a colon, then something.
  auto colon = value.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= value.size()) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = value[i];
    bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 &&
               (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  return value.find(' ') == std::string_view::npos;
}

}  // namespace lienket::trace
