#include "contract.hpp"

#include <cstdint>
#include <initializer_list>

#include "chain_verification.hpp"
#include "digital_link_message.hpp"
#include "epcis_rest.hpp"
#include "epcis_validator.hpp"
#include "event_hash_message.hpp"
#include "master_data.hpp"
#include "page_route.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;
using namespace schema;

constexpr std::int64_t kMaxQueryPage = 1000;
constexpr std::int64_t kMaxSeq = INT64_MAX;
constexpr auto kMaxDocEvents = static_cast<std::int64_t>(kMaxEventsPerDocument);

// Text taken from stored EPCIS events: a URI, an identifier, a name. EPCIS sets no length limit.
Schema uri() { return string(100000); }

// Exactly one of the optional members named.
Schema exactly_one_of(Schema s, std::initializer_list<const char*> names) {
  json one_of = json::array();
  for (const char* n : names) one_of.push_back(json{{"required", json::array({n})}});
  return s.with("oneOf", one_of);
}
Schema exactly_one_of(Schema s, const char* a, const char* b) {
  return exactly_one_of(std::move(s), {a, b});
}

Schema epcis_event() {
  return open_object().describe(
      "an EPCIS 2.0 event in JSON-LD (ObjectEvent, AggregationEvent, TransactionEvent, "
      "TransformationEvent, "
      "AssociationEvent), checked against the standard's rules and the CBV 2.0 code lists");
}

Schema lot_request() {
  return string(500).describe("a lot identifier (EPC URN or Digital Link) or a bare lot number");
}

Schema query_body(std::int64_t max_limit) {
  return object(
      {{"epc", string(500).optional()},
       {"lot", lot_request().optional()},
       {"bizStep", string(500).optional().describe("any spelling: bare CBV name, URN or web URI")},
       {"type", string(40).optional().describe("the EPCIS event type")},
       {"location", string(500).optional().describe("a readPoint or bizLocation id")},
       {"from", date().optional().describe("local day (+07:00), inclusive")},
       {"to", date().optional().describe("local day (+07:00), inclusive")},
       {"limit", integer(1, max_limit).optional().describe("default 100")},
       {"after", integer(0, kMaxSeq).optional().describe("the cursor: a previous next_after")}});
}

// trace.events.query also takes the EPCIS standard's query parameters (epcis_query.hpp).
Schema epcis_form(Schema body) {
  json j = body.json();
  j["properties"]["epcis"] = open_object()
                                 .describe(
                                     "EPCIS 2.0 query parameters (eventType, EQ_bizStep, "
                                     "MATCH_epc, ...): docs/epcis-rest.md; with it only "
                                     "limit and page_token apply")
                                 .json();
  j["properties"]["page_token"] =
      string(100).describe("with epcis: a previous next_page_token").json();
  j["properties"]["extensions"] =
      open_object()
          .describe(
              "with epcis: the client's extension prefixes, {prefix: namespace URI} "
              "(GS1-Extensions); fields match by namespace")
          .json();
  return Schema(j);
}

Schema event_summary_schema() {
  return object({{"seq", integer(1, kMaxSeq)},
                 {"eventID", uri()},
                 {"type", string(40)},
                 {"eventTime", text(100)},
                 {"action", one_of_strings({"ADD", "OBSERVE", "DELETE"}).optional()},
                 {"bizStep", uri().optional()},
                 {"disposition", uri().optional()},
                 {"bizLocation", text(100000).optional()},
                 {"readPoint", text(100000).optional()},
                 {"sourceList", array(open_object()).optional()},
                 {"destinationList", array(open_object()).optional()}});
}

Schema genealogy_node() {
  return object({{"id", uri()},
                 {"depth", integer(0, kMaxSeq)},
                 {"lot", uri().optional()},
                 {"events", array(event_summary_schema())}});
}

Schema plot_schema() {
  return object({{"plot", uri()},
                 {"household", uri().optional()},
                 {"household_name", uri().optional()},
                 {"harvest_date", uri().optional()},
                 {"cooperative", uri().optional()},
                 {"lat", number().optional()},
                 {"lon", number().optional()},
                 {"polygon", any().optional().describe("as the harvest's lk:polygon")}});
}

