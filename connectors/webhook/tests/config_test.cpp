// The connector's config section: what is accepted, and that every mistake names its key.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "config.hpp"

using nlohmann::json;
using namespace lienket::webhook;

namespace {

const std::string kSecret = "s3cret-for-htx-thanhnam-2026";

json endpoint(json extra = json::object()) {
  json e = {{"url", "http://127.0.0.1:8080/hook"}, {"secret", kSecret}};
  e.update(extra);
  return e;
}

// Expects invalid_argument naming `field`.
void expect_bad(const json& section, const std::string& field) {
  auto r = parse_config(section);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == lienket::Code::kInvalidArgument);
  CHECK(r.status().field() == field);
  INFO(r.status().message());
  CHECK(r.status().message().rfind(field, 0) == 0);
}

}  // namespace

TEST_CASE("an absent section means no endpoints", "[webhook][config]") {
  auto r = parse_config(json::object());
  REQUIRE(r.ok());
  CHECK(r->endpoints.empty());
}

TEST_CASE("an endpoint is parsed into origin, path and defaults", "[webhook][config]") {
  auto r = parse_config({{"endpoints", {endpoint()}}});
  REQUIRE(r.ok());
  REQUIRE(r->endpoints.size() == 1);
  const auto& e = r->endpoints[0];
  CHECK(e.origin == "http://127.0.0.1:8080");
  CHECK(e.path == "/hook");
  CHECK_FALSE(e.https);
  CHECK(e.secret == kSecret);
  CHECK(e.timeout_ms == 5000);
  CHECK(e.topics.empty());
  CHECK(e.wants("offtake.contract.posted"));

  SECTION("no path is /, a query is kept") {
    auto r2 = parse_config({{"endpoints",
                             {endpoint({{"url", "https://erp.example.vn"}}),
                              endpoint({{"url", "http://shop.example.vn:81?token=abc"}})}}});
    REQUIRE(r2.ok());
    CHECK(r2->endpoints[0].https);
    CHECK(r2->endpoints[0].origin == "https://erp.example.vn");
    CHECK(r2->endpoints[0].path == "/");
    CHECK(r2->endpoints[1].path == "/?token=abc");
  }
  SECTION("topics filter by prefix") {
    auto r2 = parse_config(
        {{"endpoints",
          {endpoint({{"topics", {"offtake.", "party.registered"}}, {"timeout_ms", 250}})}}});
    REQUIRE(r2.ok());
    const auto& f = r2->endpoints[0];
    CHECK(f.timeout_ms == 250);
    CHECK(f.wants("offtake.proposal.accepted"));
    CHECK(f.wants("party.registered"));
    CHECK_FALSE(f.wants("product.registered"));
    CHECK_FALSE(f.wants("offtak"));
  }
}

TEST_CASE("config mistakes name the key", "[webhook][config]") {
  SECTION("unknown keys") {
    expect_bad({{"endpoint", json::array()}}, "plugins.webhook.endpoint");
    expect_bad({{"endpoints", {endpoint({{"secrets", "x"}})}}},
               "plugins.webhook.endpoints[0].secrets");
  }
  SECTION("wrong shapes") {
    expect_bad({{"endpoints", "http://x"}}, "plugins.webhook.endpoints");
    expect_bad({{"endpoints", {endpoint(), 42}}}, "plugins.webhook.endpoints[1]");
    expect_bad({{"endpoints", {endpoint({{"timeout_ms", "5s"}})}}},
               "plugins.webhook.endpoints[0].timeout_ms");
    expect_bad({{"endpoints", {endpoint({{"timeout_ms", 50}})}}},
               "plugins.webhook.endpoints[0].timeout_ms");
    expect_bad({{"endpoints", {endpoint({{"topics", "offtake."}})}}},
               "plugins.webhook.endpoints[0].topics");
  }
  SECTION("bad URLs") {
    for (const char* url :
         {"ftp://127.0.0.1/hook", "127.0.0.1:8080/hook", "http://", "http://:8080/x",
          "http://host:0/x", "http://host:70000/x", "http://host:80a/x", "http://user@host/x",
          "http://host/a b", "http://host/x#frag"}) {
      INFO(url);
      expect_bad({{"endpoints", {endpoint({{"url", url}})}}}, "plugins.webhook.endpoints[0].url");
    }
  }
  SECTION("missing or weak secret") {
    json e = endpoint();
    e.erase("secret");
    expect_bad({{"endpoints", {e}}}, "plugins.webhook.endpoints[0].secret");
    expect_bad({{"endpoints", {endpoint({{"secret", "short"}})}}},
               "plugins.webhook.endpoints[0].secret");
  }
  SECTION("ca_file must exist and is for https only") {
    auto pem = std::filesystem::temp_directory_path() / "webhook_config_test_ca.pem";
    std::ofstream(pem) << "-----BEGIN CERTIFICATE-----\n";
    expect_bad({{"endpoints", {endpoint({{"ca_file", pem.string()}})}}},
               "plugins.webhook.endpoints[0].ca_file");
    expect_bad(
        {{"endpoints", {endpoint({{"url", "https://h/x"}, {"ca_file", "/nonexistent/ca.pem"}})}}},
        "plugins.webhook.endpoints[0].ca_file");
    CHECK(parse_config(
              {{"endpoints", {endpoint({{"url", "https://h/x"}, {"ca_file", pem.string()}})}}})
              .ok());
    std::filesystem::remove(pem);
  }
}
