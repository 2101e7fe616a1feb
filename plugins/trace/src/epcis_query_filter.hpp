// The EPCIS 2.0 standard query parameters (EPCIS 2.0 section 8.2.7.1, SimpleEventQuery; the REST
// binding's GET /events parameters, docs/epcis-rest.md) as a filter over stored event records.
// Parameters arrive as one JSON object: a name and a value that is a string ("ObjectEvent",
// lists pipe-delimited as in a URL: "shipping|receiving"), an array of strings (a named query's
// JSON form), a number or a boolean. An unknown or malformed parameter is invalid_argument naming
// it (`<field>.<name>`), which the REST binding answers as a QueryParameterException.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::trace {

struct EpcisOrder {
  std::string by;    // "" (record order), "eventTime" or "recordTime"
  bool desc = true;  // orderDirection; the standard's default is DESC
};

struct EpcisFilter {
  // Each test takes the stored record ({"seq","event","captured_at",...}); all must hold.
  std::vector<std::function<bool(const nlohmann::json& record)>> tests;
  EpcisOrder order;
  std::optional<std::int64_t> event_count_limit;  // the first N events, in `order`
  std::optional<std::int64_t> max_event_count;    // more matches than this: QueryTooLarge
  // WD_readPoint / WD_bizLocation: "readPoint"/"bizLocation" -> the ids given. Their descendants
  // are master data (master_data.hpp): whoever runs the filter adds a location test for them.
  std::map<std::string, std::vector<std::string>> within;
};

// A test that the event's `key` ("readPoint", "bizLocation") is one of `ids`, in any spelling.
void add_location_test(EpcisFilter& filter, const std::string& key,
                       const std::vector<std::string>& ids);

// `namespaces`: the client's extension prefixes (GS1-Extensions, prefix -> URI). A parameter on
// an extension field whose prefix is among them matches the field by namespace and local name,
// whatever prefix the event was captured with; other prefixes match as written.
Result<EpcisFilter> parse_epcis_filter(const nlohmann::json& params, const std::string& field,
                                       const std::map<std::string, std::string>& namespaces = {});

bool matches(const EpcisFilter& filter, const nlohmann::json& record);

// True when `id` names a class of objects (an lgtin or idpat URN, a GTIN Digital Link without a
// serial) rather than one instance: /epcs/{epc}/events asks MATCH_anyEPCClass for those.
bool is_epc_class(const std::string& id);

}  // namespace lienket::trace
