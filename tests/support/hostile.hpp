// Hostile-input tables for integration tests: rows of bad requests, each naming the error code and
// field it must get, run against a real node where nothing may change. The core keeps its rows in
// tests/integration/hostile_requests_test.cpp; each plugin keeps its own in its tests/ folder.
//   auto rows = {call_row("contract with quantity 0", "offtake.contract.post", "dn-x", body,
//   "invalid_argument", "body.quantity")}; expect_all_refused(node, rows, [](Node& n) { return
//   json{{"contracts", ok(n.call("offtake.contract.list"))}}; });
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "testkit.hpp"

namespace lienket::testkit {

// A request (as (type, as, body), or a raw frame, or two frames) and the error it must get. `field`
// is the exact error field; empty means the reply must name no field.
struct Row {
  std::string name;
  std::string type;
  std::string as;
  json body;
  std::string code;
  std::string field;
  std::optional<std::string> raw;
  bool two_frames = false;
};

Row call_row(std::string name, std::string type, std::string as, json body, std::string code,
             std::string field);
Row raw_row(std::string name, std::string frame, std::string code, std::string field);

// `base` with the value at `pointer` ("/place/lat") replaced, or removed when `value` is kRemove.
json with(json base, const std::string& pointer, const json& value);
extern const json kRemove;

// Every event of the node's log, read back in full.
json event_log(Node& node);

// Sends every row and checks its error; after each, the event log must not have grown; after all of
// them, `snapshot` (what the test's plugins serve, read in full) and the event log read as before.
void expect_all_refused(Node& node, const std::vector<Row>& rows,
                        const std::function<json(Node&)>& snapshot);

// The value chain the tables share: a tea cooperative (htx-thanhnam, product tea-thanhnam-green
// with GTIN kTeaGtin), a black-garlic cooperative (htx-toi-phumai, garlic-black-phumai,
// kGarlicGtin), an enterprise buyer (dn-tanhiep) and an OCOP distributor (npp-ocop-hanoi).
inline const std::string kTeaGtin = "08935001000112";     // valid GS1 check digit
inline const std::string kGarlicGtin = "08935001000129";  // valid GS1 check digit
void register_value_chain(Node& node);

}  // namespace lienket::testkit
