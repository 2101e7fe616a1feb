#include "trace_page.hpp"

#include <algorithm>
#include <vector>

#include "lienket/util/html.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;
using util::html_escape;

std::string text(const json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : "";
}

// A member of the page's data, or null: the renderer never throws on data it did not expect.
const json& member(const json& o, const char* k) {
  static const json kNull;
  return o.is_object() && o.contains(k) ? o[k] : kNull;
}

// An integer member, or `otherwise`.
long long integer(const json& o, const char* k, long long otherwise) {
  const json& v = member(o, k);
  return v.is_number_integer() ? v.get<long long>() : otherwise;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// An address a page may load an image from: http(s) or a path on this node.
bool usable_image(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0 ||
         (url.rfind('/', 0) == 0 && url.rfind("//", 0) != 0);
}

// "https://trace.example.vn" of "https://trace.example.vn/01/.../10/LOT".
std::string origin_of(const std::string& uri) {
  auto scheme = uri.find("://");
  if (scheme == std::string::npos) return "";
  return uri.substr(0, uri.find('/', scheme + 3));
}

int ocop_stars(const json& product) {
  if (!product.is_object() || !product.contains("ocop_stars") ||
      !product["ocop_stars"].is_number_integer())
    return 0;
  return std::max(0, std::min(5, product["ocop_stars"].get<int>()));
}

std::string household(const std::string& name, const PageStrings& s) {
  return name.empty() ? "" : std::string(s.household_of) + " " + name;
}

const char* kStyle =
    "*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;margin:0;background:#f4f6ef;color:#1d2418}"
    "header{background:#1f5c14;color:#fff;padding:14px 16px 18px}"
    "header a{color:#fff}.wrap{max-width:760px;margin:0 auto}"
    ".lang{text-align:right;font-size:.9em;margin-bottom:6px}"
    "h1{font-size:1.45em;line-height:1.25;margin:4px 0}"
    ".photo{display:block;width:100%;max-height:260px;object-fit:cover;border-radius:10px;"
    "margin:6px 0 10px;background:#fff}"
    ".stars{color:#ffc83d;letter-spacing:2px}.sub{opacity:.9;font-size:.95em}"
    "main{padding:4px 10px 10px}section{background:#fff;margin:10px 0;padding:14px 16px;"
    "border-radius:10px;box-shadow:0 1px 3px #0002}"
    "h2{font-size:1.05em;margin:0 0 10px;color:#1f5c14}"
    ".badge{display:flex;gap:12px;align-items:flex-start}.badge b{display:block;font-size:1.05em}"
    ".badge .icon{font-size:1.6em;line-height:1}.ok{border-left:6px solid #2e8b1f}"
    ".ok .icon{color:#2e8b1f}.bad{border-left:6px solid #c0392b;background:#fdecea}"
    ".bad .icon,.bad b{color:#a52a1e}"
    "#map{height:280px;border-radius:8px;background:#e6eedf;margin-bottom:10px}"
    "ol,ul{margin:0;padding-left:0;list-style:none}li{padding:8px 0;border-top:1px solid #e3e8dc}"
    "li:first-child{border-top:0}time{font-weight:600;color:#1f5c14;margin-right:6px}"
    ".muted,small{color:#5b6654}.warn{color:#a52a1e;font-weight:600}.fine{color:#2e7d1f}"
    ".tag{display:inline-block;background:#e3f1d8;border-radius:12px;padding:2px 10px;margin:2px}"
    "summary{cursor:pointer}details ol{margin-top:6px;padding-left:12px}"
    "a{color:#1f5c14}footer{padding:8px 16px 24px;font-size:.8em;color:#5b6654;"
    "word-break:break-all}";

// Draws the plots with Leaflet when it loaded; the outlines need no tiles.
const char* kMapScript =
    "(function(){var d=JSON.parse(document.getElementById('lk-map').textContent),"
    "el=document.getElementById('map');if(!el)return;"
    "if(!window.L){el.style.display='none';return;}"
    "var m=L.map(el,{scrollWheelZoom:false});"
    "if(d.tiles.url)L.tileLayer(d.tiles.url,{attribution:d.tiles.attribution,maxZoom:19})"
    ".addTo(m);"
    "L.control.scale({imperial:false}).addTo(m);"
    "var s={color:'#1f5c14',weight:2,fillColor:'#7cb35a',fillOpacity:0.45},"
    "g=L.featureGroup().addTo(m);"
    "d.plots.forEach(function(p){var l=p.polygon?L.polygon(p.polygon,s):"
    "L.circleMarker([p.lat,p.lon],L.extend({radius:8},s));l.bindTooltip(p.label);l.addTo(g);});"
    "m.fitBounds(g.getBounds(),{padding:[24,24],maxZoom:17});})();";

std::string plot_label(const json& p, const PageStrings& s) {
  return join(
      {std::string(s.plot) + " " + text(p, "plot"), household(text(p, "household_name"), s)},
      " · ");
}

// The plots as the map script reads them: [lat, lon] outlines of at least 3 points, else a point.
json map_data(const json& plots, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  json list = json::array();
  for (const auto& p : plots) {
    json one{{"label", plot_label(p, s)}};
    json outline = json::array();
    if (p.contains("polygon") && p["polygon"].is_array())
      for (const auto& q : p["polygon"])
        if (q.is_object() && q.contains("lat") && q["lat"].is_number() && q.contains("lon") &&
            q["lon"].is_number())
          outline.push_back(json::array({q["lat"], q["lon"]}));
    if (outline.size() >= 3)
      one["polygon"] = outline;
    else if (p.contains("lat") && p["lat"].is_number() && p.contains("lon") && p["lon"].is_number())
      one["lat"] = p["lat"], one["lon"] = p["lon"];
    else
      continue;
    list.push_back(one);
  }
  return json{{"plots", list},
              {"tiles", {{"url", o.tiles.url}, {"attribution", o.tiles.attribution}}}};
}

std::string stars_html(int stars, const PageStrings& s) {
  if (stars <= 0) return "";
  std::string glyphs;
  for (int i = 0; i < 5; ++i) glyphs += i < stars ? "★" : "☆";
  return "<div><span class=\"stars\" aria-hidden=\"true\">" + glyphs + "</span> " +
         html_escape(fill(s.ocop_stars, stars)) + "</div>";
}

std::string verified_html(const json& page, const PageStrings& s) {
  const json& v = member(page, "verified");
  bool ok = member(v, "ok") == true;
  long long n = integer(v, "events", 0);
  if (ok)
    return "<section class=\"badge ok\" role=\"status\"><span class=\"icon\" "
           "aria-hidden=\"true\">✔</span><div><b>" +
           html_escape(s.verified) + "</b><small>" + html_escape(fill(s.verified_detail, n)) +
           "</small></div></section>";
  return "<section class=\"badge bad\" role=\"alert\"><span class=\"icon\" "
         "aria-hidden=\"true\">⚠</span><div><b>" +
         html_escape(s.tampered) + "</b>" + html_escape(s.tampered_detail) + "</div></section>";
}

std::string producer_html(const json& coop, const PageStrings& s) {
  if (!coop.is_object()) return "";
  std::string h = "<section><h2>" + html_escape(s.cooperative) + "</h2><b>" +
                  html_escape(text(coop, "name")) + "</b>";
  std::string where =
      join({text(coop, "address"), text(coop, "district"), text(coop, "province")}, ", ");
  if (!where.empty()) h += "<br><span class=\"muted\">" + html_escape(where) + "</span>";
  if (auto phone = text(coop, "phone"); !phone.empty()) {
    std::string dial;
    for (char c : phone)
      if ((c >= '0' && c <= '9') || (c == '+' && dial.empty())) dial += c;
    h += "<br>" + html_escape(s.phone) + ": <a href=\"tel:" + dial + "\">" + html_escape(phone) +
         "</a>";
  }
  if (auto email = text(coop, "email"); !email.empty() && email.find('@') != std::string::npos)
    h += "<br>" + html_escape(s.email) + ": <a href=\"mailto:" + html_escape(email) + "\">" +
         html_escape(email) + "</a>";
  if (coop.contains("members") && coop["members"].is_number_integer() &&
      coop["members"].get<long long>() > 0)
    h +=
        "<br><small>" + html_escape(fill(s.members, coop["members"].get<long long>())) + "</small>";
  return h + "</section>";
}

std::string plots_html(const json& page, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  const json& plots = member(page, "plots");
  if (!plots.is_array() || plots.empty()) return "";
  std::string h = "<section><h2>" + html_escape(s.where_grown) +
                  "</h2><div id=\"map\" role=\"img\" aria-label=\"" + html_escape(s.where_grown) +
                  "\"></div><noscript><p class=\"muted\">" + html_escape(s.map_needs_scripts) +
                  "</p></noscript><ol class=\"plots\">";
  for (const auto& p : plots) {
    h += "<li>" + html_escape(plot_label(p, s));
    if (auto d = text(p, "harvest_date"); !d.empty())
      h += " · " + html_escape(std::string(s.harvested_on) + " " + format_date(d, o.lang));
    h += "</li>";
  }
  return h + "</ol></section>";
}

// One diary entry: what was done, with what, how much, and the waiting period before harvest.
std::string diary_entry_html(const json& e, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  std::string h = "<li><time datetime=\"" + html_escape(text(e, "date")) + "\">" +
                  html_escape(format_date(text(e, "date"), o.lang)) + "</time><b>" +
                  html_escape(diary_kind_name(text(e, "kind"), o.lang)) + "</b>";
  std::vector<std::string> facts;
  if (auto input = text(e, "input"); !input.empty()) {
    std::string what = std::string(s.input) + ": " + input;
    if (auto ai = text(e, "active_ingredient"); !ai.empty())
      what += " (" + std::string(s.active) + " " + ai + ")";
    facts.push_back(what);
  }
  if (e.contains("quantity") && e["quantity"].is_number_integer())
    facts.push_back(
        std::string(s.amount) + ": " +
        format_diary_quantity(e["quantity"].get<std::int64_t>(), text(e, "quantity_unit"), o.lang));
  if (auto dose = text(e, "dose"); !dose.empty())
    facts.push_back(std::string(s.dose) + ": " + dose);
  if (auto who = text(e, "inspector"); !who.empty())
    facts.push_back(std::string(s.inspector) + ": " + who);
  if (auto result = text(e, "result"); !result.empty())
    facts.push_back(std::string(s.result) + ": " + result);
  if (auto note = text(e, "note"); !note.empty()) facts.push_back(note);
  if (!facts.empty()) h += "<br>" + html_escape(join(facts, " · "));
  if (e.contains("phi_days") && e["phi_days"].is_number_integer()) {
    long long phi = e["phi_days"].get<long long>();
    h += "<br>" + html_escape(fill(s.phi, phi));
    if (e.contains("phi_respected") && e["phi_respected"].is_boolean()) {
      std::string harvest = format_date(text(e, "harvest_date"), o.lang);
      if (e["phi_respected"].get<bool>())
        h += " <span class=\"fine\">✔ " +
             html_escape(fill(s.phi_ok, integer(e, "days_before_harvest", 0), harvest)) + "</span>";
      else
        h += " <span class=\"warn\">⚠ " + html_escape(fill(s.phi_broken, std::nullopt, harvest)) +
             "</span>";
    }
  }
  std::string where =
      join({std::string(s.plot) + " " + text(e, "plot"), household(text(e, "household_name"), s)},
           " · ");
  return h + "<br><small>" + html_escape(where) + "</small></li>";
}

std::string diary_html(const json& page, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  const json& diary = member(page, "diary");
  long long entries = integer(diary, "entries", 0);
  std::string h = "<section><h2>" + html_escape(s.diary) + "</h2>";
  if (entries == 0) return h + "<p class=\"muted\">" + html_escape(s.diary_none) + "</p></section>";
  h += "<p class=\"muted\">" + html_escape(fill(s.diary_intro, entries)) +
       "</p><ol class=\"diary\">";
  long long listed = 0;
  if (member(diary, "list").is_array())
    for (const auto& e : member(diary, "list")) {
      h += diary_entry_html(e, o);
      ++listed;
    }
  h += "</ol>";
  if (entries > listed)
    h += "<p class=\"muted\">" + html_escape(fill(s.diary_more, entries - listed)) + "</p>";
  return h + "</section>";
}

std::string certificates_html(const json& page, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  std::string items, as_of = text(page, "as_of");
  std::vector<std::string> schemes;
  if (page.contains("certificates") && page["certificates"].is_array())
    for (const auto& c : page["certificates"]) {
      if (!c.is_object() || text(c, "scheme").empty()) continue;
      schemes.push_back(text(c, "scheme"));
      std::vector<std::string> facts;
      if (auto n = text(c, "number"); !n.empty())
        facts.push_back(std::string(s.cert_number) + " " + n);
      if (auto by = text(c, "issuer"); !by.empty())
        facts.push_back(std::string(s.cert_issuer) + " " + by);
      items += "<li><b>" + html_escape(text(c, "scheme")) + "</b>";
      if (!facts.empty()) items += "<br>" + html_escape(join(facts, " · "));
      if (auto until = text(c, "valid_until"); !until.empty()) {
        bool expired = !as_of.empty() && until < as_of;
        items +=
            expired
                ? "<br><span class=\"warn\">⚠ " +
                      html_escape(std::string(s.cert_expired) + " " + format_date(until, o.lang)) +
                      "</span>"
                : "<br><span class=\"fine\">" +
                      html_escape(std::string(s.cert_valid_until) + " " +
                                  format_date(until, o.lang)) +
                      "</span>";
      }
      items += "</li>";
    }
  std::string tags;
  if (page.contains("certifications") && page["certifications"].is_array())
    for (const auto& c : page["certifications"])
      if (c.is_string() &&
          std::find(schemes.begin(), schemes.end(), c.get<std::string>()) == schemes.end())
        tags += "<span class=\"tag\">" + html_escape(c.get<std::string>()) + "</span>";
  if (items.empty() && tags.empty()) return "";
  std::string h = "<section><h2>" + html_escape(s.certificates) + "</h2>";
  if (!items.empty()) h += "<ul class=\"certs\">" + items + "</ul>";
  return h + tags + "</section>";
}

std::string step_html(const json& step, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  std::string kind = text(step, "kind"), name = step_name(kind, o.lang);
  if (name.empty()) name = kind;
  std::string date = text(step, "date");
  std::string h = "<li><time datetime=\"" + html_escape(date) + "\">" +
                  html_escape(format_date(date, o.lang)) + "</time><b>" + html_escape(name) +
                  "</b>";
  if (step.contains("quantity") && step["quantity"].is_number())
    h += " · " +
         html_escape(format_quantity(step["quantity"].get<double>(), text(step, "uom"), o.lang));
  std::vector<std::string> where;
  if (auto plot = text(step, "plot"); !plot.empty())
    where.push_back(join(
        {std::string(s.plot) + " " + plot, household(text(step, "household_name"), s)}, " · "));
  if (auto place = text(step, "place"); !place.empty())
    where.push_back(std::string(s.at_place) + " " + place);
  std::string from = text(step, "from"), to = text(step, "to");
  if (!from.empty() && !to.empty())
    where.push_back(std::string(s.from) + " " + from + " " + s.to + " " + to);
  else if (!from.empty())
    where.push_back(from);
  else if (!to.empty())
    where.push_back(std::string(s.at_place) + " " + to);
  if (!where.empty()) h += "<br><small>" + html_escape(join(where, " · ")) + "</small>";
  return h + "</li>";
}

// A blend of many households' harvests: one line with the days, the total and the number of
// plots, which opens (no script: <details>) onto every harvest.
std::string harvests_html(const std::vector<const json*>& harvests, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  std::string first = text(*harvests.front(), "date"), last = first, uom;
  double total = 0;
  bool summable = true;
  for (const json* h : harvests) {
    std::string d = text(*h, "date");
    if (!d.empty() && (first.empty() || d < first)) first = d;
    if (d > last) last = d;
    if (!h->contains("quantity") || !(*h)["quantity"].is_number() ||
        (!uom.empty() && text(*h, "uom") != uom)) {
      summable = false;
      continue;
    }
    uom = text(*h, "uom");
    total += (*h)["quantity"].get<double>();
  }
  std::string days = format_date(first, o.lang);
  if (last != first) days += " – " + format_date(last, o.lang);
  std::string h = "<li><details><summary><time datetime=\"" + html_escape(first) + "\">" +
                  html_escape(days) + "</time><b>" + html_escape(step_name("harvest", o.lang)) +
                  "</b>";
  if (summable && !uom.empty()) h += " · " + html_escape(format_quantity(total, uom, o.lang));
  h += " <small>" + html_escape(fill(s.harvest_plots, static_cast<long long>(harvests.size()))) +
       "</small></summary><ol>";
  for (const json* step : harvests) h += step_html(*step, o);
  return h + "</ol></details></li>";
}

// Up to this many harvests are listed one by one in the journey; more are grouped.
constexpr std::size_t kHarvestsListed = 4;

std::string journey_html(const json& page, const PageOptions& o) {
  if (!page.contains("custody") || !page["custody"].is_array() || page["custody"].empty())
    return "";
  std::vector<const json*> harvests;
  for (const auto& step : page["custody"])
    if (text(step, "kind") == "harvest") harvests.push_back(&step);
  const bool grouped = harvests.size() > kHarvestsListed;
  std::string h =
      "<section><h2>" + html_escape(strings(o.lang).journey) + "</h2><ol class=\"journey\">";
  bool group_written = false;
  for (const auto& step : page["custody"]) {
    if (grouped && text(step, "kind") == "harvest") {
      if (!group_written) h += harvests_html(harvests, o);
      group_written = true;
      continue;
    }
    h += step_html(step, o);
  }
  return h + "</ol></section>";
}

// <head> up to and including <body>: title, description and Open Graph tags.
std::string head_html(const PageOptions& o, const std::string& title,
                      const std::string& description, const std::string& url,
                      const std::string& image, bool with_map) {
  const PageStrings& s = strings(o.lang);
  const PageStrings& other = strings(o.lang == Lang::kVi ? Lang::kEn : Lang::kVi);
  auto meta = [](const char* property, const std::string& content) {
    return "<meta property=\"" + std::string(property) + "\" content=\"" + html_escape(content) +
           "\">";
  };
  std::string h = "<!doctype html><html lang=\"" + std::string(lang_code(o.lang)) +
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                  "content=\"width=device-width,initial-scale=1\"><link rel=\"icon\" "
                  "href=\"data:,\"><title>" +
                  html_escape(title) + "</title><meta name=\"description\" content=\"" +
                  html_escape(description) + "\">" + meta("og:type", "website") +
                  meta("og:site_name", "Lienket") + meta("og:title", title) +
                  meta("og:description", description) + meta("og:locale", s.locale) +
                  meta("og:locale:alternate", other.locale);
  if (!url.empty()) h += meta("og:url", url);
  if (!image.empty()) h += meta("og:image", image);
  if (with_map) h += "<link rel=\"stylesheet\" href=\"/vendor/leaflet/leaflet.css\">";
  return h + "<style>" + kStyle + "</style></head><body>";
}

std::string switch_html(const PageOptions& o) {
  Lang other = o.lang == Lang::kVi ? Lang::kEn : Lang::kVi;
  return "<nav class=\"lang\"><a href=\"?lang=" + std::string(lang_code(other)) + "\" hreflang=\"" +
         lang_code(other) + "\" lang=\"" + lang_code(other) + "\">" +
         html_escape(strings(o.lang).switch_label) + "</a></nav>";
}

std::string description_of(const json& page, const PageStrings& s, int stars) {
  std::vector<std::string> parts;
  const json& coop = member(page, "cooperative");
  if (coop.is_object()) parts.push_back(join({text(coop, "name"), text(coop, "province")}, ", "));
  if (stars > 0) parts.push_back(fill(s.ocop_stars, stars));
  if (page.contains("certificates") && page["certificates"].is_array())
    for (const auto& c : page["certificates"])
      if (c.is_object()) parts.push_back(text(c, "scheme"));
  if (parts.size() < 3 && page.contains("certifications") && page["certifications"].is_array())
    for (const auto& c : page["certifications"])
      if (c.is_string() &&
          std::find(parts.begin(), parts.end(), c.get<std::string>()) == parts.end())
        parts.push_back(c.get<std::string>());
  bool ok = member(member(page, "verified"), "ok") == true;
  parts.push_back(ok ? s.verified : s.tampered);
  return join(parts, " · ");
}

}  // namespace

