// farming.member.join / .leave / .list: the cooperative's register of member households
// (membership.hpp has the rule). Joining and leaving are facts the cooperative records, dated not
// after today; a household that left keeps its record (and is still settled for what it delivered
// while a member).
#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/store.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "membership.hpp"

namespace lienket::farming {

namespace {

// A date in the body (default today), not after today.
std::string decode_date(Fields& f, const std::string& today) {
  std::string date = f.opt_date("date").value_or(today);
  if (f.ok() && date > today) f.fail("date", "must not be after today");
  return date;
}

}  // namespace

Result<json> member_join(const Request& r, Context& cx, const Config&) {
  auto coop = acting_party_of_kind(r, cx, kCooperativeKinds, "cooperatives");
  if (!coop.ok()) return coop.status();
  Fields f(r.body);
  f.only({"household_id", "household_name", "date"});
  events::Member m;
  m.household_id = f.id("household_id");
  m.household_name = f.str("household_name", limits::kHouseholdName);
  const std::string today = local_date(cx.now_ms());
  m.joined_on = decode_date(f, today);
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto known = find_member(store, r.as, m.household_id);
  if (!known.ok()) return known.status();
  if (*known && (*known)->left_on)
    return Status::FailedPrecondition("household " + m.household_id + " left " + r.as + " on " +
                                          *(*known)->left_on + "; rejoining is not supported",
                                      "body.household_id");
  if (*known)
    return Status::AlreadyExists("household " + m.household_id + " is already a member of " + r.as,
                                 "body.household_id");
  m.cooperative = r.as;
  m.enrolled_by = "join";
  m.recorded_at = format_time(cx.now_ms());
  LIENKET_RETURN_IF_ERROR(store.put_json(member_key(r.as, m.household_id), json(m)));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::MemberJoined{m}));
  return json{{"member", m}};
}

Result<json> member_leave(const Request& r, Context& cx, const Config&) {
  auto coop = acting_party_of_kind(r, cx, kCooperativeKinds, "cooperatives");
  if (!coop.ok()) return coop.status();
  Fields f(r.body);
  f.only({"household_id", "date", "reason"});
  std::string household_id = f.id("household_id");
  std::string date = decode_date(f, local_date(cx.now_ms()));
  auto reason = f.opt_str("reason", limits::kNote);
  if (!f.ok()) return f.status();
  auto& store = cx.store();
  auto known = find_member(store, r.as, household_id);
  if (!known.ok()) return known.status();
  if (!*known)
    return Status::NotFound("household " + household_id + " is not a member of " + r.as,
                            "body.household_id");
  events::Member m = **known;
  if (m.left_on)
    return Status::FailedPrecondition(
        "household " + household_id + " already left on " + *m.left_on, "body.household_id");
  if (m.joined_on && date <= *m.joined_on)
    return Status::InvalidArgument("body.date must be after the day it joined, " + *m.joined_on,
                                   "body.date");
  m.left_on = date;
  m.leave_reason = reason;
  LIENKET_RETURN_IF_ERROR(store.put_json(member_key(r.as, household_id), json(m)));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::MemberLeft{m}));
  return json{{"member", m}};
}

Result<json> member_list(const Request& r, Context& cx, const Config&) {
  Fields f(r.body);
  f.only({"cooperative", "as_of"});
  std::string coop = f.id("cooperative");
  std::string as_of = f.opt_date("as_of").value_or(local_date(cx.now_ms()));
  if (!f.ok()) return f.status();
  auto all = scan_all(cx.store(), "mem/" + coop + "/");
  if (!all.ok()) return all.status();
  json members = json::array();
  for (const auto& record : *all) {
    auto m = decode_record<events::Member>(record, "member");
    if (!m.ok()) return m.status();
    if (is_member_on(*m, as_of)) members.push_back(record);
  }
  const auto count = static_cast<std::int64_t>(members.size());
  return json{{"cooperative", coop}, {"as_of", as_of}, {"count", count}, {"members", members}};
}

}  // namespace lienket::farming
