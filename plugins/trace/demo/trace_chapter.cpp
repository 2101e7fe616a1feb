// Demo chapter of the trace plugin: a lot of Thanh Nam green tea followed from two plots to the
// shops, its history checked for tampering, and the recall question answered.
#include <string>
#include <utility>
#include <vector>

#include "demo.hpp"

namespace lienket::demo {
namespace {

const char* kContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

json quantity(const std::string& lot_uri, long long kg) {
  return {{"epcClass", lot_uri}, {"quantity", kg}, {"uom", "KGM"}};
}

// A tea plot's outline: a small quadrilateral around its centre, as a phone's GPS would trace it.
json outline(double lat, double lon) {
  json points = json::array();
  for (auto [dlat, dlon] :
       {std::pair{-0.0004, -0.0005}, {0.0005, -0.0004}, {0.0004, 0.0006}, {-0.0003, 0.0005}})
    points.push_back({{"lat", lat + dlat}, {"lon", lon + dlon}});
  return points;
}

json harvest(const std::string& lot_uri, const std::string& plot, const std::string& household,
             double lat, double lon, long long kg) {
  return {{"type", "ObjectEvent"},
          {"action", "ADD"},
          {"bizStep", "commissioning"},
          {"disposition", "active"},
          {"eventTime", "2026-03-01T07:00:00.000+07:00"},
          {"eventTimeZoneOffset", "+07:00"},
          {"epcList", json::array()},
          {"quantityList", json::array({quantity(lot_uri, kg)})},
          {"readPoint", {{"id", "geo:" + std::to_string(lat) + "," + std::to_string(lon)}}},
          {"bizLocation", {{"id", "urn:lienket:plot:" + plot}}},
          {"ilmd",
           {{"lk:plot", plot},
            {"lk:household", household},
            {"lk:householdName", household},
            {"lk:lat", lat},
            {"lk:lon", lon},
            {"lk:polygon", outline(lat, lon)},
            {"lk:harvestDate", "2026-03-01"},
            {"lk:product", "tea-thanhnam-green"},
            {"lk:cooperative", "htx-thanhnam"}}}};
}

json ship(const std::string& what, const std::string& from, const std::string& to,
          const std::string& time) {
  return {{"type", "ObjectEvent"},
          {"action", "OBSERVE"},
          {"bizStep", "shipping"},
          {"disposition", "in_transit"},
          {"eventTime", time},
          {"eventTimeZoneOffset", "+07:00"},
          {"epcList", {what}},
          {"sourceList",
           json::array({{{"type", "owning_party"}, {"source", "urn:lienket:party:" + from}}})},
          {"destinationList",
           json::array({{{"type", "owning_party"}, {"destination", "urn:lienket:party:" + to}}})}};
}

}  // namespace

namespace {

void run_trace_chapter(Demo& d) {
  d.chapter("Truy xuất nguồn gốc: from the tea plot to the shop shelf");
  auto product =
      d.call("product.get", {{"id", "tea-thanhnam-green"}}, "", "trace-product")["product"];
  const std::string gtin = product.value("gtin", "");
  auto lot_uri = [&](const std::string& lot) {
    return gtin.empty() ? "urn:lienket:lot:" + lot : "https://id.gs1.org/01/" + gtin + "/10/" + lot;
  };
  d.say(
      "HTX Chè Thanh Nam records each step of its tea in the international GS1 EPCIS format, so "
      "that "
      "buyers, shops and customers anywhere can read it.");

  json events = json::array();
  events.push_back(
      harvest(lot_uri("TN-0301-A"), "tn-doi-1", "Hà Văn Minh", 21.2901, 105.0502, 620));
  events.push_back(
      harvest(lot_uri("TN-0301-B"), "tn-doi-2", "Đinh Thị Lan", 21.2921, 105.0531, 580));
  // Drying has no CBV word: it is Lienket's own step, which the trace page calls "Phơi/sấy".
  events.push_back({{"type", "TransformationEvent"},
                    {"bizStep", "https://lienket.vn/epcis/bizstep/drying"},
                    {"eventTime", "2026-03-02T09:00:00.000+07:00"},
                    {"eventTimeZoneOffset", "+07:00"},
                    {"inputQuantityList", json::array({quantity(lot_uri("TN-0301-A"), 620),
                                                       quantity(lot_uri("TN-0301-B"), 580)})},
                    {"outputQuantityList", json::array({quantity(lot_uri("TN-DRY-0302"), 240)})}});
  const std::string kCase = "urn:epc:id:sscc:0952012.0000000301";
  events.push_back({{"type", "AggregationEvent"},
                    {"action", "ADD"},
                    {"bizStep", "packing"},
                    {"eventTime", "2026-03-03T09:00:00.000+07:00"},
                    {"eventTimeZoneOffset", "+07:00"},
                    {"parentID", kCase},
                    {"childQuantityList", json::array({quantity(lot_uri("TN-DRY-0302"), 240)})}});
  events.push_back(ship(kCase, "htx-thanhnam", "dn-tanhiep", "2026-03-04T09:00:00.000+07:00"));
  events.push_back(ship(kCase, "dn-tanhiep", "dn-vinmart", "2026-03-06T09:00:00.000+07:00"));
  json doc{{"@context", json::array({kContext, {{"lk", "https://lienket.vn/epcis/"}}})},
           {"type", "EPCISDocument"},
           {"schemaVersion", "2.0"},
           {"creationDate", "2026-03-06T10:00:00.000+07:00"},
           {"epcisBody", {{"eventList", events}}}};
  auto captured =
      d.call("trace.event.capture", {{"document", doc}}, "htx-thanhnam", "trace-capture");
  d.say(
      "Two plots were picked on 1 March (1,200 kg of fresh leaves), dried into 240 kg of green "
      "tea, "
      "packed in one case, sold to Tân Hiệp and then to the OCOP shops. " +
      std::to_string(captured["events"].size()) +
      " steps recorded, each sealed with its own fingerprint.");

  auto verify = d.call("trace.verify", json::object(), "", "trace-verify");
  d.say(std::string("Checking the seals of the whole history: ") +
        (verify.value("ok", false) ? "nothing has been changed since it was recorded."
                                   : "SOMETHING WAS CHANGED!"));

  auto back = d.call("trace.lot.back", {{"lot", kCase}}, "", "trace-back");
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : back["plots"])
    rows.push_back({p.value("plot", ""), p.value("household_name", ""), p.value("harvest_date", ""),
                    p.contains("lat")
                        ? std::to_string(p["lat"].get<double>()).substr(0, 7) + " N, " +
                              std::to_string(p["lon"].get<double>()).substr(0, 8) + " E"
                        : ""});
  d.say("Where does the tea in case 0000000301 come from?");
  d.table({"Plot", "Household", "Picked on", "GPS"}, rows);

