// The public trace page: its data (steps named by what they are, the harvest on its own day, the
// diary with the waiting period checked, the hash chain around the lot) and its HTML in Vietnamese
// and English (words people read, Open Graph tags, the map's data, the 404), built from events
// recorded through the bus mapper and captured EPCIS, without a node.
#include <catch2/catch.hpp>

#include "bus_mapper.hpp"
#include "contract.hpp"
#include "handlers.hpp"
#include "lienket/testing/fake_host.hpp"
#include "lienket/testing/memory_context.hpp"
#include "page_data.hpp"
#include "page_route.hpp"
#include "page_text.hpp"
#include "trace_page.hpp"

using nlohmann::json;
using namespace lienket;
using namespace lienket::trace;
namespace farming_ev = lienket::farming::events;

namespace {

const std::string kGtin = "09520123456788";
const std::string kLotUri = "https://id.gs1.org/01/" + kGtin + "/10/";

bool has(const std::string& html, const std::string& part) {
  return html.find(part) != std::string::npos;
}

Event event_of(std::string_view type, json data, std::uint64_t seq, const std::string& at) {
  Event e;
  e.seq = seq;
  e.type = std::string(type);
  e.at = at;
  e.by = "htx-thanhnam";
  e.data = std::move(data);
  return e;
}

farming_ev::DiaryEntry diary(const std::string& kind, const std::string& date) {
  farming_ev::DiaryEntry d;
  d.id = "diary-" + kind;
  d.plot_id = "tn-p1";
  d.kind = kind;
  d.date = date;
  d.cooperative = "htx-thanhnam";
  d.household_id = "hh-01";
  d.household_name = "Hộ Hà Văn Minh";
  d.crop = "tea";
  d.location = {21.2901, 105.0502, {}};
  d.recorded_at = date + "T18:00:00.000+07:00";
  return d;
}

// A plot with an outline, its diary (fertiliser, a pesticide 7 days before the 12 days it waited),
// a harvest recorded four days after it was picked, then dried, packed and shipped.
struct TeaLot {
  testing::MemoryContext cx;
  Settings settings{"https://trace.example.vn"};
  PluginInfo info = contract(&settings);

