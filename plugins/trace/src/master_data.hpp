// EPCIS master data: vocabulary elements (locations, products, ...) with their attributes and
// children, as EPCIS 2.0's JSON-LD writes them ({type, vocabularyElementList: [{id, attributes:
// [{id, attribute}], children: [id]}]}).
//
// Two sources, served together:
//  - what captured documents declare in their header (epcisHeader.epcisMasterData), kept in the
//    plugin's store by (element id, vocabulary type): a later declaration replaces an attribute of
//    the same id and adds children, as EPCIS's master data updates do;
//  - what the node knows itself, read when asked so it is never stale: each registry party's
//    premises (urn:lienket:party:<id>, BusinessLocation: name, address, province, GPS; its farming
//    plots as children), each farming plot (urn:lienket:plot:<id>, BusinessLocation: GPS, area,
//    crop, household) and each product with a GTIN (https://id.gs1.org/01/<gtin>, EPCClass);
//    for these its attributes win over a declaration's, which can only add to them.
// Attribute ids are CBV's (urn:epcglobal:cbv:mda#name, #latitude, ...) or the node's lk: ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/message.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

inline constexpr const char* kBusinessLocation = "urn:epcglobal:epcis:vtype:BusinessLocation";
inline constexpr const char* kEpcClass = "urn:epcglobal:epcis:vtype:EPCClass";

// Checks a vocabularyList against GS1's JSON schema's shape; the error names the field under
// `path`. Stores nothing.
Status validate_vocabulary_list(const nlohmann::json& list, const std::string& path);
// Keeps the elements of a (valid) vocabularyList in the plugin's store, in this command's batch.
Status store_vocabularies(Store& store, const nlohmann::json& list);

// SimpleMasterDataQuery's parameters (EPCIS 2.0 section 8.2.7.3).
struct MasterDataQuery {
  std::vector<std::string> types;            // vocabularyName; empty: every type
  std::vector<std::string> names;            // EQ_name; empty: every element
  std::vector<std::string> within;           // WD_name: these elements and their descendants
  std::vector<std::string> has_attributes;   // HASATTR
  std::vector<std::string> attribute_names;  // attributeNames; empty: every attribute
  bool attributes = true;                    // includeAttributes
  bool children = true;                      // includeChildren
  std::int64_t max_elements = 1000;          // maxElementCount: more is too_large
};
// The matching elements as a vocabularyList, grouped by type.
Result<nlohmann::json> query_master_data(Context& cx, const MasterDataQuery& q);

// The vocabularyList of what `events` name (locations, parties, product classes) that the node
// knows: the header of an exported document, so its reader need not ask.
Result<nlohmann::json> master_data_of_events(Context& cx,
                                             const std::vector<nlohmann::json>& events);

// trace.masterdata.query.
Result<nlohmann::json> handle_master_data_query(const Request& r, Context& cx);

}  // namespace lienket::trace
