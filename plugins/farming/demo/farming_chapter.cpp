// Demo chapter: a contract-farming season of pomelo at HTX Bưởi Văn Dơn. An enterprise contracts
// the plots of five member households at graded prices, advances fertiliser, pesticide and cash,
// the cooperative keeps the planting diary (and one harvest is refused because a pesticide's
// waiting time has not passed), the households deliver, and the season is settled household by
// household. Mid-season the company raises the grade A price by an amendment effective from
// today, which prices only deliveries from today on; a delivery has bruised fruit rejected at the
// gate. A short tea scene shows leaves weighed and deducted for moisture by the agreement's table.
// Dates are placed around the node's "today" so the story holds on any day it is run.
#include <map>
#include <string>
#include <vector>

#include "demo.hpp"
#include "lienket/time.hpp"

namespace lienket::demo {

namespace {

constexpr const char* kCoop = "htx-vandon";
constexpr const char* kBuyer = "dn-phohien-fruit";
constexpr const char* kPomelo = "pomelo-vandon";
constexpr const char* kAgr = "agr-vandon-pomelo";

struct Household {
  const char* id;
  const char* name;
  int area_m2;
  double lat, lon;
};

constexpr Household kHouseholds[] = {
    {"vd-hh-1", "Nguyễn Văn An", 5200, 20.6512, 106.0481},
    {"vd-hh-2", "Trần Thị Bình", 4300, 20.6524, 106.0497},
    {"vd-hh-3", "Lê Văn Cường", 4800, 20.6539, 106.0503},
    {"vd-hh-4", "Phạm Thị Dung", 5600, 20.6548, 106.0522},
    {"vd-hh-5", "Hoàng Văn Em", 4500, 20.6561, 106.0534},
};

std::string plot_of(const Household& h) { return std::string("vd-plot-") + (h.id + 6); }

// Today as the node sees it (its clock may be manual), as days since 1970.
std::int64_t node_today(Demo& d) {
  auto info = d.call("node.info", json::object(), "", "farming-node-info");
  auto now = parse_time(info["node"]["now"].get<std::string>());
  return local_days(now.value_or(0));
}

void register_plots(Demo& d) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : kHouseholds) {
    d.call("farming.plot.register",
           {{"id", plot_of(h)},
            {"household_id", h.id},
            {"household_name", h.name},
            {"crop", "pomelo"},
            {"area_m2", h.area_m2},
            {"location", {{"lat", h.lat}, {"lon", h.lon}}},
            {"certification",
             {{"scheme", "VietGAP"},
              {"number", "VietGAP-TT-23-07-33-0012"},
              {"expires", "2028-06-30"}}}},
           kCoop, "farming-plot-" + plot_of(h));
    rows.push_back({plot_of(h), h.name, grouped(h.area_m2) + " m²", "VietGAP"});
  }
  d.table({"Plot", "Household", "Area", "Certified"}, rows);
}

void sign_agreement(Demo& d, std::int64_t today) {
  json plots = json::array();
  for (const auto& h : kHouseholds)
    plots.push_back({{"plot_id", plot_of(h)}, {"expected_yield", 3000}});
  d.call(
      "farming.agreement.propose",
      {{"id", kAgr},
       {"enterprise", kBuyer},
       {"cooperative", kCoop},
       {"product_id", kPomelo},
       {"plots", plots},
       {"season", {{"start", days_to_date(today - 200)}, {"end", days_to_date(today + 40)}}},
       {"harvest_window", {{"start", days_to_date(today - 20)}, {"end", days_to_date(today + 10)}}},
       {"price",
        {{"kind", "graded"}, {"grade_prices", {{"A", 45000}, {"B", 32000}, {"C", 20000}}}}},
       {"note", "Bưởi Văn Dơn vụ thu, giá theo loại quả"}},
      kBuyer, "farming-agreement-propose");
  d.call("farming.agreement.sign", {{"id", kAgr}, {"version", 1}}, kCoop, "farming-agreement-sign");
  d.say("The company proposed, and the cooperative signed, agreement " + std::string(kAgr) +
        ": 3,000 fruit expected from each plot, harvest from " + days_to_date(today - 20) + " to " +
        days_to_date(today + 10) +
        ", paid 45,000 VND a fruit for grade A, 32,000 for B and 20,000 for C.");
}

