#include "trace_page.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "digital_link.hpp"
#include "event_repository.hpp"
#include "genealogy.hpp"
#include "gs1_keys.hpp"
#include "lienket/util/html.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

std::string text(const json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : "";
}

// A registry product with this GTIN, searched in product.list (open to anyone).
json find_product(Context& cx, const std::string& gtin) {
  std::string after;
  for (int page = 0; page < 50; ++page) {
    json body{{"limit", 200}};
    if (!after.empty()) body["after"] = after;
    auto r = cx.call("product.list", body);
    if (!r.ok() || !r->contains("products")) return nullptr;
    for (const auto& p : (*r)["products"])
      if (text(p, "gtin") == gtin) return p;
    after = text(*r, "next_after");
    if (after.empty()) return nullptr;
  }
  return nullptr;
}

std::string party_label(Context& cx, const std::string& urn) {
  static const std::string kPrefix = "urn:lienket:party:";
  if (urn.rfind(kPrefix, 0) != 0) return urn;
  auto p = cx.registry().party(urn.substr(kPrefix.size()));
  if (!p.ok()) return urn.substr(kPrefix.size());
  return text(*p, "name");
}

std::string step_label(const std::string& biz_step) {
  static const std::map<std::string, std::string> kVi = {{"commissioning", "Thu hoạch / tạo lô"},
                                                         {"shipping", "Xuất hàng"},
                                                         {"receiving", "Nhận hàng"},
                                                         {"packing", "Đóng gói"},
                                                         {"inspecting", "Kiểm tra"},
                                                         {"transforming", "Chế biến"}};
  std::string name = biz_step;
  if (auto dash = name.rfind('-');
      dash != std::string::npos && name.find("://") != std::string::npos)
    name = name.substr(dash + 1);
  if (auto colon = name.rfind(':'); colon != std::string::npos) name = name.substr(colon + 1);
  auto it = kVi.find(name);
  return it == kVi.end() ? name : it->second;
}

// The quantity of `id` in a stored event's quantity lists, as {"quantity", "uom"} when it has both.
json quantity_of(const json& event, const std::string& id) {
  for (const char* list :
       {"quantityList", "outputQuantityList", "childQuantityList", "inputQuantityList"}) {
    if (!event.contains(list) || !event[list].is_array()) continue;
    for (const auto& q : event[list])
      if (q.is_object() && q.contains("quantity") && q["quantity"].is_number() &&
          q.contains("uom") && q["uom"].is_string() &&
          canonical_identifier(text(q, "epcClass")) == id)
        return json{{"quantity", q["quantity"]}, {"uom", q["uom"]}};
  }
  return nullptr;
}