Schema capture_result() {
  return object({{"stored", integer(0, kMaxDocEvents)},
                 {"events", array(object({{"eventID", uri()},
                                          {"hash", string(200)},
                                          {"seq", integer(1, kMaxSeq).optional()},
                                          {"duplicate", boolean().optional()}}),
                                  kMaxEventsPerDocument)}});
}

Schema verify_body() {
  return object(
      {{"from", one_of_strings({"start", "checkpoint"})
                    .optional()
                    .describe("start (default): from the first event; checkpoint: only the events "
                              "stored since the chain was last found intact (verified_seq)")},
       {"after", integer(0, kMaxSeq)
                     .optional()
                     .describe("the cursor: a previous reply's next_after (not with from)")},
       {"limit", integer(1, kMaxVerifyPage)
                     .optional()
                     .describe("records to check in this request, default 50,000")}});
}

Schema verify_result() {
  return object(
      {{"ok", boolean()},
       {"events",
        integer(0, kMaxSeq)
            .describe("the chain found intact from its first event up to this seq (with the "
                      "checkpoint or the pages before this one)")},
       {"head", text(64).describe("the link of that last intact event, \"\" when none")},
       {"checked", integer(0, kMaxSeq).describe("records hashed by this request")},
       {"verified_seq", integer(0, kMaxSeq)
                            .describe("the checkpoint after this request: from checkpoint starts "
                                      "after it; 0 when none")},
       {"next_after", integer(1, kMaxSeq)
                          .optional()
                          .describe("more records follow: pass it as after for the next page")},
       {"bad_seq", integer(1, kMaxSeq).optional()},
       {"reason", string(500).optional()}});
}

Schema back_result() {
  return object(
      {{"lot", lot_request()},
       {"ids", array(uri())},
       {"nodes", array(genealogy_node())},
       {"plots", array(plot_schema())},
       {"households", array(uri())},
       {"diary",
        array(open_object().describe("a diary entry (lk:diary) with its plot and eventID"))},
       {"inputs_applied", array(open_object().describe("a fertiliser or pesticide diary entry"))}});
}

Schema forward_result() {
  return object(
      {{"lot", lot_request()},
       {"ids", array(uri())},
       {"nodes", array(genealogy_node())},
       {"receivers",
        array(object({{"party", uri()}, {"ids", array(uri())}, {"first_at", text(100)}}))}});
}

Schema recall_result() {
  return object({{"parties", array(object({{"party", uri()},
                                           {"party_id", text(100000).optional()},
                                           {"ids", array(uri())},
                                           {"events", array(text(100000))}}))},
                 {"affected", array(uri())}});
}

// EPCIS's vocabularyList: [{type, vocabularyElementList: [{id, attributes: [{id, attribute}],
// children}]}] (master_data.hpp).
Schema vocabulary_list() {
  Schema attribute = object({{"id", uri()}, {"attribute", any().optional()}});
  Schema element = object({{"id", uri()},
                           {"attributes", array(attribute, 1000).optional()},
                           {"children", array(uri()).optional()}});
  return array(object({{"type", uri()}, {"vocabularyElementList", array(element)}}), 100);
}

