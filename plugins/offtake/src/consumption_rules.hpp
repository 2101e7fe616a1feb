// A consumption contract (hợp đồng tiêu thụ) and the rules of its life, as pure functions so that
// they are tested without a node. Every mutator either succeeds or returns an error and leaves the
// contract exactly as it was (docs/protocol-offtake.md, "Consumption contracts").
//
// States: signed -> delivering -> fulfilled | breached | cancelled; any open state <-> disputed.
//   - record_delivery (seller): the delivered total may reach the quantity plus the tolerance
//     (terms.tolerance_bp), no more: beyond it the buyer agreed to nothing.
//   - accept_delivery (buyer): whole, in part (the rest rejected, with a reason), at a grade of the
//     terms' grade table (its price), with measurements that deduct weight by the terms' bands.
//     What is paid is the net weight: accepted - floor(accepted x deduction_bp / 10000).
//   - record_payment (buyer): payments go to the goods first; late interest accrues on what is
//     overdue (see account()).
//   - Versions: an amendment proposed by one side and signed by the other becomes a version in
//     force from its effective date; a delivery is priced by the version in force on its date.
//   - The contract is fulfilled when no delivery is pending, the net accepted is at least the
//     quantity (or, after deliver_to, at least the quantity less the tolerance) and what is owed
//     (goods and late interest) is paid.
//   - assess_breach: past deliver_to + grace days and not fulfilled. The seller is at fault when
//     the net accepted plus pending is below the lower tolerance, the buyer otherwise. Disputed
//     contracts are never breached automatically.
// Money: a delivery's value = goods_value_vnd(net, price) where price = floor(version price x
// grade price_bp / 10000); value_vnd = the nominal value of the version in force now.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract_terms.hpp"
#include "lienket/status.hpp"

namespace lienket::offtake {

struct Delivery {
  std::int64_t no = 0;  // 1, 2, ... within the contract
  std::int64_t quantity = 0;
  std::string date;                // YYYY-MM-DD
  std::string lot_id;              // traceability lot, optional
  std::string status = "pending";  // pending | accepted | rejected
  std::string grade;               // buyer's quality grade on acceptance, optional
  std::string reason;              // buyer's reason for rejecting all or part of it
  std::int64_t call_off = 0;       // its call-off (1, 2, ...), 0 without a schedule
  std::int64_t accepted_quantity = 0;
  std::map<std::string, std::int64_t> measures;  // bp, e.g. {"moisture": 1350}
  std::int64_t deduction_bp = 0;
  std::string answered_on;  // date of acceptance or rejection
  std::int64_t net() const;
};

struct Payment {
  std::int64_t amount_vnd = 0;
  std::string date;
  std::string reference;
};

// One version of the contract's commercial terms; version 1 is the signed one.
struct Version {
  std::int64_t no = 1;
  std::string effective_from;  // date
  std::int64_t quantity = 0, unit_price_vnd = 0;
  std::string deliver_from, deliver_to;
  nlohmann::json place;   // {province, lat, lon} where the goods go; null in older records
  std::string signed_at;  // time both sides had signed
  std::string reason;
};

// A change one side proposed and the other has not yet signed.
struct Amendment {
  std::int64_t version = 0;
  std::string proposed_by;  // "buyer" | "seller"
  std::string effective_from;
  std::optional<std::int64_t> quantity, unit_price_vnd;
  std::optional<std::string> deliver_from, deliver_to;
  std::optional<nlohmann::json> place;
  std::string reason, proposed_at;
};

struct CallOff {
  std::int64_t no = 0;
  std::string from, to;
  std::int64_t share_bp = 0;
  std::int64_t quantity = 0;
  std::string status = "open";  // open | met | missed
  std::int64_t shortfall = 0;   // when missed
};

struct Penalty {
  std::string side;  // who owes it
  std::int64_t amount_vnd = 0;
  std::string reason, date;
};

// An open dispute, or a termination one side asked for and the other has not agreed to.
struct Dispute {
  std::string opened_by, reason, opened_at, resume_status;
  std::map<std::string, std::string> outcome_by;  // side -> the outcome it asked for
};
struct Termination {
  std::string ground;  // mutual | force_majeure | breach
  std::string by, reason, at;
};

struct Consumption {
  std::string id, proposal_id, contract_id, offer_id, buyer, seller, product_id, unit;
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;
  std::int64_t value_vnd = 0;
  std::string deliver_from, deliver_to;
  nlohmann::json place;  // of the version in force; null in records from before it was kept
  // signed | delivering | disputed | fulfilled | breached | cancelled
  std::string status = "signed";
  std::vector<Delivery> deliveries;
  std::vector<Payment> payments;
  std::string at_fault;  // "seller" | "buyer" when breached
  std::string breach_reason;
  std::string signed_at, closed_at;
  ContractTerms terms;
  std::vector<Version> versions;  // at least version 1 once signed
  std::optional<Amendment> amendment;
  std::vector<CallOff> call_offs;
  std::vector<Penalty> penalties;
  std::optional<Dispute> dispute;
  std::optional<Termination> termination;  // a pending mutual one while open; the final one after