void record_advances(Demo& d, std::int64_t today) {
  struct Advance {
    const char* item;
    const char* what;
    int value;
    int days_ago;
  };
  const Advance advances[] = {{"fertiliser", "NPK and organic fertiliser", 18'000'000, 150},
                              {"pesticide", "biological pesticide", 6'500'000, 90},
                              {"cash", "cash for bagging the fruit", 10'000'000, 60}};
  std::vector<std::vector<std::string>> rows;
  int n = 0;
  for (const auto& a : advances) {
    d.call("farming.advance.record",
           {{"agreement_id", kAgr},
            {"item", a.item},
            {"description", a.what},
            {"value_vnd", a.value},
            {"date", days_to_date(today - a.days_ago)}},
           kBuyer, "farming-advance-" + std::to_string(++n));
    rows.push_back({days_to_date(today - a.days_ago), a.what, vnd(a.value)});
  }
  d.table({"Date", "Advanced by the company", "Value"}, rows);
}

// The planting diary; returns the date of the spraying on plot 3.
std::string keep_diary(Demo& d, std::int64_t today) {
  d.call("farming.diary.record",
         {{"plot_id", plot_of(kHouseholds[0])},
          {"kind", "fertiliser"},
          {"date", days_to_date(today - 140)},
          {"input", "NPK 16-16-8"},
          {"quantity", 150},
          {"quantity_unit", "kg"}},
         kCoop, "farming-diary-1");
  d.call("farming.diary.record",
         {{"plot_id", plot_of(kHouseholds[1])},
          {"kind", "inspection"},
          {"date", days_to_date(today - 30)},
          {"inspector", "Cán bộ HTX"},
          {"result", "đạt VietGAP"}},
         kCoop, "farming-diary-2");
  auto spray = d.call("farming.diary.record",
                      {{"plot_id", plot_of(kHouseholds[2])},
                       {"kind", "pesticide"},
                       {"date", days_to_date(today - 2)},
                       {"active_ingredient", "abamectin"},
                       {"dose", "10 ml / 16 L"},
                       {"phi_days", 7}},
                      kCoop, "farming-diary-3");
  return spray["entry"]["date"];
}

void deliver(Demo& d, std::int64_t today) {
  struct Delivery {
    int household;
    const char* grade;
    int pieces;
    int days_ago;
  };
  const Delivery deliveries[] = {{0, "A", 1200, 15}, {0, "B", 500, 15}, {0, "C", 150, 5},
                                 {1, "A", 1000, 12}, {1, "B", 600, 4},  {2, "A", 900, 10},
                                 {2, "B", 400, 10},  {2, "C", 300, 10}, {3, "A", 1300, 8},
                                 {3, "B", 350, 3},   {4, "A", 400, 6},  {4, "B", 200, 6}};
  int n = 0;
  for (const auto& x : deliveries)
    d.call("farming.harvest.record",
           {{"agreement_id", kAgr},
            {"plot_id", plot_of(kHouseholds[x.household])},
            {"quantity", x.pieces},
            {"grade", x.grade},
            {"date", days_to_date(today - x.days_ago)}},
           kCoop, "farming-harvest-" + std::to_string(++n));
  d.say("Twelve deliveries were recorded, each with a lot number that traceability can follow.");
}

// The company raises grade A from 45,000 to 48,000 VND from today: an amendment is a new version,
// effective from the date asked for (never before both have signed), so earlier deliveries keep
// their price. Today's delivery has 40 bruised fruit rejected at the gate.
void amend_and_deliver_today(Demo& d, std::int64_t today) {
  d.call("farming.agreement.amend",
         {{"id", kAgr},
          {"price",
           {{"kind", "graded"}, {"grade_prices", {{"A", 48000}, {"B", 32000}, {"C", 20000}}}}},
          {"service_fee_vnd", 500},
          {"effective_from", days_to_date(today)},
          {"note", "Giá loại A tăng từ " + days_to_date(today) + "; phí dịch vụ HTX 500 đ/quả"}},
         kBuyer, "farming-agreement-amend");
  auto v2 = d.call("farming.agreement.sign", {{"id", kAgr}, {"version", 2}}, kCoop,
                   "farming-agreement-sign-2")["agreement"];
  d.say(
      "The company raised grade A to 48,000 VND a fruit and the cooperative's service fee is "
      "now 500 VND a fruit; both signed version 2, effective from " +
      v2["effective_from"].get<std::string>() +
      ": deliveries before that day keep version 1's price.");
  auto h = d.call("farming.harvest.record",
                  {{"agreement_id", kAgr},
                   {"plot_id", plot_of(kHouseholds[3])},
                   {"quantity", 640},
                   {"grade", "A"},
                   {"date", days_to_date(today)},
                   {"rejected_quantity", 40},
                   {"rejection_reason", "quả bị dập, thâm vỏ"}},
                  kCoop, "farming-harvest-today")["harvest"];
  d.say(
      "Today Phạm Thị Dung's household brought 640 fruit; 40 bruised ones were rejected at the "
      "gate (" +
      h["rejection_reason"].get<std::string>() + "), so " +
      grouped(h["net_quantity"].get<long long>()) + " are paid, at the new price.");
}

