// Fan-out of one event to several endpoints, through a scripted transport: who is sent what on the
// first try, on retries and on a dead-letter replay.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "dispatcher.hpp"
#include "lienket/util/webhook_signature.hpp"

using lienket::Code;
using lienket::Event;
using lienket::Status;
using nlohmann::json;
using namespace lienket::webhook;

namespace {

// Answers each URL with the status scripted for it (default ok) and records every request.
class ScriptedTransport : public Transport {
 public:
  struct Sent {
    std::string url;
    WebhookRequest request;
  };
  Status post(const Endpoint& e, const WebhookRequest& r) override {
    sent.push_back({e.url, r});
    auto it = answer.find(e.url);
    return it == answer.end() ? Status::Ok() : it->second;
  }
  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const auto& s : sent) out.push_back(s.url);
    return out;
  }
  std::map<std::string, Status> answer;
  std::vector<Sent> sent;
};

Endpoint endpoint(const std::string& url, std::vector<std::string> topics = {}) {
  Endpoint e;
  e.url = url;
  e.secret = "secret-of-" + url;
  e.topics = std::move(topics);
  return e;
}

Event event(std::uint64_t seq, const std::string& type) {
  return {seq,
          type,
          "2026-03-01T08:00:00.000+07:00",
          "htx-thanhnam",
          {{"party", {{"id", "htx-thanhnam"}}}}};
}

const std::string kA = "http://erp.example.vn/a", kB = "http://shop.example.vn/b";

}  // namespace

TEST_CASE("each wanting endpoint gets the event, signed with its own secret",
          "[webhook][dispatcher]") {
  ScriptedTransport t;
  Dispatcher d({endpoint(kA), endpoint(kB, {"product."})}, t);

  CHECK(d.deliver(event(7, "party.registered")).ok());
  CHECK(t.urls() == std::vector<std::string>{kA});  // B filters party.* out

  CHECK(d.deliver(event(8, "product.registered")).ok());
  REQUIRE(t.sent.size() == 3);
  const auto& r = t.sent[2].request;
  CHECK(t.sent[2].url == kB);
  auto body = json::parse(r.body);
  CHECK(body["seq"] == 8);
  CHECK(body["type"] == "product.registered");
  CHECK(body["by"] == "htx-thanhnam");
  CHECK(body["data"]["party"]["id"] == "htx-thanhnam");
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  CHECK(h["X-Lienket-Delivery"] == "8");
  CHECK(h["X-Lienket-Event"] == "product.registered");
  CHECK(h["X-Lienket-Signature"] == lienket::util::signature_header("secret-of-" + kB, r.body));
  CHECK(d.tracked() == 0);
}

TEST_CASE("no endpoint wanting the event is success without sending", "[webhook][dispatcher]") {
  ScriptedTransport t;
  Dispatcher none({}, t);
  CHECK(none.deliver(event(1, "party.registered")).ok());
  Dispatcher filtered({endpoint(kA, {"offtake."})}, t);
  CHECK(filtered.deliver(event(2, "party.registered")).ok());
  CHECK(t.sent.empty());
}

TEST_CASE("a retry is not sent to endpoints that confirmed", "[webhook][dispatcher]") {
  ScriptedTransport t;
  Dispatcher d({endpoint(kA), endpoint(kB)}, t);
  t.answer[kB] = Status::Unavailable("HTTP 503");

  auto st = d.deliver(event(5, "party.registered"));
  CHECK(st.code() == Code::kUnavailable);
  CHECK(d.tracked() == 1);
  st = d.deliver(event(5, "party.registered"));
  CHECK(st.code() == Code::kUnavailable);
  CHECK(t.urls() == std::vector<std::string>{kA, kB, kB});

  t.answer.erase(kB);
  CHECK(d.deliver(event(5, "party.registered")).ok());
  CHECK(t.urls() == std::vector<std::string>{kA, kB, kB, kB});
  CHECK(d.tracked() == 0);
}

TEST_CASE("a permanent rejection dead-letters once the others are settled",
          "[webhook][dispatcher]") {
  ScriptedTransport t;
  Dispatcher d({endpoint(kA), endpoint(kB)}, t);
  t.answer[kA] = Status::FailedPrecondition("HTTP 400 from " + kA);
  t.answer[kB] = Status::Unavailable("connection refused");

  SECTION("while another endpoint may still take it, the event is retried, without the rejecter") {
    CHECK(d.deliver(event(9, "party.registered")).code() == Code::kUnavailable);
    t.answer.erase(kB);
    auto st = d.deliver(event(9, "party.registered"));
    CHECK(st.code() == Code::kFailedPrecondition);
    CHECK(st.message() == "HTTP 400 from " + kA);
    CHECK(t.urls() == std::vector<std::string>{kA, kB, kB});

    SECTION("a replay after the receiver is fixed goes only to the endpoint that lacks it") {
      t.answer.clear();
      CHECK(d.deliver(event(9, "party.registered")).ok());
      CHECK(t.urls() == std::vector<std::string>{kA, kB, kB, kA});
      CHECK(d.tracked() == 0);
    }
  }
  SECTION("a replay that is rejected again stays a permanent error") {
    t.answer.erase(kB);
    CHECK(d.deliver(event(9, "party.registered")).code() == Code::kFailedPrecondition);
    CHECK(d.deliver(event(9, "party.registered")).code() == Code::kFailedPrecondition);
    CHECK(t.urls() == std::vector<std::string>{kA, kB, kA});
  }
}

TEST_CASE("memory of partial deliveries is bounded", "[webhook][dispatcher]") {
  ScriptedTransport t;
  Dispatcher d({endpoint(kA), endpoint(kB)}, t);
  t.answer[kB] = Status::Unavailable("down");
  for (std::uint64_t seq = 1; seq <= Dispatcher::kMaxTracked + 5; ++seq)
    d.deliver(event(seq, "party.registered"));
  CHECK(d.tracked() == Dispatcher::kMaxTracked);
}
