// Alerts: plots far below their due yield, agreements short as the window closes; plots waiting
// out a pesticide's pre-harvest interval are listed apart, not flagged.
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
  a.plots = {{"p1", "hh-1", 3000, delivered_1, {}}, {"p2", "hh-2", 3000, delivered_2, {}}};
  return a;
}

std::size_t count(const std::vector<nlohmann::json>& alerts, const char* kind) {
  std::size_t n = 0;
  for (const auto& a : alerts) n += a["kind"] == kind;
  return n;
}

std::size_t count(const AgreementAlerts& found, const char* kind) {
  return count(found.alerts, kind) + count(found.waiting, kind);
}

// Plot p1 sprayed on `date` with a `phi_days` pre-harvest interval.
AgreementProgress sprayed(AgreementProgress a, const char* date, std::int64_t phi_days,
                          const char* entry = "diary-7") {
  a.plots[0].pesticide_uses.push_back({entry, "abamectin", day(date), phi_days});
  return a;
}

}  // namespace

TEST_CASE("low_yield: a plot below half of its straight-line due share", "[alerts]") {
  AlertThresholds t;  // 5000 bp
  SECTION("before the window opens nothing is due") {
    auto found = agreement_alerts(pomelo(0, 0), day("2026-08-31"), t);
    CHECK(found.alerts.empty());
    CHECK(found.waiting.empty());
  }
  SECTION("ten days in, 1000 pieces are due; under 500 is flagged") {
    auto alerts = agreement_alerts(pomelo(499, 500), day("2026-09-10"), t).alerts;
    REQUIRE(count(alerts, "low_yield") == 1);
    CHECK(alerts[0]["plot_id"] == "p1");
    CHECK(alerts[0]["due_by_now"] == 1000);
  }
  SECTION("after the window the whole expected yield is due") {
    auto alerts = agreement_alerts(pomelo(1499, 3000), day("2026-10-20"), t).alerts;
    CHECK(count(alerts, "low_yield") == 1);
  }
}

TEST_CASE("shortfall: the agreement's deliveries as the window closes", "[alerts]") {
  AlertThresholds t;  // 9000 bp, from 7 days before the end
  SECTION("not flagged earlier than shortfall_days before the end") {
    CHECK(count(agreement_alerts(pomelo(2000, 2000), day("2026-09-22"), t), "shortfall") == 0);
  }
  SECTION("flagged in the last days when below 90 % of the expected total") {
    auto alerts = agreement_alerts(pomelo(2699, 2700), day("2026-09-23"), t).alerts;
    REQUIRE(count(alerts, "shortfall") == 1);
    CHECK(alerts.back()["days_left"] == 7);
  }
  SECTION("not flagged at 90 % or more") {
    CHECK(count(agreement_alerts(pomelo(2700, 2700), day("2026-09-29"), t), "shortfall") == 0);
  }
  SECTION("still flagged after the window has closed") {
    auto alerts = agreement_alerts(pomelo(100, 100), day("2026-10-05"), t).alerts;
    REQUIRE(count(alerts, "shortfall") == 1);
    CHECK(alerts.back()["days_left"] == 0);
  }
}

TEST_CASE("low_yield: a plot inside a pesticide's pre-harvest interval is waiting, not low",
          "[alerts]") {
  AlertThresholds t;
  // Sprayed 5 days before the window opens, 14-day PHI: no harvest before 2026-09-10.
  const auto a = sprayed(pomelo(0, 3000), "2026-08-27", 14);
  SECTION(
      "while the interval runs the plot is listed as waiting, with the diary entry and the date") {
    for (const char* today : {"2026-09-01", "2026-09-09"}) {
      auto found = agreement_alerts(a, day(today), t);
      CHECK(count(found.alerts, "low_yield") == 0);
      REQUIRE(found.waiting.size() == 1);
      const auto& w = found.waiting[0];
      CHECK(w["kind"] == "pre_harvest_interval");
      CHECK(w["plot_id"] == "p1");
      CHECK(w["delivered"] == 0);
      CHECK(w["diary_entry_id"] == "diary-7");
      CHECK(w["applied_on"] == "2026-08-27");
      CHECK(w["phi_days"] == 14);
      CHECK(w["harvest_allowed_from"] == "2026-09-10");
      CHECK(w["message"].get<std::string>().find("may not be harvested before 2026-09-10") !=
            std::string::npos);
    }
  }
  SECTION("from the day the interval ends, a plot still behind is flagged on its full due share") {
    auto found = agreement_alerts(a, day("2026-09-10"), t);
    CHECK(found.waiting.empty());
    REQUIRE(count(found.alerts, "low_yield") == 1);
    CHECK(found.alerts[0]["plot_id"] == "p1");
    CHECK(found.alerts[0]["due_by_now"] == 1000);
  }
  SECTION("a plot on track needs no line, interval or not") {
    auto found =
        agreement_alerts(sprayed(pomelo(500, 3000), "2026-09-05", 14), day("2026-09-10"), t);
    CHECK(found.alerts.empty());
    CHECK(found.waiting.empty());
  }
  SECTION("an interval that ended before today changes nothing") {
    auto found = agreement_alerts(sprayed(pomelo(0, 3000), "2026-08-01", 14), day("2026-09-01"), t);
    CHECK(count(found.alerts, "low_yield") == 1);
    CHECK(found.waiting.empty());
  }
  SECTION("a plot that delivered before being sprayed cannot deliver during the interval either") {
    auto found =
        agreement_alerts(sprayed(pomelo(100, 3000), "2026-09-08", 7), day("2026-09-10"), t);
    CHECK(count(found.alerts, "low_yield") == 0);
    REQUIRE(found.waiting.size() == 1);
    CHECK(found.waiting[0]["harvest_allowed_from"] == "2026-09-15");
  }
  SECTION("with several applications, the one the harvest rule names: the one ending last") {
    auto two =
        sprayed(sprayed(pomelo(0, 3000), "2026-08-27", 14, "diary-7"), "2026-09-05", 3, "diary-9");
    auto found = agreement_alerts(two, day("2026-09-06"), t);
    REQUIRE(found.waiting.size() == 1);
    CHECK(found.waiting[0]["diary_entry_id"] == "diary-7");
    CHECK(found.waiting[0]["harvest_allowed_from"] == "2026-09-10");
  }
  SECTION("an interval running past the window says so") {
    auto found = agreement_alerts(sprayed(pomelo(0, 3000), "2026-09-25", 14), day("2026-09-30"), t);
    REQUIRE(found.waiting.size() == 1);
    CHECK(found.waiting[0]["message"].get<std::string>().find(
              "after the harvest window closes on 2026-09-30") != std::string::npos);
  }
  SECTION("a waiting plot still counts towards the agreement's shortfall") {
    auto found = agreement_alerts(sprayed(pomelo(0, 3000), "2026-09-25", 14), day("2026-09-30"), t);
    CHECK(count(found, "shortfall") == 1);
    CHECK(found.alerts.back()["delivered"] == 3000);
  }
}
