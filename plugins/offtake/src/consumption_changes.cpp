// A signed consumption contract changed by its parties: amendments by mutual consent, early
// termination, disputes and their resolution.
#include <algorithm>

#include "consumption_rules.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

Status not_open(const Consumption& c) {
  return Status::FailedPrecondition("consumption contract " + c.id + " is " + c.status);
}

std::string other(const std::string& side) { return side == "buyer" ? "seller" : "buyer"; }

Status no_amendment(const Consumption& c, std::int64_t version) {
  if (c.amendment && c.amendment->version == version) return Status::Ok();
  return Status::FailedPrecondition(
      "version " + std::to_string(version) + " of " + c.id + " is not awaiting a signature",
      "body.version");
}

// The version an amendment would put in force, checked against what has already happened.
Result<Version> next_version(const Consumption& c, const Amendment& a) {
  Version v = c.versions.back();
  v.no = a.version;
  v.effective_from = a.effective_from;
  v.reason = a.reason;
  if (a.quantity) v.quantity = *a.quantity;
  if (a.unit_price_vnd) v.unit_price_vnd = *a.unit_price_vnd;
  if (a.deliver_from) v.deliver_from = *a.deliver_from;
  if (a.deliver_to) v.deliver_to = *a.deliver_to;
  if (a.place) v.place = *a.place;
  if (v.effective_from < c.versions.back().effective_from)
    return Status::InvalidArgument("body.effective_from must not be before " +
                                       c.versions.back().effective_from +
                                       ", when the version in force took effect",
                                   "body.effective_from");
  if (v.deliver_to < v.deliver_from)
    return Status::InvalidArgument("body.deliver_to must not be before deliver_from",
                                   a.deliver_to ? "body.deliver_to" : "body.deliver_from");
  const std::int64_t taken = c.net_accepted() + c.pending();
  if (v.quantity < taken)
    return Status::FailedPrecondition("body.quantity " + std::to_string(v.quantity) +
                                          " is below what is already delivered (" +
                                          std::to_string(taken) + ")",
                                      "body.quantity");
  auto value = goods_value_vnd(v.quantity, v.unit_price_vnd, c.unit);
  if (!value || *value > 1'000'000'000'000'000)
    return Status::InvalidArgument("body.quantity x unit_price_vnd is too large a contract",
                                   "body.quantity");
  std::vector<CallOffShare> windows;
  for (const auto& o : c.call_offs) windows.push_back({o.from, o.to, o.share_bp});
  auto st = check_call_off_windows(windows, v.deliver_from, v.deliver_to, "call_offs");
  if (!st.ok())
    return Status::InvalidArgument("the delivery window " + v.deliver_from + " .. " + v.deliver_to +
                                       " would leave a call-off outside it (" + st.message() + ")",
                                   a.deliver_from ? "body.deliver_from" : "body.deliver_to");
  return v;
}

// Puts `v` in force: the contract's current terms become its terms.
void apply_version(Consumption& c, const Version& v) {
  c.versions.push_back(v);
  c.quantity = v.quantity;
  c.unit_price_vnd = v.unit_price_vnd;
  c.deliver_from = v.deliver_from;
  c.deliver_to = v.deliver_to;
  c.place = v.place;
  c.value_vnd = goods_value_vnd(v.quantity, v.unit_price_vnd, c.unit).value_or(0);
  std::int64_t given = 0;  // the call-offs keep their shares of the new quantity
  for (std::size_t i = 0; i < c.call_offs.size(); ++i) {
    auto& o = c.call_offs[i];
    o.quantity = i + 1 == c.call_offs.size() ? c.quantity - given : bp_of(c.quantity, o.share_bp);
    given += o.quantity;
  }
}

void close(Consumption& c, const std::string& status, const std::string& now) {
  c.status = status;
  c.closed_at = now;
  c.dispute.reset();
  c.amendment.reset();
}

}  // namespace

Status propose_amendment(Consumption& c, const std::string& side, Amendment a) {
  if (!c.open()) return not_open(c);
  if (c.amendment)
    return Status::FailedPrecondition("version " + std::to_string(c.amendment->version) +
                                          " proposed by the " + c.amendment->proposed_by +
                                          " awaits an answer; sign or decline it first",
                                      "body.consumption_id");
  if (!a.quantity && !a.unit_price_vnd && !a.deliver_from && !a.deliver_to && !a.place)
    return Status::InvalidArgument("nothing to change: give at least one new term", "body");
  a.version = c.versions.back().no + 1;
  a.proposed_by = side;
  auto v = next_version(c, a);
  if (!v.ok()) return v.status();
  c.amendment = std::move(a);
  return Status::Ok();
}

