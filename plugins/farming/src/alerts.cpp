#include "alerts.hpp"

#include <algorithm>

#include "lienket/time.hpp"
#include "money.hpp"

namespace lienket::farming {

namespace {

using nlohmann::json;

// "pieces" reads better than "piece" in a sentence; g and ml stay as they are.
std::string unit_word(const std::string& unit) { return unit == "piece" ? "pieces" : unit; }

// Whether delivered < share_bp of `due`, without rounding the threshold.
bool below(std::int64_t delivered, std::int64_t due, std::int64_t share_bp) {
  return static_cast<__int128>(delivered) * kBasisPoints < static_cast<__int128>(due) * share_bp;
}

json plot_line(const AgreementProgress& a, const PlotProgress& p, std::int64_t due,
               const char* kind) {
  return {{"kind", kind},         {"agreement_id", a.agreement_id}, {"cooperative", a.cooperative},
          {"plot_id", p.plot_id}, {"household_id", p.household_id}, {"expected", p.expected},
          {"due_by_now", due},    {"delivered", p.delivered},       {"unit", a.unit}};
}

std::string delivered_of_due(const AgreementProgress& a, const PlotProgress& p, std::int64_t due) {
  return "plot " + p.plot_id + " has delivered " + std::to_string(p.delivered) + " " +
         unit_word(a.unit) + " of " + std::to_string(due) + " due by now";
}

json low_yield(const AgreementProgress& a, const PlotProgress& p, std::int64_t due) {
  json j = plot_line(a, p, due, "low_yield");
  j["message"] = delivered_of_due(a, p, due) + ": possible side-selling";
  return j;
}

// The plot may not lawfully harvest today, so being behind says nothing about side-selling.
json waiting_out(const AgreementProgress& a, const PlotProgress& p, std::int64_t due,
                 const PesticideApplication& u) {
  json j = plot_line(a, p, due, "pre_harvest_interval");
  const std::string from = days_to_date(safe_from(u));
  j.update({{"diary_entry_id", u.entry_id},
            {"active_ingredient", u.active_ingredient},
            {"applied_on", days_to_date(u.day)},
            {"phi_days", u.phi_days},
            {"harvest_allowed_from", from}});
  j["message"] = delivered_of_due(a, p, due) + " but may not be harvested before " + from +
                 ": diary entry " + u.entry_id + " (" + u.active_ingredient + " on " +
                 days_to_date(u.day) + ", " + std::to_string(u.phi_days) +
                 "-day pre-harvest interval)" +
                 (safe_from(u) > a.window_end
                      ? ", after the harvest window closes on " + days_to_date(a.window_end)
                      : std::string()) +
                 "; waiting, not a low yield";
  return j;
}

void plot_alerts(const AgreementProgress& a, std::int64_t today, const AlertThresholds& t,
                 AgreementAlerts& out) {
  if (today < a.window_start) return;
  const std::int64_t length = a.window_end - a.window_start + 1;
  const std::int64_t elapsed = std::min(today, a.window_end) - a.window_start + 1;
  for (const auto& p : a.plots) {
    auto due = static_cast<std::int64_t>(static_cast<__int128>(p.expected) * elapsed / length);
    if (due <= 0 || !below(p.delivered, due, t.low_yield_bp)) continue;
    // The same test the harvest rule applies: would a harvest dated today be refused?
    if (auto block = blocking_application(p.pesticide_uses, today))
      out.waiting.push_back(waiting_out(a, p, due, *block));
    else
      out.alerts.push_back(low_yield(a, p, due));
  }
}

}  // namespace

AgreementAlerts agreement_alerts(const AgreementProgress& a, std::int64_t today,
                                 const AlertThresholds& t) {
  AgreementAlerts out;
  plot_alerts(a, today, t, out);
  if (today < a.window_end - t.shortfall_days) return out;
  std::int64_t expected = 0, delivered = 0;
  for (const auto& p : a.plots) {
    expected += p.expected;
    delivered += p.delivered;
  }
  if (expected > 0 && below(delivered, expected, t.shortfall_bp)) {
    std::int64_t days_left = std::max<std::int64_t>(a.window_end - today, 0);
    out.alerts.push_back(
        {{"kind", "shortfall"},
         {"agreement_id", a.agreement_id},
         {"cooperative", a.cooperative},
         {"enterprise", a.enterprise},
         {"expected", expected},
         {"delivered", delivered},
         {"unit", a.unit},
         {"window_end", days_to_date(a.window_end)},
         {"days_left", days_left},
         {"message",
          "agreement " + a.agreement_id + " has delivered " + std::to_string(delivered) + " " +
              unit_word(a.unit) + " of " + std::to_string(expected) + " expected, " +
              (days_left > 0 ? std::to_string(days_left) + " days before the window closes"
                             : std::string("and the harvest window has closed"))}});
  }
  return out;
}

}  // namespace lienket::farming