// Tea is weighed: the company's agreement with HTX Chè Thanh Nam deducts weight for moisture
// above 14 % by a table of bands.
void weigh_tea(Demo& d, std::int64_t today) {
  d.call("farming.plot.register",
         {{"id", "tn-demo-plot-1"},
          {"household_id", "tn-hh-ha-van-minh"},
          {"household_name", "Hà Văn Minh"},
          {"crop", "tea"},
          {"area_m2", 6000},
          {"location", {{"lat", 21.2912}, {"lon", 105.0507}}}},
         "htx-thanhnam", "farming-tea-plot");
  d.call(
      "farming.agreement.propose",
      {{"id", "agr-thanhnam-tea-demo"},
       {"enterprise", "dn-tanhiep"},
       {"cooperative", "htx-thanhnam"},
       {"product_id", "tea-thanhnam-green"},
       {"plots", {{{"plot_id", "tn-demo-plot-1"}, {"expected_yield", 1'500'000}}}},
       {"season", {{"start", days_to_date(today - 60)}, {"end", days_to_date(today + 60)}}},
       {"harvest_window", {{"start", days_to_date(today - 5)}, {"end", days_to_date(today + 30)}}},
       {"price", {{"kind", "fixed"}, {"unit_price_vnd", 30000}}},
       {"quality",
        {{"moisture",
          {{"base_bp", 1400},
           {"bands",
            {{{"up_to_bp", 1500}, {"deduct_bp", 100}},
             {{"up_to_bp", 1700}, {"deduct_bp", 300}},
             {{"up_to_bp", 2000}, {"deduct_bp", 600}}}}}}}}},
      "dn-tanhiep", "farming-tea-agreement");
  d.call("farming.agreement.sign", {{"id", "agr-thanhnam-tea-demo"}, {"version", 1}},
         "htx-thanhnam", "farming-tea-sign");
  auto h = d.call("farming.harvest.record",
                  {{"agreement_id", "agr-thanhnam-tea-demo"},
                   {"plot_id", "tn-demo-plot-1"},
                   {"quantity", 412'300},
                   {"moisture_bp", 1620},
                   {"date", days_to_date(today)}},
                  "htx-thanhnam", "farming-tea-harvest")["harvest"];
  d.table({"Tea delivered", "Moisture", "Deducted (3 %)", "Paid"},
          {{kg_from_grams(h["quantity"].get<long long>()), "16.2 %",
            kg_from_grams(h["deducted_quantity"].get<long long>()),
            kg_from_grams(h["net_quantity"].get<long long>())}});
  d.say(
      "Fresh tea leaves weighed at 16.2 % moisture lose 3 % of their weight under the "
      "agreement's table (14 % is the base): deductions are counted in whole grams, rounded in "
      "the household's favour.");
}

void show_alerts(Demo& d) {
  auto alerts = d.call("farming.alerts", {{"agreement_id", kAgr}}, "", "farming-alerts")["alerts"];
  for (const auto& a : alerts)
    d.say("Alert (" + a["kind"].get<std::string>() + "): " + a["message"].get<std::string>());
}

void settle(Demo& d) {
  auto s = d.call("farming.settlement.compute", {{"agreement_id", kAgr}}, kCoop,
                  "farming-settlement")["settlement"];
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : s["households"]) {
    std::map<std::string, long long> by_grade;
    for (const auto& l : h["lines"]) by_grade[l["grade"]] += l["quantity"].get<long long>();
    rows.push_back({h["household_name"], grouped(by_grade["A"]), grouped(by_grade["B"]),
                    grouped(by_grade["C"]), vnd(h["gross_vnd"]), vnd(h["deduction_vnd"]),
                    vnd(h["net_vnd"])});
  }
  const auto& t = s["totals"];
  rows.push_back({"Cooperative total", "", "", "", vnd(t["gross_vnd"]), vnd(t["deductions_vnd"]),
                  vnd(t["net_payable_vnd"])});
  d.table({"Household", "A fruit", "B fruit", "C fruit", "Gross", "Deductions", "Net"}, rows);
  const auto& first = s["households"][0];
  d.say("The statement " + first["household_name"].get<std::string>() +
        "'s household reads, in Vietnamese:");
  std::vector<std::vector<std::string>> lines;
  for (const auto& item : first["statement"])
    lines.push_back({item["text"], vnd(item["amount_vnd"])});
  lines.push_back({"Còn được nhận", vnd(first["net_vnd"])});
  d.table({"Dòng", "Số tiền"}, lines);
  d.say("Advances of " + vnd(t["advances_vnd"]) + " plus " + vnd(t["interest_vnd"]) +
        " interest are shared in proportion to what each household earned; the shares are rounded "
        "to the dong "
        "so that they add up exactly to the total. The cooperative keeps its service fee of " +
        vnd(t["service_fees_vnd"]) + ".");
  const std::string id = s["id"];
  d.call("farming.settlement.confirm", {{"settlement_id", id}}, kBuyer, "farming-confirm-buyer");
  d.call("farming.settlement.confirm", {{"settlement_id", id}}, kCoop, "farming-confirm-coop");
  d.say("Both the company and the cooperative confirmed settlement " + id + ": the company pays " +
        vnd(t["net_payable_vnd"]) +
        " to the cooperative, which keeps its fee and pays each household its net.");
  const long long half = t["net_payable_vnd"].get<long long>() / 2;
  if (half > 0) {
    auto paid = d.call("farming.settlement.pay",
                       {{"settlement_id", id}, {"amount_vnd", half}, {"reference", "UNC 2026-001"}},
                       kBuyer, "farming-pay-1")["settlement"];
    d.say("The company paid a first instalment of " + vnd(paid["paid_vnd"]) + "; " +
          vnd(paid["outstanding_vnd"]) + " is still outstanding.");
  }
}

}  // namespace

