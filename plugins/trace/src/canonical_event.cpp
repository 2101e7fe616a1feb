#include "canonical_event.hpp"

#include <string>
#include <string_view>

#include "cbv.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

// A CBV value in any spelling -> its bare name; anything else (a private URI) unchanged.
void bare(json& v, Vocab vocab) {
  if (!v.is_string()) return;
  if (auto name = cbv_name(vocab, v.get<std::string>())) v = *name;
}

void bare_in_list(json& obj, const char* list, Vocab vocab) {
  if (!obj.contains(list) || !obj[list].is_array()) return;
  for (auto& item : obj[list])
    if (item.is_object() && item.contains("type")) bare(item["type"], vocab);
}

// "https://gs1.org/voc/Temperature", "gs1:Temperature" -> "Temperature": the GS1 web vocabulary
// values of a sensor report (measurement and alert types) the context expands from bare names.
void bare_gs1_voc(json& v) {
  if (!v.is_string()) return;
  const std::string s = v.get<std::string>();
  // Only the spellings the hash reads as the bare name: the https URI and the gs1: CURIE.
  for (std::string_view prefix : {"https://gs1.org/voc/", "gs1:"})
    if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0 &&
        s.find_first_of(":/#", prefix.size()) == std::string::npos) {
      v = s.substr(prefix.size());
      return;
    }
}

void sensor_reports(json& event) {
  if (!event.contains("sensorElementList") || !event["sensorElementList"].is_array()) return;
  for (auto& element : event["sensorElementList"]) {
    if (!element.is_object() || !element.contains("sensorReport") ||
        !element["sensorReport"].is_array())
      continue;
    for (auto& report : element["sensorReport"]) {
      if (!report.is_object()) continue;
      if (report.contains("type")) bare_gs1_voc(report["type"]);
      if (report.contains("exception")) bare_gs1_voc(report["exception"]);
    }
  }
}

}  // namespace

json canonical_jsonld(json event) {
  if (!event.is_object()) return event;
  if (event.contains("bizStep")) bare(event["bizStep"], Vocab::kBizStep);
  if (event.contains("disposition")) bare(event["disposition"], Vocab::kDisposition);
  if (event.contains("persistentDisposition") && event["persistentDisposition"].is_object())
    for (const char* k : {"set", "unset"}) {
      json& pd = event["persistentDisposition"];
      if (pd.contains(k) && pd[k].is_array())
        for (auto& d : pd[k]) bare(d, Vocab::kDisposition);
    }
  bare_in_list(event, "bizTransactionList", Vocab::kBizTransactionType);
  bare_in_list(event, "sourceList", Vocab::kSourceDestType);
  bare_in_list(event, "destinationList", Vocab::kSourceDestType);
  if (event.contains("errorDeclaration") && event["errorDeclaration"].is_object() &&
      event["errorDeclaration"].contains("reason"))
    bare(event["errorDeclaration"]["reason"], Vocab::kErrorReason);
  sensor_reports(event);
  return event;
}

}  // namespace lienket::trace
