// farming.diary.record / .list: the planting diary (nhật ký canh tác) of a plot, kept by its
// cooperative. Entries are published as farming.diary.recorded events carrying the plot's household
// and location (events::DiaryEntry), so a traceability plugin can record them without knowing this
// plugin.
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "money.hpp"

namespace lienket::farming {

namespace {

bool is_diary_kind(const std::string& k) {
  return k == "sowing" || k == "fertiliser" || k == "pesticide" || k == "irrigation" ||
         k == "inspection";
}

// The entry as the body gives it; the handler adds the plot's household, crop and location.
Result<events::DiaryEntry> decode_entry(const Request& r, std::int64_t now_ms) {
  Fields f(r.body);
  f.only({"plot_id", "kind", "date", "note", "input", "quantity", "quantity_unit",
          "active_ingredient", "dose", "phi_days", "inspector", "result"});
  events::DiaryEntry e;
  e.plot_id = f.id("plot_id");
  e.kind = f.str("kind", 20);
  e.date = f.date("date");
  if (!f.ok()) return f.status();
  if (!is_diary_kind(e.kind))
    f.fail("kind", "must be one of sowing, fertiliser, pesticide, irrigation, inspection");
  if (f.ok() && e.date > local_date(now_ms)) f.fail("date", "must not be after today");
  e.note = f.opt_str("note", limits::kDiaryText);
  e.input = f.opt_str("input", limits::kDiaryText);
  e.quantity_unit = f.opt_str("quantity_unit", limits::kDiaryText);
  e.dose = f.opt_str("dose", limits::kDiaryText);
  e.inspector = f.opt_str("inspector", limits::kDiaryText);
  e.result = f.opt_str("result", limits::kDiaryText);
  e.quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  if (e.kind == "pesticide") {
    // What the PHI rule and a residue audit need: the substance, how much, and the waiting days.
    e.active_ingredient = f.str("active_ingredient", limits::kSubstance);
    e.dose = f.str("dose", limits::kSubstance);
    e.phi_days = f.integer("phi_days", 0, limits::kMaxPhiDays);
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
  const std::string plot_id = entry->plot_id;
  auto& store = cx.store();
  auto plot = load(store, "plot/" + plot_id, "plot", plot_id, "body.plot_id");
  if (!plot.ok()) return plot.status();
  if ((*plot)["cooperative"] != r.as)
    return Status::PermissionDenied("plot " + plot_id + " belongs to " +
                                        (*plot)["cooperative"].get<std::string>() +
                                        "; only its cooperative keeps its diary",
                                    "as");
  auto p = decode_record<events::Plot>(*plot, "plot");
  if (!p.ok()) return p.status();
  auto n = store.next_id("diary");
  if (!n.ok()) return n.status();
  entry->id = "diary-" + std::to_string(*n);
  entry->cooperative = r.as;
  entry->household_id = p->household_id;
  entry->household_name = p->household_name;
  entry->crop = p->crop;
  entry->location = plot_location(*p);
  entry->recorded_at = format_time(cx.now_ms());
  const json record = *entry;
  LIENKET_RETURN_IF_ERROR(store.put_json(number_key("diary/" + plot_id + "/", *n), record));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::DiaryRecorded{*entry}));
  return json{{"entry", record}};
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