Status sign_amendment(Consumption& c, const std::string& side, std::int64_t version,
                      const std::string& now) {
  if (!c.open()) return not_open(c);
  LIENKET_RETURN_IF_ERROR(no_amendment(c, version));
  if (c.amendment->proposed_by == side)
    return Status::FailedPrecondition("the " + side + " proposed version " +
                                          std::to_string(version) + "; the " + other(side) +
                                          " signs it",
                                      "as");
  auto v = next_version(c, *c.amendment);  // deliveries may have come in since it was proposed
  if (!v.ok()) return v.status();
  v->signed_at = now;
  apply_version(c, *v);
  c.amendment.reset();
  return Status::Ok();
}

Status decline_amendment(Consumption& c, std::int64_t version) {
  if (!c.open()) return not_open(c);
  LIENKET_RETURN_IF_ERROR(no_amendment(c, version));
  c.amendment.reset();
  return Status::Ok();
}

Result<bool> terminate(Consumption& c, const std::string& side, const std::string& ground,
                       const std::string& reason, const std::string& now) {
  if (!c.open()) return not_open(c);
  if (ground != "mutual" && ground != "force_majeure" && ground != "breach")
    return Status::InvalidArgument("body.ground must be mutual, force_majeure or breach",
                                   "body.ground");
  if (reason.empty()) return Status::InvalidArgument("body.reason is required", "body.reason");
  if (c.pending() > 0)
    return Status::FailedPrecondition(
        "deliveries are pending: the buyer accepts or rejects them before the contract ends",
        "body.consumption_id");
  if (ground == "mutual" &&
      !(c.termination && c.termination->ground == "mutual" && c.termination->by == other(side))) {
    c.termination = Termination{ground, side, reason, now};  // awaits the other side
    return false;
  }
  c.termination = Termination{ground, side, reason, now};
  if (ground == "breach") {
    declare_breach(c, {other(side), "terminated by the " + side + ": " + reason}, now);
    c.dispute.reset();
    c.amendment.reset();
  } else {
    close(c, "cancelled", now);
  }
  return true;
}

Status open_dispute(Consumption& c, const std::string& side, const std::string& reason,
                    const std::string& now) {
  if (!c.open()) return not_open(c);
  if (c.disputed())
    return Status::FailedPrecondition("consumption contract " + c.id + " is already disputed",
                                      "body.consumption_id");
  c.dispute = Dispute{side, reason, now, c.status, {}};
  c.status = "disputed";
  return Status::Ok();
}

Result<bool> resolve_dispute(Consumption& c, const std::string& side, const std::string& outcome,
                             const std::optional<std::string>& deliver_to, const std::string& now) {
  if (!c.disputed())
    return Status::FailedPrecondition("consumption contract " + c.id + " is not disputed",
                                      "body.consumption_id");
  if (outcome != "continue" && outcome != "cancel" && outcome != "buyer_at_fault" &&
      outcome != "seller_at_fault")
    return Status::InvalidArgument(
        "body.outcome must be continue, cancel, buyer_at_fault or seller_at_fault", "body.outcome");
  if (deliver_to && outcome != "continue")
    return Status::InvalidArgument("body.deliver_to goes only with the outcome continue",
                                   "body.deliver_to");
  if (deliver_to && *deliver_to < c.deliver_from)
    return Status::InvalidArgument(
        "body.deliver_to must not be before deliver_from " + c.deliver_from, "body.deliver_to");
  auto& asked = c.dispute->outcome_by;
  if (side != "union") {
    asked[side] = outcome + (deliver_to ? " " + *deliver_to : "");
    if (asked.count(other(side)) == 0 || asked[other(side)] != asked[side]) return false;
  }
  if (outcome == "continue") {
    c.status = c.dispute->resume_status;
    if (deliver_to) {
      Version v = c.versions.back();
      v.no += 1, v.effective_from = std::max(v.effective_from, now.substr(0, 10));
      v.deliver_to = *deliver_to, v.signed_at = now, v.reason = "dispute resolved";
      apply_version(c, v);
    }
    c.dispute.reset();
  } else if (outcome == "cancel") {
    c.termination =
        Termination{"dispute", side, "cancelled in the dispute: " + c.dispute->reason, now};
    close(c, "cancelled", now);
  } else {
    const std::string at_fault = outcome == "buyer_at_fault" ? "buyer" : "seller";
    c.dispute.reset();
    declare_breach(c, {at_fault, "ruled in the dispute by the " + side}, now);
  }
  return true;
}

}  // namespace lienket::offtake
