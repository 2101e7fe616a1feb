// A consumption contract (hợp đồng tiêu thụ) and the rules of its life, as pure functions so that
// they are tested without a node. Every mutator either succeeds or returns an error and leaves the
// contract exactly as it was.
//
// States: signed -> delivering -> fulfilled | breached   (cancelled is reserved; see README)
//   - record_delivery (seller): allowed in signed/delivering; the quantity must fit in what is
//   still
//     open (quantity - accepted - pending). Moves signed -> delivering.
//   - accept_delivery / reject_delivery (buyer): only a pending delivery; a rejection needs a
//   reason.
//   - record_payment (buyer): allowed in signed/delivering; total paid may not exceed value_vnd.
//   - The contract is fulfilled as soon as accepted == quantity and paid == value_vnd.
//   - assess_breach: once the local date is past deliver_to + grace days and the contract is not
//     fulfilled, it is breached. Fault rule: if accepted + pending < quantity the SELLER is at
//     fault (goods short or rejected); otherwise the goods were delivered and the BUYER is at fault
//     (did not accept the deliveries in time, or did not pay in full).
// Money: value_vnd = round(quantity x unit_price_vnd / 1000) for g and ml (prices are per
// kg/litre), quantity x unit_price_vnd for pieces; integer VND.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::offtake {

struct Delivery {
  std::int64_t no = 0;  // 1, 2, ... within the contract
  std::int64_t quantity = 0;
  std::string date;                // YYYY-MM-DD
  std::string lot_id;              // traceability lot, optional
  std::string status = "pending";  // pending | accepted | rejected
  std::string grade;               // buyer's quality grade on acceptance, optional
  std::string reason;              // buyer's reason on rejection
};

struct Payment {
  std::int64_t amount_vnd = 0;
  std::string date;
  std::string reference;
};

struct Consumption {
  std::string id, proposal_id, contract_id, offer_id, buyer, seller, product_id, unit;
  std::int64_t quantity = 0;
  std::int64_t unit_price_vnd = 0;
  std::int64_t value_vnd = 0;
  std::string deliver_from, deliver_to;
  std::string status = "signed";  // signed | delivering | fulfilled | breached | cancelled
  std::vector<Delivery> deliveries;
  std::vector<Payment> payments;
  std::string at_fault;  // "seller" | "buyer" when breached
  std::string breach_reason;
  std::string signed_at, closed_at;

  std::int64_t accepted() const;
  std::int64_t pending() const;
  std::int64_t rejected() const;
  std::int64_t paid_vnd() const;
  bool open() const { return status == "signed" || status == "delivering"; }
};

// Value of goods at a unit price (see the header comment). nullopt if it would not fit in int64.
std::optional<std::int64_t> goods_value_vnd(std::int64_t quantity, std::int64_t unit_price_vnd,
                                            const std::string& unit);

Status record_delivery(Consumption& c, std::int64_t quantity, const std::string& date,
                       const std::string& lot_id, std::int64_t* no);
Status accept_delivery(Consumption& c, std::int64_t no, const std::string& grade);
Status reject_delivery(Consumption& c, std::int64_t no, const std::string& reason);
Status record_payment(Consumption& c, std::int64_t amount_vnd, const std::string& date,
                      const std::string& reference);

// Moves an open contract to fulfilled when goods and money are complete; true if it did.
bool settle(Consumption& c, const std::string& now);

struct BreachVerdict {
  std::string at_fault;  // "seller" | "buyer"
  std::string reason;
};
// The verdict for an open contract whose deadline (deliver_to + grace_days) is before `today`
// (days since epoch, local date); nullopt when it is not (yet) breached.
std::optional<BreachVerdict> assess_breach(const Consumption& c, std::int64_t today,
                                           std::int64_t grace_days);

nlohmann::json to_json(const Consumption& c);
Result<Consumption> consumption_from_json(const nlohmann::json& j);

}  // namespace lienket::offtake