Schema export_result() {
  return object(
      {{"document",
        object({{"@context", array(any())},
                {"type", one_of_strings({"EPCISDocument"})},
                {"schemaVersion", one_of_strings({"2.0"})},
                {"creationDate", timestamp()},
                {"epcisHeader",
                 object({{"epcisMasterData", object({{"vocabularyList", vocabulary_list()}})}})
                     .optional()
                     .describe("the master data of the locations, parties and products the "
                               "events name")},
                {"epcisBody", object({{"eventList", array(epcis_event())}})}})},
       {"format", one_of_strings({"xml"}).optional()},
       {"xml", string(1'000'000'000)
                   .optional()
                   .describe("with format xml: the document as an EPCIS 2.0 XML EPCISDocument")}});
}

Schema page_result() {
  Schema step = object(
      {{"time", text(100).describe("the event's eventTime: when it happened")},
       {"date", text(10).describe("its local (+07:00) day, YYYY-MM-DD; \"\" when unreadable")},
       {"kind", string(100000).describe("harvest, created, drying, processing, packing, shipping, "
                                        "receiving, ... (trace_page names them)")},
       {"id", uri()},
       {"plot", text(100000).optional().describe("the plot it took place on")},
       {"household_name", text(100000).optional()},
       {"place", text(100000).optional().describe("the party whose place it took place at")},
       {"from", text(100000).optional()},
       {"to", text(100000).optional()},
       {"quantity", number(0, 1e18).optional().describe("in uom: kg, litres or pieces")},
       {"uom", string(3).optional().describe("UN/CEFACT code: KGM, LTR, H87 or as captured")}});
  Schema diary_entry = open_object().describe(
      "a farming diary entry (date, kind, plot, input, dose, quantity, quantity_unit, "
      "phi_days, ...) with harvest_date, days_before_harvest and phi_respected when its "
      "plot's harvest is known");
  return object(
      {{"uri", uri()},
       {"gtin", string(14)},
       {"lot", string(200)},
       {"as_of", date().describe("today on the node: certificates expire against it")},
       {"product", open_object().nullable().describe("the registry's product record")},
       {"cooperative", open_object().nullable().describe("the registry's party record")},
       {"plots", array(plot_schema())},
       {"households", integer(0, kMaxSeq)},
       {"diary", object({{"entries", integer(0, kMaxSeq)},
                         {"by_kind", map_of(integer(1, kMaxSeq))},
                         {"list", array(diary_entry).describe("newest first, at most 100")}})},
       {"certifications", array(any()).describe("the product's certification names")},
       {"certificates", array(any()).describe("the product's certificates: scheme, issuer, "
                                              "number, valid_until")},
       {"custody", array(step).describe("the lot's journey, oldest first")},
       {"verified", object({{"ok", boolean()},
                            {"events", integer(0, kMaxSeq).describe("records checked")},
                            {"reason", text(1000).optional()}})
                        .describe("the hash chain around every record shown")}});
}

std::vector<MessageSpec> messages(const Settings* settings) {
  using namespace callers;
  // Reads are open to every authenticated caller; the public page's data to anyone at all.
  const std::vector<std::string> kAnyCaller = {kAdmin, kParty, kPlugin};
  return {
      {"trace.event.capture",
       "Stores EPCIS 2.0 events (one event or a document) of identifiers the acting party has "
       "custody of.",
       exactly_one_of(
           object({{"event", epcis_event().optional()},
                   {"document",
                    open_object().optional().describe("an EPCISDocument of at most 10,000 events")},
                   {"xml", string(64 << 20).optional().describe(
                               "an EPCISDocument in EPCIS 2.0 XML, validated against GS1's XSD")}}),
           {"event", "document", "xml"}),
       capture_result(),
       {kAdmin, kParty},
       false,
       handle_capture},
      {"trace.event.hash",
       "The EPCIS event hash (CBV 2.0) and canonical pre-hash string of one event or of every "
       "event of a document, as capture would compute them; stores nothing.",
       event_hash_body(), event_hash_result(), kAnyCaller, true, handle_event_hash},
      {"trace.verify",
       "Recomputes the stored events' hashes and the hash chain, a page at a time, from the "
       "first event, from a cursor or from the last verified one (a checkpoint it keeps).",
       verify_body(), verify_result(), kAnyCaller, false, handle_verify},
      {"trace.lot.back",
       "Walks a lot upstream to its harvests, plots, households and planting diary.",
       object({{"lot", lot_request()}}), back_result(), kAnyCaller, true, handle_lot_back},
      {"trace.lot.forward",
       "Walks a lot downstream to its outputs, cases, shipments and receivers.",
       object({{"lot", lot_request()}}), forward_result(), kAnyCaller, true, handle_lot_forward},
      {"trace.recall", "Every party that received anything derived from a plot or a lot.",
       exactly_one_of(object({{"plot", string(200).optional().describe("a plot id as in lk:plot")},
                              {"lot", lot_request().optional()},
                              {"from", date().optional()},
                              {"to", date().optional()}}),
                      "plot", "lot"),
       recall_result(), kAnyCaller, true, handle_recall},
      {"trace.events.query", "Stored EPCIS events matching the filters, paged by cursor.",
       epcis_form(query_body(kMaxQueryPage)),
       object({{"events", array(epcis_event(), kMaxQueryPage)},
               {"next_after", integer(1, kMaxSeq).optional()},
               {"next_page_token", string(100).optional().describe("with epcis: the next page")},
               {"context", array(any()).optional().describe("with epcis: the events' @context")}}),
       kAnyCaller, true, handle_events_query},
      {"trace.export.epcis", "An EPCISDocument of a lot's whole genealogy or of a query's events.",
       exactly_one_of(object({{"lot", lot_request().optional()},
                              {"query", query_body(kMaxDocEvents).optional()},
                              {"format", one_of_strings({"json", "xml"})
                                             .optional()
                                             .describe("xml adds the document in EPCIS 2.0 XML")}}),
                      "lot", "query"),
       export_result(), kAnyCaller, true, handle_export},
      {"trace.masterdata.query",
       "EPCIS master data (SimpleMasterDataQuery): what captured documents declared and the "
       "node's own parties, plots and products, as vocabulary elements.",
       object({{"vocabularyName", array(uri(), 20).optional().describe("vocabulary types")},
               {"EQ_name", array(uri(), 500).optional().describe("these elements")},
               {"WD_name", array(uri(), 50).optional().describe("these and their descendants")},
               {"HASATTR", array(uri(), 20).optional().describe("elements with these attributes")},
               {"attributeNames", array(uri(), 50).optional().describe("only these attributes")},
               {"includeAttributes", boolean().optional().describe("default true")},
               {"includeChildren", boolean().optional().describe("default true")},
               {"maxElementCount", integer(1, 10000).optional().describe(
                                       "default 1000; more matches are too_large")}}),
       object({{"vocabularyList", vocabulary_list()}}), kAnyCaller, true, handle_master_data_query},
      {"trace.qr", "The lot's GS1 Digital Link on this node's resolver, as a QR code in SVG.",
       object({{"lot", lot_request()}, {"format", one_of_strings({"svg"}).optional()}}),
       object({{"uri", uri()}, {"format", one_of_strings({"svg"})}, {"svg", string(10'000'000)}}),
       kAnyCaller, true,
       [settings](const Request& r, Context& cx) { return handle_qr(r, cx, *settings); }},
      {"trace.digital_link.parse",
       "Reads a GS1 Digital Link URI or an EPC URN as the node reads every identifier: its "
       "elements, element string, canonical Digital Link and EPC URN.",
       digital_link_parse_body(), digital_link_parse_result(), kAnyCaller, true,
       handle_digital_link_parse},
      {"trace.page.get",
       "The public trace page's data of a lot (the plugin's HTTP page reads it).",
       object({{"gtin", string(14)
                            .with("pattern", "^([0-9]{8}|[0-9]{12,14})$")
                            .describe("GTIN-8, -12, -13 or -14 with a valid check digit (read as "
                                      "GTIN-14)")},
               {"lot", string(200)}}),
       page_result(),
       {kAnyone},
       true,
       [settings](const Request& r, Context& cx) { return handle_page_get(r, cx, *settings); }},
  };
}

std::vector<EventSpec> events() {
  return {
      {"trace.events.captured", "EPCIS events were captured (trace.event.capture).",
       object({{"count", integer(1, kMaxDocEvents)},
               {"event_ids", array(uri(), kMaxEventsPerDocument)}})},
      {"trace.event.recorded", "An event of another plugin was recorded as an EPCIS event.",
       object({{"eventID", uri()},
               {"seq", integer(1, kMaxSeq)},
               {"source", string(200).describe("<event type>#<seq> of the recorded event")}})},
  };
}

}  // namespace

PluginInfo contract(const Settings* settings) {
  PluginInfo info{"trace", kPluginVersion, {"trace."}, messages(settings), events(), {}, {}, {}};
  info.routes = {
      page_route(settings),
      message_route("/api/v1/trace/lots/{lot}/back", "trace.lot.back",
                    "A lot upstream: harvests, plots, households, diary."),
      message_route("/api/v1/trace/lots/{lot}/forward", "trace.lot.forward",
                    "A lot downstream: outputs, shipments, receivers."),
      message_route("/api/v1/trace/events", "trace.events.query",
                    "Stored EPCIS events, filtered, paged by cursor (after)."),
  };
  for (auto& r : epcis_rest_routes(settings)) info.routes.push_back(std::move(r));
  info.subscriptions = {{"farming.harvest.recorded", Delivery::kRequired},
                        {"farming.diary.recorded", Delivery::kRequired},
                        {"offtake.delivery.recorded", Delivery::kRequired}};
  return info;
}

const MessageSpec* find_message(const PluginInfo& info, std::string_view type) {
  for (const auto& m : info.messages)
    if (m.type == type) return &m;
  return nullptr;
}

}  // namespace lienket::trace