  TeaLot() {
    cx.registry_.products["tea-thanhnam-green"] = {{"id", "tea-thanhnam-green"},
                                                   {"name", "Chè xanh Thanh Nam"},
                                                   {"gtin", kGtin},
                                                   {"unit", "g"},
                                                   {"ocop_stars", 4},
                                                   {"certifications", {"VietGAP", "OCOP"}},
                                                   {"image", "/app/img/tea.svg"},
                                                   {"certificates",
                                                    {{{"scheme", "VietGAP"},
                                                      {"issuer", "Trung tâm Chứng nhận Phù hợp"},
                                                      {"number", "VG-2025-118"},
                                                      {"valid_until", "2027-06-30"}}}}};
    cx.registry_.parties["htx-thanhnam"] = {
        {"id", "htx-thanhnam"},    {"name", "HTX Chè Thanh Nam"}, {"province", "Phú Thọ"},
        {"district", "Thanh Sơn"}, {"phone", "0210 3870 123"},    {"email", "htx@chethanhnam.vn"},
        {"members", 120}};
    cx.registry_.parties["dn-tanhiep"] = {{"id", "dn-tanhiep"},
                                          {"name", "Công ty CP Chè Tân Hiệp"}};
    auto fert = diary("fertiliser", "2026-02-10");
    fert.input = "NPK 5-10-3";
    fert.quantity = 50;
    fert.quantity_unit = "kg";
    auto spray = diary("pesticide", "2026-02-17");
    spray.input = "Actara 25WG";
    spray.active_ingredient = "Thiamethoxam";
    spray.dose = "2 g / 16 lít nước";
    spray.phi_days = 7;
    auto next_season = diary("fertiliser", "2026-05-01");
    std::uint64_t seq = 1;
    for (const auto& d : {fert, spray, next_season})
      REQUIRE(record_bus_event(event_of(farming_ev::kDiaryRecorded, farming_ev::DiaryRecorded{d},
                                        seq++, d.recorded_at),
                               cx)
                  .ok());
    farming_ev::HarvestRecorded h;
    h.id = "harvest-1";
    h.lot_id = "TN-H1";
    h.agreement_id = "ag-1";
    h.agreement_version = 1;
    h.enterprise = "dn-tanhiep";
    h.cooperative = "htx-thanhnam";
    h.product_id = "tea-thanhnam-green";
    h.plot_id = "tn-p1";
    h.household_id = "hh-01";
    h.household_name = "Hộ Hà Văn Minh";
    h.location = {
        21.2901,
        105.0502,
        {{21.2898, 105.0499}, {21.2904, 105.0499}, {21.2904, 105.0506}, {21.2898, 105.0506}}};
    h.quantity = 1'200'000;
    h.unit = "g";
    h.grade = "A";
    h.date = "2026-03-01";
    h.recorded_at = "2026-03-05T16:30:00.000+07:00";
    REQUIRE(
        record_bus_event(
            event_of(farming_ev::kHarvestRecorded, h, seq++, "2026-03-05T16:30:00.000+07:00"), cx)
            .ok());
    json drying{{"type", "TransformationEvent"},
                {"bizStep", "https://lienket.vn/epcis/bizstep/drying"},
                {"eventTime", "2026-03-06T09:00:00.000+07:00"},
                {"eventTimeZoneOffset", "+07:00"},
                {"inputQuantityList",
                 {{{"epcClass", kLotUri + "TN-H1"}, {"quantity", 1200}, {"uom", "KGM"}}}},
                {"outputQuantityList",
                 {{{"epcClass", kLotUri + "TN-DRY"}, {"quantity", 240}, {"uom", "KGM"}}}}};
    json shipping{
        {"type", "ObjectEvent"},
        {"action", "OBSERVE"},
        {"bizStep", "shipping"},
        {"eventTime", "2026-03-08T09:00:00.000+07:00"},
        {"eventTimeZoneOffset", "+07:00"},
        {"epcList", json::array()},
        {"quantityList", {{{"epcClass", kLotUri + "TN-DRY"}, {"quantity", 240}, {"uom", "KGM"}}}},
        {"sourceList", {{{"type", "owning_party"}, {"source", "urn:lienket:party:htx-thanhnam"}}}},
        {"destinationList",
         {{{"type", "owning_party"}, {"destination", "urn:lienket:party:dn-tanhiep"}}}}};
    Request r;
    r.type = "trace.event.capture";
    r.admin = true;
    for (const json& ev : {drying, shipping}) {
      r.body = {{"event", ev}};
      REQUIRE(find_message(info, r.type)->handler(r, cx).ok());
    }
  }

  json data(const std::string& lot = "TN-DRY") {
    auto d = build_page_data(cx, kGtin, lot, settings.resolver);
    REQUIRE(d.ok());
    return *d;
  }
  std::string html(Lang lang, const std::string& lot = "TN-DRY", const std::string& tiles = "") {
    PageOptions o;
    o.lang = lang;
    o.tiles.url = tiles;
    if (tiles.empty()) o.tiles.attribution = "";
    return render_page_html(data(lot), o);
  }
};

json step_of(const json& page, const std::string& kind) {
  for (const auto& s : page["custody"])
    if (s["kind"] == kind) return s;
  return nullptr;
}

}  // namespace

