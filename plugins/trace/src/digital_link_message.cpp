#include "digital_link_message.hpp"

#include <optional>
#include <string>

#include "digital_link.hpp"
#include "gs1_keys.hpp"
#include "lienket/fields.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;
using namespace schema;

// The parser's message ("not a GS1 Digital Link URI: the value of (01) ...") about `field`.
Status about(const std::string& field, const Status& s) {
  std::string why = s.message();
  if (field == "body.elements") {  // the reason alone: what is wrong is no URI
    auto colon = why.find(": ");
    return Status::InvalidArgument(
        field + " cannot be written as a Digital Link: " + why.substr(colon + 2), field);
  }
  return Status::InvalidArgument(field + " is " + why, field);
}

// A stem is good when a key written after it reads back with that very stem.
bool valid_stem(std::string stem) {
  while (!stem.empty() && stem.back() == '/') stem.pop_back();
  if (stem.find_first_of("?#") != std::string::npos) return false;
  auto dl = parse_digital_link(stem + "/00/006141411234567890");
  return dl.ok() && dl->stem == stem;
}

Result<DigitalLink> read_link(const std::optional<std::string>& uri,
                              const std::optional<std::string>& urn,
                              const std::optional<std::string>& elements, const std::string& stem,
                              const DigitalLinkOptions& options) {
  auto dl = uri   ? parse_digital_link(*uri, options)
            : urn ? digital_link_of_urn(*urn)
                  : digital_link_from_elements(stem, *elements, options);
  if (!dl.ok()) return about(uri ? "body.uri" : urn ? "body.urn" : "body.elements", dl.status());
  return dl;
}

DigitalLinkOptions read_options(Fields& f) {
  DigitalLinkOptions o = kNodeReading;
  if (!f.has("options")) return o;
  Fields of = f.object("options");
  of.only({"convenience_alphas", "zero_suppressed_gtin", "unknown_ais"});
  o.permit_convenience_alphas = of.opt_bool("convenience_alphas").value_or(true);
  o.permit_zero_suppressed_gtin = of.opt_bool("zero_suppressed_gtin").value_or(true);
  o.permit_unknown_ais = of.opt_bool("unknown_ais").value_or(false);
  return o;
}

json elements_of(const DigitalLink& dl) {
  json out = json::array();
  for (const auto& [ai, value] : dl.path)
    out.push_back({{"ai", ai}, {"value", value}, {"in", "path"}});
  for (const auto& [ai, value] : dl.query)
    out.push_back({{"ai", ai}, {"value", value}, {"in", "query"}});
  return out;
}

}  // namespace

Schema digital_link_parse_body() {
  Schema options = object(
      {{"convenience_alphas", boolean().optional().describe("/gtin/, /lot/ ... (default true)")},
       {"zero_suppressed_gtin",
        boolean().optional().describe("GTIN-8/12/13 in (01) padded to 14 digits (default true)")},
       {"unknown_ais",
        boolean().optional().describe("unassigned numeric AIs as attributes (default false)")}});
  return object(
             {{"uri", string(2000).optional().describe("a GS1 Digital Link URI, on any resolver")},
              {"urn", string(2000).optional().describe("an EPC URN (urn:epc:id:sgtin:..., ...)")},
              {"elements", string(2000).optional().describe(
                               "a bracketed GS1 element string: (01)09520123456788(10)ABC")},
              {"stem", string(2000).optional().describe(
                           "the resolver to write `uri` on (default https://id.gs1.org)")},
              {"options", options.optional().describe("the parser's leniencies; the defaults are "
                                                      "how the node reads every identifier")},
              {"gcp_length", integer(6, 12).optional().describe(
                                 "GS1 Company Prefix length for the EPC URN (default 7)")}})
      .with("oneOf", json::array({json{{"required", json::array({"uri"})}},
                                  json{{"required", json::array({"urn"})}},
                                  json{{"required", json::array({"elements"})}}}));
}

Schema digital_link_parse_result() {
  Schema element = object(
      {{"ai", string(4)}, {"value", string(100)}, {"in", one_of_strings({"path", "query"})}});
  return object(
      {{"elements", array(element).describe("in URI order: the key, its qualifiers, attributes")},
       {"element_string", string(2000).describe("the GS1 element string, ^ = FNC1")},
       {"primary_key", string(4).describe("the primary key's AI")},
       {"stem", string(2000).describe("scheme, host and path before the key")},
       {"uri", string(6000).describe("the Digital Link written canonically on `stem`, "
                                     "attributes included (the canonical URI by default)")},
       {"identifier", string(6000).describe("key and qualifiers only: what the node indexes")},
       {"urn", string(6000).optional().describe("the EPC URN, when the key has one")},
       {"gcp_length", integer(6, 12).optional().describe("the company prefix length it used")}});
}

Result<json> handle_digital_link_parse(const Request& r, Context&) {
  Fields f(r.body);
  f.only({"uri", "urn", "elements", "stem", "options", "gcp_length"});
  auto uri = f.opt_str("uri", 2000), urn = f.opt_str("urn", 2000);
  auto elements = f.opt_str("elements", 2000);
  auto stem = f.opt_str("stem", 2000).value_or(std::string(kCanonicalResolver));
  auto options = read_options(f);
  int gcp = static_cast<int>(f.opt_integer("gcp_length", 6, 12).value_or(kDefaultGcpLength));
  if (f.ok() && int{uri.has_value()} + int{urn.has_value()} + int{elements.has_value()} != 1)
    f.fail("uri", "or body.urn or body.elements is required (exactly one)");
  if (f.ok() && !valid_stem(stem))
    f.fail("stem", "must be http:// or https://, a host and an optional path, no query");
  if (!f.ok()) return f.status();
  auto dl = read_link(uri, urn, elements, stem, options);
  if (!dl.ok()) return dl.status();
  json out{{"elements", elements_of(*dl)},
           {"element_string", element_string(*dl)},
           {"primary_key", dl->primary_ai},
           {"stem", uri ? dl->stem : stem},
           {"uri", generate_digital_link(stem, *dl)},
           {"identifier", canonical_key(*dl)}};
  if (auto epc = epc_urn_of(*dl, gcp)) {
    out["urn"] = *epc;
    out["gcp_length"] = gcp;
  }
  return out;
}

}  // namespace lienket::trace
