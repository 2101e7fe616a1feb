// EPCIS 2.0 query subscriptions over webhooks (docs/epcis-rest.md, "Subscriptions") against a
// running node and a real cpp-httplib receiver on a loopback port: a stream subscription gets the
// matching events signed with GS1-Signature, in documents that validate against GS1's schema;
// nothing is lost while the receiver fails or is closed, nor across a restart of the node; a
// schedule fires on the node's clock and reports an empty result when asked; the binding's
// refusals; DELETE stops delivery. Every wait is on a condition, never a fixed sleep.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "epcis_client.hpp"
#include "epcis_subscription_schedule.hpp"
#include "lienket/testing/eventually.hpp"
#include "lienket/time.hpp"
#include "lienket/util/webhook_signature.hpp"
#include "schema_check.hpp"
#include "testkit.hpp"

using lienket::testing::eventually;
using lienket::testkit::api_token;
using lienket::testkit::Node;
using lienket::testkit::ok;
using lienket::trace::testing::Epcis;
using lienket::trace::testing::expect_problem;
using nlohmann::json;

namespace {

constexpr auto kWait = std::chrono::seconds(10);

// A webhook receiver: records every POST by path; answers `fail_status` to the next `fail_next`
// requests; stop() closes the port, start() opens the same one again.
class Receiver {
 public:
  struct Hit {
    std::string path, body, signature, content_type;
    json doc;
  };
  Receiver() { start(); }
  ~Receiver() { stop(); }

