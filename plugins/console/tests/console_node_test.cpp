// The console plugin on a real node over real HTTP: pages, the app's routes, settings, the
// Debian-packaged libraries at /vendor/, caching, and paths that try to leave the folder.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "testkit.hpp"

using lienket::testkit::Node;
using nlohmann::json;

namespace {

httplib::Result get(Node& node, const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client http(node.http_url());
  return http.Get(path, headers);
}

}  // namespace

TEST_CASE("Console: /app/ serves the one page for every screen, and its files") {
  Node node;
  auto index = get(node, "/app/");
  REQUIRE(index);
  CHECK(index->status == 200);
  CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK_THAT(index->body, Catch::Contains("<html"));
  // A screen's address is the same page: the script routes on the path.
  auto screen = get(node, "/app/contracts/c-1");
  REQUIRE(screen);
  CHECK(screen->status == 200);
  CHECK(screen->body == index->body);
  auto bare = get(node, "/app");
  REQUIRE(bare);
  CHECK(bare->status == 308);
  CHECK(bare->get_header_value("Location") == "/app/");

  auto missing = get(node, "/app/no-such-file.js");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->get_header_value("Content-Type") == "application/problem+json");
}

TEST_CASE("Console: paths that climb out of the folder find nothing") {
  Node node;
  for (const char* path :
       {"/app/../core/node.cpp", "/app/%2e%2e/CMakeLists.txt", "/app/i18n/..%2F..%2FCMakeLists.txt",
        "/app/.hidden.js", "/vendor/../../etc/passwd", "/vendor/leaflet/%2e%2e/%2e%2e/passwd",
        "/vendor/%2fetc%2fpasswd"}) {
    auto r = get(node, path);
    REQUIRE(r);
    INFO(path);
    CHECK(r->status == 404);
    CHECK(r->body.find("root:") == std::string::npos);
  }
}

TEST_CASE("Console: settings reach the pages; bad ones stop the node naming the key") {
  Node node(
      json{{"plugins",
            {{"console", {{"tiles", {{"url", ""}, {"attribution", ""}}}, {"language", "en"}}}}}});
  auto r = get(node, "/app/config.json");
  REQUIRE(r);
  CHECK(r->status == 200);
  auto c = json::parse(r->body);
  CHECK(c["tiles"]["url"] == "");
  CHECK(c["language"] == "en");
  CHECK(c["vendor"]["leaflet"] == "/vendor/leaflet/");

  CHECK_THROWS_WITH(Node(json{{"plugins", {{"console", {{"tiles", {{"url", "ftp://x"}}}}}}}}),
                    Catch::Contains("plugins.console.tiles.url"));
  CHECK_THROWS_WITH(Node(json{{"plugins", {{"console", {{"colour", "green"}}}}}}),
                    Catch::Contains("colour"));
}

TEST_CASE("Console: Debian's Leaflet is served at /vendor/, cached by ETag") {
  Node node;
  auto js = get(node, "/vendor/leaflet/leaflet.min.js");
  REQUIRE(js);
  REQUIRE(js->status == 200);
  CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  auto etag = js->get_header_value("ETag");
  REQUIRE(!etag.empty());
  auto again = get(node, "/vendor/leaflet/leaflet.min.js", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  // Compressed for a browser that says it can read gzip.
  auto gz = get(node, "/vendor/leaflet/leaflet.min.js", {{"Accept-Encoding", "gzip"}});
  REQUIRE(gz);
  CHECK(gz->status == 200);
}
