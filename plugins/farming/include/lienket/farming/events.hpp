// The events of the farming plugin as typed C++ values: for each event type its name (k...), its
// data as a struct, and nlohmann::json to_json/from_json. The farming plugin emits exactly these
// (its declared event schemas describe the same fields); other plugins read them with this header
// alone: add plugins/farming/include to the include path, never link the farming plugin.
//
//   if (e.type == lienket::farming::events::kHarvestRecorded)
//     if (auto h = lienket::farming::events::decode<HarvestRecorded>(e.data)) use(h->lot_id, ...);
//
// Conventions (docs/protocol-farming.md): money is integer VND; quantities are integers in the
// product's smallest unit (`unit`: "g", "ml" or "piece"); dates are "YYYY-MM-DD" in +07:00; times
// are RFC 3339 with the node's offset. from_json throws (nlohmann::json::exception) when a required
// field is missing or mistyped, never for a missing optional one; decode<T>() never throws. Fields
// added after an event type was first published are read leniently, so older events in the log
// still decode.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace lienket::farming::events {

inline constexpr std::string_view kPlotRegistered = "farming.plot.registered";
inline constexpr std::string_view kAgreementProposed = "farming.agreement.proposed";
inline constexpr std::string_view kAgreementAmended = "farming.agreement.amended";
inline constexpr std::string_view kAgreementSigned = "farming.agreement.signed";
inline constexpr std::string_view kMarketPriceSet = "farming.market_price.set";
inline constexpr std::string_view kAdvanceRecorded = "farming.advance.recorded";
inline constexpr std::string_view kDiaryRecorded = "farming.diary.recorded";
inline constexpr std::string_view kHarvestRecorded = "farming.harvest.recorded";
inline constexpr std::string_view kSettlementComputed = "farming.settlement.computed";
inline constexpr std::string_view kSettlementConfirmed = "farming.settlement.confirmed";
inline constexpr std::string_view kSettlementPaid = "farming.settlement.paid";
inline constexpr std::string_view kMemberJoined = "farming.member.joined";
inline constexpr std::string_view kMemberLeft = "farming.member.left";

namespace detail {

using nlohmann::json;

// A number added after the record was first published: 0 in older records.
inline std::int64_t get_int_or_zero(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->template get<std::int64_t>() : 0;
}

template <typename T>
void get_optional(const json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null())
    out = it->template get<T>();
  else
    out.reset();
}
// A list or map that may be left out: empty when absent.
template <typename T>
void get_or_empty(const json& j, const char* key, T& out) {
  auto it = j.find(key);
  out = it != j.end() && !it->is_null() ? it->template get<T>() : T{};
}
template <typename T>
void put_optional(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

}  // namespace detail

// ---- Shared parts ----------------------------------------------------------------------------

// A point in degrees (WGS 84).
struct Point {
  double lat = 0;
  double lon = 0;
  friend bool operator==(const Point&, const Point&) = default;
};
inline void to_json(nlohmann::json& j, const Point& p) { j = {{"lat", p.lat}, {"lon", p.lon}}; }
inline void from_json(const nlohmann::json& j, Point& p) {
  j.at("lat").get_to(p.lat);
  j.at("lon").get_to(p.lon);
}

// Where a plot lies, in events about what happened on it: its point (the centroid of its outline
// when it has one) and its outline of 3-200 points when known (empty otherwise; "polygon" left
// out).
struct PlotLocation {
  double lat = 0;
  double lon = 0;
  std::vector<Point> polygon;
  friend bool operator==(const PlotLocation&, const PlotLocation&) = default;
};
inline void to_json(nlohmann::json& j, const PlotLocation& l) {
  j = {{"lat", l.lat}, {"lon", l.lon}};
  if (!l.polygon.empty()) j["polygon"] = l.polygon;
}
inline void from_json(const nlohmann::json& j, PlotLocation& l) {
  j.at("lat").get_to(l.lat);
  j.at("lon").get_to(l.lon);
  detail::get_or_empty(j, "polygon", l.polygon);
}

// ---- farming.plot.registered {plot} ----------------------------------------------------------

struct Certification {
  std::string scheme;                 // e.g. "VietGAP"
  std::optional<std::string> number;  // the certificate's number
  std::string expires;                // date
  friend bool operator==(const Certification&, const Certification&) = default;
};
inline void to_json(nlohmann::json& j, const Certification& c) {
  j = {{"scheme", c.scheme}, {"expires", c.expires}};
  detail::put_optional(j, "number", c.number);
}
inline void from_json(const nlohmann::json& j, Certification& c) {
  j.at("scheme").get_to(c.scheme);
  j.at("expires").get_to(c.expires);
  detail::get_optional(j, "number", c.number);
}

// A member household's plot, as the cooperative registered it. `location` is the point given, or
// the centroid of `polygon` (empty when only a point was given).
struct Plot {
  std::string id;
  std::string cooperative;
  std::string household_id;
  std::string household_name;
  std::string crop;
  std::int64_t area_m2 = 0;
  Point location;
  std::vector<Point> polygon;
  std::optional<Certification> certification;
  std::string registered_at;  // time
  friend bool operator==(const Plot&, const Plot&) = default;
};
inline void to_json(nlohmann::json& j, const Plot& p) {
  j = {{"id", p.id},
       {"cooperative", p.cooperative},
       {"household_id", p.household_id},
       {"household_name", p.household_name},
       {"crop", p.crop},
       {"area_m2", p.area_m2},
       {"location", p.location},
       {"registered_at", p.registered_at}};
  if (!p.polygon.empty()) j["polygon"] = p.polygon;
  detail::put_optional(j, "certification", p.certification);
}
inline void from_json(const nlohmann::json& j, Plot& p) {
  j.at("id").get_to(p.id);
  j.at("cooperative").get_to(p.cooperative);
  j.at("household_id").get_to(p.household_id);
  j.at("household_name").get_to(p.household_name);
  j.at("crop").get_to(p.crop);
  j.at("area_m2").get_to(p.area_m2);
  j.at("location").get_to(p.location);
  j.at("registered_at").get_to(p.registered_at);
  detail::get_or_empty(j, "polygon", p.polygon);
  detail::get_optional(j, "certification", p.certification);
}

struct PlotRegistered {
  static constexpr std::string_view kType = kPlotRegistered;
  Plot plot;
  friend bool operator==(const PlotRegistered&, const PlotRegistered&) = default;
};
inline void to_json(nlohmann::json& j, const PlotRegistered& e) { j = {{"plot", e.plot}}; }
inline void from_json(const nlohmann::json& j, PlotRegistered& e) { j.at("plot").get_to(e.plot); }

// ---- farming.agreement.proposed / .amended {agreement}, .signed ------------------------------

struct Period {
  std::string start;  // date
  std::string end;    // date, not before start
  friend bool operator==(const Period&, const Period&) = default;
};
inline void to_json(nlohmann::json& j, const Period& p) {
  j = {{"start", p.start}, {"end", p.end}};
}
inline void from_json(const nlohmann::json& j, Period& p) {
  j.at("start").get_to(p.start);
  j.at("end").get_to(p.end);
}

// A plot under an agreement: the household comes from the plot record.
struct AgreementPlot {
  std::string plot_id;
  std::string household_id;
  std::string household_name;
  std::int64_t expected_yield = 0;  // product unit
  friend bool operator==(const AgreementPlot&, const AgreementPlot&) = default;
};
inline void to_json(nlohmann::json& j, const AgreementPlot& p) {
  j = {{"plot_id", p.plot_id},
       {"household_id", p.household_id},
       {"household_name", p.household_name},
       {"expected_yield", p.expected_yield}};
}
inline void from_json(const nlohmann::json& j, AgreementPlot& p) {
  j.at("plot_id").get_to(p.plot_id);
  j.at("household_id").get_to(p.household_id);
  j.at("household_name").get_to(p.household_name);
  j.at("expected_yield").get_to(p.expected_yield);
}

