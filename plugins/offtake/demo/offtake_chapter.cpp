// Demo chapter of the offtake plugin: a Hà Nội tea company's purchase contract is filled from three
// tea cooperatives, signed, delivered, paid, and reported by the provincial union.
#include <map>
#include <string>

#include "demo.hpp"
#include "lienket/time.hpp"

namespace lienket::demo {
namespace {

std::string str(const json& v) { return v.get<std::string>(); }
long long num(const json& v) { return v.get<long long>(); }

std::string in_days(std::int64_t today, int n) { return days_to_date(today + n); }

json place(const char* province, double lat, double lon) {
  return {{"province", province}, {"lat", lat}, {"lon", lon}};
}

std::string pct(const json& v) {
  if (!v.is_number()) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f %%", v.get<double>());
  return buf;
}

const std::map<std::string, std::string> kNames = {
    {"htx-thanhnam", "HTX Chè Thanh Nam"},
    {"htx-longcoc", "HTX Chè Long Cốc"},
    {"htx-dahen", "HTX Chè Đá Hen"},
    {"dn-tanhiep", "Công ty CP Chè Tân Hiệp"},
};
std::string name(const std::string& id) {
  auto it = kNames.find(id);
  return it == kNames.end() ? id : it->second;
}

// Thanh Nam and Tân Hiệp agree a higher price for what is still to come; then a delivery is taken
// in part, at the lower grade, with a moisture deduction.
void show_amendment_and_quality(Demo& d, std::int64_t today, const std::string& cc) {
  d.say("");
  d.say("Fresh-leaf prices rise. Thanh Nam proposes 185,000 VND/kg from " + in_days(today, 10) +
        "; the");
  d.say("signed price stands until Tân Hiệp signs the new version, and what was delivered before");
  d.say("that date keeps the old price:");
  d.call("offtake.consumption.amend",
         {{"consumption_id", cc},
          {"effective_from", in_days(today, 10)},
          {"unit_price_vnd", 185'000},
          {"reason", "Giá chè búp tươi tăng 3 %"}},
         "htx-thanhnam", "offtake-amend-thanhnam");
  json v2 = d.call("offtake.consumption.amend.sign", {{"consumption_id", cc}, {"version", 2}},
                   "dn-tanhiep", "offtake-amend-sign-thanhnam")["consumption"];
  d.say("  Version 2 is in force: " + kg_from_grams(num(v2["quantity"])) + " at " +
        vnd(num(v2["unit_price_vnd"])) + "/kg from " + in_days(today, 10) + ".");
  d.call("offtake.delivery.record",
         {{"consumption_id", cc},
          {"quantity", 800'000},
          {"date", in_days(today, 12)},
          {"lot_id", "TN-2026-L15"}},
         "htx-thanhnam", "offtake-delivery-thanhnam-2");
  json taken = d.call("offtake.delivery.accept",
                      {{"consumption_id", cc},
                       {"delivery_no", 2},
                       {"quantity", 750'000},
                       {"grade", "loại 2"},
                       {"measures", {{"moisture", 1'300}}},
                       {"reason", "50 kg lá già, cọng"}},
                      "dn-tanhiep", "offtake-accept-thanhnam-2")["consumption"];
  const json first = taken["deliveries"][0];
  const json second = taken["deliveries"][1];
  d.table({"delivery", "accepted", "grade", "paid weight", "price", "value"},
          {{"1 (" + str(first["date"]) + ")", kg_from_grams(num(first["accepted_quantity"])), "A",
            kg_from_grams(num(first["net_quantity"])), vnd(num(first["unit_price_vnd"])),
            vnd(num(first["value_vnd"]))},
           {"2 (" + str(second["date"]) + ")",
            kg_from_grams(num(second["accepted_quantity"])) + " of 800 kg", "loại 2",
            kg_from_grams(num(second["net_quantity"])) + " (13 % moisture: -1 %)",
            vnd(num(second["unit_price_vnd"])), vnd(num(second["value_vnd"]))}});
  d.say("  Thanh Nam's 1,942.5 kg paid for are within 5 % of 2,000 kg: once the window closes and");
  d.say("  Tân Hiệp has paid " + vnd(num(taken["account"]["owed_vnd"])) +
        ", the contract is fulfilled, not breached.");
}

// A second purchase, matched to Long Cốc, ends by force majeure: no one is at fault.
void show_force_majeure(Demo& d, std::int64_t today) {
  d.say("");
  d.say("Tân Hiệp also buys 1,500 kg for the following month; the node matches Long Cốc, the two");
  d.say("sign, and then a flash flood destroys Long Cốc's hill plots:");
  json more = {{"category", "tea"},
               {"unit", "g"},
               {"quantity", 1'500'000},
               {"unit_price_vnd", 178'000},
               {"deliver_from", in_days(today, 30)},
               {"deliver_to", in_days(today, 55)},
               {"place", place("Hà Nội", 21.03, 105.85)},
               {"certifications", {"VietGAP"}},
               {"max_distance_km", 150}};
  d.call("offtake.contract.post", more, "dn-tanhiep", "offtake-contract-2");
  const json run = d.call("offtake.match.run", json::object(), "lhhtx-phutho", "offtake-match-2");
  if (run["proposals"].empty()) return;
  const json p = run["proposals"][0];
  const std::string pid = p["id"];
  d.call("offtake.proposal.accept", {{"proposal_id", pid}}, str(p["seller"]),
         "offtake-accept-seller-" + pid);
  const std::string cc = d.call("offtake.proposal.accept", {{"proposal_id", pid}}, str(p["buyer"]),
                                "offtake-accept-buyer-" + pid)["consumption"]["id"];
  const json ended = d.call("offtake.consumption.terminate",
                            {{"consumption_id", cc},
                             {"ground", "force_majeure"},
                             {"reason", "Lũ quét cuốn trôi 4 ha chè trên đồi"}},
                            str(p["seller"]), "offtake-terminate-" + cc)["consumption"];
  d.say("  " + cc + " with " + name(str(p["seller"])) + " is " + str(ended["status"]) +
        " (force majeure): no one is at fault and no penalty is charged.");
}

std::string str(const json& v);
long long num(const json& v);

}  // namespace

namespace {

void run_offtake_chapter(Demo& d) {
  d.chapter("Buying and selling: purchase contracts, supply offers and consumption contracts");
  const std::string now = d.call("node.info", json::object(), "", "offtake-today")["node"]["now"];
  const std::int64_t today = *date_to_days(now.substr(0, 10));

  d.say(
      "Công ty CP Chè Tân Hiệp (Hà Nội) wants 5,000 kg of VietGAP green tea, 3 OCOP stars or "
      "more,");
  d.say("grown within 150 km, at 180,000 VND/kg, delivered between " + in_days(today, 3) + " and " +
        in_days(today, 40) + ", in lots of at least 500 kg.");
  d.say("Its terms: ±5 % on quantity; grade 2 (loại 2) at 85 % of the price; 1 % of the weight");
  d.say("deducted above 12.5 % moisture; payment 15 days after acceptance, 1 % a month on late");
  d.say("money; an 8 % penalty on the part of the contract breached.");
  json contract = {
      {"category", "tea"},
      {"unit", "g"},
      {"quantity", 5'000'000},
      {"unit_price_vnd", 180'000},
      {"deliver_from", in_days(today, 3)},
      {"deliver_to", in_days(today, 40)},
      {"place", place("Hà Nội", 21.03, 105.85)},
      {"min_ocop_stars", 3},
      {"certifications", {"VietGAP"}},
      {"max_distance_km", 150},
      {"min_lot", 500'000},
      {"note", "Chè xanh VietGAP cho xuất khẩu"},
      {"terms",
       {{"tolerance_bp", 500},
        {"grade_prices", {{{"grade", "loại 2"}, {"price_bp", 8'500}}}},
        {"deductions", {{{"measure", "moisture"}, {"above_bp", 1'250}, {"deduct_bp", 100}}}},
        {"payment_due_days", 15},
        {"late_interest_bp_per_month", 100},
        {"penalty_bp", 800}}}};
  const std::string contract_id =
      d.call("offtake.contract.post", contract, "dn-tanhiep", "offtake-contract")["contract_id"];
  d.say("The node records it as purchase contract " + contract_id + ".");
  d.say("");
  d.say(
      "Three tea cooperatives offer what they will harvest (their VietGAP marks and OCOP stars "
      "come");
  d.say("from the product register, so nobody can claim a mark they do not hold):");
  struct OfferSpec {
    const char *seller, *product, *province;
    double lat, lon;
    long long kg, min_price;
  };
  const OfferSpec offers[] = {
      {"htx-thanhnam", "tea-thanhnam-green", "Phú Thọ", 21.29, 105.05, 2000, 150'000},
      {"htx-longcoc", "tea-longcoc-green", "Phú Thọ", 21.17, 104.98, 2500, 140'000},
      {"htx-dahen", "tea-dahen-green", "Thái Nguyên", 21.78, 105.70, 3000, 160'000},
  };
  std::vector<std::vector<std::string>> rows;
  for (const auto& o : offers) {
    json body = {{"product_id", o.product},
                 {"quantity", o.kg * 1000},
                 {"available_from", in_days(today, 0)},
                 {"available_to", in_days(today, 60)},
                 {"place", place(o.province, o.lat, o.lon)},
                 {"min_unit_price_vnd", o.min_price}};
    d.call("offtake.offer.post", body, o.seller, std::string("offtake-offer-") + o.seller);
    rows.push_back({name(o.seller), o.province, grouped(o.kg) + " kg", vnd(o.min_price) + "/kg"});
  }
  d.table({"cooperative", "province", "offers", "at least"}, rows);
  d.say("");
  d.say("A cooperative cannot post a purchase contract in a buyer's place:");
  d.call_refused("offtake.contract.post", contract, "htx-longcoc");

  d.say("");
  d.say(
      "The node now matches supply to demand. It does not simply take the nearest offer first: it");
  d.say(
      "fills as much of the contract as possible, then chooses the split with the least trucking.");
  json run = d.call("offtake.match.run", json::object(), "lhhtx-phutho", "offtake-match");
  rows.clear();
  for (const auto& p : run["proposals"])
    rows.push_back({str(p["id"]), name(str(p["seller"])), kg_from_grams(num(p["quantity"])),
                    std::to_string(p["distance_km"].get<long long>()) + " km",
                    vnd(num(p["transport_cost_vnd"]))});
  d.table({"proposal", "from", "quantity", "distance", "transport"}, rows);
  d.say("Matched " + kg_from_grams(num(run["allocated_quantity"])) + "; estimated transport " +
        vnd(num(run["transport_cost_vnd"])) +
        ". Long Cốc is a little farther, so its tea stays on offer.");

  d.say("");
  d.say(
      "Each proposal needs both sides' acceptance within 72 hours; then it is a signed consumption "
      "contract.");
  std::map<std::string, std::string> signed_by_seller;  // seller -> consumption contract id
  for (const auto& p : run["proposals"]) {
    const std::string pid = p["id"];
    d.call("offtake.proposal.accept", {{"proposal_id", pid}}, str(p["seller"]),
           "offtake-accept-seller-" + pid);
    json r = d.call("offtake.proposal.accept", {{"proposal_id", pid}}, str(p["buyer"]),
                    "offtake-accept-buyer-" + pid);
    signed_by_seller[str(p["seller"])] = str(r["consumption"]["id"]);
    d.say("  " + name(str(p["seller"])) + " and Tân Hiệp signed " +
          r["consumption"]["id"].get<std::string>() + " for " +
          kg_from_grams(num(r["consumption"]["quantity"])) + ", worth " +
          vnd(num(r["consumption"]["value_vnd"])) + ".");
  }

  d.say("");
  d.say(
      "Deliveries are recorded by the cooperative with the lot number of its planting diary, and "
      "the");
  d.say("buyer accepts them (or rejects them with a reason, such as a quality grade):");
  const std::string cc_dahen = signed_by_seller["htx-dahen"],
                    cc_thanhnam = signed_by_seller["htx-thanhnam"];
  d.call("offtake.delivery.record",
         {{"consumption_id", cc_dahen},
          {"quantity", 3'000'000},
          {"date", in_days(today, 5)},
          {"lot_id", "DH-2026-L07"}},
         "htx-dahen", "offtake-delivery-dahen");
  d.call("offtake.delivery.accept",
         {{"consumption_id", cc_dahen}, {"delivery_no", 1}, {"grade", "A"}}, "dn-tanhiep",
         "offtake-accept-dahen");
  d.say("  Đá Hen delivered 3,000 kg (lot DH-2026-L07); Tân Hiệp accepted it as grade A.");
  d.call("offtake.delivery.record",
         {{"consumption_id", cc_thanhnam},
          {"quantity", 1'200'000},
          {"date", in_days(today, 6)},
          {"lot_id", "TN-2026-L12"}},
         "htx-thanhnam", "offtake-delivery-thanhnam");
  d.call("offtake.delivery.accept",
         {{"consumption_id", cc_thanhnam}, {"delivery_no", 1}, {"grade", "A"}}, "dn-tanhiep",
         "offtake-accept-thanhnam");
  d.say(
      "  Thanh Nam delivered a first 1,200 kg (lot TN-2026-L12), accepted; 800 kg are still to "
      "come.");
  d.say("  Delivering more than was agreed, even with the 5 % tolerance, is refused:");
  d.call_refused(
      "offtake.delivery.record",
      {{"consumption_id", cc_thanhnam}, {"quantity", 1'000'000}, {"date", in_days(today, 7)}},
      "htx-thanhnam");
  json paid =
      d.call("offtake.payment.record",
             {{"consumption_id", cc_dahen}, {"amount_vnd", 540'000'000}, {"reference", "UNC 0318"}},
             "dn-tanhiep", "offtake-pay-dahen");
  d.say("  Tân Hiệp paid Đá Hen " + vnd(540'000'000) + ": that contract is now " +
        paid["consumption"]["status"].get<std::string>() + ".");

  show_amendment_and_quality(d, today, cc_thanhnam);
  show_force_majeure(d, today);

  d.say("");
  d.say("What the provincial union reports on linkage along the value chain:");
  json r = d.call("offtake.report", json::object(), "lhhtx-phutho", "offtake-report");
  const json& g = r["consumption"]["by_unit"]["g"];
  d.table(
      {"figure", "value"},
      {{"purchase contracts posted", std::to_string(r["contracts"]["posted"].get<long long>())},
       {"quantity wanted", kg_from_grams(num(r["contracts"]["by_unit"]["g"]["quantity"]))},
       {"matched under consumption contracts", pct(r["contracts"]["by_unit"]["g"]["matched_pct"])},
       {"delivered", kg_from_grams(num(g["delivered"])) + " (" + pct(g["delivered_pct"]) + ")"},
       {"accepted", kg_from_grams(num(g["accepted"])) + " (" + pct(g["accepted_pct"]) + ")"},
       {"value of consumption contracts", vnd(num(r["consumption"]["value_vnd"]))},
       {"paid",
        vnd(num(r["consumption"]["paid_vnd"])) + " (" + pct(r["consumption"]["paid_pct"]) + ")"}});
  rows.clear();
  for (const auto& p : r["parties"])
    rows.push_back({name(str(p["party"])), std::to_string(p["contracts"].get<long long>()),
                    std::to_string(p["fulfilled"].get<long long>()),
                    std::to_string(p["open"].get<long long>()), pct(p["fulfilment_rate_pct"])});
  d.table({"party", "contracts", "fulfilled", "open", "fulfilment rate"}, rows);
  d.say(
      "A contract still open after its delivery window is marked breached, naming the side at "
      "fault.");
}

}  // namespace

LIENKET_DEMO_CHAPTER(20, "offtake", run_offtake_chapter)

}  // namespace lienket::demo