  auto recall = d.call("trace.recall", {{"plot", "tn-doi-2"}}, "", "trace-recall");
  rows.clear();
  for (const auto& p : recall["parties"])
    rows.push_back({p.value("party_id", p.value("party", "")), std::to_string(p["ids"].size())});
  d.say("If a problem were found on plot tn-doi-2, these buyers must be warned:");
  d.table({"Received by", "Lots or cases"}, rows);

  json bad = harvest(lot_uri("TN-0301-C"), "tn-doi-3", "Hộ X", 21.29, 105.05, 100);
  bad["bizStep"] = "picking_tea";
  d.say(
      "A step written with a word outside the international vocabulary is refused, and nothing is "
      "saved:");
  d.call_refused("trace.event.capture", {{"event", bad}}, "htx-thanhnam");

  if (!gtin.empty()) {
    auto qr = d.call("trace.qr", {{"lot", "TN-DRY-0302"}}, "", "trace-qr");
    d.say("The QR code printed on each packet opens " + qr.value("uri", "") +
          ": a page for phones with the cooperative, the plots on a map, the planting diary, the "
          "certifications and every hand the tea passed through.");
  }
}

}  // namespace

LIENKET_DEMO_CHAPTER(40, "trace", run_trace_chapter)

}  // namespace lienket::demo