// Price terms, VND per kg / litre / piece. kind "fixed": unit_price_vnd; "floor": floor_price_vnd
// and discount_bp; "graded": grade_prices. fixed and floor may carry grade_differentials_vnd.
struct Price {
  std::string kind;  // "fixed" | "floor" | "graded"
  std::optional<std::int64_t> unit_price_vnd;
  std::optional<std::int64_t> floor_price_vnd;
  std::optional<std::int64_t> discount_bp;
  std::map<std::string, std::int64_t> grade_prices;             // "A"/"B"/"C" -> price
  std::map<std::string, std::int64_t> grade_differentials_vnd;  // "A"/"B"/"C" -> signed VND
  friend bool operator==(const Price&, const Price&) = default;
};
inline void to_json(nlohmann::json& j, const Price& p) {
  j = {{"kind", p.kind}};
  detail::put_optional(j, "unit_price_vnd", p.unit_price_vnd);
  detail::put_optional(j, "floor_price_vnd", p.floor_price_vnd);
  detail::put_optional(j, "discount_bp", p.discount_bp);
  if (!p.grade_prices.empty()) j["grade_prices"] = p.grade_prices;
  if (!p.grade_differentials_vnd.empty()) j["grade_differentials_vnd"] = p.grade_differentials_vnd;
}
inline void from_json(const nlohmann::json& j, Price& p) {
  j.at("kind").get_to(p.kind);
  detail::get_optional(j, "unit_price_vnd", p.unit_price_vnd);
  detail::get_optional(j, "floor_price_vnd", p.floor_price_vnd);
  detail::get_optional(j, "discount_bp", p.discount_bp);
  detail::get_or_empty(j, "grade_prices", p.grade_prices);
  detail::get_or_empty(j, "grade_differentials_vnd", p.grade_differentials_vnd);
}

// Season terms added in plugin version 0.3.0; every one is optional in an agreement version.

// One band of a quality deduction table: a measurement above the previous band's bound (or the
// base) and at most up_to_bp deducts deduct_bp of the accepted weight.
struct DeductionBand {
  std::int64_t up_to_bp = 0;
  std::int64_t deduct_bp = 0;
  friend bool operator==(const DeductionBand&, const DeductionBand&) = default;
};
inline void to_json(nlohmann::json& j, const DeductionBand& b) {
  j = {{"up_to_bp", b.up_to_bp}, {"deduct_bp", b.deduct_bp}};
}
inline void from_json(const nlohmann::json& j, DeductionBand& b) {
  j.at("up_to_bp").get_to(b.up_to_bp);
  j.at("deduct_bp").get_to(b.deduct_bp);
}

// A deduction table for one measurement (moisture or foreign matter), in basis points: nothing at
// or below base_bp; above it the band's deduct_bp, or without bands the excess over base_bp itself.
struct DeductionTable {
  std::int64_t base_bp = 0;
  std::vector<DeductionBand> bands;  // ascending up_to_bp; above the last: not acceptable
  friend bool operator==(const DeductionTable&, const DeductionTable&) = default;
};
inline void to_json(nlohmann::json& j, const DeductionTable& t) {
  j = {{"base_bp", t.base_bp}};
  if (!t.bands.empty()) j["bands"] = t.bands;
}
inline void from_json(const nlohmann::json& j, DeductionTable& t) {
  j.at("base_bp").get_to(t.base_bp);
  detail::get_or_empty(j, "bands", t.bands);
}

struct QualityTerms {
  std::optional<DeductionTable> moisture;
  std::optional<DeductionTable> foreign_matter;
  friend bool operator==(const QualityTerms&, const QualityTerms&) = default;
};
inline void to_json(nlohmann::json& j, const QualityTerms& q) {
  j = nlohmann::json::object();
  detail::put_optional(j, "moisture", q.moisture);
  detail::put_optional(j, "foreign_matter", q.foreign_matter);
}
inline void from_json(const nlohmann::json& j, QualityTerms& q) {
  detail::get_optional(j, "moisture", q.moisture);
  detail::get_optional(j, "foreign_matter", q.foreign_matter);
}

// Interest on the agreement's advances (else the node's advance_interest_bp_per_month).
struct InterestTerms {
  std::int64_t bp_per_month = 0;
  std::optional<std::int64_t> cap_bp;      // at most this share of the advance, in bp
  std::optional<std::int64_t> grace_days;  // interest starts after this many days
  friend bool operator==(const InterestTerms&, const InterestTerms&) = default;
};
inline void to_json(nlohmann::json& j, const InterestTerms& t) {
  j = {{"bp_per_month", t.bp_per_month}};
  detail::put_optional(j, "cap_bp", t.cap_bp);
  detail::put_optional(j, "grace_days", t.grace_days);
}
inline void from_json(const nlohmann::json& j, InterestTerms& t) {
  j.at("bp_per_month").get_to(t.bp_per_month);
  detail::get_optional(j, "cap_bp", t.cap_bp);
  detail::get_optional(j, "grace_days", t.grace_days);
}

// Side-selling: a household that delivered less than min_delivery_bp of its plots' expected yield
// pays vnd_per_unit for each kg (litre, piece) short of that share.
struct SideSellingClause {
  std::int64_t min_delivery_bp = 0;
  std::int64_t vnd_per_unit = 0;
  friend bool operator==(const SideSellingClause&, const SideSellingClause&) = default;
};
inline void to_json(nlohmann::json& j, const SideSellingClause& c) {
  j = {{"min_delivery_bp", c.min_delivery_bp}, {"vnd_per_unit", c.vnd_per_unit}};
}
inline void from_json(const nlohmann::json& j, SideSellingClause& c) {
  j.at("min_delivery_bp").get_to(c.min_delivery_bp);
  j.at("vnd_per_unit").get_to(c.vnd_per_unit);
}

// Non-acceptance: the enterprise pays the cooperative vnd_per_unit for each kg (litre, piece) it
// refused although the delivery met the terms (rejection_cause "buyer").
struct NonAcceptanceClause {
  std::int64_t vnd_per_unit = 0;
  friend bool operator==(const NonAcceptanceClause&, const NonAcceptanceClause&) = default;
};
inline void to_json(nlohmann::json& j, const NonAcceptanceClause& c) {
  j = {{"vnd_per_unit", c.vnd_per_unit}};
}
inline void from_json(const nlohmann::json& j, NonAcceptanceClause& c) {
  j.at("vnd_per_unit").get_to(c.vnd_per_unit);
}

struct PenaltyTerms {
  std::optional<SideSellingClause> side_selling;
  std::optional<NonAcceptanceClause> non_acceptance;
  friend bool operator==(const PenaltyTerms&, const PenaltyTerms&) = default;
};
inline void to_json(nlohmann::json& j, const PenaltyTerms& p) {
  j = nlohmann::json::object();
  detail::put_optional(j, "side_selling", p.side_selling);
  detail::put_optional(j, "non_acceptance", p.non_acceptance);
}
inline void from_json(const nlohmann::json& j, PenaltyTerms& p) {
  detail::get_optional(j, "side_selling", p.side_selling);
  detail::get_optional(j, "non_acceptance", p.non_acceptance);
}