TEST_CASE("the page's data") {
  TeaLot lot;
  json page = lot.data();

  SECTION("each step is named by what it is: harvest, drying, shipping") {
    REQUIRE(page["custody"].size() == 3);
    CHECK(page["custody"][0]["kind"] == "harvest");
    CHECK(page["custody"][1]["kind"] == "drying");
    CHECK(page["custody"][2]["kind"] == "shipping");
    CHECK(step_of(page, "shipping")["to"] == "Công ty CP Chè Tân Hiệp");
  }
  SECTION("the harvest happened on its own day, not when it was recorded four days later") {
    json harvest = step_of(page, "harvest");
    CHECK(harvest["date"] == "2026-03-01");
    CHECK(harvest["time"].get<std::string>().rfind("2026-03-01", 0) == 0);
    CHECK(harvest["plot"] == "tn-p1");
    CHECK(harvest["household_name"] == "Hà Văn Minh");
    CHECK(page["plots"][0]["harvest_date"] == "2026-03-01");
  }
  SECTION("the diary lists this season's entries, newest first, with the waiting period checked") {
    CHECK(page["diary"]["entries"] == 2);  // the entry after the harvest is the next season's
    const json& list = page["diary"]["list"];
    REQUIRE(list.size() == 2);
    CHECK(list[0]["kind"] == "pesticide");
    CHECK(list[0]["days_before_harvest"] == 12);
    CHECK(list[0]["phi_respected"] == true);
    CHECK(list[1]["kind"] == "fertiliser");
  }
  SECTION("the records shown are checked against the hash chain") {
    CHECK(page["verified"]["ok"] == true);
    CHECK(page["verified"]["events"] == 6);
  }
  SECTION("a record changed in the store is caught") {
    for (auto& [key, value] : lot.cx.store_.data)
      if (key.rfind("e/", 0) == 0 && value.find("shipping") != std::string::npos) {
        auto rec = json::parse(value);
        rec["event"]["destinationList"][0]["destination"] = "urn:lienket:party:someone-else";
        value = rec.dump();
      }
    json again = lot.data();
    CHECK(again["verified"]["ok"] == false);
    CHECK(has(render_page_html(again, {}), "Cảnh báo: dữ liệu không khớp"));
  }
  SECTION("the step names a household once, whatever its recorder wrote") {
    CHECK(bare_household_name("Hộ Hà Văn Minh") == "Hà Văn Minh");
    CHECK(bare_household_name("hộ Lò Thị Sen") == "Lò Thị Sen");
    CHECK(bare_household_name("Hồ Văn Hộ") == "Hồ Văn Hộ");
  }
  SECTION("a commissioning is a harvest only with a plot; a transformation is processing") {
    CHECK(step_kind({{"type", "ObjectEvent"}, {"bizStep", "commissioning"}}) == "created");
    CHECK(step_kind({{"type", "TransformationEvent"}, {"bizStep", "commissioning"}}) ==
          "processing");
    CHECK(step_kind({{"type", "ObjectEvent"},
                     {"bizStep", "urn:epcglobal:cbv:bizstep:receiving"}}) == "receiving");
    CHECK(step_kind({{"type", "AggregationEvent"},
                     {"bizStep", "https://ref.gs1.org/cbv/BizStep-packing"}}) == "packing");
  }
}

