// Fuzzes the trace plugin's EPCIS 2.0 input path (plugins/trace/src): the event and document
// validators, the canonical event hash (CBV 2.0 section 8.9) of what they accept, the
// trace.event.capture handler that stores them (taken from the plugin's declared contract and run
// on an in-memory context), and the mapping of bus events from the farming and offtake plugins into
// EPCIS events (read through their typed headers; data that cannot be mapped must be refused by
// field, never crash or be an internal error).
// The input is one JSON text, tried as an event, as a document and as the data of each bus event.
// Oracles: nothing throws (handlers.hpp promises it), the hash is a ni:///sha-256 URI that does not
// depend on eventID or recordTime, and a capture that fails leaves the store as it was.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bus_mapper.hpp"
#include "contract.hpp"
#include "epcis_validator.hpp"
#include "event_hash.hpp"
#include "event_repository.hpp"
#include "handlers.hpp"
#include "support/scenario.hpp"

namespace {

using namespace lienket;
using nlohmann::json;

void check_hash(const json& event, const json& context) {
  auto id = trace::event_hash_id(event, context);
  if (id.rfind("ni:///sha-256;", 0) != 0) fuzz::fail("hash format", id);
  json other = event;
  other["eventID"] = "urn:uuid:6c3d2c09-0d4c-4b5b-9d2e-1f7b7a0e4c11";
  other["recordTime"] = "2026-03-01T08:00:00.000+07:00";
  if (trace::event_hash_id(other, context) != id)
    fuzz::fail("hash depends on eventID/recordTime", event.dump());
}

json context_of(const json& doc) {
  if (doc.is_object() && doc.contains("@context")) return doc["@context"];
  return trace::kDefaultContext;
}

// The handler the node would run for trace.event.capture: the declared one.
const MessageSpec& capture_spec() {
  static const trace::Settings settings{"https://id.lienket.vn"};
  static const PluginInfo info = trace::contract(&settings);
  static const MessageSpec* spec = trace::find_message(info, "trace.event.capture");
  if (!spec) fuzz::fail("contract", "trace.event.capture is not declared");
  return *spec;
}

void capture(fuzz::ProvinceContext& cx, const char* key, const json& value) {
  Request r;
  r.type = "trace.event.capture";
  r.as = "htx-thanhnam";
  r.body = json{{key, value}};
  fuzz::run_checked(cx, r, [&] { return capture_spec().handler(r, cx); });
}

void bus_event(fuzz::ProvinceContext& cx, const char* type, const json& data) {
  Event e;
  e.seq = 7;
  e.type = type;
  e.at = "2026-03-01T08:00:00.000+07:00";
  e.by = "htx-thanhnam";
  e.data = data;
  Request r;  // only names the step for the oracle's message
  r.type = type;
  r.body = data;
  fuzz::run_checked(cx, r, [&]() -> Result<json> {
    LIENKET_RETURN_IF_ERROR(trace::record_bus_event(e, cx));
    return json::object();
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto j = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  try {
    if (trace::validate_event(j, "event").ok()) check_hash(j, context_of(j));
    if (trace::validate_document(j, "document").ok())
      for (const auto& ev : j["epcisBody"]["eventList"])
        check_hash(ev, context_of(ev.contains("@context") ? ev : j));
  } catch (const std::exception& e) {
    fuzz::fail("exception escaped the validator or the hash", e.what());
  }
  fuzz::ProvinceContext cx;
  capture(cx, "event", j);
  capture(cx, "document", j);
  capture(cx, "event", j);  // a second capture of the same event is a duplicate, not an error
  for (const char* type :
       {"farming.harvest.recorded", "farming.diary.recorded", "offtake.delivery.recorded"})
    bus_event(cx, type, j);
  return 0;
}