  std::int64_t accepted() const;      // accepted weight, before deductions
  std::int64_t net_accepted() const;  // what is paid for
  std::int64_t pending() const;
  std::int64_t rejected() const;
  std::int64_t paid_vnd() const;
  std::int64_t lower() const;  // quantity less the tolerance
  std::int64_t upper() const;  // quantity plus the tolerance
  bool open() const { return status == "signed" || status == "delivering" || disputed(); }
  bool disputed() const { return status == "disputed"; }
  const Version& version_on(const std::string& date) const;
  std::int64_t price_of(const Delivery& d) const;  // VND per kg / litre / piece
  std::int64_t value_of(const Delivery& d) const;  // 0 unless accepted
  std::int64_t goods_owed_vnd() const;             // value of the accepted deliveries
  std::int64_t deposit_vnd() const;
  std::int64_t deadline_days(std::int64_t default_grace) const;  // deliver_to + grace days
};

// Where a contract's money stands on `today` (days since epoch, local date).
struct Account {
  std::int64_t owed_vnd = 0;     // goods accepted
  std::int64_t due_vnd = 0;      // what should have been paid by today (deposit or goods due)
  std::int64_t overdue_vnd = 0;  // due and not paid
  std::string overdue_since;     // first day of the current overdue run, when overdue
  std::int64_t late_interest_vnd = 0;
  std::int64_t penalties_vnd = 0;  // agreed penalties charged to the buyer
  std::int64_t balance_vnd = 0;    // owed + interest + penalties - paid (negative: seller refunds)
};
Account account(const Consumption& c, std::int64_t today);

// Value of goods at a unit price (see the header comment). nullopt if it would not fit in int64.
std::optional<std::int64_t> goods_value_vnd(std::int64_t quantity, std::int64_t unit_price_vnd,
                                            const std::string& unit);

// Signs version 1 and the call-offs from the terms' shares (floor of each share, the remainder to
// the last call-off).
void sign_first_version(Consumption& c);

// `call_off` 0: the call-off whose window holds the date, else the earliest one not met.
Status record_delivery(Consumption& c, std::int64_t quantity, const std::string& date,
                       const std::string& lot_id, std::int64_t call_off, std::int64_t* no);

struct Acceptance {
  std::string grade;
  std::optional<std::int64_t> quantity;  // absent: all of it
  std::map<std::string, std::int64_t> measures;
  std::string reason;  // required when only part is accepted
  std::string date;    // today
};
Status accept_delivery(Consumption& c, std::int64_t no, const Acceptance& a);
Status reject_delivery(Consumption& c, std::int64_t no, const std::string& reason,
                       const std::string& today);
Status record_payment(Consumption& c, std::int64_t amount_vnd, const std::string& date,
                      const std::string& reference, std::int64_t today);

// Amendments by mutual consent. The proposer's signature is implied; the other side signs or
// either side declines (the proposer withdraws).
Status propose_amendment(Consumption& c, const std::string& side, Amendment a);
Status sign_amendment(Consumption& c, const std::string& side, std::int64_t version,
                      const std::string& now);
Status decline_amendment(Consumption& c, std::int64_t version);

// Ends the contract early. "mutual" needs both sides (the first call records the request, the
// second ends it); "force_majeure" ends it at once with no one at fault; "breach" ends it at once
// with the other side at fault and the agreed penalty charged. True when the contract ended.
Result<bool> terminate(Consumption& c, const std::string& side, const std::string& ground,
                       const std::string& reason, const std::string& now);

// A dispute stops automatic breach until both sides ask for the same outcome, or the union rules.
// Outcomes: "continue" (back to where it was, deliver_to optionally extended), "cancel" (ended,
// no one at fault), "buyer_at_fault" / "seller_at_fault" (breached, penalty charged).
Status open_dispute(Consumption& c, const std::string& side, const std::string& reason,
                    const std::string& now);
// `side` is "buyer", "seller" or "union". True when the dispute was settled by this call.
Result<bool> resolve_dispute(Consumption& c, const std::string& side, const std::string& outcome,
                             const std::optional<std::string>& deliver_to, const std::string& now);

// Moves an open contract to fulfilled when goods and money are complete; true if it did.
bool settle(Consumption& c, const std::string& now, std::int64_t today);

struct BreachVerdict {
  std::string at_fault;  // "seller" | "buyer"
  std::string reason;
};
// The verdict for an open contract whose deadline is before `today`; nullopt when not breached.
std::optional<BreachVerdict> assess_breach(const Consumption& c, std::int64_t today,
                                           std::int64_t default_grace);
// Closes the contract as breached by `v`, charging the agreed penalty to the side at fault.
void declare_breach(Consumption& c, const BreachVerdict& v, const std::string& now);

// Call-offs whose window (plus grace) has passed: each becomes met or missed. Returns the numbers
// of the call-offs this call marked missed.
std::vector<std::int64_t> assess_call_offs(Consumption& c, std::int64_t today,
                                           std::int64_t default_grace);

nlohmann::json to_json(const Consumption& c, std::int64_t today);
Result<Consumption> consumption_from_json(const nlohmann::json& j);

}  // namespace lienket::offtake