TEST_CASE("the page in Vietnamese") {
  TeaLot lot;
  std::string html = lot.html(Lang::kVi);

  SECTION("the language, title and Open Graph tags show the product when the link is shared") {
    CHECK(has(html, "<html lang=\"vi\">"));
    CHECK(has(html, "<title>Chè xanh Thanh Nam – lô TN-DRY</title>"));
    CHECK(has(html, "<meta property=\"og:title\" content=\"Chè xanh Thanh Nam – lô TN-DRY\">"));
    CHECK(has(html, "<meta property=\"og:url\" content=\"https://trace.example.vn/01/" + kGtin +
                        "/10/TN-DRY\">"));
    CHECK(has(html,
              "<meta property=\"og:image\" content=\"https://trace.example.vn/app/img/tea.svg\">"));
    CHECK(has(html,
              "property=\"og:description\" content=\"HTX Chè Thanh Nam, Phú Thọ · Sản phẩm "
              "OCOP 4 sao · VietGAP"));
    CHECK(has(html, "<meta property=\"og:locale\" content=\"vi_VN\">"));
    CHECK(has(html, "<a href=\"?lang=en\""));
  }
  SECTION("the diary is a dated list in Vietnamese words, not counts of English kinds") {
    CHECK(has(html, "<time datetime=\"2026-02-10\">10/02/2026</time><b>Bón phân</b>"));
    CHECK(has(html, "Vật tư: NPK 5-10-3 · Lượng dùng: 50 kg"));
    CHECK(has(html, "<b>Phun thuốc bảo vệ thực vật</b>"));
    CHECK(has(html, "Actara 25WG (hoạt chất Thiamethoxam)"));
    CHECK(has(html, "Liều lượng: 2 g / 16 lít nước"));
    CHECK(has(html, "Thời gian cách ly 7 ngày"));
    CHECK(has(html, "đã đủ (thu hoạch ngày 01/03/2026, sau 12 ngày)"));
    CHECK_FALSE(has(html, "fertiliser"));
    CHECK_FALSE(has(html, "pesticide"));
  }
  SECTION("a household is named once") {
    CHECK(has(html, "hộ Hà Văn Minh"));
    CHECK_FALSE(has(html, "hộ Hộ"));
  }
  SECTION("the harvest shows the day it was picked, and drying is drying") {
    CHECK(has(html, "<time datetime=\"2026-03-01\">01/03/2026</time><b>Thu hoạch</b> · 1,2 tấn"));
    CHECK_FALSE(has(html, "05/03/2026"));
    CHECK(has(html, "<time datetime=\"2026-03-06\">06/03/2026</time><b>Phơi/sấy</b> · 240 kg"));
    CHECK_FALSE(has(html, "tạo lô"));
    CHECK(has(html,
              "<b>Xuất hàng</b> · 240 kg<br><small>Từ HTX Chè Thanh Nam đến Công ty CP Chè "
              "Tân Hiệp</small>"));
  }
  SECTION("trust: verified, the producer's contact, the photo, certificates with expiry, OCOP") {
    CHECK(has(html, "Dữ liệu đã được xác minh"));
    CHECK(has(html, "Thanh Sơn, Phú Thọ"));
    CHECK(has(html, "<a href=\"tel:02103870123\">0210 3870 123</a>"));
    CHECK(has(html, "mailto:htx@chethanhnam.vn"));
    CHECK(has(html, "<img class=\"photo\" src=\"/app/img/tea.svg\""));
    CHECK(has(html, "Số VG-2025-118 · Cấp bởi Trung tâm Chứng nhận Phù hợp"));
    CHECK(has(html, "Hiệu lực đến 30/06/2027"));
    CHECK(has(html, "<span class=\"tag\">OCOP</span>"));
    CHECK(has(html, "★★★★☆"));
    CHECK(has(html, "Sản phẩm OCOP 4 sao"));
  }
  SECTION("the map draws the plot's outline with Leaflet from the node, tiles or not") {
    CHECK(has(html, "<div id=\"map\""));
    CHECK(has(html, "<script src=\"/vendor/leaflet/leaflet.min.js\"></script>"));
    CHECK(has(html, "<link rel=\"stylesheet\" href=\"/vendor/leaflet/leaflet.css\">"));
    CHECK(has(html, "\"polygon\":[[21.2898,105.0499],[21.2904,105.0499]"));
    CHECK(has(html, "\"tiles\":{\"attribution\":\"\",\"url\":\"\"}"));
    CHECK(has(html, "L.control.scale"));
    CHECK_FALSE(has(html, "unpkg"));
    CHECK_FALSE(has(html, "cdn"));
  }
}

TEST_CASE("the page in English") {
  TeaLot lot;
  std::string html = lot.html(Lang::kEn, "TN-DRY", kOsmTiles);
  CHECK(has(html, "<html lang=\"en\">"));
  CHECK(has(html, "<title>Chè xanh Thanh Nam – lot TN-DRY</title>"));
  CHECK(has(html, "<a href=\"?lang=vi\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>"));
  CHECK(has(html, "<time datetime=\"2026-02-10\">10 Feb 2026</time><b>Fertiliser</b>"));
  CHECK(has(html, "Pre-harvest interval 7 days"));
  CHECK(has(html, "respected (harvested on 1 Mar 2026, 12 days later)"));
  CHECK(has(html, "<b>Harvest</b> · 1.2 t"));
  CHECK(has(html, "<b>Drying</b> · 240 kg"));
  CHECK(has(html, "household of Hà Văn Minh"));
  CHECK(has(html, "Records verified"));
  CHECK(has(html, "tile.openstreetmap.org/{z}/{x}/{y}.png"));
  CHECK_FALSE(has(html, "Thu hoạch"));
  CHECK_FALSE(has(html, "Bón phân"));
}

TEST_CASE("one language per page, chosen by ?lang= or Accept-Language") {
  CHECK(choose_lang("", "") == Lang::kVi);
  CHECK(choose_lang("en", "vi") == Lang::kEn);
  CHECK(choose_lang("vi", "en-US") == Lang::kVi);
  CHECK(choose_lang("", "en-US,en;q=0.9") == Lang::kEn);
  CHECK(choose_lang("", "fr-FR,en;q=0.5,vi;q=0.8") == Lang::kVi);
  CHECK(choose_lang("", "vi-VN,vi;q=0.9,en-US;q=0.8") == Lang::kVi);
  CHECK(choose_lang("", "de") == Lang::kVi);
  CHECK(choose_lang("xx", "en") == Lang::kEn);
}