// One version of a season agreement.
struct Agreement {
  std::string id;
  std::int64_t version = 0;  // 1, 2, ...
  std::string enterprise;
  std::string cooperative;
  std::string product_id;
  std::string unit;  // the product's: "g" | "ml" | "piece"
  std::vector<AgreementPlot> plots;
  Period season;
  Period harvest_window;
  Price price;
  std::optional<std::string> note;
  std::string status;  // "proposed" | "in_force" | "superseded" | "withdrawn"
  std::string proposed_by;
  std::string proposed_at;                        // time
  std::map<std::string, std::string> signatures;  // party -> time
  std::optional<std::int64_t> amends;             // the version this one amends
  // From 0.3.0: the date from which this version prices deliveries (set when both have signed;
  // an amendment may ask for a later date), and the optional season terms.
  std::optional<std::string> effective_from;
  std::optional<QualityTerms> quality;
  std::optional<InterestTerms> advance_interest;
  std::optional<std::int64_t> service_fee_vnd;     // the cooperative's fee per kg / litre / piece
  std::optional<std::int64_t> tax_withholding_bp;  // withheld from each household's gross
  std::optional<PenaltyTerms> penalties;
  friend bool operator==(const Agreement&, const Agreement&) = default;
};
inline void to_json(nlohmann::json& j, const Agreement& a) {
  j = {{"id", a.id},
       {"version", a.version},
       {"enterprise", a.enterprise},
       {"cooperative", a.cooperative},
       {"product_id", a.product_id},
       {"unit", a.unit},
       {"plots", a.plots},
       {"season", a.season},
       {"harvest_window", a.harvest_window},
       {"price", a.price},
       {"status", a.status},
       {"proposed_by", a.proposed_by},
       {"proposed_at", a.proposed_at},
       {"signatures", a.signatures}};
  detail::put_optional(j, "note", a.note);
  detail::put_optional(j, "amends", a.amends);
  detail::put_optional(j, "effective_from", a.effective_from);
  detail::put_optional(j, "quality", a.quality);
  detail::put_optional(j, "advance_interest", a.advance_interest);
  detail::put_optional(j, "service_fee_vnd", a.service_fee_vnd);
  detail::put_optional(j, "tax_withholding_bp", a.tax_withholding_bp);
  detail::put_optional(j, "penalties", a.penalties);
}
inline void from_json(const nlohmann::json& j, Agreement& a) {
  j.at("id").get_to(a.id);
  j.at("version").get_to(a.version);
  j.at("enterprise").get_to(a.enterprise);
  j.at("cooperative").get_to(a.cooperative);
  j.at("product_id").get_to(a.product_id);
  j.at("unit").get_to(a.unit);
  j.at("plots").get_to(a.plots);
  j.at("season").get_to(a.season);
  j.at("harvest_window").get_to(a.harvest_window);
  j.at("price").get_to(a.price);
  j.at("status").get_to(a.status);
  j.at("proposed_by").get_to(a.proposed_by);
  j.at("proposed_at").get_to(a.proposed_at);
  j.at("signatures").get_to(a.signatures);
  detail::get_optional(j, "note", a.note);
  detail::get_optional(j, "amends", a.amends);
  detail::get_optional(j, "effective_from", a.effective_from);
  detail::get_optional(j, "quality", a.quality);
  detail::get_optional(j, "advance_interest", a.advance_interest);
  detail::get_optional(j, "service_fee_vnd", a.service_fee_vnd);
  detail::get_optional(j, "tax_withholding_bp", a.tax_withholding_bp);
  detail::get_optional(j, "penalties", a.penalties);
}

// Version 1, proposed (and signed) by one side.
struct AgreementProposed {
  static constexpr std::string_view kType = kAgreementProposed;
  Agreement agreement;
  friend bool operator==(const AgreementProposed&, const AgreementProposed&) = default;
};
inline void to_json(nlohmann::json& j, const AgreementProposed& e) {
  j = {{"agreement", e.agreement}};
}
inline void from_json(const nlohmann::json& j, AgreementProposed& e) {
  j.at("agreement").get_to(e.agreement);
}

// A new version, proposed (and signed) by the side that amends.
struct AgreementAmended {
  static constexpr std::string_view kType = kAgreementAmended;
  Agreement agreement;
  friend bool operator==(const AgreementAmended&, const AgreementAmended&) = default;
};
inline void to_json(nlohmann::json& j, const AgreementAmended& e) {
  j = {{"agreement", e.agreement}};
}
inline void from_json(const nlohmann::json& j, AgreementAmended& e) {
  j.at("agreement").get_to(e.agreement);
}

// The other side signed `version`, which is now in force.
struct AgreementSigned {
  static constexpr std::string_view kType = kAgreementSigned;
  std::string agreement_id;
  std::int64_t version = 0;
  std::string party;   // who signed
  std::string status;  // "in_force"
  Agreement agreement;
  friend bool operator==(const AgreementSigned&, const AgreementSigned&) = default;
};
inline void to_json(nlohmann::json& j, const AgreementSigned& e) {
  j = {{"agreement_id", e.agreement_id},
       {"version", e.version},
       {"party", e.party},
       {"status", e.status},
       {"agreement", e.agreement}};
}
inline void from_json(const nlohmann::json& j, AgreementSigned& e) {
  j.at("agreement_id").get_to(e.agreement_id);
  j.at("version").get_to(e.version);
  j.at("party").get_to(e.party);
  j.at("status").get_to(e.status);
  j.at("agreement").get_to(e.agreement);
}

// ---- farming.market_price.set {market_price} -------------------------------------------------

// An enterprise's reference price for a product on a date (floor price terms).
struct MarketPrice {
  std::string enterprise;
  std::string product_id;
  std::string date;
  std::int64_t unit_price_vnd = 0;  // VND per kg / litre / piece
  std::string unit;                 // the product's unit
  std::optional<std::string> source;
  std::string set_at;  // time
  friend bool operator==(const MarketPrice&, const MarketPrice&) = default;
};
inline void to_json(nlohmann::json& j, const MarketPrice& m) {
  j = {{"enterprise", m.enterprise},
       {"product_id", m.product_id},
       {"date", m.date},
       {"unit_price_vnd", m.unit_price_vnd},
       {"unit", m.unit},
       {"set_at", m.set_at}};
  detail::put_optional(j, "source", m.source);
}
inline void from_json(const nlohmann::json& j, MarketPrice& m) {
  j.at("enterprise").get_to(m.enterprise);
  j.at("product_id").get_to(m.product_id);
  j.at("date").get_to(m.date);
  j.at("unit_price_vnd").get_to(m.unit_price_vnd);
  j.at("unit").get_to(m.unit);
  j.at("set_at").get_to(m.set_at);
  detail::get_optional(j, "source", m.source);
}

struct MarketPriceSet {
  static constexpr std::string_view kType = kMarketPriceSet;
  MarketPrice market_price;
  friend bool operator==(const MarketPriceSet&, const MarketPriceSet&) = default;
};
inline void to_json(nlohmann::json& j, const MarketPriceSet& e) {
  j = {{"market_price", e.market_price}};
}
inline void from_json(const nlohmann::json& j, MarketPriceSet& e) {
  j.at("market_price").get_to(e.market_price);
}

// ---- farming.advance.recorded {advance} ------------------------------------------------------

