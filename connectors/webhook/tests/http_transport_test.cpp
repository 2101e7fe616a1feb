// The HTTP transport against a real server on 127.0.0.1: what each answer, a timeout and a closed
// port mean for delivery, and https with a certificate that must verify.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <unistd.h>

#include "config.hpp"
#include "receiver.hpp"
#include "transport.hpp"
#include "webhook_request.hpp"

using lienket::Code;
using lienket::Event;
using nlohmann::json;
using namespace lienket::webhook;
using test::Receiver;

namespace {

const std::string kSecret = "whsec-lienket-test-0123456789";

Endpoint endpoint_for(const Receiver& r, std::int64_t timeout_ms = 2000) {
  auto c = parse_config({{"endpoints",
                          {{{"url", r.url("/hook?from=lienket")},
                            {"secret", kSecret},
                            {"timeout_ms", timeout_ms}}}}});
  REQUIRE(c.ok());
  return c->endpoints[0];
}

Event sample(std::uint64_t seq) {
  return {seq,
          "party.registered",
          "2026-03-01T08:00:00.000+07:00",
          "",
          {{"party", {{"id", "htx-thanhnam"}, {"name", "HTX Chè Thanh Nam"}, {"members", 120}}}}};
}

}  // namespace

TEST_CASE("a 2xx answer is delivery, with the body and headers the receiver needs",
          "[webhook][http]") {
  Receiver r(kSecret);
  r.start();
  HttpTransport t;
  auto st = t.post(endpoint_for(r), build_request(sample(42), kSecret));
  REQUIRE(st.ok());
  auto got = r.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].delivery_id == "42");
  CHECK(got[0].event_type == "party.registered");
  CHECK(got[0].content_type == "application/json");
  CHECK(got[0].signature_ok);
  auto body = json::parse(got[0].body);
  CHECK(body ==
        json{{"seq", 42},
             {"type", "party.registered"},
             {"at", "2026-03-01T08:00:00.000+07:00"},
             {"by", ""},
             {"data",
              {{"party",
                {{"id", "htx-thanhnam"}, {"name", "HTX Chè Thanh Nam"}, {"members", 120}}}}}});
}

TEST_CASE("answers that may change later are unavailable, the rest permanent", "[webhook][http]") {
  Receiver r(kSecret);
  r.start();
  HttpTransport t;
  auto ep = endpoint_for(r);
  for (int status : {500, 502, 503, 504, 408, 429}) {
    r.set_mode(Receiver::Mode::kFail, status);
    auto st = t.post(ep, build_request(sample(1), kSecret));
    INFO(status << ": " << st.message());
    CHECK(st.code() == Code::kUnavailable);
    CHECK(st.message().find(std::to_string(status)) != std::string::npos);
  }
  for (int status : {400, 401, 403, 404, 410, 422, 301, 302}) {
    r.set_mode(Receiver::Mode::kFail, status);
    auto st = t.post(ep, build_request(sample(1), kSecret));
    INFO(status << ": " << st.message());
    CHECK(st.code() == Code::kFailedPrecondition);
    CHECK(st.message().find(ep.url) != std::string::npos);
  }
}

TEST_CASE("a receiver that answers too late or not at all is unavailable", "[webhook][http]") {
  Receiver r(kSecret);
  r.start();
  HttpTransport t;
  SECTION("too late: given up after the timeout") {
    r.set_mode(Receiver::Mode::kSlow, 1500);
    auto t0 = std::chrono::steady_clock::now();
    auto st = t.post(endpoint_for(r, 300), build_request(sample(1), kSecret));
    auto took = std::chrono::steady_clock::now() - t0;
    CHECK(st.code() == Code::kUnavailable);
    CHECK(st.message().find("no answer within 300 ms") != std::string::npos);
    CHECK(took < std::chrono::milliseconds(1400));
  }
  SECTION("gone: the port is closed") {
    auto ep = endpoint_for(r);
    r.stop();
    auto st = t.post(ep, build_request(sample(1), kSecret));
    CHECK(st.code() == Code::kUnavailable);
    CHECK(st.message() == "cannot connect (refused or unreachable) posting to " + ep.url);
    SECTION("and back on the same port") {
      r.start();
      CHECK(t.post(ep, build_request(sample(1), kSecret)).ok());
    }
  }
}

TEST_CASE("https verifies the receiver's certificate", "[webhook][http]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("webhook-tls-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "
      "/CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    fs::remove_all(dir);
    WARN(
        "SKIPPED: the openssl command (Debian package openssl) is needed to make a test "
        "certificate");
    return;
  }
  Receiver r(kSecret, cert, key);
  r.start();
  HttpTransport t;
  Endpoint ep = endpoint_for(r);
  REQUIRE(ep.https);
  SECTION("an untrusted certificate is refused") {
    auto st = t.post(ep, build_request(sample(3), kSecret));
    CHECK(st.code() == Code::kUnavailable);
    INFO(st.message());
    CHECK((st.message().find("certificate") != std::string::npos ||
           st.message().find("TLS") != std::string::npos));
    CHECK(r.requests() == 0);
  }
  SECTION("trusted through ca_file it is delivered") {
    ep.ca_file = cert;
    CHECK(t.post(ep, build_request(sample(3), kSecret)).ok());
    REQUIRE(r.requests() == 1);
    CHECK(r.received()[0].signature_ok);
  }
  r.stop();
  fs::remove_all(dir);
}
