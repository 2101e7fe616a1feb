// The HTTP front door's small parts: route patterns, the bus-code -> HTTP-status table, the event
// stream's visibility rule, the rate limiter and the "http" config section.
#include <catch2/catch.hpp>

#include "config.hpp"
#include "http/event_feed.hpp"
#include "http/problem.hpp"
#include "http/rate_limiter.hpp"
#include "http/route_pattern.hpp"

using namespace lienket;
using namespace lienket::core;
using nlohmann::json;

TEST_CASE("route patterns match whole segments and decode them") {
  auto p = http::RoutePattern::parse("/01/{gtin}/10/{lot}");
  REQUIRE(p.ok());
  auto m = p->match("/01/09520123456788/10/TN%2F2026+A");
  REQUIRE(m);
  CHECK((*m)["gtin"] == "09520123456788");
  CHECK((*m)["lot"] == "TN/2026+A");  // '%2F' is one segment's slash; '+' stays '+'
  CHECK_FALSE(p->match("/01/09520123456788/10/TN/2026"));
  CHECK_FALSE(p->match("/01/09520123456788/10/"));
  CHECK_FALSE(p->match("/01/09520123456788/10/TN%2"));                    // a broken escape
  CHECK_FALSE(p->match("/01/09520123456788/10/TN%00x"));                  // a decoded NUL
  CHECK_FALSE(p->match(std::string("/01/09520123456788/10/TN\0x", 26)));  // a raw one
  CHECK(p->shape() == "/01/{}/10/{}");
  CHECK(p->names() == std::vector<std::string>{"gtin", "lot"});
  for (const char* bad : {"", "no-slash", "/a//b", "/a/{B}", "/a/{}", "/a/b c", "/a/{x"}) {
    auto r = http::RoutePattern::parse(bad);
    CHECK_FALSE(r.ok());
    CHECK(r.status().field() == "pattern");
  }
}

TEST_CASE("a {name*} pattern takes the rest of the path, and never a climb out of it") {
  auto p = http::RoutePattern::parse("/app/{file*}");
  REQUIRE(p.ok());
  CHECK((*p->match("/app"))["file"] == "");
  CHECK((*p->match("/app/"))["file"] == "");
  CHECK((*p->match("/app/app.js"))["file"] == "app.js");
  CHECK((*p->match("/app/i18n/vi.json"))["file"] == "i18n/vi.json");
  CHECK((*p->match("/app/screens/h%E1%BB%A3p.js"))["file"] == "screens/hợp.js");
  for (const char* climb : {"/app/../x", "/app/a/../../x", "/app/%2e%2e/x", "/app/a%2Fb",
                            "/app/./x", "/app//x", "/app/a%5C..%5Cx"})
    CHECK_FALSE(p->match(climb));
  CHECK_FALSE(p->match("/application"));
  CHECK(p->shape() == "/app/{*}");
  CHECK(p->names() == std::vector<std::string>{"file"});
  CHECK_FALSE(http::RoutePattern::parse("/app/{file*}/more").ok());
  CHECK_FALSE(http::RoutePattern::parse("/app/{*}").ok());
}

