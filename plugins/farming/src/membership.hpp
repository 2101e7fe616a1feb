// The cooperative's register of member households (docs/protocol-farming.md, "Members"). A
// household is a member on date D when it joined on or before D (a household enrolled by
// registering its first plot has no known join date: it counts as a member since before the
// register) and has not left on or before D. Records are kept under mem/<cooperative>/<household>;
// a household with no record (plots registered before plugin version 0.3.0) counts as a member.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lienket/context.hpp"
#include "lienket/farming/events.hpp"

namespace lienket::farming {

std::string member_key(const std::string& cooperative, const std::string& household_id);

Result<std::optional<events::Member>> find_member(Store& store, const std::string& cooperative,
                                                  const std::string& household_id);

bool is_member_on(const events::Member& m, const std::string& date);

// For farming.plot.register: a household the cooperative has no record of is enrolled (from an
// unknown date, enrolled_by "plot", with a farming.member.joined event); one that has left by
// `today` is refused (failed_precondition, body.household_id).
Status enrol_for_plot(Context& cx, const std::string& cooperative, const std::string& household_id,
                      const std::string& household_name, const std::string& today);

// failed_precondition naming `field` unless the household is a member on `date`.
Status require_member_on(Store& store, const std::string& cooperative,
                         const std::string& household_id, const std::string& date,
                         std::string_view field);

}  // namespace lienket::farming
