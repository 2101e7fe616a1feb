// HttpListener: serves on its own thread, owns its port exclusively, stops cleanly.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <string>

#include "lienket/util/http_listener.hpp"

using lienket::Code;
using lienket::util::HttpListener;

namespace {

void add_ping(HttpListener& l, const std::string& answer) {
  l.server().Get("/ping", [answer](const httplib::Request&, httplib::Response& res) {
    res.set_content(answer, "text/plain");
  });
}

// The body of GET /ping on 127.0.0.1:port, or "" when nothing answers.
std::string ping(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  auto res = client.Get("/ping");
  return res ? res->body : "";
}

std::string in_use(int port) { return "127.0.0.1:" + std::to_string(port) + " is already in use"; }

}  // namespace

TEST_CASE("a listener serves its routes on the port it was given", "[util][http]") {
  HttpListener l;
  add_ping(l, "first");
  SECTION("port 0 picks a free port, which port() tells") {
    REQUIRE(l.start("127.0.0.1", 0).ok());
    CHECK(l.port() > 0);
    CHECK(ping(l.port()) == "first");
  }
  SECTION("port() is 0 before start") { CHECK(l.port() == 0); }
  SECTION("a listener starts once") {
    REQUIRE(l.start("127.0.0.1", 0).ok());
    CHECK(l.start("127.0.0.1", 0).code() == Code::kFailedPrecondition);
  }
}

TEST_CASE("a port in use is an error naming host:port", "[util][http]") {
  HttpListener first;
  add_ping(first, "first");
  REQUIRE(first.start("127.0.0.1", 0).ok());
  const int port = first.port();

  SECTION("a second listener on the same port fails, and the first keeps its traffic") {
    HttpListener second;
    add_ping(second, "second");
    auto st = second.start("127.0.0.1", port);
    CHECK(st.code() == Code::kUnavailable);
    CHECK(st.message() == in_use(port));
    CHECK(second.port() == 0);
    for (int i = 0; i < 20; ++i) REQUIRE(ping(port) == "first");
  }
  SECTION("so does a listener beside a cpp-httplib server left with its SO_REUSEPORT default") {
    httplib::Server plain;
    const int plain_port = plain.bind_to_any_port("127.0.0.1");
    REQUIRE(plain_port > 0);
    HttpListener l;
    auto st = l.start("127.0.0.1", plain_port);
    CHECK(st.message() == in_use(plain_port));
  }
  SECTION("the port is free again once the first listener stops") {
    first.stop();
    HttpListener again;
    add_ping(again, "again");
    REQUIRE(again.start("127.0.0.1", port).ok());
    CHECK(ping(port) == "again");
  }
}

TEST_CASE("stop closes the port and joins the thread", "[util][http]") {
  SECTION("stop right after start returns") {
    HttpListener l;
    REQUIRE(l.start("127.0.0.1", 0).ok());
    l.stop();
    CHECK(ping(l.port()) == "");
  }
  SECTION("stop twice, or without start, does nothing") {
    HttpListener never;
    never.stop();
    HttpListener twice;
    REQUIRE(twice.start("127.0.0.1", 0).ok());
    twice.stop();
    twice.stop();
  }
  SECTION("the destructor stops a listener that is serving") {
    int port = 0;
    {
      HttpListener l;
      add_ping(l, "alive");
      REQUIRE(l.start("127.0.0.1", 0).ok());
      port = l.port();
      REQUIRE(ping(port) == "alive");
    }
    CHECK(ping(port) == "");
  }
}

TEST_CASE("a host that cannot be listened on is an error naming it", "[util][http]") {
  HttpListener l;
  auto st = l.start("192.0.2.1", 0);  // TEST-NET-1: assigned to no interface here
  CHECK(st.code() == Code::kUnavailable);
  CHECK_THAT(st.message(), Catch::StartsWith("cannot listen on 192.0.2.1:0"));
}