TEST_CASE("the page route answers in the asker's language, and 404s in the same style") {
  TeaLot lot;
  testing::FakeHost host;
  lot.settings.host = &host;
  host.on_submit = [&](const Request& r) {
    auto result = find_message(lot.info, r.type)->handler(r, lot.cx);
    if (!result.ok())
      return json{{"ok", false},
                  {"error",
                   {{"code", std::string(code_name(result.status().code()))},
                    {"message", result.status().message()}}}};
    return json{{"ok", true}, {"result", *result}};
  };
  HttpRoute route = page_route(&lot.settings);
  auto get = [&](const std::string& gtin, const std::string& lot_no,
                 std::map<std::string, std::string> query,
                 std::map<std::string, std::string> headers) {
    HttpRequest req;
    req.method = "GET";
    req.path = "/01/" + gtin + "/10/" + lot_no;  // as sent: the route reads the raw path
    req.params = {{"gtin", gtin}, {"lot", lot_no}};
    req.query = std::move(query);
    req.headers = std::move(headers);
    return route.handler(req);
  };
  auto en = get(kGtin, "TN-DRY", {}, {{"accept-language", "en-GB,en;q=0.9"}});
  CHECK(en.status == 200);
  CHECK(has(en.body, "<html lang=\"en\">"));
  CHECK(en.headers["Vary"] == "Accept, Accept-Language");
  auto vi = get(kGtin, "TN-DRY", {{"lang", "vi"}}, {{"accept-language", "en"}});
  CHECK(has(vi.body, "<html lang=\"vi\">"));
  auto missing = get(kGtin, "NO-SUCH", {}, {});
  CHECK(missing.status == 404);
  CHECK(has(missing.body, "<html lang=\"vi\">"));
  CHECK(has(missing.body, "<title>Không tìm thấy lô hàng này</title>"));
  CHECK(has(missing.body, "Lô: <b>NO-SUCH</b>"));
  CHECK(has(missing.body, "<style>"));  // the same style as the page
  auto missing_en = get("123", "<script>", {{"lang", "en"}}, {});
  CHECK(missing_en.status == 404);
  CHECK(has(missing_en.body, "We could not find this lot"));
  CHECK(has(missing_en.body, "&lt;script&gt;"));
  CHECK_FALSE(has(missing_en.body, "<script>"));
  auto as_json = get(kGtin, "TN-DRY", {{"linkType", "gs1:traceability"}}, {});
  CHECK(json::parse(as_json.body)["lot"] == "TN-DRY");
}

TEST_CASE("figures and dates as people write them") {
  SECTION("quantities in kg, tonnes, litres and pieces, never grams") {
    CHECK(format_quantity(240, "KGM", Lang::kVi) == "240 kg");
    CHECK(format_quantity(3000, "KGM", Lang::kVi) == "3 tấn");
    CHECK(format_quantity(1250, "KGM", Lang::kEn) == "1.25 t");
    CHECK(format_quantity(1234, "KGM", Lang::kVi) == "1.234 kg");
    CHECK(format_quantity(1234567.891, "KGM", Lang::kEn) == "1,234,567.891 kg");
    CHECK(format_quantity(1500, "LTR", Lang::kVi) == "1.500 lít");
    CHECK(format_quantity(0.75, "LTR", Lang::kEn) == "0.75 L");
    CHECK(format_quantity(1200, "H87", Lang::kVi) == "1.200 cái");
    CHECK(format_quantity(2500, "GRM", Lang::kVi) == "2,5 kg");
    CHECK(format_diary_quantity(50, "kg", Lang::kVi) == "50 kg");
    CHECK(format_diary_quantity(1500, "g", Lang::kVi) == "1,5 kg");
    CHECK(format_diary_quantity(2000, "ml", Lang::kEn) == "2 L");
    CHECK(format_diary_quantity(3, "bao", Lang::kVi) == "3 bao");
  }
  SECTION("dates") {
    CHECK(format_date("2026-11-30", Lang::kVi) == "30/11/2026");
    CHECK(format_date("2026-03-01", Lang::kEn) == "1 Mar 2026");
    CHECK(format_date("soon", Lang::kVi) == "soon");
  }
  SECTION("JSON in a script element cannot close it") {
    CHECK(script_json({{"label", "</script><script>alert(1)</script>"}}).find("</") ==
          std::string::npos);
  }
}

