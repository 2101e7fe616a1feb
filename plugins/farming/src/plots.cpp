// farming.plot.register / .get / .list: a cooperative's member plots.
#include <optional>

#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "membership.hpp"

namespace lienket::farming {

namespace {

using events::Point;

std::optional<Point> decode_point(Fields& f) {
  Point p{f.number("lat", -90, 90), f.number("lon", -180, 180)};
  f.only({"lat", "lon"});
  if (!f.ok()) return std::nullopt;
  return p;
}

// A polygon is a list of 3..200 {lat, lon} points; errors name the point ("body.polygon[2].lat").
Result<std::vector<Point>> decode_polygon(const Fields& f) {
  const json& raw = f.raw()["polygon"];
  const std::string path = f.path("polygon");
  if (!raw.is_array())
    return Status::InvalidArgument(path + " must be a list of {lat, lon} points", path);
  if (raw.size() < limits::kMinPolygonPoints || raw.size() > limits::kMaxPolygonPoints)
    return Status::InvalidArgument(path + " must have between 3 and 200 points", path);
  std::vector<Point> out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Fields p(raw[i], path + "[" + std::to_string(i) + "]");
    auto point = decode_point(p);
    if (!point) return p.status();
    out.push_back(*point);
  }
  return out;
}

// The mean of the polygon's points: a fair label position for the small plots of a farm.
Point centroid(const std::vector<Point>& polygon) {
  Point c;
  for (const auto& p : polygon) c.lat += p.lat, c.lon += p.lon;
  c.lat /= static_cast<double>(polygon.size());
  c.lon /= static_cast<double>(polygon.size());
  return c;
}

std::optional<events::Certification> decode_certification(Fields& f) {
  if (!f.has("certification")) return std::nullopt;
  Fields c = f.object("certification");
  c.only({"scheme", "number", "expires"});
  events::Certification out{c.str("scheme", limits::kCertScheme),
                            c.opt_str("number", limits::kCertNumber), c.date("expires")};
  return out;
}

// The plot as the body describes it; id (when given) and everything but cooperative and
// registered_at, which the handler adds.
Result<events::Plot> decode_plot(const Request& r, std::optional<std::string>& id) {
  Fields f(r.body);
  f.only({"id", "household_id", "household_name", "crop", "area_m2", "location", "polygon",
          "certification"});
  events::Plot plot;
  id = f.opt_id("id");
  plot.household_id = f.id("household_id");
  plot.household_name = f.str("household_name", limits::kHouseholdName);
  plot.crop = f.str("crop", limits::kCrop);
  plot.area_m2 = f.integer("area_m2", 1, limits::kMaxAreaM2);
  if (f.ok() && f.has("polygon")) {
    if (f.has("location")) f.fail("location", "give either location or polygon, not both");
    if (!f.ok()) return f.status();
    auto polygon = decode_polygon(f);
    if (!polygon.ok()) return polygon.status();
    plot.polygon = std::move(*polygon);
    plot.location = centroid(plot.polygon);
  } else if (f.ok()) {
    Fields loc = f.object("location");
    if (auto p = decode_point(loc)) plot.location = *p;
  }
  plot.certification = decode_certification(f);
  if (!f.ok()) return f.status();
  return plot;
}

}  // namespace

Result<json> plot_register(const Request& r, Context& cx, const Config&) {
  auto coop = acting_party_of_kind(r, cx, kCooperativeKinds, "cooperatives");
  if (!coop.ok()) return coop.status();
  std::optional<std::string> id;
  auto plot = decode_plot(r, id);
  if (!plot.ok()) return plot.status();
  auto& store = cx.store();
  if (!id) {
    auto n = store.next_id("plot");
    if (!n.ok()) return n.status();
    id = r.as + "-plot-" + std::to_string(*n);
  }
  auto existing = store.get("plot/" + *id);
  if (!existing.ok()) return existing.status();
  if (existing->has_value())
    return Status::AlreadyExists("plot " + *id + " is already registered", "body.id");
  plot->id = *id;
  plot->cooperative = r.as;
  plot->registered_at = format_time(cx.now_ms());
  // Existing clients register plots without a prior farming.member.join: an unknown household is
  // enrolled by its first plot (membership.hpp).
  LIENKET_RETURN_IF_ERROR(
      enrol_for_plot(cx, r.as, plot->household_id, plot->household_name, local_date(cx.now_ms())));
  const json record = *plot;
  LIENKET_RETURN_IF_ERROR(store.put_json("plot/" + *id, record));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::PlotRegistered{*plot}));
  return json{{"plot", record}};
}

Result<json> plot_get(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"id"});
  std::string id = f.id("id");
  if (!f.ok()) return f.status();
  auto plot = load(cx.store(), "plot/" + id, "plot", id, "body.id");
  if (!plot.ok()) return plot.status();
  return json{{"plot", *plot}};
}

Result<json> plot_list(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"cooperative", "limit", "after"});
  auto coop = f.opt_id("cooperative");
  auto limit = f.opt_integer("limit", 1, limits::kMaxPage).value_or(limits::kDefaultPage);
  auto after = f.opt_id("after").value_or("");
  if (!f.ok()) return f.status();
  json plots = json::array();
  std::string last;
  bool corrupt = false;
  auto st = cx.store().scan("plot/", after.empty() ? "" : "plot/" + after,
                            [&](std::string_view, std::string_view v) {
                              auto p = json::parse(v, nullptr, false);
                              if (p.is_discarded()) return !(corrupt = true);
                              if (coop && p.value("cooperative", "") != *coop) return true;
                              plots.push_back(p);
                              last = p.value("id", "");
                              return static_cast<std::int64_t>(plots.size()) < limit;
                            });
  if (!st.ok()) return st;
  if (corrupt) return Status::Internal("corrupt plot record");
  json out{{"plots", plots}};
  if (static_cast<std::int64_t>(plots.size()) == limit) out["next_after"] = last;
  return out;
}

}  // namespace lienket::farming