// Inputs or cash the enterprise advanced under an agreement in force.
struct Advance {
  std::string id;  // "adv-<n>"
  std::string agreement_id;
  std::string enterprise;
  std::string cooperative;
  std::string item;  // "seed" | "fertiliser" | "pesticide" | "cash"
  std::optional<std::string> description;
  std::optional<std::int64_t> quantity;      // with quantity_unit
  std::optional<std::string> quantity_unit;  // e.g. "bag 50 kg"
  std::int64_t value_vnd = 0;
  std::string date;                        // interest runs from this day
  std::int64_t interest_bp_per_month = 0;  // the agreement's rate, else the config's, when recorded
  std::string recorded_at;                 // time
  std::optional<std::int64_t> interest_cap_bp;      // from 0.3.0: the agreement's cap
  std::optional<std::int64_t> interest_grace_days;  // from 0.3.0: the agreement's grace period
  friend bool operator==(const Advance&, const Advance&) = default;
};
inline void to_json(nlohmann::json& j, const Advance& a) {
  j = {{"id", a.id},
       {"agreement_id", a.agreement_id},
       {"enterprise", a.enterprise},
       {"cooperative", a.cooperative},
       {"item", a.item},
       {"value_vnd", a.value_vnd},
       {"date", a.date},
       {"interest_bp_per_month", a.interest_bp_per_month},
       {"recorded_at", a.recorded_at}};
  detail::put_optional(j, "description", a.description);
  detail::put_optional(j, "quantity", a.quantity);
  detail::put_optional(j, "quantity_unit", a.quantity_unit);
  detail::put_optional(j, "interest_cap_bp", a.interest_cap_bp);
  detail::put_optional(j, "interest_grace_days", a.interest_grace_days);
}
inline void from_json(const nlohmann::json& j, Advance& a) {
  j.at("id").get_to(a.id);
  j.at("agreement_id").get_to(a.agreement_id);
  j.at("enterprise").get_to(a.enterprise);
  j.at("cooperative").get_to(a.cooperative);
  j.at("item").get_to(a.item);
  j.at("value_vnd").get_to(a.value_vnd);
  j.at("date").get_to(a.date);
  j.at("interest_bp_per_month").get_to(a.interest_bp_per_month);
  j.at("recorded_at").get_to(a.recorded_at);
  detail::get_optional(j, "description", a.description);
  detail::get_optional(j, "quantity", a.quantity);
  detail::get_optional(j, "quantity_unit", a.quantity_unit);
  detail::get_optional(j, "interest_cap_bp", a.interest_cap_bp);
  detail::get_optional(j, "interest_grace_days", a.interest_grace_days);
}

struct AdvanceRecorded {
  static constexpr std::string_view kType = kAdvanceRecorded;
  Advance advance;
  friend bool operator==(const AdvanceRecorded&, const AdvanceRecorded&) = default;
};
inline void to_json(nlohmann::json& j, const AdvanceRecorded& e) { j = {{"advance", e.advance}}; }
inline void from_json(const nlohmann::json& j, AdvanceRecorded& e) {
  j.at("advance").get_to(e.advance);
}

// ---- farming.diary.recorded {entry} ----------------------------------------------------------

// One planting-diary entry of a plot, with the plot's household, crop and location. A pesticide
// entry always has active_ingredient, dose and phi_days (the pre-harvest interval); other kinds
// never have active_ingredient or phi_days.
struct DiaryEntry {
  std::string id;  // "diary-<n>"
  std::string plot_id;
  std::string kind;  // "sowing" | "fertiliser" | "pesticide" | "irrigation" | "inspection"
  std::string date;
  std::string cooperative;
  std::string household_id;
  std::string household_name;  // "" in entries recorded before it was published
  std::string crop;
  PlotLocation location;
  std::optional<std::string> input;  // the product applied, e.g. "NPK 16-16-8"
  std::optional<std::int64_t> quantity;
  std::optional<std::string> quantity_unit;
  std::optional<std::string> active_ingredient;  // pesticide
  std::optional<std::string> dose;               // e.g. "10 ml / 16 L"
  std::optional<std::int64_t> phi_days;          // pesticide: no harvest before date + phi_days
  std::optional<std::string> inspector;
  std::optional<std::string> result;
  std::optional<std::string> note;
  std::string recorded_at;  // time
  friend bool operator==(const DiaryEntry&, const DiaryEntry&) = default;
};
inline void to_json(nlohmann::json& j, const DiaryEntry& e) {
  j = {{"id", e.id},
       {"plot_id", e.plot_id},
       {"kind", e.kind},
       {"date", e.date},
       {"cooperative", e.cooperative},
       {"household_id", e.household_id},
       {"household_name", e.household_name},
       {"crop", e.crop},
       {"location", e.location},
       {"recorded_at", e.recorded_at}};
  detail::put_optional(j, "input", e.input);
  detail::put_optional(j, "quantity", e.quantity);
  detail::put_optional(j, "quantity_unit", e.quantity_unit);
  detail::put_optional(j, "active_ingredient", e.active_ingredient);
  detail::put_optional(j, "dose", e.dose);
  detail::put_optional(j, "phi_days", e.phi_days);
  detail::put_optional(j, "inspector", e.inspector);
  detail::put_optional(j, "result", e.result);
  detail::put_optional(j, "note", e.note);
}
inline void from_json(const nlohmann::json& j, DiaryEntry& e) {
  j.at("id").get_to(e.id);
  j.at("plot_id").get_to(e.plot_id);
  j.at("kind").get_to(e.kind);
  j.at("date").get_to(e.date);
  j.at("cooperative").get_to(e.cooperative);
  j.at("household_id").get_to(e.household_id);
  e.household_name = j.value("household_name", "");
  j.at("crop").get_to(e.crop);
  j.at("location").get_to(e.location);
  j.at("recorded_at").get_to(e.recorded_at);
  detail::get_optional(j, "input", e.input);
  detail::get_optional(j, "quantity", e.quantity);
  detail::get_optional(j, "quantity_unit", e.quantity_unit);
  detail::get_optional(j, "active_ingredient", e.active_ingredient);
  detail::get_optional(j, "dose", e.dose);
  detail::get_optional(j, "phi_days", e.phi_days);
  detail::get_optional(j, "inspector", e.inspector);
  detail::get_optional(j, "result", e.result);
  detail::get_optional(j, "note", e.note);
}

struct DiaryRecorded {
  static constexpr std::string_view kType = kDiaryRecorded;
  DiaryEntry entry;
  friend bool operator==(const DiaryRecorded&, const DiaryRecorded&) = default;
};
inline void to_json(nlohmann::json& j, const DiaryRecorded& e) { j = {{"entry", e.entry}}; }
inline void from_json(const nlohmann::json& j, DiaryRecorded& e) { j.at("entry").get_to(e.entry); }

// ---- farming.harvest.recorded (the harvest record itself, flat) -------------------------------