TEST_CASE("certificates past their date are flagged, names typed by people are escaped") {
  json page{
      {"uri", "https://x.vn/01/" + kGtin + "/10/L1"},
      {"gtin", kGtin},
      {"lot", "L1"},
      {"as_of", "2026-11-30"},
      {"product", {{"name", "Trà <b>ngon</b>"}, {"image", "javascript:alert(1)"}}},
      {"cooperative", nullptr},
      {"plots", json::array()},
      {"households", 0},
      {"diary", {{"entries", 0}, {"by_kind", json::object()}, {"list", json::array()}}},
      {"certifications", json::array()},
      {"certificates", {{{"scheme", "VietGAP"}, {"issuer", "A&B"}, {"valid_until", "2026-01-31"}}}},
      {"custody", json::array()},
      {"verified", {{"ok", true}, {"events", 1}}}};
  std::string html = render_page_html(page, {});
  CHECK(has(html, "Đã hết hạn ngày 31/01/2026"));
  CHECK(has(html, "Cấp bởi A&amp;B"));
  CHECK(has(html, "Trà &lt;b&gt;ngon&lt;/b&gt;"));
  CHECK_FALSE(has(html, "javascript:"));
  CHECK_FALSE(has(html, "id=\"map\""));  // no plots, no map and no Leaflet to load
  CHECK_FALSE(has(html, "leaflet.min.js"));
  CHECK(has(html, "Chưa có ghi chép nhật ký nào"));
}

TEST_CASE("a blend of many households' harvests is one line of the journey that opens") {
  json custody = json::array();
  for (int i = 1; i <= 6; ++i)
    custody.push_back({{"time", "2026-03-0" + std::to_string(i) + "T00:00:00.000+07:00"},
                       {"date", "2026-03-0" + std::to_string(i)},
                       {"kind", "harvest"},
                       {"id", kLotUri + "H" + std::to_string(i)},
                       {"plot", "p" + std::to_string(i)},
                       {"household_name", "Lò Văn " + std::to_string(i)},
                       {"quantity", 500},
                       {"uom", "KGM"}});
  custody.push_back({{"time", "2026-03-07T09:00:00.000+07:00"},
                     {"date", "2026-03-07"},
                     {"kind", "other"},
                     {"id", kLotUri + "MIX"}});
  json page{{"uri", "https://x.vn/01/" + kGtin + "/10/MIX"},
            {"gtin", kGtin},
            {"lot", "MIX"},
            {"as_of", "2026-03-10"},
            {"product", nullptr},
            {"cooperative", nullptr},
            {"plots", json::array()},
            {"households", 6},
            {"diary", {{"entries", 0}, {"by_kind", json::object()}, {"list", json::array()}}},
            {"certifications", json::array()},
            {"certificates", json::array()},
            {"custody", custody},
            {"verified", {{"ok", true}, {"events", 7}}}};
  std::string html = render_page_html(page, {});
  CHECK(has(html,
            "<details><summary><time datetime=\"2026-03-01\">01/03/2026 – 06/03/2026</time>"
            "<b>Thu hoạch</b> · 3 tấn <small>từ 6 thửa (bấm để xem từng thửa)</small>"));
  CHECK(has(html, "Thửa p6 · hộ Lò Văn 6"));
  CHECK(has(html, "<b>Ghi nhận</b>"));
  PageOptions en;
  en.lang = Lang::kEn;
  CHECK(has(render_page_html(page, en), "1 Mar 2026 – 6 Mar 2026</time><b>Harvest</b> · 3 t"));
}

