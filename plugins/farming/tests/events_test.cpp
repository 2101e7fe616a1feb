// The typed events (lienket/farming/events.hpp) agree with the event schemas the plugin declares
// (contract.cpp): a value with every optional field set and one with none both validate against the
// declared schema (python3-jsonschema, the checker of the integration tests), every field the
// schema names is a field of the struct, and to_json/from_json round-trip. A reader never throws on
// a missing optional field, and decode() never throws at all.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "config.hpp"
#include "contract.hpp"
#include "lienket/farming/events.hpp"

namespace ev = lienket::farming::events;
using nlohmann::json;

namespace {

constexpr const char* kAt = "2026-03-01T08:00:00+07:00";

ev::PlotLocation outlined() {
  return {
      21.2905, 105.0505, {{21.29, 105.05}, {21.291, 105.05}, {21.291, 105.051}, {21.29, 105.051}}};
}

ev::Plot plot(bool full) {
  ev::Plot p;
  p.id = "tn-p1";
  p.cooperative = "htx-thanhnam";
  p.household_id = "hh-1";
  p.household_name = "Hà Văn Minh";
  p.crop = "tea";
  p.area_m2 = 5000;
  p.location = {21.2905, 105.0505};
  p.registered_at = kAt;
  if (full) {
    p.polygon = outlined().polygon;
    p.certification = ev::Certification{"VietGAP", "VG-23-07-0012", "2027-12-31"};
  }
  return p;
}

ev::Agreement agreement(bool full) {
  ev::Agreement a;
  a.id = "agr-tea-2026";
  a.version = full ? 2 : 1;
  a.enterprise = "dn-tanhiep";
  a.cooperative = "htx-thanhnam";
  a.product_id = "tea-thanhnam-green";
  a.unit = "g";
  a.plots = {{"tn-p1", "hh-1", "Hà Văn Minh", 1'000'000}};
  a.season = {"2026-02-01", "2026-06-30"};
  a.harvest_window = {"2026-03-01", "2026-04-30"};
  a.price.kind = "fixed";
  a.price.unit_price_vnd = 30'000;
  a.status = "in_force";
  a.proposed_by = "dn-tanhiep";
  a.proposed_at = kAt;
  a.signatures = {{"dn-tanhiep", kAt}, {"htx-thanhnam", kAt}};
  if (full) {
    a.price = {"floor", std::nullopt, 28'000, 1'000, {}, {{"B", -5'000}, {"C", -10'000}}};
    a.note = "giá sàn theo giá thị trường";
    a.amends = 1;
    a.effective_from = "2026-03-15";
    a.quality = ev::QualityTerms{ev::DeductionTable{1400, {{1500, 100}, {1700, 300}}},
                                 ev::DeductionTable{100, {{500, 200}}}};
    a.advance_interest = ev::InterestTerms{120, 1'000, 30};
    a.service_fee_vnd = 500;
    a.tax_withholding_bp = 150;
    a.penalties =
        ev::PenaltyTerms{ev::SideSellingClause{8'000, 2'000}, ev::NonAcceptanceClause{3'000}};
  }
  return a;
}

ev::MarketPrice market_price(bool full) {
  ev::MarketPrice m{"dn-tanhiep", "tea-thanhnam-green", "2026-03-01", 40'000,
                    "g",          std::nullopt,         kAt};
  if (full) m.source = "Chợ chè Thái Nguyên";
  return m;
}

ev::Advance advance(bool full) {
  ev::Advance a;
  a.id = "adv-1";
  a.agreement_id = "agr-tea-2026";
  a.enterprise = "dn-tanhiep";
  a.cooperative = "htx-thanhnam";
  a.item = "fertiliser";
  a.value_vnd = 12'000'000;
  a.date = "2026-03-01";
  a.interest_bp_per_month = 100;
  a.recorded_at = kAt;
  if (full) {
    a.description = "NPK 16-16-8";
    a.quantity = 40;
    a.quantity_unit = "bag 50 kg";
    a.interest_cap_bp = 1'000;
    a.interest_grace_days = 30;
  }
  return a;
}

ev::DiaryEntry diary(bool full) {
  ev::DiaryEntry e;
  e.id = "diary-1";
  e.plot_id = "tn-p1";
  e.kind = full ? "pesticide" : "irrigation";
  e.date = "2026-03-01";
  e.cooperative = "htx-thanhnam";
  e.household_id = "hh-1";
  e.household_name = "Hà Văn Minh";
  e.crop = "tea";
  e.location = full ? outlined() : ev::PlotLocation{21.29, 105.05, {}};
  e.recorded_at = kAt;
  if (full) {
    e.input = "Abamectin 3.6 EC";
    e.quantity = 2;
    e.quantity_unit = "chai 100 ml";
    e.active_ingredient = "abamectin";
    e.dose = "10 ml / 16 L";
    e.phi_days = 7;
    e.inspector = "Nguyễn Thị Hoa";
    e.result = "đạt";
    e.note = "phun chiều";
  }
  return e;
}

ev::HarvestRecorded harvest(bool full) {
  ev::HarvestRecorded h;
  h.id = "harvest-1";
  h.lot_id = "TN-0301";
  h.agreement_id = "agr-tea-2026";
  h.agreement_version = 1;
  h.enterprise = "dn-tanhiep";
  h.cooperative = "htx-thanhnam";
  h.product_id = "tea-thanhnam-green";
  h.plot_id = "tn-p1";
  h.household_id = "hh-1";
  h.household_name = "Hà Văn Minh";
  h.location = full ? outlined() : ev::PlotLocation{21.29, 105.05, {}};
  h.quantity = 400'500;
  h.unit = "g";
  h.grade = "A";
  h.date = "2026-03-01";
  h.recorded_at = kAt;
  if (full) {
    h.gtin = "09520123456788";
    h.moisture_bp = 1'550;
    h.foreign_matter_bp = 120;
    h.rejected_quantity = 500;
    h.rejection_reason = "chè úa";
    h.rejection_cause = "quality";
    h.deducted_quantity = 1'200;
    h.net_quantity = 398'800;
    h.repays_advance = "adv-1";
  }
  return h;
}

ev::Settlement settlement(bool full) {
  ev::Settlement s;
  s.id = "stl-1";
  s.agreement_id = "agr-tea-2026";
  s.agreement_version = 1;
  s.enterprise = "dn-tanhiep";
  s.cooperative = "htx-thanhnam";
  s.product_id = "tea-thanhnam-green";
  s.unit = "g";
  s.price_unit = "kg";
  s.date = "2026-03-31";
  s.revision = 4;
  s.status = "computed";
  s.computed_by = "htx-thanhnam";
  s.computed_at = kAt;
  s.totals.quantity = 400'500;
  s.totals.gross_vnd = 12'015'000;
  s.totals.advances_vnd = 12'000'000;
  s.totals.interest_vnd = 120'000;
  s.totals.deductions_vnd = 12'120'000;
  s.totals.net_payable_vnd = -105'000;
  s.rounding = "floor per line; largest remainder";
  if (full) {
    s.confirmations = {{"dn-tanhiep", kAt}};
    ev::SettlementHousehold h;
    h.household_id = "hh-1";
    h.household_name = "Hà Văn Minh";
    h.quantity = 400'500;
    h.lines = {{"A", 30'000, 400'500, 12'015'000}};
    h.gross_vnd = 12'015'000;
    h.deduction_vnd = 12'120'000;
    h.net_vnd = -105'000;
    h.advance_share_vnd = 12'120'000;
    h.carried_from = {{"stl-0", "agr-tea-2025", 5'000}};
    h.carried_to = ev::CarriedDebt{"stl-9", "agr-tea-2027", 105'000};
    h.member_status = "left";
    h.left_on = "2026-03-20";
    h.statement = {
        {"goods", "Tiền hàng loại A: 400,5 kg × 30.000 đ/kg", 12'015'000},
        {"advance", "Trừ tiền ứng trước vật tư và lãi, chia theo tiền hàng", -12'120'000}};
    s.households = {h};
    ev::SettlementDelivery d;
    d.id = "harvest-1";
    d.lot_id = "TN-0301";
    d.household_id = "hh-1";
    d.plot_id = "tn-p1";
    d.grade = "A";
    d.quantity = 400'500;
    d.date = "2026-03-01";
    d.unit_price_vnd = 30'000;
    d.market_price_vnd = 40'000;
    d.agreement_version = 1;
    d.net_quantity = 400'500;
    d.value_vnd = 12'015'000;
    d.rejection_cause = "buyer";
    d.repays_advance = "adv-1";
    s.deliveries = {d};
    ev::SettlementAdvance a;
    a.id = "adv-1";
    a.item = "fertiliser";
    a.date = "2026-03-01";
    a.value_vnd = 12'000'000;
    a.interest_bp_per_month = 100;
    a.days = 30;
    a.interest_vnd = 120'000;
    a.interest_cap_bp = 1'000;
    a.interest_grace_days = 10;
    s.advances = {a};
    s.payments = {{"pay-1", 1'000, "2026-03-31", "UNC 0042", "dn-tanhiep", kAt}};
    s.paid_vnd = 1'000;
  }
  return s;
}

ev::Payment payment(bool full) {
  ev::Payment p{"pay-1", 1'000, "2026-03-31", std::nullopt, "dn-tanhiep", kAt};
  if (full) p.reference = "UNC 0042";
  return p;
}

ev::Member member(bool full) {
  ev::Member m{"htx-thanhnam", "hh-1",       "Hà Văn Minh", std::nullopt,
               std::nullopt,   std::nullopt, "plot",        kAt};
  if (full) {
    m.joined_on = "2025-01-10";
    m.left_on = "2026-03-20";
    m.leave_reason = "chuyển đi nơi khác";
    m.enrolled_by = "join";
  }
  return m;
}

// One sample event of each declared type: with every optional field set, or with none.
std::vector<std::pair<std::string, json>> samples(bool full) {
  return {
      {std::string(ev::kPlotRegistered), ev::PlotRegistered{plot(full)}},
      {std::string(ev::kAgreementProposed), ev::AgreementProposed{agreement(full)}},
      {std::string(ev::kAgreementAmended), ev::AgreementAmended{agreement(full)}},
      {std::string(ev::kAgreementSigned),
       ev::AgreementSigned{"agr-tea-2026", 1, "htx-thanhnam", "in_force", agreement(full)}},
      {std::string(ev::kMarketPriceSet), ev::MarketPriceSet{market_price(full)}},
      {std::string(ev::kAdvanceRecorded), ev::AdvanceRecorded{advance(full)}},
      {std::string(ev::kDiaryRecorded), ev::DiaryRecorded{diary(full)}},
      {std::string(ev::kHarvestRecorded), harvest(full)},
      {std::string(ev::kSettlementComputed), ev::SettlementComputed{settlement(full)}},
      {std::string(ev::kSettlementConfirmed),
       ev::SettlementConfirmed{"stl-1", "agr-tea-2026", "dn-tanhiep",
                               full ? "confirmed" : "computed", settlement(full).totals,
                               full ? std::vector<ev::CarriedDebt>{{"stl-0", "agr-tea-2025", 5'000}}
                                    : std::vector<ev::CarriedDebt>{}}},
      {std::string(ev::kSettlementPaid),
       ev::SettlementPaid{"stl-1", "agr-tea-2026", payment(full), 1'000, 0}},
      {std::string(ev::kMemberJoined), ev::MemberJoined{member(full)}},
      {std::string(ev::kMemberLeft), ev::MemberLeft{member(full)}},
  };
}

// Decodes `data` as the struct of `type` and encodes it again.
json round_trip(const std::string& type, const json& data) {
  json again;
  bool known =
      ev::visit_type(type, [&]<typename T>(std::type_identity<T>) { again = json(data.get<T>()); });
  if (!known) FAIL("no struct for " << type);
  return again;
}

// The schema's property names that `value` lacks, through nested objects and lists (alternatives of
// an anyOf and the values of a map are not walked).
void missing(const json& schema, const json& value, const std::string& path,
             std::vector<std::string>& out) {
  if (schema.contains("properties") && value.is_object()) {
    for (auto& [key, sub] : schema["properties"].items()) {
      if (!value.contains(key))
        out.push_back(path + "/" + key);
      else
        missing(sub, value[key], path + "/" + key, out);
    }
  }
  if (schema.contains("items") && value.is_array())
    for (const auto& item : value) missing(schema["items"], item, path + "[]", out);
}

// Runs the integration tests' contract checker on `events` against the declared event schemas.
std::vector<std::string> violations(const json& declared,
                                    const std::vector<std::pair<std::string, json>>& events) {
  json doc = {{"schema", {{"messages", json::array()}, {"events", declared}}},
              {"calls", json::array()},
              {"events", json::array()}};
  int seq = 0;
  for (const auto& [type, data] : events)
    doc["events"].push_back({{"seq", ++seq}, {"type", type}, {"data", data}});
  auto file = std::filesystem::temp_directory_path() / "farming-events-test.json";
  std::ofstream(file) << doc.dump();
  std::string cmd = std::string("/usr/bin/python3 ") + FARMING_CONTRACT_CHECK + " '" +
                    file.string() + "' 2>/dev/null";
  std::vector<std::string> lines;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  while (std::fgets(buf, sizeof buf, pipe)) lines.emplace_back(buf);
  int status = ::pclose(pipe);
  if (status != 0 && lines.empty()) lines.push_back("checker failed: " + std::to_string(status));
  std::filesystem::remove(file);
  return lines;
}

json declared_events() {
  static const lienket::farming::Config config;
  json out = json::array();
  for (const auto& e : lienket::farming::contract(&config).events)
    out.push_back({{"type", e.type}, {"data", e.data.json()}});
  return out;
}

}  // namespace

TEST_CASE("every declared event type has a struct, and every struct a declared type",
          "[farming][events]") {
  std::set<std::string> declared, typed;
  for (const auto& e : declared_events()) declared.insert(e["type"].get<std::string>());
  for (const auto& [type, data] : samples(true)) typed.insert(type);
  CHECK(declared == typed);
}

TEST_CASE("the structs agree with the declared event schemas", "[farming][events]") {
  const json declared = declared_events();
  SECTION("a value with every optional field, and one with none, validate") {
    auto v = violations(declared, samples(true));
    for (const auto& line : violations(declared, samples(false))) v.push_back(line);
    INFO(json(v).dump(1));
    CHECK(v.empty());
  }
  SECTION("every field the schema names is a field of the struct") {
    for (const auto& [type, data] : samples(true)) {
      std::vector<std::string> lacking;
      for (const auto& e : declared)
        if (e["type"] == type) missing(e["data"], data, "", lacking);
      INFO(type << ": " << json(lacking).dump());
      CHECK(lacking.empty());
    }
  }
  SECTION("to_json and from_json round-trip") {
    for (bool full : {true, false})
      for (const auto& [type, data] : samples(full)) {
        INFO(type << (full ? " (full)" : " (minimal)"));
        CHECK(round_trip(type, data) == data);
      }
  }
}

TEST_CASE("readers do not throw on what may be missing", "[farming][events]") {
  SECTION("optional fields left out read as absent") {
    json h = harvest(false);
    REQUIRE_FALSE(h.contains("gtin"));
    REQUIRE_FALSE(h["location"].contains("polygon"));
    auto back = h.get<ev::HarvestRecorded>();
    CHECK_FALSE(back.gtin.has_value());
    CHECK(back.location.polygon.empty());
    json d = ev::DiaryRecorded{diary(false)};
    d["entry"].erase("household_name");  // entries recorded before it was published
    CHECK(d.get<ev::DiaryRecorded>().entry.household_name.empty());
    json nulls = ev::AdvanceRecorded{advance(false)};
    nulls["advance"]["description"] = nullptr;
    CHECK_FALSE(nulls.get<ev::AdvanceRecorded>().advance.description.has_value());
  }
  SECTION("decode() answers nullopt, never throws, on data that is not the event") {
    json h = harvest(true);
    h.erase("lot_id");
    CHECK_FALSE(ev::decode<ev::HarvestRecorded>(h).has_value());
    CHECK_FALSE(ev::decode<ev::HarvestRecorded>(json("not an object")).has_value());
    json wrong = harvest(true);
    wrong["quantity"] = "400 kg";
    CHECK_FALSE(ev::decode<ev::HarvestRecorded>(wrong).has_value());
    CHECK(ev::decode<ev::HarvestRecorded>(json(harvest(true))) == harvest(true));
  }
}