std::string script_json(const json& value) {
  std::string raw = value.dump(), out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

std::string render_page_html(const json& page, const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  const json& product = member(page, "product");
  std::string name = product.is_object() && !text(product, "name").empty()
                         ? text(product, "name")
                         : "GTIN " + text(page, "gtin");
  int stars = ocop_stars(product);
  std::string lot = text(page, "lot"), uri = text(page, "uri");
  std::string image = product.is_object() ? text(product, "image") : "";
  if (!usable_image(image)) image.clear();
  std::string og_image = image.rfind('/', 0) == 0 ? origin_of(uri) + image : image;
  bool with_map = member(page, "plots").is_array() && !member(page, "plots").empty();

  std::string h = head_html(o, name + " – " + s.title_lot + " " + lot,
                            description_of(page, s, stars), uri, og_image, with_map);
  h += "<header><div class=\"wrap\">" + switch_html(o);
  if (!image.empty())
    h += "<img class=\"photo\" src=\"" + html_escape(image) + "\" alt=\"" + html_escape(name) +
         "\">";
  h += "<h1>" + html_escape(name) + "</h1>" + stars_html(stars, s) + "<div class=\"sub\">" +
       html_escape(s.lot) + " <b>" + html_escape(lot) + "</b> · GTIN " +
       html_escape(text(page, "gtin")) + "</div></div></header><main class=\"wrap\">";
  h += verified_html(page, s) + producer_html(member(page, "cooperative"), s) +
       plots_html(page, o) + diary_html(page, o) + certificates_html(page, o) +
       journey_html(page, o);
  h += "</main><footer class=\"wrap\">" + html_escape(s.footer) + "<br>" + html_escape(uri) +
       "</footer>";
  if (with_map)
    h += "<script type=\"application/json\" id=\"lk-map\">" +
         script_json(map_data(member(page, "plots"), o)) +
         "</script><script src=\"/vendor/leaflet/leaflet.min.js\"></script><script>" + kMapScript +
         "</script>";
  return h + "</body></html>";
}

std::string render_not_found_html(const std::string& gtin, const std::string& lot,
                                  const PageOptions& o) {
  const PageStrings& s = strings(o.lang);
  std::string h = head_html(o, s.not_found_title, s.not_found_text, "", "", false);
  h += "<header><div class=\"wrap\">" + switch_html(o) + "<h1>" + html_escape(s.not_found_title) +
       "</h1></div></header><main class=\"wrap\"><section class=\"badge bad\"><span "
       "class=\"icon\" aria-hidden=\"true\">?</span><div><b>" +
       html_escape(s.not_found_text) + "</b>" + html_escape(s.not_found_hint) + "</div></section>";
  if (!gtin.empty() || !lot.empty()) {
    h += "<section>";
    if (!gtin.empty()) h += html_escape(s.gtin) + ": <b>" + html_escape(gtin) + "</b><br>";
    if (!lot.empty()) h += html_escape(s.lot) + ": <b>" + html_escape(lot) + "</b>";
    h += "</section>";
  }
  return h + "</main><footer class=\"wrap\">" + html_escape(s.footer) + "</footer></body></html>";
}

}  // namespace lienket::trace
