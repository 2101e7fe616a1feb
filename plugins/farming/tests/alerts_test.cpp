// Alerts: plots far below their due yield, agreements short as the window closes.
#include <catch2/catch.hpp>

#include "alerts.hpp"
#include "lienket/time.hpp"

using namespace lienket::farming;

namespace {

std::int64_t day(const char* d) { return *lienket::date_to_days(d); }

AgreementProgress pomelo(std::int64_t delivered_1, std::int64_t delivered_2) {
  AgreementProgress a;
  a.agreement_id = "agr-1";
  a.unit = "piece";
  a.window_start = day("2026-09-01");
  a.window_end = day("2026-09-30");  // 30 days
  a.plots = {{"p1", "hh-1", 3000, delivered_1}, {"p2", "hh-2", 3000, delivered_2}};
  return a;
}

std::size_t count(const std::vector<nlohmann::json>& alerts, const char* kind) {
  std::size_t n = 0;
  for (const auto& a : alerts) n += a["kind"] == kind;
  return n;
}

}  // namespace

TEST_CASE("low_yield: a plot below half of its straight-line due share", "[alerts]") {
  AlertThresholds t;  // 5000 bp
  SECTION("before the window opens nothing is due") {
    CHECK(agreement_alerts(pomelo(0, 0), day("2026-08-31"), t).empty());
  }
  SECTION("ten days in, 1000 pieces are due; under 500 is flagged") {
    auto alerts = agreement_alerts(pomelo(499, 500), day("2026-09-10"), t);
    REQUIRE(count(alerts, "low_yield") == 1);
    CHECK(alerts[0]["plot_id"] == "p1");
    CHECK(alerts[0]["due_by_now"] == 1000);
  }
  SECTION("after the window the whole expected yield is due") {
    auto alerts = agreement_alerts(pomelo(1499, 3000), day("2026-10-20"), t);
    CHECK(count(alerts, "low_yield") == 1);
  }
}

TEST_CASE("shortfall: the agreement's deliveries as the window closes", "[alerts]") {
  AlertThresholds t;  // 9000 bp, from 7 days before the end
  SECTION("not flagged earlier than shortfall_days before the end") {
    CHECK(count(agreement_alerts(pomelo(2000, 2000), day("2026-09-22"), t), "shortfall") == 0);
  }
  SECTION("flagged in the last days when below 90 % of the expected total") {
    auto alerts = agreement_alerts(pomelo(2699, 2700), day("2026-09-23"), t);
    REQUIRE(count(alerts, "shortfall") == 1);
    CHECK(alerts.back()["days_left"] == 7);
  }
  SECTION("not flagged at 90 % or more") {
    CHECK(count(agreement_alerts(pomelo(2700, 2700), day("2026-09-29"), t), "shortfall") == 0);
  }
  SECTION("still flagged after the window has closed") {
    auto alerts = agreement_alerts(pomelo(100, 100), day("2026-10-05"), t);
    REQUIRE(count(alerts, "shortfall") == 1);
    CHECK(alerts.back()["days_left"] == 0);
  }
}
