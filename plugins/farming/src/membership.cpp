#include "membership.hpp"

#include "common.hpp"
#include "lienket/store.hpp"
#include "lienket/time.hpp"

namespace lienket::farming {

std::string member_key(const std::string& cooperative, const std::string& household_id) {
  return "mem/" + cooperative + "/" + household_id;
}

Result<std::optional<events::Member>> find_member(Store& store, const std::string& cooperative,
                                                  const std::string& household_id) {
  auto j = store.get_json(member_key(cooperative, household_id));
  if (!j.ok()) return j.status();
  if (!j->has_value()) return std::optional<events::Member>{};
  auto m = decode_record<events::Member>(**j, "member");
  if (!m.ok()) return m.status();
  return std::optional<events::Member>{std::move(*m)};
}

bool is_member_on(const events::Member& m, const std::string& date) {
  if (m.joined_on && date < *m.joined_on) return false;
  return !m.left_on || date < *m.left_on;
}

Status enrol_for_plot(Context& cx, const std::string& cooperative, const std::string& household_id,
                      const std::string& household_name, const std::string& today) {
  auto& store = cx.store();
  auto known = find_member(store, cooperative, household_id);
  if (!known.ok()) return known.status();
  if (*known) {
    if (is_member_on(**known, today)) return Status::Ok();
    return Status::FailedPrecondition("household " + household_id + " is not a member of " +
                                          cooperative + " today (left on " +
                                          (*known)->left_on.value_or("?") + ")",
                                      "body.household_id");
  }
  events::Member m;
  m.cooperative = cooperative;
  m.household_id = household_id;
  m.household_name = household_name;
  m.enrolled_by = "plot";
  m.recorded_at = format_time(cx.now_ms());
  LIENKET_RETURN_IF_ERROR(store.put_json(member_key(cooperative, household_id), json(m)));
  return emit_event(cx, events::MemberJoined{m});
}

Status require_member_on(Store& store, const std::string& cooperative,
                         const std::string& household_id, const std::string& date,
                         std::string_view field) {
  auto known = find_member(store, cooperative, household_id);
  if (!known.ok()) return known.status();
  if (!*known || is_member_on(**known, date)) return Status::Ok();
  const auto& m = **known;
  const std::string why = m.joined_on && date < *m.joined_on ? "joined on " + *m.joined_on
                                                             : "left on " + m.left_on.value_or("?");
  return Status::FailedPrecondition("household " + household_id + " is not a member of " +
                                        cooperative + " on " + date + " (" + why + ")",
                                    std::string(field));
}

}  // namespace lienket::farming