namespace {

void run_farming_chapter(Demo& d) {
  d.chapter("Contract farming: a pomelo season at HTX Bưởi Văn Dơn");
  d.say(
      "Before the season, a fruit company contracts the plots of five member households of HTX "
      "Bưởi Văn Dơn, "
      "advances inputs, and promises a price for each grade of fruit.");
  d.call("party.register",
         {{"id", kBuyer},
          {"kind", "enterprise"},
          {"name", "Công ty CP Nông sản Phố Hiến"},
          {"province", "Hưng Yên"},
          {"lat", 20.6466},
          {"lon", 106.0511}},
         "", "farming-party-buyer");
  const std::int64_t today = node_today(d);
  register_plots(d);
  sign_agreement(d, today);
  record_advances(d, today);
  d.say("The cooperative keeps each plot's planting diary. On " + days_to_date(today - 2) +
        " plot 3 was sprayed with abamectin, which must not be harvested for 7 days.");
  const std::string sprayed = keep_diary(d, today);
  deliver(d, today);
  amend_and_deliver_today(d, today);
  d.say("Lê Văn Cường's household tries to deliver plot 3 the day after spraying:");
  d.call_refused("farming.harvest.record",
                 {{"agreement_id", kAgr},
                  {"plot_id", plot_of(kHouseholds[2])},
                  {"quantity", 200},
                  {"grade", "A"},
                  {"date", days_to_date(*date_to_days(sprayed) + 1)}},
                 kCoop);
  d.say(
      "The refused delivery records nothing: VietGAP's waiting times keep pesticide residues out "
      "of food. "
      "Alerts the union can act on:");
  show_alerts(d);
  auto members = d.call("farming.member.list", {{"cooperative", kCoop}}, "", "farming-members");
  d.say("The cooperative's register counts " + grouped(members["count"].get<long long>()) +
        " member households today (each was enrolled when its first plot was registered).");
  weigh_tea(d, today);
  d.say("At the end of the window, the pomelo season is settled household by household:");
  settle(d);
}

}  // namespace

LIENKET_DEMO_CHAPTER(30, "farming", run_farming_chapter)

}  // namespace lienket::demo
