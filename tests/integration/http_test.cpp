// The node's HTTP front door, through a real `lienket node` over real HTTP on loopback: messages
// run with API tokens (the acting party from the token, never the body), idempotent retries,
// problem details for every refusal, resource-style reads, the OpenAPI document checked by an
// independent validator, health and metrics, and the event stream resuming without gaps across a
// restart.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "lienket/testing/eventually.hpp"
#include "testkit.hpp"

using namespace lienket::testkit;
namespace fs = std::filesystem;

namespace {

const std::string kGtin = "09520123456788";

struct Answer {
  int status = 0;
  std::string content_type;
  json body;
  std::string text;
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

Answer answer(const httplib::Result& res) {
  REQUIRE(res);
  Answer a;
  a.status = res->status;
  a.content_type = res->get_header_value("Content-Type");
  a.text = res->body;
  a.headers = res->headers;
  a.body = json::parse(res->body, nullptr, false);
  return a;
}

httplib::Headers auth(const std::string& token, httplib::Headers extra = {}) {
  if (!token.empty()) extra.emplace("Authorization", "Bearer " + token);
  return extra;
}

Answer post(Node& node, const std::string& type, const json& body, const std::string& token = "",
            httplib::Headers extra = {}) {
  httplib::Client http(node.http_url());
  return answer(http.Post(("/api/v1/messages/" + type).c_str(), auth(token, std::move(extra)),
                          body.dump(), "application/json"));
}

Answer get(Node& node, const std::string& path, const std::string& token = "") {
  httplib::Client http(node.http_url());
  return answer(http.Get(path.c_str(), auth(token)));
}

// A refusal is problem details with this status, code and (when given) field.
void expect_problem(const Answer& a, int status, const std::string& code,
                    const std::string& field = "") {
  INFO(a.text);
  CHECK(a.status == status);
  CHECK(a.content_type == "application/problem+json");
  CHECK(a.body.value("status", 0) == status);
  CHECK(a.body.value("code", "") == code);
  CHECK(a.body.value("type", "") == "urn:lienket:error:" + code);
  CHECK_FALSE(a.body.value("detail", "").empty());
  if (!field.empty()) CHECK(a.body.value("field", "") == field);
}

json offer(std::int64_t kg) {
  return {{"product_id", "tea-thanhnam-green"},
          {"quantity", kg * 1000},
          {"available_from", "2026-03-01"},
          {"available_to", "2026-04-15"},
          {"place", {{"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}}},
          {"min_unit_price_vnd", 150'000}};
}

// Công ty CP Chè Tân Hiệp's purchase contract for 100 kg of the tea, which the offers above match.
json purchase() {
  return {{"product_id", "tea-thanhnam-green"},
          {"quantity", 100'000},
          {"unit_price_vnd", 200'000},
          {"deliver_from", "2026-03-05"},
          {"deliver_to", "2026-03-20"},
          {"place", {{"province", "Hà Nội"}, {"lat", 21.03}, {"lon", 105.85}}}};
}

void register_party(Node& node, const std::string& id, const std::string& kind,
                    const std::string& province) {
  ok(node.call("party.register", {{"id", id},
                                  {"kind", kind},
                                  {"name", "Bên " + id},
                                  {"province", province},
                                  {"lat", 21.3},
                                  {"lon", 105.1}}));
}

std::size_t offers_of(Node& node, const std::string& seller) {
  return ok(node.call("offtake.offer.list", {{"seller", seller}}))["offers"].size();
}

// Reads the event stream until `want` events arrived (or 30 s): their parsed "data" records.
std::vector<json> read_events(const std::string& url, const std::string& token, std::size_t want,
                              const std::string& last_event_id = "", const std::string& query = "",
                              std::function<void()> once_open = nullptr) {
  httplib::Client http(url);
  http.set_read_timeout(std::chrono::seconds(30));
  httplib::Headers headers = auth(token);
  if (!last_event_id.empty()) headers.emplace("Last-Event-ID", last_event_id);
  std::vector<json> events;
  std::string buffer;
  bool opened = false;
  auto res =
      http.Get(("/api/v1/events" + query).c_str(), headers, [&](const char* data, std::size_t n) {
        buffer.append(data, n);
        if (!opened && once_open) {
          opened = true;
          once_open();
        }
        std::size_t end;
        while (events.size() < want && (end = buffer.find("\n\n")) != std::string::npos) {
          std::string block = buffer.substr(0, end);
          buffer.erase(0, end + 2);
          auto at = block.find("data: ");
          if (at != std::string::npos) events.push_back(json::parse(block.substr(at + 6)));
        }
        return events.size() < want;
      });
  (void)res;
  return events;
}

}  // namespace

TEST_CASE("HTTP: messages run with API tokens, with the bus's rules and problem details") {
  Node node;
  REQUIRE(node.http_url().rfind("http://127.0.0.1:", 0) == 0);
  register_tea_market(node, kGtin);
  const std::string coop = api_token(node, "htx-thanhnam");
  const std::string buyer = api_token(node, "dn-tanhiep");

  SECTION("health, readiness and the human API page") {
    auto h = get(node, "/healthz");
    CHECK(h.status == 200);
    CHECK(h.body["status"] == "ok");
    auto r = get(node, "/readyz");
    CHECK(r.status == 200);
    CHECK(r.body["status"] == "ready");
    auto docs = get(node, "/api/v1/docs");
    CHECK(docs.status == 200);
    CHECK(docs.text.find("/api/v1/messages/offtake.offer.post") != std::string::npos);
  }

  SECTION("a party's token acts for that party; the body cannot change who acts") {
    json body = offer(2000);
    auto a = post(node, "offtake.offer.post", body, coop);
    INFO(a.text);
    REQUIRE(a.status == 200);
    CHECK(a.content_type == "application/json");
    std::string id = a.body["offer_id"];
    auto got = get(node, "/api/v1/offtake/offers/" + id, coop);
    REQUIRE(got.status == 200);
    CHECK(got.body["offer"]["seller"] == "htx-thanhnam");
    body["as"] = "dn-tanhiep";  // not a member of the message body: refused by field
    expect_problem(post(node, "offtake.offer.post", body, coop), 400, "invalid_argument",
                   "body.as");
    expect_problem(post(node, "offtake.offer.post", offer(10), buyer), 403, "permission_denied",
                   "as");
    CHECK(offers_of(node, "htx-thanhnam") == 1);
  }

  SECTION("Idempotency-Key: a retried POST returns the first answer and changes nothing more") {
    httplib::Headers key = {{"Idempotency-Key", "offer-2026-03-01"}};
    auto first = post(node, "offtake.offer.post", offer(500), coop, key);
    auto again = post(node, "offtake.offer.post", offer(500), coop, key);
    REQUIRE(first.status == 200);
    CHECK(again.status == 200);
    CHECK(first.body == again.body);
    CHECK(offers_of(node, "htx-thanhnam") == 1);
  }

  SECTION("anonymous callers reach only what is open to anyone") {
    auto party = post(node, "party.get", {{"id", "htx-thanhnam"}});
    REQUIRE(party.status == 200);
    CHECK(party.body["party"]["name"] == "HTX Chè Thanh Nam");
    auto refused = post(node, "offtake.offer.post", offer(10));
    expect_problem(refused, 401, "unauthenticated", "as");
    CHECK(offers_of(node, "htx-thanhnam") == 0);
  }

  SECTION("bad input gets the right status, names the field, and changes nothing") {
    httplib::Client http(node.http_url());
    auto t = answer(http.Post("/api/v1/messages/offtake.offer.post", auth(coop), "{not json",
                              "application/json"));
    expect_problem(t, 400, "invalid_argument", "body");
    t = answer(
        http.Post("/api/v1/messages/offtake.offer.post", auth(coop), "[1]", "application/json"));
    expect_problem(t, 400, "invalid_argument", "body");
    t = answer(http.Post("/api/v1/messages/offtake.offer.post", auth(coop), offer(1).dump(),
                         "text/plain"));
    expect_problem(t, 415, "unsupported_media_type");
    json bad = offer(1);
    bad["quantity"] = -5;
    expect_problem(post(node, "offtake.offer.post", bad, coop), 400, "invalid_argument",
                   "body.quantity");
    expect_problem(post(node, "offtake.nothing", json::object(), coop), 404, "unknown_type",
                   "type");
    std::string huge = "{\"note\": \"" + std::string(2 << 20, 'x') + "\"}";
    t = answer(
        http.Post("/api/v1/messages/offtake.offer.post", auth(coop), huge, "application/json"));
    expect_problem(t, 413, "too_large");
    expect_problem(get(node, "/api/v1/messages/party.get"), 405, "method_not_allowed");
    expect_problem(get(node, "/no/such/route"), 404, "not_found", "path");
    expect_problem(get(node, "/api/v1/../../etc/passwd"), 404, "not_found");
    expect_problem(post(node, "party.get", {{"id", "htx-thanhnam"}}, "lk_not-a-token"), 401,
                   "unauthenticated", "authorization");
    CHECK(offers_of(node, "htx-thanhnam") == 0);
    CHECK(get(node, "/healthz").status == 200);  // and the node keeps serving
  }

  SECTION("an admin token acts as the node's admin, never for a party") {
    const std::string admin = api_token(node, "");
    json party = {{"id", "htx-x"},         {"kind", "cooperative"}, {"name", "HTX X"},
                  {"province", "Phú Thọ"}, {"lat", 21.0},           {"lon", 105.0}};
    expect_problem(post(node, "party.register", party, coop), 403, "permission_denied", "as");
    CHECK(post(node, "party.register", party, admin).status == 200);
    expect_problem(post(node, "party.register", party, admin), 409, "already_exists", "body.id");
    expect_problem(post(node, "offtake.offer.post", offer(10), admin), 401, "unauthenticated",
                   "as");
  }

  SECTION("tokens: scopes, read-only, revocation and expiry take effect at once") {
    const std::string reader = api_token(node, "htx-thanhnam", {{"read_only", true}});
    expect_problem(post(node, "offtake.offer.post", offer(10), reader), 403, "permission_denied",
                   "type");
    CHECK(post(node, "offtake.offer.list", json::object(), reader).status == 200);
    const std::string scoped = api_token(node, "htx-thanhnam", {{"scopes", {"party."}}});
    expect_problem(post(node, "offtake.offer.list", json::object(), scoped), 403,
                   "permission_denied", "type");
    CHECK(post(node, "party.get", {{"id", "dn-tanhiep"}}, scoped).status == 200);

    auto listed = ok(node.call("token.list", json::object(), "htx-thanhnam"))["tokens"];
    CHECK(listed.size() == 3);
    CHECK(listed.dump().find("lk_") == std::string::npos);  // never the secret
    for (const auto& t : listed) CHECK(t["party"] == "htx-thanhnam");
    auto own = post(node, "token.list", json::object(), coop);
    CHECK(own.body["tokens"].size() == 3);
    std::string id = listed[0]["id"];
    expect_error(node.call("token.revoke", {{"id", id}}, "dn-tanhiep"), "not_found", "body.id");
    ok(node.call("token.revoke", {{"id", id}}, "htx-thanhnam"));
    int refused = 0;
    for (const auto& t : {coop, reader, scoped})
      refused += post(node, "party.get", {{"id", "dn-tanhiep"}}, t).status == 401;
    CHECK(refused == 1);

    const std::string brief = api_token(node, "dn-tanhiep", {{"expires_in_days", 1}});
    CHECK(post(node, "party.get", {{"id", "dn-tanhiep"}}, brief).status == 200);
    ok(node.call("node.clock.advance", {{"seconds", 2 * 86400}}));
    expect_problem(post(node, "party.get", {{"id", "dn-tanhiep"}}, brief), 401, "unauthenticated",
                   "authorization");
    expect_error(node.call("token.create", {{"label", "x"}, {"admin", true}}, "dn-tanhiep"),
                 "permission_denied", "body.admin");
    expect_error(
        node.call("token.create", {{"label", "x"}, {"party", "htx-thanhnam"}}, "dn-tanhiep"),
        "permission_denied", "body.party");
    expect_error(node.call("token.create", {{"label", "x"}}, "dn-tanhiep", "retry-1"),
                 "invalid_argument", "idempotency_key");
  }

  SECTION("resource-style reads, paged by cursor, with typed query parameters") {
    for (int i = 0; i < 3; ++i)
      REQUIRE(post(node, "offtake.offer.post", offer(100), coop).status == 200);
    auto page = get(node, "/api/v1/offtake/offers?seller=htx-thanhnam&limit=2", buyer);
    INFO(page.text);
    REQUIRE(page.status == 200);
    REQUIRE(page.body["offers"].size() == 2);
    std::string after = page.body["next_after"];
    auto rest =
        get(node, "/api/v1/offtake/offers?seller=htx-thanhnam&limit=2&after=" + after, buyer);
    CHECK(rest.body["offers"].size() == 1);
    expect_problem(get(node, "/api/v1/offtake/offers?limit=many", buyer), 400, "invalid_argument",
                   "query.limit");
    expect_problem(get(node, "/api/v1/offtake/offers?colour=red", buyer), 400, "invalid_argument",
                   "body.colour");
    auto party = get(node, "/api/v1/parties/dn-tanhiep");
    CHECK(party.body["party"]["kind"] == "enterprise");
    // Segments are decoded once: %2D is '-', and %2F stays inside its segment.
    CHECK(get(node, "/api/v1/parties/dn%2Dtanhiep").body["party"]["id"] == "dn-tanhiep");
    expect_problem(get(node, "/api/v1/parties/dn%2Ftanhiep"), 400, "invalid_argument", "body.id");
    expect_problem(get(node, "/api/v1/parties/dn%252Dtanhiep"), 400, "invalid_argument", "body.id");
    expect_problem(get(node, "/api/v1/parties/nobody"), 404, "not_found");
    auto products = get(node, "/api/v1/products?owner=htx-thanhnam");
    CHECK(products.body["products"].size() == 1);
  }

  SECTION("metrics count requests by type, outcome and transport") {
    REQUIRE(post(node, "offtake.offer.post", offer(100), coop).status == 200);
    node.call("offtake.nothing");  // counted apart: clients cannot grow the type label set
    auto m = get(node, "/metrics");
    REQUIRE(m.status == 200);
    CHECK(m.content_type.rfind("text/plain; version=0.0.4", 0) == 0);
    CHECK(
        m.text.find(
            "lienket_requests_total{type=\"offtake.offer.post\",outcome=\"ok\",via=\"http\"} 1") !=
        std::string::npos);
    CHECK(m.text.find("lienket_requests_total{type=\"(unknown)\",outcome=\"unknown_type\"") !=
          std::string::npos);
    CHECK(m.text.find("lienket_request_duration_seconds_bucket{type=\"offtake.offer.post\"") !=
          std::string::npos);
    CHECK(m.text.find("lienket_commit_duration_seconds_count") != std::string::npos);
    CHECK(m.text.find("lienket_plugin_quarantined{plugin=\"offtake\"} 0") != std::string::npos);
    CHECK(m.text.find("lienket_event_log_seq ") != std::string::npos);
    // A party's token is not enough to read them.
    expect_problem(get(node, "/metrics", coop), 403, "permission_denied");
  }
}

TEST_CASE("HTTP: a plugin that throws answers 500 without its message; the node keeps serving") {
  Node node(json{{"plugin_dirs", {plugin_dir(), LIENKET_TEST_PLUGIN_DIR}}});
  const std::string admin = api_token(node, "");
  auto a = post(node, "echo.throw", json::object(), admin);
  expect_problem(a, 500, "internal");
  CHECK(a.text.find("boom") == std::string::npos);
  CHECK(a.body["detail"] == "internal error; the node's log has the details");
  CHECK(get(node, "/healthz").status == 200);
  CHECK(post(node, "node.info", json::object()).status == 200);
}

TEST_CASE("HTTP: the OpenAPI document is generated from the declarations and valid") {
  Node node;
  auto doc = get(node, "/api/v1/openapi.json");
  REQUIRE(doc.status == 200);
  CHECK(doc.body["openapi"] == "3.1.0");
  const auto& paths = doc.body["paths"];
  REQUIRE(paths.contains("/api/v1/messages/offtake.offer.post"));
  const auto& op = paths["/api/v1/messages/offtake.offer.post"]["post"];
  auto declared = ok(node.call("node.schema", {{"type", "offtake.offer.post"}}))["messages"][0];
  CHECK(op["requestBody"]["content"]["application/json"]["schema"] == declared["body"]);
  CHECK(op["responses"]["200"]["content"]["application/json"]["schema"] == declared["result"]);
  CHECK(paths.contains("/api/v1/offtake/contracts/{contract_id}"));
  CHECK(paths.contains("/01/{gtin}/10/{lot}"));
  CHECK(paths.contains("/api/v1/events"));

  const fs::path tool = fs::path(LIENKET_SOURCE_DIR) / "tools/openapi-check";
  if (!fs::exists(tool / "node_modules")) {
    FAIL("the OpenAPI validator is not installed: (cd tools/openapi-check && npm ci)");
  }
  auto file =
      fs::temp_directory_path() / ("lienket-openapi-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << doc.text;
  std::string cmd = "cd '" + tool.string() + "' && node validate.mjs '" + file.string() + "' 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = ::pclose(p);
  fs::remove(file);
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("valid OpenAPI 3.1") != std::string::npos);
}

TEST_CASE("HTTP: the event stream replays from Last-Event-ID and follows live, across a restart") {
  Node node;
  register_tea_market(node, kGtin);  // events 1-3
  const std::string admin = api_token(node, "");
  const std::string coop = api_token(node, "htx-thanhnam");
  const std::string buyer = api_token(node, "dn-tanhiep");
  for (int i = 0; i < 3; ++i)
    REQUIRE(post(node, "offtake.offer.post", offer(100), coop).status == 200);
  auto last = ok(node.call("events.since", {{"after_seq", 0}, {"limit", 1}}))["last_seq"];

  SECTION("an admin replays everything from 0, in seq order without gaps") {
    auto events = read_events(node.http_url(), admin, last.get<std::size_t>(), "0");
    REQUIRE(events.size() == last.get<std::size_t>());
    for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i]["seq"] == i + 1);
  }

  SECTION("a reconnect after a node restart continues exactly after the last id seen") {
    auto first = read_events(node.http_url(), admin, 2, "0");
    REQUIRE(first.size() == 2);
    node.stop();
    node.start();  // a new port (tests bind any free port); same log
    REQUIRE(post(node, "offtake.offer.post", offer(100), coop).status == 200);
    std::size_t total = last.get<std::size_t>() + 1;
    auto rest = read_events(node.http_url(), admin, total - 2,
                            std::to_string(first.back()["seq"].get<std::size_t>()));
    REQUIRE(rest.size() == total - 2);
    for (std::size_t i = 0; i < rest.size(); ++i) CHECK(rest[i]["seq"] == i + 3);
  }

  SECTION("live: an event committed while the stream is open arrives, filtered by topic") {
    std::thread poster;
    auto live = read_events(node.http_url(), admin, 1, "", "?topic=offtake.offer.", [&] {
      poster = std::thread([&node, coop] { post(node, "offtake.offer.post", offer(7), coop); });
    });
    if (poster.joinable()) poster.join();
    REQUIRE(live.size() == 1);
    CHECK(live[0]["type"] == "offtake.offer.posted");
    CHECK(live[0]["seq"] == last.get<std::size_t>() + 1);
  }

  SECTION("a party sees only the events that concern it; anonymous callers none") {
    auto mine = read_events(node.http_url(), coop, 3, "0", "?topic=offtake.");
    REQUIRE(mine.size() == 3);
    for (const auto& e : mine) CHECK(e["by"] == "htx-thanhnam");
    ok(node.call("offtake.contract.post", purchase(), "dn-tanhiep"));
    auto theirs = read_events(node.http_url(), buyer, 1, "0", "?topic=offtake.");
    REQUIRE(theirs.size() == 1);
    CHECK(theirs[0]["type"] == "offtake.contract.posted");
    // A cooperative union sees what its province's cooperatives do; another union does not.
    register_party(node, "lm-phutho", "cooperative_union", "Phú Thọ");
    register_party(node, "lm-laocai", "cooperative_union", "Lào Cai");
    auto union_sees =
        read_events(node.http_url(), api_token(node, "lm-phutho"), 3, "0", "?topic=offtake.offer.");
    REQUIRE(union_sees.size() == 3);
    for (const auto& e : union_sees) CHECK(e["by"] == "htx-thanhnam");
    auto other_union = read_events(node.http_url(), api_token(node, "lm-laocai"), 1, "0");
    REQUIRE(other_union.size() == 1);
    // The first event it sees is its own registration: nothing of Phú Thọ's before it.
    CHECK(other_union[0]["type"] == "party.registered");
    CHECK(other_union[0]["data"]["party"]["id"] == "lm-laocai");
    // A purchase contract delivered in Phú Thọ names no cooperative, yet Phú Thọ's union hears
    // it posted, amended and cancelled; Lào Cai's does not.
    json here = purchase();
    here["place"] = {{"province", "Phú Thọ"}, {"lat", 21.32}, {"lon", 105.40}};
    const std::string ct =
        ok(node.call("offtake.contract.post", here, "dn-tanhiep"))["contract_id"];
    ok(node.call("offtake.contract.amend", {{"contract_id", ct}, {"unit_price_vnd", 210'000}},
                 "dn-tanhiep"));
    ok(node.call("offtake.contract.cancel", {{"contract_id", ct}}, "dn-tanhiep"));
    auto demand = read_events(node.http_url(), api_token(node, "lm-phutho"), 3, "0",
                              "?topic=offtake.contract.");
    REQUIRE(demand.size() == 3);
    CHECK(demand[0]["type"] == "offtake.contract.posted");
    CHECK(demand[1]["type"] == "offtake.contract.amended");
    CHECK(demand[2]["type"] == "offtake.contract.cancelled");
    for (const auto& e : demand) CHECK(e["by"] == "dn-tanhiep");
    json there = purchase();
    there["place"] = {{"province", "Lào Cai"}, {"lat", 22.48}, {"lon", 103.97}};
    ok(node.call("offtake.contract.post", there, "dn-tanhiep"));
    auto elsewhere = read_events(node.http_url(), api_token(node, "lm-laocai"), 1, "0",
                                 "?topic=offtake.contract.");
    REQUIRE(elsewhere.size() == 1);  // the first it hears is the one delivered in Lào Cai
    CHECK(elsewhere[0]["data"]["contract"]["place"]["province"] == "Lào Cai");
    expect_problem(get(node, "/api/v1/events"), 401, "unauthenticated");
  }
}

TEST_CASE(
    "HTTP: rate limits, oversize headers and slow clients get their answer; the node serves on") {
  Node node(json{{"http", {{"rate_per_second", 5}, {"timeout_ms", 300}}}});
  register_tea_market(node, kGtin);
  const std::string coop = api_token(node, "htx-thanhnam");

  SECTION("past its rate a token gets 429 with Retry-After; others are not slowed") {
    int limited = 0;
    Answer last;
    for (int i = 0; i < 12; ++i) {
      last = post(node, "party.get", {{"id", "htx-thanhnam"}}, coop);
      if (last.status == 429) ++limited;
    }
    CHECK(limited >= 5);
    expect_problem(last, 429, "rate_limited");
    CHECK(last.header("Retry-After") == "1");
    const std::string other = api_token(node, "dn-tanhiep");
    CHECK(post(node, "party.get", {{"id", "htx-thanhnam"}}, other).status == 200);
  }

  SECTION("a header over the limit is refused, as problem details") {
    httplib::Client http(node.http_url());
    auto a = answer(http.Get("/healthz", {{"X-Padding", std::string(20000, 'a')}}));
    CHECK(a.status == 400);
    CHECK(get(node, "/healthz").status == 200);
  }

  SECTION("a client that stops half-way through its request is dropped after timeout_ms") {
    std::string url = node.http_url();
    int port = std::stoi(url.substr(url.rfind(':') + 1));
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const std::string partial = "GET /healthz HTTP/1.1\r\nHost: x\r\n";  // never finished
    REQUIRE(::send(fd, partial.data(), partial.size(), 0) == static_cast<ssize_t>(partial.size()));
    CHECK(get(node, "/healthz").status == 200);  // others are served meanwhile
    bool closed = lienket::testing::eventually([&] {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) return false;
      char buf[512];
      (void)::recv(fd, buf, sizeof buf, 0);  // 0: closed; > 0: a refusal before closing
      return true;
    });
    ::close(fd);
    CHECK(closed);
  }
}

TEST_CASE("HTTP: a second node configured with the same HTTP port fails to start, naming it") {
  Node probe;
  std::string url = probe.http_url();
  std::string port = url.substr(url.rfind(':') + 1);
  const json config{{"http_any_port", false}, {"http", {{"endpoint", "127.0.0.1:" + port}}}};
  probe.stop();
  Node first(config);
  CHECK(first.http_url() == "http://127.0.0.1:" + port);
  CHECK_THROWS_WITH(Node(config), Catch::Contains("127.0.0.1:" + port + " is already in use"));
  for (int i = 0; i < 10; ++i) CHECK(get(first, "/healthz").status == 200);
}

TEST_CASE("HTTP: with tls the node speaks HTTPS only") {
  const fs::path dir = fs::temp_directory_path() / ("lienket-tls-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" + key +
      "' -out '" + cert + "' >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  {
    Node node(json{{"http", {{"tls", {{"cert", cert}, {"key", key}}}}}});
    REQUIRE(node.http_url().rfind("https://127.0.0.1:", 0) == 0);
    httplib::Client https(node.http_url());
    https.enable_server_certificate_verification(false);  // self-signed, made above
    auto r = https.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
    register_tea_market(node, kGtin);
    ok(node.call("account.user.create",
                 {{"login", "minh.thanhnam"},
                  {"name", "Hà Văn Minh"},
                  {"role", "manager"},
                  {"password", "chè-xanh-Thanh-Nam-2026"}},
                 "htx-thanhnam"));
    auto login =
        https.Post("/api/v1/session",
                   json{{"login", "minh.thanhnam"}, {"password", "chè-xanh-Thanh-Nam-2026"}}.dump(),
                   "application/json");
    REQUIRE(login);
    CHECK(login->status == 200);
    CHECK(login->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
    std::string plain = "http://" + node.http_url().substr(8);
    httplib::Client http(plain);
    http.set_read_timeout(std::chrono::seconds(2));
    auto p = http.Get("/healthz");
    CHECK((!p || p->status != 200));
  }
  CHECK_THROWS_WITH(Node(json{{"http", {{"tls", {{"cert", cert}, {"key", cert}}}}}}),
                    Catch::Contains("cannot load the TLS certificate"));
  fs::remove_all(dir);
}

namespace {

// A browser's side of a session: the cookie it keeps and the CSRF token the page keeps.
struct Browser {
  explicit Browser(std::string base) : url(std::move(base)) {}
  std::string url, cookie, csrf;
  Answer login(const std::string& login, const std::string& password) {
    httplib::Client http(url);
    auto a =
        answer(http.Post("/api/v1/session", json{{"login", login}, {"password", password}}.dump(),
                         "application/json"));
    if (a.status == 200) {
      std::string set = a.header("Set-Cookie");
      cookie = set.substr(0, set.find(';'));
      csrf = a.body["csrf_token"];
    }
    return a;
  }
  httplib::Headers headers(bool with_csrf = true) const {
    httplib::Headers h = {{"Cookie", cookie}};
    if (with_csrf) h.emplace("X-CSRF-Token", csrf);
    return h;
  }
  Answer post(const std::string& type, const json& body, bool with_csrf = true) const {
    httplib::Client http(url);
    return answer(http.Post(("/api/v1/messages/" + type).c_str(), headers(with_csrf), body.dump(),
                            "application/json"));
  }
  Answer get(const std::string& path) const {
    httplib::Client http(url);
    return answer(http.Get(path.c_str(), headers(false)));
  }
  Answer logout() const {
    httplib::Client http(url);
    return answer(http.Delete("/api/v1/session", headers()));
  }
};

}  // namespace

TEST_CASE("HTTP: people sign in with a password; a session has a role and a CSRF token") {
  Node node;
  register_tea_market(node, kGtin);
  const std::string manager_pw = "chè-xanh-Thanh-Nam-2026", viewer_pw = "chỉ-xem-thôi-2026";
  ok(node.call("account.user.create",
               {{"login", "minh.thanhnam"},
                {"name", "Hà Văn Minh"},
                {"role", "manager"},
                {"password", manager_pw}},
               "htx-thanhnam"));
  ok(node.call("account.user.create",
               {{"login", "lan.thanhnam"},
                {"name", "Nguyễn Thị Lan"},
                {"role", "viewer"},
                {"language", "en"},
                {"password", viewer_pw}},
               "htx-thanhnam"));
  Browser manager{node.http_url()}, viewer{node.http_url()};
  auto signed_in = manager.login("minh.thanhnam", manager_pw);
  INFO(signed_in.text);
  REQUIRE(signed_in.status == 200);
  REQUIRE(viewer.login("lan.thanhnam", viewer_pw).status == 200);

  SECTION("passwords are never shown, stored in clear or put in events") {
    auto users = ok(node.call("account.user.list", json::object(), "htx-thanhnam"))["users"];
    CHECK(users.size() == 2);
    auto log = ok(node.call("events.since", {{"topic_prefix", "account."}}));
    for (const auto& text : {users.dump(), log.dump()}) {
      CHECK(text.find(manager_pw) == std::string::npos);
      CHECK(text.find("argon2") == std::string::npos);
    }
    expect_error(
        node.call(
            "account.user.create",
            {{"login", "x.thanhnam"}, {"name", "X"}, {"role", "viewer"}, {"password", "short"}},
            "htx-thanhnam"),
        "invalid_argument", "body.password");
    expect_error(node.call("account.user.create",
                           {{"login", "minh.thanhnam"},
                            {"name", "Minh 2"},
                            {"role", "viewer"},
                            {"password", manager_pw}},
                           "dn-tanhiep"),
                 "already_exists", "body.login");
    expect_error(
        node.call("account.user.update", {{"login", "minh.thanhnam"}, {"name", "X"}}, "dn-tanhiep"),
        "not_found", "body.login");
  }

  SECTION("the cookie is HttpOnly and SameSite=Strict; the session says who is signed in") {
    std::string set = signed_in.header("Set-Cookie");
    CHECK(set.find("lk_session=") == 0);
    CHECK(set.find("HttpOnly") != std::string::npos);
    CHECK(set.find("SameSite=Strict") != std::string::npos);
    CHECK(signed_in.body["user"]["role"] == "manager");
    auto me = manager.get("/api/v1/session");
    REQUIRE(me.status == 200);
    CHECK(me.body["user"]["login"] == "minh.thanhnam");
    CHECK(me.body["user"]["party"] == "htx-thanhnam");
    CHECK(me.body["user"]["name"] == signed_in.body["user"]["name"]);
    CHECK(me.body["csrf_token"] == manager.csrf);
    CHECK(viewer.get("/api/v1/session").body["user"]["language"] == "en");
  }

  SECTION("a state change needs the session's own CSRF token; the party comes from the session") {
    expect_problem(manager.post("offtake.offer.post", offer(100), false), 403, "permission_denied",
                   "csrf");
    Browser replayed = manager;
    replayed.csrf = viewer.csrf;  // another session's token
    expect_problem(replayed.post("offtake.offer.post", offer(100)), 403, "permission_denied",
                   "csrf");
    CHECK(offers_of(node, "htx-thanhnam") == 0);
    auto posted = manager.post("offtake.offer.post", offer(100));
    REQUIRE(posted.status == 200);
    CHECK(posted.body["offer"]["seller"] == "htx-thanhnam");
  }

  SECTION("roles: a viewer reads, an operator works, only a manager manages tokens and users") {
    expect_problem(viewer.post("offtake.offer.post", offer(100)), 403, "permission_denied", "type");
    CHECK(viewer.get("/api/v1/offtake/offers?seller=htx-thanhnam").status == 200);
    CHECK(viewer.post("offtake.offer.list", json::object()).status == 200);
    ok(node.call("account.user.create",
                 {{"login", "hoa.thanhnam"},
                  {"name", "Lê Thị Hoa"},
                  {"role", "operator"},
                  {"password", "làm-việc-2026-hoa"}},
                 "htx-thanhnam"));
    Browser op{node.http_url()};
    REQUIRE(op.login("hoa.thanhnam", "làm-việc-2026-hoa").status == 200);
    CHECK(op.post("offtake.offer.post", offer(100)).status == 200);
    expect_problem(op.post("token.create", {{"label", "shop"}}), 403, "permission_denied", "type");
    auto made = manager.post("token.create", {{"label", "Cửa hàng Shopee"}});
    REQUIRE(made.status == 200);
    CHECK(made.body["record"]["party"] == "htx-thanhnam");
    CHECK(manager.post("account.user.update", {{"login", "hoa.thanhnam"}, {"role", "viewer"}})
              .status == 200);
    expect_problem(op.get("/api/v1/session"), 401, "unauthenticated");  // a new role: sign in again
  }

  SECTION("wrong passwords are refused, then throttled, and logged") {
    Browser guess{node.http_url()};
    auto wrong = guess.login("minh.thanhnam", "not-the-password");
    expect_problem(wrong, 401, "unauthenticated", "login");
    expect_problem(guess.login("nobody.here", "not-the-password"), 401, "unauthenticated", "login");
    for (int i = 0; i < 4; ++i) guess.login("minh.thanhnam", "still-not-it-" + std::to_string(i));
    auto throttled = guess.login("minh.thanhnam", manager_pw);  // even the right one, for now
    expect_problem(throttled, 429, "rate_limited");
    CHECK(throttled.header("Retry-After") == "900");
    std::ifstream log(node.log_path());
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    CHECK(text.find("auth_refused") != std::string::npos);
    CHECK(text.find(manager_pw) == std::string::npos);
  }

  SECTION("signing out, disabling the user and expiry end sessions at once") {
    REQUIRE(manager.logout().status == 200);
    expect_problem(manager.get("/api/v1/session"), 401, "unauthenticated");
    expect_problem(manager.post("offtake.offer.post", offer(1)), 401, "unauthenticated", "as");
    ok(node.call("account.user.update", {{"login", "lan.thanhnam"}, {"disabled", true}},
                 "htx-thanhnam"));
    expect_problem(viewer.get("/api/v1/session"), 401, "unauthenticated");
    expect_problem(viewer.login("lan.thanhnam", viewer_pw), 401, "unauthenticated");
    Browser again{node.http_url()};
    REQUIRE(again.login("minh.thanhnam", manager_pw).status == 200);
    ok(node.call("account.user.update", {{"login", "minh.thanhnam"}, {"end_sessions", true}},
                 "htx-thanhnam"));
    expect_problem(again.get("/api/v1/session"), 401, "unauthenticated");  // revoked by its party
    REQUIRE(again.login("minh.thanhnam", manager_pw).status == 200);
    ok(node.call("node.clock.advance", {{"seconds", 13 * 3600}}));
    expect_problem(again.get("/api/v1/session"), 401, "unauthenticated");
  }
}

TEST_CASE(
    "reads are authorised: private records only for their parties and their province's union") {
  Node node;
  register_tea_market(node, kGtin);
  register_party(node, "htx-khac", "cooperative", "Phú Thọ");
  register_party(node, "lm-phutho", "cooperative_union", "Phú Thọ");
  register_party(node, "lm-laocai", "cooperative_union", "Lào Cai");
  ok(node.call("offtake.offer.post", offer(2000), "htx-thanhnam"));
  ok(node.call("offtake.contract.post", purchase(), "dn-tanhiep"));
  ok(node.call("offtake.match.run"));
  auto all = ok(node.call("offtake.proposal.list"))["proposals"];  // the admin sees everything
  REQUIRE(all.size() == 1);
  const std::string id = all[0]["id"];
  auto seen_by = [&](const std::string& who) {
    return ok(node.call("offtake.proposal.list", json::object(), who))["proposals"].size();
  };

  SECTION("over ZeroMQ: the two parties and the seller's union see the proposal, nobody else") {
    CHECK(seen_by("htx-thanhnam") == 1);
    CHECK(seen_by("dn-tanhiep") == 1);
    CHECK(seen_by("lm-phutho") == 1);
    CHECK(seen_by("htx-khac") == 0);
    CHECK(seen_by("lm-laocai") == 0);
    CHECK(ok(node.call("offtake.proposal.get", {{"proposal_id", id}},
                       "dn-tanhiep"))["proposal"]["id"] == id);
    expect_error(node.call("offtake.proposal.get", {{"proposal_id", id}}, "htx-khac"), "not_found");
    // Listings are public: the other cooperative sees the purchase contract it could supply.
    CHECK(ok(node.call("offtake.contract.list", json::object(), "htx-khac"))["contracts"].size() ==
          1);
  }

  SECTION("over HTTP the same rule, by token, and nothing for anonymous callers") {
    auto mine = get(node, "/api/v1/offtake/proposals", api_token(node, "htx-thanhnam"));
    CHECK(mine.body["proposals"].size() == 1);
    auto other = get(node, "/api/v1/offtake/proposals", api_token(node, "htx-khac"));
    REQUIRE(other.status == 200);
    CHECK(other.body["proposals"].empty());
    CHECK(get(node, "/api/v1/offtake/proposals").body["proposals"].empty());
    expect_problem(get(node, "/api/v1/offtake/proposals/" + id, api_token(node, "lm-laocai")), 404,
                   "not_found");
    CHECK(get(node, "/api/v1/offtake/proposals/" + id, api_token(node, "lm-phutho")).status == 200);
    auto admin = get(node, "/api/v1/offtake/proposals", api_token(node, ""));
    CHECK(admin.body["proposals"].size() == 1);
  }
}
