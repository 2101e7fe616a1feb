// "log_format": "json": every line the node writes is one JSON object, and each request has a line
// with its id, type, acting party, outcome and latency.
#include <catch2/catch.hpp>

#include <fstream>

#include "testkit.hpp"

using namespace lienket::testkit;

TEST_CASE("json logs: one object per line, one line per request") {
  Node node(json{{"log_format", "json"}});
  ok(node.call("party.register", {{"id", "htx-lyson"},
                                  {"kind", "cooperative"},
                                  {"name", "HTX Tỏi Lý Sơn"},
                                  {"province", "Quảng Ngãi"},
                                  {"lat", 15.38},
                                  {"lon", 109.12}}));
  expect_error(node.call("product.register",
                         {{"name", "Tỏi"}, {"category", "garlic"}, {"unit", "kg"}}, "htx-lyson"),
               "invalid_argument", "body.unit");
  node.stop();  // flushes, and adds the shutdown lines

  std::ifstream in(node.log_path());
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) {
    auto j = json::parse(line, nullptr, false);
    INFO(line);
    REQUIRE(j.is_object());
    CHECK(j["time"].is_string());
    CHECK(j["level"].is_string());
    lines.push_back(j);
  }
  std::vector<json> requests;
  for (const auto& j : lines)
    if (j.value("event", "") == "request") requests.push_back(j);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["type"] == "party.register");
  CHECK(requests[0]["ok"] == true);
  CHECK(requests[0]["id"].is_string());
  CHECK(requests[0]["latency_us"].get<std::int64_t>() >= 0);
  CHECK(requests[1]["as"] == "htx-lyson");
  CHECK(requests[1]["ok"] == false);
  CHECK(requests[1]["error"] == "invalid_argument");
  bool stopped = false;
  for (const auto& j : lines)
    stopped = stopped || j.value("msg", "").find("stopped cleanly") != std::string::npos;
  CHECK(stopped);
}
