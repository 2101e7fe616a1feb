// farming.diary.record / .list: the planting diary (nhật ký canh tác) of a plot, kept by its
// cooperative. Entries are published as farming.diary.recorded events carrying the plot's household
// and location, so a traceability plugin can record them without knowing this plugin.
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "money.hpp"

namespace lienket::farming {

namespace {

bool is_diary_kind(const std::string& k) {
  return k == "sowing" || k == "fertiliser" || k == "pesticide" || k == "irrigation" || k == "inspection";
}

Result<json> decode_entry(const Request& r, std::int64_t now_ms) {
  Fields f(r.body);
  f.only({"plot_id", "kind", "date", "note", "input", "quantity", "quantity_unit", "active_ingredient", "dose",
          "phi_days", "inspector", "result"});
  json e{{"plot_id", f.id("plot_id")}, {"kind", f.str("kind", 20)}, {"date", f.date("date")}};
  if (!f.ok()) return f.status();
  const std::string kind = e["kind"];
  if (!is_diary_kind(kind)) f.fail("kind", "must be one of sowing, fertiliser, pesticide, irrigation, inspection");
  if (f.ok() && e["date"].get<std::string>() > local_date(now_ms)) f.fail("date", "must not be after today");
  for (const char* key : {"note", "input", "quantity_unit", "dose", "inspector", "result"})
    if (auto v = f.opt_str(key, 300)) e[key] = *v;
  if (auto q = f.opt_integer("quantity", 1, kMaxQuantity)) e["quantity"] = *q;
  if (kind == "pesticide") {
    // What the PHI rule and a residue audit need: the substance, how much, and the waiting days.
    e["active_ingredient"] = f.str("active_ingredient", 120);
    e["dose"] = f.str("dose", 120);
    e["phi_days"] = f.integer("phi_days", 0, 365);
  } else {
    for (const char* key : {"active_ingredient", "phi_days"})
      if (f.has(key)) f.fail(key, "is only recorded for pesticide entries");
  }
  if (!f.ok()) return f.status();
  return e;
}

}  // namespace

Result<json> diary_record(const Request& r, Context& cx, const Config&) {
  auto coop = acting_party_of_kind(r, cx, kCooperativeKinds, "cooperatives");
  if (!coop.ok()) return coop.status();
  auto entry = decode_entry(r, cx.now_ms());
  if (!entry.ok()) return entry.status();
  const std::string plot_id = (*entry)["plot_id"];
  auto& store = cx.store();
  auto plot = load(store, "plot/" + plot_id, "plot", plot_id, "body.plot_id");
  if (!plot.ok()) return plot.status();
  if ((*plot)["cooperative"] != r.as)
    return Status::PermissionDenied("plot " + plot_id + " belongs to " + (*plot)["cooperative"].get<std::string>() +
                                        "; only its cooperative keeps its diary",
                                    "as");
  auto n = store.next_id("diary");
  if (!n.ok()) return n.status();
  entry->update({{"id", "diary-" + std::to_string(*n)}, {"cooperative", r.as},
                 {"household_id", (*plot)["household_id"]}, {"crop", (*plot)["crop"]},
                 {"location", (*plot)["location"]}, {"recorded_at", format_time(cx.now_ms())}});
  LIENKET_RETURN_IF_ERROR(store.put_json(number_key("diary/" + plot_id + "/", *n), *entry));
  LIENKET_RETURN_IF_ERROR(cx.emit("farming.diary.recorded", {{"entry", *entry}}));
  return json{{"entry", *entry}};
}

Result<json> diary_list(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"plot_id"});
  std::string plot_id = f.id("plot_id");
  if (!f.ok()) return f.status();
  auto plot = load(cx.store(), "plot/" + plot_id, "plot", plot_id, "body.plot_id");
  if (!plot.ok()) return plot.status();
  auto entries = scan_all(cx.store(), "diary/" + plot_id + "/");
  if (!entries.ok()) return entries.status();
  return json{{"entries", *entries}};
}

}  // namespace lienket::farming
