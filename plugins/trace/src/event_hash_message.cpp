#include "event_hash_message.hpp"

#include <vector>

#include "epcis_validator.hpp"
#include "epcis_xml.hpp"
#include "event_hash.hpp"
#include "event_repository.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;
using namespace schema;

json hashed(const json& event, const json& context) {
  std::string prehash = event_prehash(event, context);
  return {{"prehash", prehash}, {"hash", hash_id_of_prehash(prehash)}};
}

}  // namespace

Schema event_hash_body() {
  return object(
             {{"event", open_object().optional().describe(
                            "an EPCIS 2.0 event in JSON-LD, with or without its own @context")},
              {"document", open_object().optional().describe(
                               "an EPCISDocument or EPCISQueryDocument in JSON-LD")},
              {"xml", string(64 << 20).optional().describe(
                          "an EPCISDocument or EPCISQueryDocument in EPCIS 2.0 XML (well-formed; "
                          "the XSD is not required)")}})
      .with("oneOf", json::array({json{{"required", json::array({"event"})}},
                                  json{{"required", json::array({"document"})}},
                                  json{{"required", json::array({"xml"})}}}));
}

Schema event_hash_result() {
  Schema one = object({{"prehash", string(10'000'000).describe("the canonical pre-hash string")},
                       {"hash", string(200).describe("ni:///sha-256;<hex>?ver=CBV2.0")}});
  return object({{"events", array(one, kMaxEventsPerDocument)}});
}

Result<json> handle_event_hash(const Request& r, Context&) {
  json events = json::array();
  if (r.body.contains("event")) {
    const json& ev = r.body["event"];
    events.push_back(hashed(ev, ev.contains("@context") ? ev["@context"] : json(kDefaultContext)));
    return json{{"events", events}};
  }
  // XML is hashed as its JSON-LD form (epcis_xml.hpp): the same event, the same hash.
  json from_xml;
  if (r.body.contains("xml")) {
    auto converted = epcis_xml_to_json(r.body["xml"].get<std::string>(), XmlCheck::kWellFormed);
    if (!converted.ok())
      return Status::InvalidArgument("body.xml: " + converted.status().message(), "body.xml");
    from_xml = std::move(*converted);
  }
  const json& doc = r.body.contains("xml") ? from_xml : r.body["document"];
  std::vector<json> list = document_events(doc);
  if (list.empty())
    return Status::InvalidArgument(
        "body.document.epcisBody has no events (eventList, queryResults.resultsBody.eventList)",
        "body.document.epcisBody");
  if (list.size() > kMaxEventsPerDocument)
    return Status::InvalidArgument("body.document.epcisBody has more than " +
                                       std::to_string(kMaxEventsPerDocument) + " events",
                                   "body.document.epcisBody");
  const json context = doc.contains("@context") ? doc["@context"] : json(kDefaultContext);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_object())
      return Status::InvalidArgument(
          "body.document.epcisBody event " + std::to_string(i) + " is not an object",
          "body.document.epcisBody");
    events.push_back(hashed(list[i], context));
  }
  return json{{"events", events}};
}

}  // namespace lienket::trace