std::string group_thousands(long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string format_quantity_vi(double quantity, const std::string& uom) {
  static const std::map<std::string, std::string> kUnits = {
      {"KGM", "kg"}, {"LTR", "lít"}, {"H87", "cái"}, {"GRM", "g"}, {"MLT", "ml"}, {"TNE", "tấn"}};
  long long milli = std::llround(std::fabs(quantity) * 1000);
  std::string out = (quantity < 0 ? "-" : "") + group_thousands(milli / 1000);
  if (long long frac = milli % 1000; frac != 0) {
    std::string f = std::to_string(1000 + frac).substr(1);
    while (f.back() == '0') f.pop_back();
    out += "," + f;
  }
  auto it = kUnits.find(uom);
  return out + " " + (it == kUnits.end() ? uom : it->second);
}

Result<json> build_page_data(Context& cx, const std::string& gtin, const std::string& lot,
                             const std::string& resolver) {
  EventRepository repo(cx.store());
  std::string id = "https://id.gs1.org/01/" + gtin + "/10/" + lot;
  auto seqs = repo.events_of(id);
  if (!seqs.ok()) return seqs.status();
  if (seqs->empty())
    return Status::NotFound("no traced lot " + lot + " of GTIN " + gtin, "body.lot");
  auto back = trace_back(repo, {id});
  if (!back.ok()) return back.status();
  auto fwd = trace_forward(repo, {id});
  if (!fwd.ok()) return fwd.status();

  // Product and cooperative: from the harvest's lot master data, else by GTIN in the registry.
  json product = nullptr, coop = nullptr;
  std::string product_id, coop_id;
  std::vector<json> custody;
  std::map<std::string, bool> seen;
  for (const json* part : {&(*back)["nodes"], &(*fwd)["nodes"]})
    for (const auto& node : *part)
      for (const auto& ev : node["events"]) {
        std::string eid = text(ev, "eventID");
        if (seen[eid]) continue;
        seen[eid] = true;
        auto rec = repo.record(ev["seq"].get<std::int64_t>());
        if (rec.ok() && rec->has_value()) {
          const json& full = (**rec)["event"];
          if (full.contains("ilmd")) {
            if (product_id.empty()) product_id = text(full["ilmd"], "lk:product");
            if (coop_id.empty()) coop_id = text(full["ilmd"], "lk:cooperative");
          }
          if (full.contains("lk:diary")) continue;  // diary entries are summarised, not custody
        }
        json step{{"time", text(ev, "eventTime")},
                  {"step", step_label(text(ev, "bizStep"))},
                  {"id", node["id"]}};
        if (rec.ok() && rec->has_value())
          if (json q = quantity_of((**rec)["event"], node["id"].get<std::string>()); !q.is_null())
            step.update(q);
        if (ev.contains("sourceList") && !ev["sourceList"].empty())
          step["from"] = party_label(cx, text(ev["sourceList"][0], "source"));
        if (ev.contains("destinationList") && !ev["destinationList"].empty())
          step["to"] = party_label(cx, text(ev["destinationList"][0], "destination"));
        custody.push_back(step);
      }
  std::sort(custody.begin(), custody.end(),
            [](const json& a, const json& b) { return a["time"] < b["time"]; });
  if (!product_id.empty()) {
    auto p = cx.registry().product(product_id);
    if (p.ok()) product = *p;
  }
  if (product.is_null()) product = find_product(cx, gtin);
  if (coop_id.empty() && product.is_object()) coop_id = text(product, "owner");
  if (!coop_id.empty()) {
    auto c = cx.registry().party(coop_id);
    if (c.ok()) coop = *c;
  }
  json by_kind = json::object();
  for (const auto& d : (*back)["diary"]) {
    std::string kind = text(d, "kind").empty() ? "other" : text(d, "kind");
    by_kind[kind] = by_kind.value(kind, 0) + 1;
  }
  json certs = product.is_object() && product.contains("certifications") ? product["certifications"]
                                                                         : json::array();
  return json{{"uri", lot_digital_link(resolver, gtin, lot)},
              {"gtin", gtin},
              {"lot", lot},
              {"product", product},
              {"cooperative", coop},
              {"plots", (*back)["plots"]},
              {"households", (*back)["households"].size()},
              {"diary", {{"entries", (*back)["diary"].size()}, {"by_kind", by_kind}}},
              {"certifications", certs},
              {"custody", custody}};
}

std::string plots_svg(const json& plots) {
  std::vector<std::vector<std::pair<double, double>>> shapes;
  for (const auto& p : plots) {
    std::vector<std::pair<double, double>> pts;
    if (p.contains("polygon") && p["polygon"].is_array())
      for (const auto& q : p["polygon"])
        if (q.is_object() && q.contains("lat") && q["lat"].is_number() && q.contains("lon") &&
            q["lon"].is_number())
          pts.emplace_back(q["lon"].get<double>(), q["lat"].get<double>());
    if (pts.empty() && p.contains("lat") && p["lat"].is_number() && p.contains("lon") &&
        p["lon"].is_number())
      pts.emplace_back(p["lon"].get<double>(), p["lat"].get<double>());
    if (!pts.empty()) shapes.push_back(pts);
  }
  if (shapes.empty()) return "";
  double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
  for (const auto& s : shapes)
    for (auto [x, y] : s) {
      minx = std::min(minx, x), maxx = std::max(maxx, x), miny = std::min(miny, y),
      maxy = std::max(maxy, y);
    }
  double span = std::max({maxx - minx, maxy - miny, 0.002});
  const double w = 320, pad = 20;
  auto px = [&](double x) { return pad + (x - minx) / span * (w - 2 * pad); };
  auto py = [&](double y) { return w - pad - (y - miny) / span * (w - 2 * pad); };
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 320\" width=\"100%\" "
      "role=\"img\" "
      "aria-label=\"plots\"><rect width=\"320\" height=\"320\" fill=\"#eef6e8\"/>";
  char buf[64];
  int n = 0;
  for (const auto& s : shapes) {
    ++n;
    if (s.size() >= 3) {
      svg += "<polygon fill=\"#7cb35a\" fill-opacity=\"0.6\" stroke=\"#2e6b1f\" points=\"";
      for (auto [x, y] : s) {
        std::snprintf(buf, sizeof buf, "%.1f,%.1f ", px(x), py(y));
        svg += buf;
      }
      svg += "\"/>";
    } else {
      std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" ", px(s[0].first),
                    py(s[0].second));
      svg += std::string(buf) + "fill=\"#2e6b1f\"/>";
    }
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">",
                  px(s[0].first) + 10, py(s[0].second) - 10);
    svg += std::string(buf) + std::to_string(n) + "</text>";
  }
  return svg + "</svg>";
}