TEST_CASE("bus codes map to HTTP statuses; internal errors keep their message to the log") {
  CHECK(http::http_status(Code::kInvalidArgument) == 400);
  CHECK(http::http_status(Code::kUnauthenticated) == 401);
  CHECK(http::http_status(Code::kPermissionDenied) == 403);
  CHECK(http::http_status(Code::kNotFound) == 404);
  CHECK(http::http_status(Code::kUnknownType) == 404);
  CHECK(http::http_status(Code::kAlreadyExists) == 409);
  CHECK(http::http_status(Code::kFailedPrecondition) == 409);
  CHECK(http::http_status(Code::kTooLarge) == 413);
  CHECK(http::http_status(Code::kUnavailable) == 503);
  CHECK(http::http_status(Code::kInternal) == 500);
  auto p = http::problem(Status::InvalidArgument("must be positive", "body.quantity"), "r-1");
  auto j = json::parse(p.body);
  CHECK(p.content_type == "application/problem+json");
  CHECK(j == json{{"type", "urn:lienket:error:invalid_argument"},
                  {"title", "Invalid argument"},
                  {"status", 400},
                  {"detail", "must be positive"},
                  {"code", "invalid_argument"},
                  {"field", "body.quantity"},
                  {"instance", "r-1"}});
  auto leak = json::parse(
      http::problem(Status::Internal("plugin x failed: /home/build/x.cpp:12 boom"), "").body);
  CHECK(leak["detail"].get<std::string>().find("boom") == std::string::npos);
  auto back = http::status_of_reply(
      {{"ok", false}, {"error", {{"code", "not_found"}, {"message", "no"}, {"field", "body.id"}}}});
  CHECK(back.code() == Code::kNotFound);
  CHECK(back.field() == "body.id");
}

TEST_CASE("the event stream shows a party what names it") {
  json contract = {{"seq", 7},
                   {"type", "offtake.contract.posted"},
                   {"by", "dn-tanhiep"},
                   {"data", {{"contract", {{"buyer", "dn-tanhiep"}, {"quantity", 5}}}}}};
  CHECK(http::visible_to(contract, "dn-tanhiep"));
  CHECK_FALSE(http::visible_to(contract, "htx-thanhnam"));
  json proposal = {{"by", ""}, {"data", {{"seller", "htx-thanhnam"}, {"buyer", "dn-tanhiep"}}}};
  CHECK(http::visible_to(proposal, "htx-thanhnam"));
  json deep = {{"by", ""}, {"data", {{"a", {{"b", {{"c", "htx-thanhnam"}}}}}}}};
  CHECK_FALSE(http::visible_to(deep, "htx-thanhnam"));
  CHECK_FALSE(http::visible_to(proposal, ""));
}

TEST_CASE("the rate limiter allows a burst, then about the rate") {
  http::RateLimiter limiter(5);
  int allowed = 0;
  for (int i = 0; i < 20; ++i) allowed += limiter.allow("token:a");
  CHECK(allowed == 5);
  CHECK(limiter.allow("token:b"));  // keys are separate
}

TEST_CASE("the http config section") {
  auto d = parse_config(json::object());
  REQUIRE(d.ok());
  CHECK(d->http.enabled);
  CHECK(d->http.host == "127.0.0.1");
  CHECK(d->http.port == 7480);
  auto c = parse_config({{"http", {{"endpoint", "[::1]:0"}, {"threads", 8}}}});
  REQUIRE(c.ok());
  CHECK(c->http.host == "::1");
  CHECK(c->http.port == 0);
  CHECK(c->http.threads == 8);
  CHECK_FALSE(parse_config({{"http", {{"endpoint", "off"}}}})->http.enabled);
  auto tls = parse_config(
      {{"http", {{"endpoint", "0.0.0.0:443"}, {"tls", {{"cert", "c.pem"}, {"key", "k.pem"}}}}}});
  REQUIRE(tls.ok());
  CHECK(tls->http.tls_cert == "c.pem");
  CHECK(parse_config({{"http", {{"endpoint", "0.0.0.0:80"}, {"insecure", true}}}}).ok());
  auto field = [](const json& j) { return parse_config(j).status().field(); };
  CHECK(field({{"http", {{"endpoint", "0.0.0.0:80"}}}}) == "http.endpoint");
  CHECK(field({{"http", {{"endpoint", "localhost"}}}}) == "http.endpoint");
  CHECK(field({{"http", {{"endpoint", "127.0.0.1:70000"}}}}) == "http.endpoint");
  CHECK(field({{"http", {{"threads", 0}}}}) == "http.threads");
  CHECK(field({{"http", {{"tls", {{"cert", "c.pem"}}}}}}) == "http.tls.key");
  CHECK(field({{"http", {{"colour", 1}}}}) == "http.colour");
}