// A household's delivery from its plot under an agreement in force: a new lot, with everything an
// EPCIS ObjectEvent commissioning it needs (the lot, the product and its GTIN when it has one, the
// quantity in the product's unit, where and when it was harvested, by whom, under which agreement).
struct HarvestRecorded {
  static constexpr std::string_view kType = kHarvestRecorded;
  std::string id;  // "harvest-<n>"
  std::string lot_id;
  std::string agreement_id;
  std::int64_t agreement_version = 0;  // the version in force
  std::string enterprise;
  std::string cooperative;
  std::string product_id;
  std::optional<std::string> gtin;  // the product's GTIN-14, when the registry has one
  std::string plot_id;
  std::string household_id;
  std::string household_name;
  PlotLocation location;  // the plot's point, and its outline when known
  std::int64_t quantity = 0;
  std::string unit;         // "g" | "ml" | "piece"
  std::string grade;        // "A" | "B" | "C"
  std::string date;         // harvest date
  std::string recorded_at;  // time
  // From 0.3.0: quality at delivery. `quantity` is the gross weight delivered; of it,
  // rejected_quantity was refused (not paid), deducted_quantity taken off for moisture and foreign
  // matter by the agreement's tables; net_quantity is what is paid. Absent in older records: the
  // whole quantity is net.
  std::optional<std::int64_t> moisture_bp;
  std::optional<std::int64_t> foreign_matter_bp;
  std::optional<std::int64_t> rejected_quantity;
  std::optional<std::string> rejection_reason;
  std::optional<std::string> rejection_cause;  // "quality" | "buyer"
  std::optional<std::int64_t> deducted_quantity;
  std::optional<std::int64_t> net_quantity;
  std::optional<std::string> repays_advance;  // delivered in kind against this advance
  friend bool operator==(const HarvestRecorded&, const HarvestRecorded&) = default;
};
inline void to_json(nlohmann::json& j, const HarvestRecorded& h) {
  j = {{"id", h.id},
       {"lot_id", h.lot_id},
       {"agreement_id", h.agreement_id},
       {"agreement_version", h.agreement_version},
       {"enterprise", h.enterprise},
       {"cooperative", h.cooperative},
       {"product_id", h.product_id},
       {"plot_id", h.plot_id},
       {"household_id", h.household_id},
       {"household_name", h.household_name},
       {"location", h.location},
       {"quantity", h.quantity},
       {"unit", h.unit},
       {"grade", h.grade},
       {"date", h.date},
       {"recorded_at", h.recorded_at}};
  detail::put_optional(j, "gtin", h.gtin);
  detail::put_optional(j, "moisture_bp", h.moisture_bp);
  detail::put_optional(j, "foreign_matter_bp", h.foreign_matter_bp);
  detail::put_optional(j, "rejected_quantity", h.rejected_quantity);
  detail::put_optional(j, "rejection_reason", h.rejection_reason);
  detail::put_optional(j, "rejection_cause", h.rejection_cause);
  detail::put_optional(j, "deducted_quantity", h.deducted_quantity);
  detail::put_optional(j, "net_quantity", h.net_quantity);
  detail::put_optional(j, "repays_advance", h.repays_advance);
}
inline void from_json(const nlohmann::json& j, HarvestRecorded& h) {
  j.at("id").get_to(h.id);
  j.at("lot_id").get_to(h.lot_id);
  j.at("agreement_id").get_to(h.agreement_id);
  j.at("agreement_version").get_to(h.agreement_version);
  j.at("enterprise").get_to(h.enterprise);
  j.at("cooperative").get_to(h.cooperative);
  j.at("product_id").get_to(h.product_id);
  j.at("plot_id").get_to(h.plot_id);
  j.at("household_id").get_to(h.household_id);
  j.at("household_name").get_to(h.household_name);
  j.at("location").get_to(h.location);
  j.at("quantity").get_to(h.quantity);
  j.at("unit").get_to(h.unit);
  j.at("grade").get_to(h.grade);
  j.at("date").get_to(h.date);
  j.at("recorded_at").get_to(h.recorded_at);
  detail::get_optional(j, "gtin", h.gtin);
  detail::get_optional(j, "moisture_bp", h.moisture_bp);
  detail::get_optional(j, "foreign_matter_bp", h.foreign_matter_bp);
  detail::get_optional(j, "rejected_quantity", h.rejected_quantity);
  detail::get_optional(j, "rejection_reason", h.rejection_reason);
  detail::get_optional(j, "rejection_cause", h.rejection_cause);
  detail::get_optional(j, "deducted_quantity", h.deducted_quantity);
  detail::get_optional(j, "net_quantity", h.net_quantity);
  detail::get_optional(j, "repays_advance", h.repays_advance);
}

// ---- farming.settlement.computed {settlement}, .confirmed ------------------------------------

