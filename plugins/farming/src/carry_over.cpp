#include "carry_over.hpp"

#include "agreement_store.hpp"
#include "common.hpp"

namespace lienket::farming {

namespace {

// The confirmed settlement of an earlier season of the same pair, or nullopt.
Result<std::optional<events::Settlement>> earlier_settlement(Store& store, const json& head,
                                                             const events::Agreement& now) {
  if (head["id"] == now.id || head["enterprise"] != now.enterprise ||
      head["cooperative"] != now.cooperative || !head.value("settled", false) ||
      !head.contains("last_settlement"))
    return std::optional<events::Settlement>{};
  auto old_terms = load_agreement(store, head["id"], head["in_force"].get<std::int64_t>());
  if (!old_terms.ok()) return old_terms.status();
  if (old_terms->season.end >= now.season.start) return std::optional<events::Settlement>{};
  const std::string sid = head["last_settlement"];
  auto record = load(store, "stl/" + sid, "settlement", sid, "body.agreement_id");
  if (!record.ok()) return record.status();
  auto s = decode_record<events::Settlement>(*record, "settlement");
  if (!s.ok()) return s.status();
  return std::optional<events::Settlement>{std::move(*s)};
}

}  // namespace

Result<std::map<std::string, std::vector<events::CarriedDebt>>> debts_to_carry(
    Store& store, const events::Agreement& in_force, const std::set<std::string>& households) {
  std::map<std::string, std::vector<events::CarriedDebt>> out;
  auto heads = scan_all(store, "agr/");
  if (!heads.ok()) return heads.status();
  for (const auto& head : *heads) {
    auto old = earlier_settlement(store, head, in_force);
    if (!old.ok()) return old.status();
    if (!*old) continue;
    for (const auto& h : (*old)->households)
      if (h.net_vnd < 0 && !h.carried_to && households.count(h.household_id))
        out[h.household_id].push_back({(*old)->id, (*old)->agreement_id, -h.net_vnd});
  }
  return out;
}

Result<std::vector<events::CarriedDebt>> mark_carried(Store& store, const events::Settlement& s) {
  std::vector<events::CarriedDebt> carried;
  for (const auto& h : s.households)
    for (const auto& debt : h.carried_from) {
      auto record = load(store, "stl/" + debt.settlement_id, "settlement", debt.settlement_id,
                         "body.settlement_id");
      if (!record.ok()) return record.status();
      auto old = decode_record<events::Settlement>(*record, "settlement");
      if (!old.ok()) return old.status();
      for (auto& oh : old->households) {
        if (oh.household_id != h.household_id) continue;
        if (oh.carried_to)
          return Status::FailedPrecondition("settlement " + s.id + " is stale: the debt of " +
                                                h.household_id + " in " + debt.settlement_id +
                                                " was carried to " + oh.carried_to->settlement_id +
                                                "; compute it again",
                                            "body.settlement_id");
        oh.carried_to = events::CarriedDebt{s.id, s.agreement_id, debt.amount_vnd};
      }
      LIENKET_RETURN_IF_ERROR(store.put_json("stl/" + old->id, json(*old)));
      carried.push_back({debt.settlement_id, debt.agreement_id, debt.amount_vnd});
    }
  return carried;
}

}  // namespace lienket::farming