std::string render_page_html(const json& page) {
  const json& product = page["product"];
  const json& coop = page["cooperative"];
  std::string name = product.is_object() ? text(product, "name") : "GTIN " + text(page, "gtin");
  int stars = product.is_object() && product.contains("ocop_stars") &&
                      product["ocop_stars"].is_number_integer()
                  ? product["ocop_stars"].get<int>()
                  : 0;
  std::string h =
      "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>" +
      util::html_escape(name) + " – lô " + util::html_escape(text(page, "lot")) +
      "</title>"
      "<style>body{font-family:system-ui,sans-serif;margin:0;background:#fafaf5;color:#222}"
      "header{background:#2e6b1f;color:#fff;padding:16px}h1{font-size:1.3em;margin:0 0 4px}"
      "section{background:#fff;margin:10px;padding:12px;border-radius:8px;box-shadow:0 1px 2px "
      "#0002}"
      "h2{font-size:1em;margin:0 0 8px;color:#2e6b1f}.stars{color:#f5a623;font-size:1.2em}"
      ".tag{display:inline-block;background:#e3f1d8;border-radius:12px;padding:2px 10px;margin:2px}"
      "ol{padding-left:18px;margin:0}li{margin-bottom:8px}small{color:#666}</style></head><body>";
  h += "<header><h1>" + util::html_escape(name) + "</h1><div class=\"stars\" aria-label=\"OCOP " +
       std::to_string(stars) + " sao\">";
  for (int i = 0; i < 5; ++i) h += i < stars ? "★" : "☆";
  h += " <small style=\"color:#fff\">OCOP</small></div><div>Lô <b>" +
       util::html_escape(text(page, "lot")) + "</b> · GTIN " +
       util::html_escape(text(page, "gtin")) + "</div></header>";
  if (coop.is_object())
    h += "<section><h2>Hợp tác xã</h2><b>" + util::html_escape(text(coop, "name")) +
         "</b><br><small>" + util::html_escape(text(coop, "province")) + "</small></section>";
  h += "<section><h2>Vùng trồng</h2>" + plots_svg(page["plots"]) + "<ol>";
  for (const auto& p : page["plots"])
    h += "<li>Thửa " + util::html_escape(text(p, "plot")) +
         (p.contains("household_name") ? " – hộ " + util::html_escape(text(p, "household_name"))
                                       : "") +
         (p.contains("harvest_date")
              ? " <small>thu hoạch " + util::html_escape(text(p, "harvest_date")) + "</small>"
              : "") +
         "</li>";
  h += "</ol></section>";
  h += "<section><h2>Nhật ký canh tác</h2>" + std::to_string(page["diary"].value("entries", 0)) +
       " ghi chép";
  for (auto it = page["diary"]["by_kind"].begin(); it != page["diary"]["by_kind"].end(); ++it)
    h += " <span class=\"tag\">" + util::html_escape(it.key()) + ": " + it->dump() + "</span>";
  h += "</section><section><h2>Chứng nhận</h2>";
  for (const auto& c : page["certifications"])
    if (c.is_string())
      h += "<span class=\"tag\">" + util::html_escape(c.get<std::string>()) + "</span>";
  h += "</section><section><h2>Hành trình sản phẩm</h2><ol>";
  for (const auto& s : page["custody"]) {
    h += "<li><b>" + util::html_escape(text(s, "step")) + "</b> <small>" +
         util::html_escape(text(s, "time").substr(0, 16)) + "</small>";
    if (s.contains("quantity") && s["quantity"].is_number())
      h += " · " +
           util::html_escape(format_quantity_vi(s["quantity"].get<double>(), text(s, "uom")));
    if (s.contains("from")) h += "<br>từ " + util::html_escape(text(s, "from"));
    if (s.contains("to")) h += " → " + util::html_escape(text(s, "to"));
    h += "</li>";
  }
  h += "</ol></section><footer style=\"padding:10px;font-size:.8em;color:#666\">Dữ liệu GS1 EPCIS "
       "2.0 · " +
       util::html_escape(text(page, "uri")) + "</footer></body></html>";
  return h;
}

std::string render_not_found_html(const std::string& what) {
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>Không tìm thấy</title></head><body "
         "style=\""
         "font-family:system-ui,sans-serif;padding:20px\"><h1>Không tìm thấy lô hàng</h1><p>" +
         util::html_escape(what) +
         "</p><p>Not found: this product lot is not traced here.</p></body></html>";
}

}  // namespace lienket::trace