struct SettlementTotals {
  std::int64_t quantity = 0;
  std::int64_t gross_vnd = 0;
  std::int64_t advances_vnd = 0;
  std::int64_t interest_vnd = 0;
  std::int64_t deductions_vnd = 0;   // advances + interest
  std::int64_t net_payable_vnd = 0;  // what the enterprise pays the cooperative (negative: owed)
  // From 0.3.0 (0 in older records). deductions_vnd is everything taken off the households'
  // gross: advances + interest + tax_withheld + service_fees + side_selling + carried_in.
  // net_payable = gross - advances - interest - tax_withheld - side_selling + non_acceptance;
  // households_net = gross - deductions; cooperative_retains = service_fees + carried_in +
  // non_acceptance; net_payable = households_net + cooperative_retains.
  std::int64_t delivered_quantity = 0;  // gross weight delivered
  std::int64_t rejected_quantity = 0;
  std::int64_t deducted_quantity = 0;  // quality deductions
  std::int64_t repaid_in_kind_vnd = 0;
  std::int64_t service_fees_vnd = 0;
  std::int64_t tax_withheld_vnd = 0;
  std::int64_t side_selling_penalties_vnd = 0;
  std::int64_t non_acceptance_penalty_vnd = 0;
  std::int64_t carried_in_vnd = 0;
  std::int64_t households_net_vnd = 0;
  std::int64_t cooperative_retains_vnd = 0;
  friend bool operator==(const SettlementTotals&, const SettlementTotals&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementTotals& t) {
  j = {{"quantity", t.quantity},
       {"gross_vnd", t.gross_vnd},
       {"advances_vnd", t.advances_vnd},
       {"interest_vnd", t.interest_vnd},
       {"deductions_vnd", t.deductions_vnd},
       {"net_payable_vnd", t.net_payable_vnd},
       {"delivered_quantity", t.delivered_quantity},
       {"rejected_quantity", t.rejected_quantity},
       {"deducted_quantity", t.deducted_quantity},
       {"repaid_in_kind_vnd", t.repaid_in_kind_vnd},
       {"service_fees_vnd", t.service_fees_vnd},
       {"tax_withheld_vnd", t.tax_withheld_vnd},
       {"side_selling_penalties_vnd", t.side_selling_penalties_vnd},
       {"non_acceptance_penalty_vnd", t.non_acceptance_penalty_vnd},
       {"carried_in_vnd", t.carried_in_vnd},
       {"households_net_vnd", t.households_net_vnd},
       {"cooperative_retains_vnd", t.cooperative_retains_vnd}};
}
inline void from_json(const nlohmann::json& j, SettlementTotals& t) {
  j.at("quantity").get_to(t.quantity);
  j.at("gross_vnd").get_to(t.gross_vnd);
  j.at("advances_vnd").get_to(t.advances_vnd);
  j.at("interest_vnd").get_to(t.interest_vnd);
  j.at("deductions_vnd").get_to(t.deductions_vnd);
  j.at("net_payable_vnd").get_to(t.net_payable_vnd);
  using detail::get_int_or_zero;
  t.delivered_quantity = get_int_or_zero(j, "delivered_quantity");
  t.rejected_quantity = get_int_or_zero(j, "rejected_quantity");
  t.deducted_quantity = get_int_or_zero(j, "deducted_quantity");
  t.repaid_in_kind_vnd = get_int_or_zero(j, "repaid_in_kind_vnd");
  t.service_fees_vnd = get_int_or_zero(j, "service_fees_vnd");
  t.tax_withheld_vnd = get_int_or_zero(j, "tax_withheld_vnd");
  t.side_selling_penalties_vnd = get_int_or_zero(j, "side_selling_penalties_vnd");
  t.non_acceptance_penalty_vnd = get_int_or_zero(j, "non_acceptance_penalty_vnd");
  t.carried_in_vnd = get_int_or_zero(j, "carried_in_vnd");
  t.households_net_vnd = get_int_or_zero(j, "households_net_vnd");
  t.cooperative_retains_vnd = get_int_or_zero(j, "cooperative_retains_vnd");
}

// A household's deliveries of one grade at one unit price.
struct SettlementLine {
  std::string grade;
  std::int64_t unit_price_vnd = 0;
  std::int64_t quantity = 0;
  std::int64_t value_vnd = 0;
  friend bool operator==(const SettlementLine&, const SettlementLine&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementLine& l) {
  j = {{"grade", l.grade},
       {"unit_price_vnd", l.unit_price_vnd},
       {"quantity", l.quantity},
       {"value_vnd", l.value_vnd}};
}
inline void from_json(const nlohmann::json& j, SettlementLine& l) {
  j.at("grade").get_to(l.grade);
  j.at("unit_price_vnd").get_to(l.unit_price_vnd);
  j.at("quantity").get_to(l.quantity);
  j.at("value_vnd").get_to(l.value_vnd);
}

// One line of a household's statement, in Vietnamese for the household to read; amount_vnd is
// signed (a deduction is negative) and the lines add up to the household's net.
struct StatementItem {
  std::string kind;  // goods | advance | in_kind | service_fee | tax | side_selling | carried_in
  std::string text;
  std::int64_t amount_vnd = 0;
  friend bool operator==(const StatementItem&, const StatementItem&) = default;
};
inline void to_json(nlohmann::json& j, const StatementItem& i) {
  j = {{"kind", i.kind}, {"text", i.text}, {"amount_vnd", i.amount_vnd}};
}
inline void from_json(const nlohmann::json& j, StatementItem& i) {
  j.at("kind").get_to(i.kind);
  j.at("text").get_to(i.text);
  j.at("amount_vnd").get_to(i.amount_vnd);
}

// A household's negative net moved to (or from) another settlement of the same enterprise and
// cooperative.
struct CarriedDebt {
  std::string settlement_id;
  std::string agreement_id;
  std::int64_t amount_vnd = 0;
  friend bool operator==(const CarriedDebt&, const CarriedDebt&) = default;
};
inline void to_json(nlohmann::json& j, const CarriedDebt& c) {
  j = {{"settlement_id", c.settlement_id},
       {"agreement_id", c.agreement_id},
       {"amount_vnd", c.amount_vnd}};
}
inline void from_json(const nlohmann::json& j, CarriedDebt& c) {
  j.at("settlement_id").get_to(c.settlement_id);
  j.at("agreement_id").get_to(c.agreement_id);
  j.at("amount_vnd").get_to(c.amount_vnd);
}

struct SettlementHousehold {
  std::string household_id;
  std::string household_name;
  std::int64_t quantity = 0;  // net quantity paid
  std::vector<SettlementLine> lines;
  std::int64_t gross_vnd = 0;
  std::int64_t deduction_vnd = 0;  // the sum of the parts below
  std::int64_t net_vnd = 0;        // negative: the household owes the cooperative
  // From 0.3.0 (0 / empty in older records).
  std::int64_t advance_share_vnd = 0;  // advances and interest, including repaid_in_kind_vnd
  std::int64_t repaid_in_kind_vnd = 0;
  std::int64_t service_fee_vnd = 0;
  std::int64_t tax_withheld_vnd = 0;
  std::int64_t side_selling_penalty_vnd = 0;
  std::int64_t carried_in_vnd = 0;
  std::vector<CarriedDebt> carried_from;     // the settlements whose debts carried_in_vnd brings
  std::optional<CarriedDebt> carried_to;     // set when this (negative) net moved to a later season
  std::optional<std::string> member_status;  // "member" | "left", on the settlement date
  std::optional<std::string> left_on;
  std::vector<StatementItem> statement;
  friend bool operator==(const SettlementHousehold&, const SettlementHousehold&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementHousehold& h) {
  j = {{"household_id", h.household_id},
       {"household_name", h.household_name},
       {"quantity", h.quantity},
       {"lines", h.lines},
       {"gross_vnd", h.gross_vnd},
       {"deduction_vnd", h.deduction_vnd},
       {"net_vnd", h.net_vnd},
       {"advance_share_vnd", h.advance_share_vnd},
       {"repaid_in_kind_vnd", h.repaid_in_kind_vnd},
       {"service_fee_vnd", h.service_fee_vnd},
       {"tax_withheld_vnd", h.tax_withheld_vnd},
       {"side_selling_penalty_vnd", h.side_selling_penalty_vnd},
       {"carried_in_vnd", h.carried_in_vnd},
       {"statement", h.statement}};
  if (!h.carried_from.empty()) j["carried_from"] = h.carried_from;
  detail::put_optional(j, "carried_to", h.carried_to);
  detail::put_optional(j, "member_status", h.member_status);
  detail::put_optional(j, "left_on", h.left_on);
}
inline void from_json(const nlohmann::json& j, SettlementHousehold& h) {
  j.at("household_id").get_to(h.household_id);
  j.at("household_name").get_to(h.household_name);
  j.at("quantity").get_to(h.quantity);
  j.at("lines").get_to(h.lines);
  j.at("gross_vnd").get_to(h.gross_vnd);
  j.at("deduction_vnd").get_to(h.deduction_vnd);
  j.at("net_vnd").get_to(h.net_vnd);
  using detail::get_int_or_zero;
  h.advance_share_vnd = get_int_or_zero(j, "advance_share_vnd");
  h.repaid_in_kind_vnd = get_int_or_zero(j, "repaid_in_kind_vnd");
  h.service_fee_vnd = get_int_or_zero(j, "service_fee_vnd");
  h.tax_withheld_vnd = get_int_or_zero(j, "tax_withheld_vnd");
  h.side_selling_penalty_vnd = get_int_or_zero(j, "side_selling_penalty_vnd");
  h.carried_in_vnd = get_int_or_zero(j, "carried_in_vnd");
  detail::get_or_empty(j, "statement", h.statement);
  detail::get_or_empty(j, "carried_from", h.carried_from);
  detail::get_optional(j, "carried_to", h.carried_to);
  detail::get_optional(j, "member_status", h.member_status);
  detail::get_optional(j, "left_on", h.left_on);
}

// A delivery as priced by the settlement.
struct SettlementDelivery {
  std::string id;  // the harvest
  std::string lot_id;
  std::string household_id;
  std::string plot_id;
  std::string grade;
  std::int64_t quantity = 0;
  std::string date;
  std::int64_t unit_price_vnd = 0;
  std::optional<std::int64_t> market_price_vnd;  // floor terms: the reference price applied
  // From 0.3.0 (0 / absent in older records): the version whose terms priced it (the one in force
  // on its date), what quality took off, and what is paid.
  std::optional<std::int64_t> agreement_version;
  std::int64_t rejected_quantity = 0;
  std::int64_t deducted_quantity = 0;
  std::int64_t net_quantity = 0;
  std::int64_t value_vnd = 0;  // floor(net x price / units per priced unit), for in-kind credit
  std::optional<std::string> rejection_cause;
  std::optional<std::string> repays_advance;
  friend bool operator==(const SettlementDelivery&, const SettlementDelivery&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementDelivery& d) {
  j = {{"id", d.id},
       {"lot_id", d.lot_id},
       {"household_id", d.household_id},
       {"plot_id", d.plot_id},
       {"grade", d.grade},
       {"quantity", d.quantity},
       {"date", d.date},
       {"unit_price_vnd", d.unit_price_vnd}};
  detail::put_optional(j, "market_price_vnd", d.market_price_vnd);
  j["rejected_quantity"] = d.rejected_quantity;
  j["deducted_quantity"] = d.deducted_quantity;
  j["net_quantity"] = d.net_quantity;
  j["value_vnd"] = d.value_vnd;
  detail::put_optional(j, "agreement_version", d.agreement_version);
  detail::put_optional(j, "rejection_cause", d.rejection_cause);
  detail::put_optional(j, "repays_advance", d.repays_advance);
}
inline void from_json(const nlohmann::json& j, SettlementDelivery& d) {
  j.at("id").get_to(d.id);
  j.at("lot_id").get_to(d.lot_id);
  j.at("household_id").get_to(d.household_id);
  j.at("plot_id").get_to(d.plot_id);
  j.at("grade").get_to(d.grade);
  j.at("quantity").get_to(d.quantity);
  j.at("date").get_to(d.date);
  j.at("unit_price_vnd").get_to(d.unit_price_vnd);
  detail::get_optional(j, "market_price_vnd", d.market_price_vnd);
  using detail::get_int_or_zero;
  d.rejected_quantity = get_int_or_zero(j, "rejected_quantity");
  d.deducted_quantity = get_int_or_zero(j, "deducted_quantity");
  d.net_quantity = get_int_or_zero(j, "net_quantity");
  d.value_vnd = get_int_or_zero(j, "value_vnd");
  detail::get_optional(j, "agreement_version", d.agreement_version);
  detail::get_optional(j, "rejection_cause", d.rejection_cause);
  detail::get_optional(j, "repays_advance", d.repays_advance);
}

// An advance as charged by the settlement, with its interest to the settlement date.
struct SettlementAdvance {
  std::string id;
  std::string item;
  std::string date;
  std::int64_t value_vnd = 0;
  std::int64_t interest_bp_per_month = 0;
  std::int64_t days = 0;
  std::int64_t interest_vnd = 0;
  // From 0.3.0: the terms applied and what deliveries in kind repaid (0 / absent before).
  std::optional<std::int64_t> interest_cap_bp;
  std::optional<std::int64_t> interest_grace_days;
  std::int64_t repaid_in_kind_vnd = 0;
  friend bool operator==(const SettlementAdvance&, const SettlementAdvance&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementAdvance& a) {
  j = {{"id", a.id},
       {"item", a.item},
       {"date", a.date},
       {"value_vnd", a.value_vnd},
       {"interest_bp_per_month", a.interest_bp_per_month},
       {"days", a.days},
       {"interest_vnd", a.interest_vnd},
       {"repaid_in_kind_vnd", a.repaid_in_kind_vnd}};
  detail::put_optional(j, "interest_cap_bp", a.interest_cap_bp);
  detail::put_optional(j, "interest_grace_days", a.interest_grace_days);
}
inline void from_json(const nlohmann::json& j, SettlementAdvance& a) {
  j.at("id").get_to(a.id);
  j.at("item").get_to(a.item);
  j.at("date").get_to(a.date);
  j.at("value_vnd").get_to(a.value_vnd);
  j.at("interest_bp_per_month").get_to(a.interest_bp_per_month);
  j.at("days").get_to(a.days);
  j.at("interest_vnd").get_to(a.interest_vnd);
  a.repaid_in_kind_vnd = detail::get_int_or_zero(j, "repaid_in_kind_vnd");
  detail::get_optional(j, "interest_cap_bp", a.interest_cap_bp);
  detail::get_optional(j, "interest_grace_days", a.interest_grace_days);
}

// An instalment the enterprise paid on a confirmed settlement.
struct Payment {
  std::string id;  // "pay-<n>"
  std::int64_t amount_vnd = 0;
  std::string date;
  std::optional<std::string> reference;
  std::string recorded_by;
  std::string recorded_at;  // time
  friend bool operator==(const Payment&, const Payment&) = default;
};
inline void to_json(nlohmann::json& j, const Payment& p) {
  j = {{"id", p.id},
       {"amount_vnd", p.amount_vnd},
       {"date", p.date},
       {"recorded_by", p.recorded_by},
       {"recorded_at", p.recorded_at}};
  detail::put_optional(j, "reference", p.reference);
}
inline void from_json(const nlohmann::json& j, Payment& p) {
  j.at("id").get_to(p.id);
  j.at("amount_vnd").get_to(p.amount_vnd);
  j.at("date").get_to(p.date);
  j.at("recorded_by").get_to(p.recorded_by);
  j.at("recorded_at").get_to(p.recorded_at);
  detail::get_optional(j, "reference", p.reference);
}

// A season's account between the enterprise and the cooperative, per household.
struct Settlement {
  std::string id;  // "stl-<n>"
  std::string agreement_id;
  std::int64_t agreement_version = 0;
  std::string enterprise;
  std::string cooperative;
  std::string product_id;
  std::string unit;        // "g" | "ml" | "piece"
  std::string price_unit;  // "kg" | "litre" | "piece"
  std::string date;        // the settlement date (interest runs to it)
  std::int64_t revision =
      0;               // the agreement's revision it was computed at (stale when it moved on)
  std::string status;  // "computed" | "confirmed" | "superseded"
  std::map<std::string, std::string> confirmations;  // party -> time
  std::string computed_by;
  std::string computed_at;  // time
  SettlementTotals totals;
  std::vector<SettlementHousehold> households;  // by household id
  std::vector<SettlementDelivery> deliveries;
  std::vector<SettlementAdvance> advances;
  std::string rounding;  // the rounding rule, in words
  // From 0.3.0: instalments paid by the enterprise; outstanding = max(0, net_payable) - paid.
  std::vector<Payment> payments;
  std::int64_t paid_vnd = 0;
  std::int64_t outstanding_vnd = 0;
  friend bool operator==(const Settlement&, const Settlement&) = default;
};
inline void to_json(nlohmann::json& j, const Settlement& s) {
  j = {{"id", s.id},
       {"agreement_id", s.agreement_id},
       {"agreement_version", s.agreement_version},
       {"enterprise", s.enterprise},
       {"cooperative", s.cooperative},
       {"product_id", s.product_id},
       {"unit", s.unit},
       {"price_unit", s.price_unit},
       {"date", s.date},
       {"revision", s.revision},
       {"status", s.status},
       {"confirmations", s.confirmations},
       {"computed_by", s.computed_by},
       {"computed_at", s.computed_at},
       {"totals", s.totals},
       {"households", s.households},
       {"deliveries", s.deliveries},
       {"advances", s.advances},
       {"rounding", s.rounding},
       {"payments", s.payments},
       {"paid_vnd", s.paid_vnd},
       {"outstanding_vnd", s.outstanding_vnd}};
}
inline void from_json(const nlohmann::json& j, Settlement& s) {
  j.at("id").get_to(s.id);
  j.at("agreement_id").get_to(s.agreement_id);
  j.at("agreement_version").get_to(s.agreement_version);
  j.at("enterprise").get_to(s.enterprise);
  j.at("cooperative").get_to(s.cooperative);
  j.at("product_id").get_to(s.product_id);
  j.at("unit").get_to(s.unit);
  j.at("price_unit").get_to(s.price_unit);
  j.at("date").get_to(s.date);
  j.at("revision").get_to(s.revision);
  j.at("status").get_to(s.status);
  j.at("confirmations").get_to(s.confirmations);
  j.at("computed_by").get_to(s.computed_by);
  j.at("computed_at").get_to(s.computed_at);
  j.at("totals").get_to(s.totals);
  j.at("households").get_to(s.households);
  j.at("deliveries").get_to(s.deliveries);
  j.at("advances").get_to(s.advances);
  j.at("rounding").get_to(s.rounding);
  detail::get_or_empty(j, "payments", s.payments);
  s.paid_vnd = detail::get_int_or_zero(j, "paid_vnd");
  // Older records have no outstanding figure: nothing was paid, so all of a positive net is due.
  s.outstanding_vnd = j.contains("outstanding_vnd")
                          ? detail::get_int_or_zero(j, "outstanding_vnd")
                          : (s.totals.net_payable_vnd > 0 ? s.totals.net_payable_vnd : 0);
}

struct SettlementComputed {
  static constexpr std::string_view kType = kSettlementComputed;
  Settlement settlement;
  friend bool operator==(const SettlementComputed&, const SettlementComputed&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementComputed& e) {
  j = {{"settlement", e.settlement}};
}
inline void from_json(const nlohmann::json& j, SettlementComputed& e) {
  j.at("settlement").get_to(e.settlement);
}

// One side confirmed a settlement; status "confirmed" once both have (the season is then settled).
struct SettlementConfirmed {
  static constexpr std::string_view kType = kSettlementConfirmed;
  std::string settlement_id;
  std::string agreement_id;
  std::string party;   // who confirmed
  std::string status;  // "computed" (one side so far) | "confirmed"
  SettlementTotals totals;
  // From 0.3.0: households' debts this confirmation carried over from earlier settlements.
  std::vector<CarriedDebt> carried_over;
  friend bool operator==(const SettlementConfirmed&, const SettlementConfirmed&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementConfirmed& e) {
  j = {{"settlement_id", e.settlement_id},
       {"agreement_id", e.agreement_id},
       {"party", e.party},
       {"status", e.status},
       {"totals", e.totals}};
  if (!e.carried_over.empty()) j["carried_over"] = e.carried_over;
}
inline void from_json(const nlohmann::json& j, SettlementConfirmed& e) {
  j.at("settlement_id").get_to(e.settlement_id);
  j.at("agreement_id").get_to(e.agreement_id);
  j.at("party").get_to(e.party);
  j.at("status").get_to(e.status);
  j.at("totals").get_to(e.totals);
  detail::get_or_empty(j, "carried_over", e.carried_over);
}

// ---- farming.settlement.paid ------------------------------------------------------------------

// The enterprise paid an instalment of a confirmed settlement.
struct SettlementPaid {
  static constexpr std::string_view kType = kSettlementPaid;
  std::string settlement_id;
  std::string agreement_id;
  Payment payment;
  std::int64_t paid_vnd = 0;         // all instalments so far
  std::int64_t outstanding_vnd = 0;  // still to pay
  friend bool operator==(const SettlementPaid&, const SettlementPaid&) = default;
};
inline void to_json(nlohmann::json& j, const SettlementPaid& e) {
  j = {{"settlement_id", e.settlement_id},
       {"agreement_id", e.agreement_id},
       {"payment", e.payment},
       {"paid_vnd", e.paid_vnd},
       {"outstanding_vnd", e.outstanding_vnd}};
}
inline void from_json(const nlohmann::json& j, SettlementPaid& e) {
  j.at("settlement_id").get_to(e.settlement_id);
  j.at("agreement_id").get_to(e.agreement_id);
  j.at("payment").get_to(e.payment);
  j.at("paid_vnd").get_to(e.paid_vnd);
  j.at("outstanding_vnd").get_to(e.outstanding_vnd);
}

// ---- farming.member.joined / .left {member} ---------------------------------------------------

// A household's membership of its cooperative. A member on date D: joined_on <= D (no joined_on:
// enrolled when its first plot was registered, without a known date: a member since before the
// register) and, once it has left, D < left_on.
struct Member {
  std::string cooperative;
  std::string household_id;
  std::string household_name;
  std::optional<std::string> joined_on;
  std::optional<std::string> left_on;
  std::optional<std::string> leave_reason;
  std::string enrolled_by;  // "join" | "plot"
  std::string recorded_at;  // time
  friend bool operator==(const Member&, const Member&) = default;
};
inline void to_json(nlohmann::json& j, const Member& m) {
  j = {{"cooperative", m.cooperative},
       {"household_id", m.household_id},
       {"household_name", m.household_name},
       {"enrolled_by", m.enrolled_by},
       {"recorded_at", m.recorded_at}};
  detail::put_optional(j, "joined_on", m.joined_on);
  detail::put_optional(j, "left_on", m.left_on);
  detail::put_optional(j, "leave_reason", m.leave_reason);
}
inline void from_json(const nlohmann::json& j, Member& m) {
  j.at("cooperative").get_to(m.cooperative);
  j.at("household_id").get_to(m.household_id);
  j.at("household_name").get_to(m.household_name);
  j.at("enrolled_by").get_to(m.enrolled_by);
  j.at("recorded_at").get_to(m.recorded_at);
  detail::get_optional(j, "joined_on", m.joined_on);
  detail::get_optional(j, "left_on", m.left_on);
  detail::get_optional(j, "leave_reason", m.leave_reason);
}

struct MemberJoined {
  static constexpr std::string_view kType = kMemberJoined;
  Member member;
  friend bool operator==(const MemberJoined&, const MemberJoined&) = default;
};
inline void to_json(nlohmann::json& j, const MemberJoined& e) { j = {{"member", e.member}}; }
inline void from_json(const nlohmann::json& j, MemberJoined& e) { j.at("member").get_to(e.member); }

struct MemberLeft {
  static constexpr std::string_view kType = kMemberLeft;
  Member member;
  friend bool operator==(const MemberLeft&, const MemberLeft&) = default;
};
inline void to_json(nlohmann::json& j, const MemberLeft& e) { j = {{"member", e.member}}; }
inline void from_json(const nlohmann::json& j, MemberLeft& e) { j.at("member").get_to(e.member); }

// ---- Reading without exceptions --------------------------------------------------------------

// `data` as a T, or nullopt when it is not one (a required field missing or of the wrong type).
// For subscribers: an event from another plugin must never make them throw.
template <typename T>
std::optional<T> decode(const nlohmann::json& data) noexcept {
  try {
    return data.get<T>();
  } catch (...) {
    return std::nullopt;
  }
}

// ---- From a type name to its struct -----------------------------------------------------------

// Calls fn(std::type_identity<T>{}) with the struct T of event type `type` and returns true, or
// returns false when `type` is not one of farming's events. For code that handles every event
// type alike (a round trip, a generic mapper):
//   visit_type(e.type, [&]<typename T>(std::type_identity<T>) { auto v = decode<T>(e.data); ... });
template <typename Fn>
bool visit_type(std::string_view type, Fn&& fn) {
  auto as = [&]<typename T>(std::string_view name) {
    if (type != name) return false;
    fn(std::type_identity<T>{});
    return true;
  };
  return as.template operator()<PlotRegistered>(kPlotRegistered) ||
         as.template operator()<AgreementProposed>(kAgreementProposed) ||
         as.template operator()<AgreementAmended>(kAgreementAmended) ||
         as.template operator()<AgreementSigned>(kAgreementSigned) ||
         as.template operator()<MarketPriceSet>(kMarketPriceSet) ||
         as.template operator()<AdvanceRecorded>(kAdvanceRecorded) ||
         as.template operator()<DiaryRecorded>(kDiaryRecorded) ||
         as.template operator()<HarvestRecorded>(kHarvestRecorded) ||
         as.template operator()<SettlementComputed>(kSettlementComputed) ||
         as.template operator()<SettlementConfirmed>(kSettlementConfirmed) ||
         as.template operator()<SettlementPaid>(kSettlementPaid) ||
         as.template operator()<MemberJoined>(kMemberJoined) ||
         as.template operator()<MemberLeft>(kMemberLeft);
}

}  // namespace lienket::farming::events