TEST_CASE("the map tiles and the resolver in the plugin's config") {
  SECTION("OpenStreetMap by default, another server, or none") {
    auto defaults = parse_config(json::object());
    REQUIRE(defaults.ok());
    CHECK(defaults->tiles.url == kOsmTiles);
    CHECK(defaults->tiles.attribution == kOsmAttribution);
    auto none = parse_config({{"tiles", {{"url", ""}}}});
    REQUIRE(none.ok());
    CHECK(none->tiles.url.empty());
    auto own = parse_config({{"tiles", {{"url", "/tiles/{z}/{x}/{y}.png"}}}});
    REQUIRE(own.ok());
    CHECK(own->tiles.attribution.empty());  // not OpenStreetMap's tiles: not its attribution
    auto credited = parse_config(
        {{"tiles",
          {{"url", "https://maps.example.vn/{z}/{x}/{y}.png"}, {"attribution", "Sở TN&MT"}}}});
    REQUIRE(credited.ok());
    CHECK(credited->tiles.attribution == "Sở TN&MT");
  }
  SECTION("a bad tiles setting is refused by name") {
    auto field_of = [](const json& section) { return parse_config(section).status().field(); };
    CHECK(field_of({{"tiles", {{"url", "https://x.vn/tiles.png"}}}}) == "plugins.trace.tiles.url");
    CHECK(field_of({{"tiles", {{"url", "ftp://x.vn/{z}/{x}/{y}"}}}}) == "plugins.trace.tiles.url");
    CHECK(field_of({{"tiles", {{"url", 3}}}}) == "plugins.trace.tiles.url");
    CHECK(field_of({{"tiles", {{"style", "dark"}}}}) == "plugins.trace.tiles.style");
    CHECK(field_of({{"tiles", "none"}}) == "plugins.trace.tiles");
    CHECK(field_of({{"resolver", "id.example.vn"}}) == "plugins.trace.resolver");
  }
  SECTION("a resolver on this computer opens nothing on a phone") {
    CHECK(is_loopback_url("http://127.0.0.1:7480"));
    CHECK(is_loopback_url("http://localhost:7480/"));
    CHECK(is_loopback_url("http://[::1]:7480"));
    CHECK_FALSE(is_loopback_url("https://truyxuat.htxthanhnam.vn"));
    CHECK_FALSE(is_loopback_url("http://192.168.1.20:7480"));
  }
}

TEST_CASE("diary entries anyone may capture cannot break the page or vouch for themselves") {
  TeaLot lot;
  json base{
      {"@context", json::array({"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                                {{"lk", "https://lienket.vn/epcis/"}}})},
      {"type", "ObjectEvent"},
      {"action", "OBSERVE"},
      {"bizStep", "https://lienket.vn/epcis/bizstep/diary"},
      {"eventTime", "2026-02-20T08:00:00.000+07:00"},
      {"eventTimeZoneOffset", "+07:00"},
      {"epcList", json::array()},
      {"bizLocation", {{"id", "urn:lienket:plot:tn-p1"}}}};
  json not_an_entry = base;
  not_an_entry["lk:diary"] = "sprayed";
  json boasting = base;
  boasting["eventTime"] = "2026-02-21T08:00:00.000+07:00";
  boasting["lk:diary"] = {
      {"kind", "pesticide"},          {"date", "2026-02-21"}, {"plot_id", "tn-p1"},
      {"input", "Thuốc X"},           {"phi_days", 30},       {"phi_respected", true},
      {"days_before_harvest", "many"}};
  Request r;
  r.type = "trace.event.capture";
  r.admin = true;
  for (const json& ev : {not_an_entry, boasting}) {
    r.body = {{"event", ev}};
    auto captured = find_message(lot.info, r.type)->handler(r, lot.cx);
    INFO(captured.status().message());
    REQUIRE(captured.ok());
  }
  json page = lot.data();
  CHECK(page["diary"]["entries"] == 3);  // the string is no entry
  json spray = nullptr;
  for (const auto& e : page["diary"]["list"])
    if (e["date"] == "2026-02-21") spray = e;
  REQUIRE(spray.is_object());
  CHECK(spray["phi_respected"] == false);  // 8 days before the harvest, not 30
  CHECK(spray["days_before_harvest"] == 8);
  std::string html = render_page_html(page, {});
  CHECK(has(html,
            "Thời gian cách ly 30 ngày <span class=\"warn\">⚠ CHƯA ĐỦ: thu hoạch ngày "
            "01/03/2026</span>"));
}
