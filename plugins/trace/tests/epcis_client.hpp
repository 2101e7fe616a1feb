// The EPCIS 2.0 REST binding as the trace tests call it over real HTTP: one token's requests
// (JSON bodies, targets already percent-encoded), their replies, and the binding's problems.
#pragma once

#include <catch2/catch.hpp>

#include <httplib.h>

#include <cctype>
#include <string>

#include <nlohmann/json.hpp>

#include "testkit.hpp"

namespace lienket::trace::testing {

struct Reply {
  int status = 0;
  nlohmann::json body;  // discarded when the body is not JSON
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// Percent-encodes all but the unreserved characters: an eventID or EPC in a path or query value.
inline std::string encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class Epcis {
 public:
  Epcis(testkit::Node& node, std::string token) : node_(node), token_(std::move(token)) {}

  Reply get(const std::string& target, httplib::Headers extra = {}) {
    return reply(client().Get(target.c_str(), with_auth(std::move(extra))));
  }
  Reply post(const std::string& target, const nlohmann::json& body, httplib::Headers extra = {}) {
    return reply(client().Post(target.c_str(), with_auth(std::move(extra)), body.dump(),
                               "application/json"));
  }
  Reply del(const std::string& target) {
    return reply(client().Delete(target.c_str(), with_auth({})));
  }
  // The events of GET /epcis/events?<query> (one page of up to 1000).
  nlohmann::json events(const std::string& query, httplib::Headers extra = {}) {
    auto r = get("/epcis/events?perPage=1000&" + query, std::move(extra));
    INFO(query << " -> " << r.status << " " << r.body.dump());
    REQUIRE(r.status == 200);
    return r.body["epcisBody"]["queryResults"]["resultsBody"]["eventList"];
  }

 private:
  httplib::Client client() {
    httplib::Client http(node_.http_url());
    http.set_url_encode(false);  // targets come percent-encoded already
    return http;
  }
  httplib::Headers with_auth(httplib::Headers h) {
    if (!token_.empty()) h.emplace("Authorization", "Bearer " + token_);
    return h;
  }
  static Reply reply(const httplib::Result& res) {
    INFO("HTTP client error: " << httplib::to_string(res.error()));
    REQUIRE(res);
    return {res->status, nlohmann::json::parse(res->body, nullptr, false), res->headers};
  }
  testkit::Node& node_;
  std::string token_;
};

// The binding's RFC 7807 problem: this status and exception type, and a detail naming `naming`.
inline void expect_problem(const Reply& r, int status, const std::string& exception,
                           const std::string& naming = "") {
  INFO(r.body.dump());
  CHECK(r.status == status);
  CHECK(r.header("Content-Type") == "application/problem+json");
  CHECK(r.body.value("type", "") == "epcisException:" + exception);
  CHECK(r.body.value("status", 0) == status);
  CHECK_FALSE(r.body.value("title", "").empty());
  CHECK(r.body.value("detail", "").find(naming) != std::string::npos);
}

}  // namespace lienket::trace::testing