  void start() {
    server_ = std::make_unique<httplib::Server>();
    server_->Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      if (fail_next_ > 0) {
        --fail_next_;
        ++refused_;
        res.status = fail_status_;
        return;
      }
      hits_.push_back({req.path, req.body, req.get_header_value("GS1-Signature"),
                       req.get_header_value("Content-Type"),
                       json::parse(req.body, nullptr, false)});
      res.status = 204;
    });
    if (port_ == 0)
      port_ = server_->bind_to_any_port("127.0.0.1");
    else
      REQUIRE(eventually([&] { return server_->bind_to_port("127.0.0.1", port_); }, kWait,
                         std::chrono::milliseconds(50)));
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    REQUIRE(eventually([&] { return server_->is_running(); }, kWait));
  }
  void stop() {
    if (!server_) return;
    server_->stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void fail(int next, int status = 503) {
    std::lock_guard lock(mu_);
    fail_next_ = next;
    fail_status_ = status;
  }
  int refused() const {
    std::lock_guard lock(mu_);
    return refused_;
  }
  std::vector<Hit> hits(const std::string& path) const {
    std::lock_guard lock(mu_);
    std::vector<Hit> out;
    for (const auto& h : hits_)
      if (h.path == path) out.push_back(h);
    return out;
  }
  // Every eventID received at `path`, with how often.
  std::map<std::string, int> event_ids(const std::string& path) const {
    std::map<std::string, int> out;
    for (const auto& h : hits(path))
      for (const auto& ev : h.doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"])
        ++out[ev.value("eventID", "?")];
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  int fail_next_ = 0, fail_status_ = 503, refused_ = 0;
  std::vector<Hit> hits_;
};

std::string event_id(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "urn:uuid:00000000-0000-4000-8000-%012d", n);
  return buf;
}

json event(int n, const std::string& biz_step) {
  return {{"type", "ObjectEvent"},
          {"eventID", event_id(n)},
          {"action", "OBSERVE"},
          {"bizStep", biz_step},
          {"eventTime", "2026-03-01T07:00:0" + std::to_string(n % 10) + ".000+07:00"},
          {"eventTimeZoneOffset", "+07:00"},
          {"epcList", {"urn:epc:id:sgtin:0614141.107346." + std::to_string(1000 + n)}}};
}

void capture(Epcis& api, const std::vector<json>& events) {
  json doc = {{"@context", {"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"}},
              {"type", "EPCISDocument"},
              {"schemaVersion", "2.0"},
              {"creationDate", "2026-03-01T07:00:00.000+07:00"},
              {"epcisBody", {{"eventList", events}}}};
  auto r = api.post("/epcis/capture", doc);
  INFO(r.body.dump());
  REQUIRE(r.status == 202);
  auto job = api.get(r.header("Location"));
  INFO(job.body.dump());
  REQUIRE(job.body["success"] == true);
}

std::string make_query(Epcis& api, const std::string& name, const std::string& biz_step) {
  auto r = api.post("/epcis/queries", {{"name", name}, {"query", {{"EQ_bizStep", {biz_step}}}}});
  INFO(r.body.dump());
  REQUIRE(r.status == 201);
  return "/epcis/queries/" + name + "/subscriptions";
}

std::string subscribe(Epcis& api, const std::string& path, const json& body) {
  auto r = api.post(path, body);
  INFO(r.body.dump());
  REQUIRE(r.status == 201);
  std::string location = r.header("Location");
  CHECK(location == path + "/" + r.body["subscriptionID"].get<std::string>());
  CHECK_FALSE(r.body.contains("signatureToken"));
  return location;
}

// GS1's JSON schema, checked by the independent validator the other trace tests use.
void expect_valid_document(const json& doc) {
  auto file = std::filesystem::temp_directory_path() /
              ("lienket-subscription-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << doc.dump(2);
  auto verdict = lienket::trace::testing::gs1_schema_check({file});
  std::filesystem::remove(file);
  if (verdict.skipped()) {
    WARN("SKIPPED schema check: apt-get install python3-jsonschema");
    return;
  }
  INFO(verdict.output << doc.dump());
  CHECK(verdict.status == 0);
}

bool has_ids(Receiver& r, const std::string& path, std::set<std::string> ids) {
  auto got = r.event_ids(path);
  for (const auto& id : ids)
    if (!got.count(id)) return false;
  return true;
}

// Seconds since the epoch of an RFC 3339 time.
std::int64_t at(const std::string& t) { return *lienket::parse_time(t) / 1000; }

lienket::trace::QuerySchedule schedule(const json& fields) {
  auto s = lienket::trace::QuerySchedule::parse(fields, "schedule");
  INFO(fields.dump());
  REQUIRE(s.ok());
  return *s;
}

}  // namespace

TEST_CASE("EPCIS query schedules: fields, lists, ranges and what an absent field means") {
  SECTION("finer fields left out take their lowest value, coarser ones any") {
    auto daily = schedule({{"hour", "1"}, {"minute", "5"}});
    CHECK(daily.fires_at(at("2026-03-01T01:05:00Z")));
    CHECK(daily.fires_at(at("2026-07-19T01:05:00Z")));
    CHECK_FALSE(daily.fires_at(at("2026-03-01T01:05:01Z")));
    CHECK_FALSE(daily.fires_at(at("2026-03-01T02:05:00Z")));
    auto half = schedule({{"second", "30"}});
    CHECK(half.fires_at(at("2026-03-01T13:47:30Z")));
    CHECK_FALSE(half.fires_at(at("2026-03-01T13:47:31Z")));
    auto march = schedule({{"month", "3"}});
    CHECK(march.fires_at(at("2026-03-01T00:00:00Z")));
    CHECK_FALSE(march.fires_at(at("2026-03-02T00:00:00Z")));
  }
  SECTION("lists and ranges; dayOfWeek 1 is Monday, and leaves dayOfMonth any") {
    auto s = schedule({{"minute", "[0-2],30"}});
    for (const char* t : {"2026-03-01T09:00:00Z", "2026-03-01T09:02:00Z", "2026-03-01T09:30:00Z"})
      CHECK(s.fires_at(at(t)));
    CHECK_FALSE(s.fires_at(at("2026-03-01T09:03:00Z")));
    CHECK_FALSE(s.fires_at(at("2026-03-01T09:30:01Z")));
    auto mondays = schedule({{"dayOfWeek", "1"}});
    CHECK(mondays.fires_at(at("2026-03-02T00:00:00Z")));  // a Monday
    CHECK(mondays.fires_at(at("2026-03-09T00:00:00Z")));
    CHECK_FALSE(mondays.fires_at(at("2026-03-01T00:00:00Z")));  // a Sunday
    CHECK_FALSE(mondays.fires_at(at("2026-03-02T00:00:01Z")));
  }
  SECTION("between two times") {
    auto half = schedule({{"second", "30"}});
    std::int64_t t = at("2026-03-01T01:00:00Z") * 1000;
    CHECK(half.fires_between(t, t + 30000));
    CHECK_FALSE(half.fires_between(t, t + 29999));
    CHECK_FALSE(half.fires_between(t + 30000, t + 60000));
  }
  SECTION("refused: an empty schedule, unknown fields, values out of range, malformed") {
    using lienket::trace::QuerySchedule;
    for (const json& bad : {json::object(), json{{"week", "1"}}, json{{"second", "60"}},
                            json{{"hour", "[5-2]"}}, json{{"dayOfMonth", "0"}},
                            json{{"month", "1,"}}, json{{"minute", "*"}}, json{{"minute", true}}}) {
      INFO(bad.dump());
      CHECK_FALSE(QuerySchedule::parse(bad, "schedule").ok());
    }
  }
}

TEST_CASE("EPCIS query subscriptions: a stream delivers every matching event, signed, once") {
  Node node;
  Receiver receiver;
  Epcis admin(node, api_token(node, ""));
  capture(admin, {event(1, "receiving")});  // before the subscription: not reported
  std::string subs = make_query(admin, "receiving", "receiving");
  std::string location = subscribe(
      admin, subs,
      {{"dest", receiver.url("/stream")}, {"signatureToken", "s3cret"}, {"stream", true}});

  SECTION("matching events arrive signed, in valid EPCISQueryDocuments; others do not") {
    capture(admin, {event(2, "receiving"), event(3, "shipping"), event(4, "receiving")});
    REQUIRE(eventually(
        [&] {
          return has_ids(receiver, "/stream", {event_id(2), event_id(4)});
        },
        kWait));
    auto ids = receiver.event_ids("/stream");
    CHECK(ids == std::map<std::string, int>{{event_id(2), 1}, {event_id(4), 1}});
    for (const auto& hit : receiver.hits("/stream")) {
      CHECK(hit.content_type == "application/ld+json");
      CHECK(lienket::util::signatures_equal(hit.signature,
                                            lienket::util::signature_header("s3cret", hit.body)));
      CHECK_FALSE(lienket::util::signatures_equal(
          hit.signature, lienket::util::signature_header("other", hit.body)));
      const json& results = hit.doc["epcisBody"]["queryResults"];
      CHECK(hit.doc["type"] == "EPCISQueryDocument");
      CHECK(results["queryName"] == "receiving");
      CHECK(location.substr(location.rfind('/') + 1) == results["subscriptionID"]);
      expect_valid_document(hit.doc);
    }
    // The order of the record: event 2 before event 4.
    std::vector<std::string> order;
    for (const auto& hit : receiver.hits("/stream"))
      for (const auto& ev : hit.doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"])
        order.push_back(ev["eventID"]);
    CHECK(order == std::vector<std::string>{event_id(2), event_id(4)});
    // GET says what was delivered, and never the secret.
    REQUIRE(eventually(
        [&] { return admin.get(location).body["lk:delivery"].value("delivered", 0) == 2; }, kWait));
    auto got = admin.get(location);
    CHECK(got.body["stream"] == true);
    CHECK(got.body["dest"] == receiver.url("/stream"));
    CHECK(got.body.contains("lastNotifiedAt"));
    CHECK_FALSE(got.body.contains("signatureToken"));
    CHECK(got.body.dump().find("s3cret") == std::string::npos);
    auto listed = admin.get(subs);
    REQUIRE(listed.status == 200);
    REQUIRE(listed.body.size() == 1);
    CHECK(listed.body[0]["subscriptionID"] == got.body["subscriptionID"]);
  }

  SECTION("with initialRecordTime, events stored before the subscription are reported too") {
    std::string early = subscribe(admin, subs,
                                  {{"dest", receiver.url("/early")},
                                   {"stream", true},
                                   {"initialRecordTime", "2026-01-01T00:00:00Z"}});
    REQUIRE(eventually([&] { return has_ids(receiver, "/early", {event_id(1)}); }, kWait));
    CHECK(admin.get(early).body["initialRecordTime"] == "2026-01-01T00:00:00Z");
    CHECK(receiver.hits("/stream").empty());  // the first subscription starts at its creation
  }

  SECTION("a receiver answering 503, then closed: nothing is lost, the error is reported") {
    receiver.fail(3, 503);
    capture(admin, {event(5, "receiving")});
    REQUIRE(eventually([&] { return has_ids(receiver, "/stream", {event_id(5)}); }, kWait));
    CHECK(receiver.refused() == 3);
    auto state = admin.get(location).body["lk:delivery"];
    INFO(state.dump());
    CHECK(state["lastError"]["status"] == 503);
    receiver.stop();
    capture(admin, {event(6, "receiving"), event(7, "shipping")});
    REQUIRE(eventually(
        [&] { return admin.get(location).body["lk:delivery"].value("attempts", 0) >= 1; }, kWait));
    receiver.start();
    capture(admin, {event(8, "receiving")});
    REQUIRE(eventually(
        [&] {
          return has_ids(receiver, "/stream", {event_id(6), event_id(8)});
        },
        kWait));
    auto ids = receiver.event_ids("/stream");
    CHECK(ids.size() == 3);  // 5, 6, 8: at least once, and here exactly once
    for (const auto& [id, times] : ids) CHECK(times == 1);
    CHECK(admin.get(location).body["lk:delivery"]["attempts"] == 0);
  }

  SECTION("a 4xx is retried too, and reported as a rejection") {
    receiver.fail(2, 401);
    capture(admin, {event(9, "receiving")});
    REQUIRE(eventually(
        [&] { return admin.get(location).body["lk:delivery"]["lastError"].is_object(); }, kWait));
    auto error = admin.get(location).body["lk:delivery"]["lastError"];
    CHECK(error["status"] == 401);
    CHECK(error["rejected"] == true);
    REQUIRE(eventually([&] { return has_ids(receiver, "/stream", {event_id(9)}); }, kWait));
  }

  SECTION("after a restart of the node, delivery resumes from the cursor") {
    capture(admin, {event(10, "receiving")});
    REQUIRE(eventually([&] { return has_ids(receiver, "/stream", {event_id(10)}); }, kWait));
    receiver.fail(1000, 503);
    capture(admin, {event(11, "receiving")});
    REQUIRE(eventually([&] { return receiver.refused() >= 1; }, kWait));
    node.stop();
    receiver.fail(0);
    node.start();
    Epcis again(node, api_token(node, ""));
    capture(again, {event(12, "receiving")});
    REQUIRE(eventually(
        [&] {
          return has_ids(receiver, "/stream", {event_id(11), event_id(12)});
        },
        kWait));
    auto ids = receiver.event_ids("/stream");
    CHECK(ids ==
          std::map<std::string, int>{{event_id(10), 1}, {event_id(11), 1}, {event_id(12), 1}});
  }

  SECTION("DELETE stops delivery; deleting the query removes its subscriptions") {
    std::string other =
        subscribe(admin, subs, {{"dest", receiver.url("/other")}, {"stream", true}});
    auto del = admin.del(location);
    CHECK(del.status == 204);
    expect_problem(admin.get(location), 404, "NoSuchNameException");
    capture(admin, {event(13, "receiving")});
    REQUIRE(eventually([&] { return has_ids(receiver, "/other", {event_id(13)}); }, kWait));
    CHECK(receiver.hits("/stream").empty());
    CHECK(admin.del("/epcis/queries/receiving").status == 204);
    REQUIRE(make_query(admin, "receiving", "receiving") == subs);
    expect_problem(admin.get(other), 404, "NoSuchNameException");
    CHECK(admin.get(subs).body == json::array());
  }
}

TEST_CASE("EPCIS query subscriptions: a schedule fires on the node's clock") {
  Node node;  // a manual clock at 2026-03-01T01:00:00Z, moved by node.clock.advance
  Receiver receiver;
  Epcis admin(node, api_token(node, ""));
  std::string subs = make_query(admin, "shipping", "shipping");
  std::string location = subscribe(admin, subs,
                                   {{"dest", receiver.url("/every-minute")},
                                    {"reportIfEmpty", true},
                                    {"schedule", {{"second", "30"}}}});
  subscribe(admin, subs, {{"dest", receiver.url("/quiet")}, {"schedule", {{"second", "30"}}}});
  capture(admin, {event(1, "receiving")});

  // 01:00:30: nothing matched since the subscription; reportIfEmpty sends an empty result.
  ok(node.call("node.clock.advance", {{"seconds", 30}}));
  REQUIRE(eventually([&] { return receiver.hits("/every-minute").size() == 1; }, kWait));
  auto empty = receiver.hits("/every-minute")[0].doc;
  CHECK(empty["epcisBody"]["queryResults"]["resultsBody"]["eventList"] == json::array());
  CHECK(empty["epcisBody"]["queryResults"]["queryName"] == "shipping");
  expect_valid_document(empty);

  // Captured between two times: reported at the next one (01:01:30), not before.
  capture(admin, {event(2, "shipping"), event(3, "receiving")});
  ok(node.call("node.clock.advance", {{"seconds", 20}}));  // 01:00:50
  ok(node.call("node.clock.advance", {{"seconds", 40}}));  // 01:01:30
  REQUIRE(eventually([&] { return has_ids(receiver, "/every-minute", {event_id(2)}); }, kWait));
  REQUIRE(eventually([&] { return has_ids(receiver, "/quiet", {event_id(2)}); }, kWait));
  CHECK(receiver.hits("/every-minute").size() == 2);
  CHECK(receiver.event_ids("/every-minute") == std::map<std::string, int>{{event_id(2), 1}});
  CHECK(receiver.hits("/quiet").size() == 1);  // no empty report without reportIfEmpty
  auto got = admin.get(location);
  CHECK(got.body["schedule"] == json{{"second", "30"}});
  CHECK(got.body["reportIfEmpty"] == true);
  CHECK_FALSE(got.body.contains("stream"));
}

TEST_CASE("EPCIS query subscriptions: refusals and access") {
  Node node;
  lienket::testkit::register_tea_market(node, "09520123456788");
  Receiver receiver;
  Epcis coop(node, api_token(node, "htx-thanhnam"));
  Epcis buyer(node, api_token(node, "dn-tanhiep"));
  Epcis admin(node, api_token(node, ""));
  std::string subs = make_query(coop, "mine", "receiving");
  json good = {{"dest", receiver.url("/x")}, {"stream", true}};

  SECTION("the body: dest, stream or schedule, the schedule's fields") {
    expect_problem(coop.post(subs, {{"stream", true}}), 400, "SubscriptionControlsException",
                   "dest");
    expect_problem(coop.post(subs, {{"dest", "ftp://example.com/x"}, {"stream", true}}), 400,
                   "SubscriptionControlsException", "dest");
    expect_problem(coop.post(subs, {{"dest", receiver.url("/x")}}), 400,
                   "SubscriptionControlsException", "stream");
    expect_problem(coop.post(subs, {{"dest", receiver.url("/x")}, {"stream", false}}), 400,
                   "SubscriptionControlsException", "stream");
    expect_problem(coop.post(subs, {{"dest", receiver.url("/x")},
                                    {"stream", true},
                                    {"schedule", {{"minute", "5"}}}}),
                   400, "SubscriptionControlsException", "schedule");
    expect_problem(
        coop.post(subs, {{"dest", receiver.url("/x")}, {"schedule", {{"minute", "75"}}}}), 400,
        "SubscriptionControlsException", "schedule.minute");
    expect_problem(
        coop.post(subs, {{"dest", receiver.url("/x")}, {"schedule", {{"hour", "[5-2]"}}}}), 400,
        "SubscriptionControlsException", "schedule.hour");
    expect_problem(coop.post(subs, {{"dest", receiver.url("/x")}, {"schedule", {{"week", "1"}}}}),
                   400, "SubscriptionControlsException", "schedule.week");
    expect_problem(coop.post(subs, {{"dest", receiver.url("/x")}, {"schedule", json::object()}}),
                   400, "SubscriptionControlsException", "schedule");
    expect_problem(
        coop.post(subs,
                  {{"dest", receiver.url("/x")}, {"stream", true}, {"initialRecordTime", "soon"}}),
        400, "SubscriptionControlsException", "initialRecordTime");
    CHECK(coop.post(subs, {{"dest", receiver.url("/x")},
                           {"schedule", {{"second", "0,30"}, {"minute", "[0-59]"}}}})
              .status == 201);
  }

  SECTION("an unknown query is 404; another party's query and subscription are 404") {
    expect_problem(coop.post("/epcis/queries/nothing/subscriptions", good), 404,
                   "NoSuchNameException");
    expect_problem(coop.get("/epcis/queries/nothing/subscriptions"), 404, "NoSuchNameException");
    std::string location = subscribe(coop, subs, good);
    expect_problem(buyer.post(subs, good), 404, "NoSuchNameException");
    expect_problem(buyer.get(subs), 404, "NoSuchNameException");
    expect_problem(buyer.get(location), 404, "NoSuchNameException");
    expect_problem(buyer.del(location), 404, "NoSuchNameException");
    CHECK(admin.get(location).status == 200);  // the admin sees all
    expect_problem(coop.get(subs + "/00000000-0000-4000-8000-000000000000"), 404,
                   "NoSuchNameException");
    CHECK(coop.del(location).status == 204);
    expect_problem(coop.del(location), 404, "NoSuchNameException");
  }

  SECTION("the list is paged like the other lists") {
    for (int i = 0; i < 3; ++i) subscribe(coop, subs, good);
    auto first = coop.get(subs + "?perPage=2");
    REQUIRE(first.status == 200);
    CHECK(first.body.size() == 2);
    std::string link = first.header("Link");
    REQUIRE(link.find("nextPageToken=") != std::string::npos);
    std::string next = link.substr(link.find(subs), link.find('>') - link.find(subs));
    auto second = coop.get(next);
    REQUIRE(second.status == 200);
    CHECK(second.body.size() == 1);
    CHECK(second.header("Link").empty());
  }

  SECTION("OPTIONS lists the methods; WebSocket streams are still refused") {
    httplib::Client http(node.http_url());
    auto opt = http.Options(subs, {{"Authorization", "Bearer " + api_token(node, "htx-thanhnam")}});
    REQUIRE(opt);
    CHECK(opt->status == 204);
    CHECK(opt->get_header_value("Allow") == "OPTIONS, POST, GET");
    // No WebSocket server: an upgrade is not switched, and neither it nor stream=true is answered
    // as if it were the stream (400, which points to webhook subscriptions).
    auto upgrade = http.Get("/epcis/queries/mine/events",
                            {{"Authorization", "Bearer " + api_token(node, "htx-thanhnam")},
                             {"Connection", "Upgrade"},
                             {"Upgrade", "websocket"},
                             {"Sec-WebSocket-Version", "13"},
                             {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    REQUIRE(upgrade);
    CHECK(upgrade->status == 400);
    auto streamed = coop.get("/epcis/queries/mine/events?stream=true");
    CHECK(streamed.status == 400);
    CHECK(streamed.body.value("detail", "").find("subscriptions") != std::string::npos);
  }
}
