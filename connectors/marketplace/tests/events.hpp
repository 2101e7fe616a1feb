// The events of a small market (HTX Chè Thanh Nam and its 4-star green tea): the registry's
// (docs/protocol.md, shaped here as the registry emits them) and offtake's, built from offtake's
// typed events (lienket/offtake/events.hpp) so that they are exactly what offtake emits.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"
#include "lienket/offtake/events.hpp"

namespace lienket::marketplace::testing {

using nlohmann::json;
namespace ev = lienket::offtake::events;

inline Event event(std::uint64_t seq, std::string type, json data) {
  return Event{seq, std::move(type), "2026-03-01T08:00:00.000+07:00", "", std::move(data)};
}

inline Event party_registered(std::uint64_t seq) {
  return event(seq, "party.registered",
               {{"party",
                 {{"id", "htx-thanhnam"},
                  {"kind", "cooperative"},
                  {"name", "HTX Chè Thanh Nam"},
                  {"province", "Phú Thọ"},
                  {"lat", 21.29},
                  {"lon", 105.05},
                  {"members", 120}}}});
}

inline Event product_registered(std::uint64_t seq) {
  return event(seq, "product.registered",
               {{"product",
                 {{"id", "tea-thanhnam-green"},
                  {"name", "Chè xanh Thanh Nam"},
                  {"category", "tea"},
                  {"unit", "g"},
                  {"ocop_stars", 4},
                  {"certifications", {"VietGAP"}},
                  {"gtin", "09520123456788"},
                  {"owner", "htx-thanhnam"}}}});
}

// An open offer of the green tea, nothing proposed or signed yet.
inline ev::SupplyOffer tea_offer(const std::string& id, std::int64_t grams, std::int64_t price,
                                 const std::string& to = "2026-04-15") {
  ev::SupplyOffer o;
  o.id = id;
  o.seller = "htx-thanhnam";
  o.product_id = "tea-thanhnam-green";
  o.category = "tea";
  o.unit = "g";
  o.certifications = {"VietGAP"};
  o.ocop_stars = 4;
  o.quantity = grams;
  o.available_from = "2026-03-01";
  o.available_to = to;
  o.place = {"Phú Thọ", 21.29, 105.05};
  o.min_unit_price_vnd = price;
  o.status = "open";
  o.posted_at = "2026-03-01T08:00:00.000+07:00";
  return o;
}

inline Event offer_posted(std::uint64_t seq, const std::string& id, std::int64_t grams,
                          std::int64_t price, const std::string& to = "2026-04-15") {
  return event(seq, std::string(ev::kOfferPosted),
               ev::OfferPosted{tea_offer(id, grams, price, to)});
}

inline Event offer_withdrawn(std::uint64_t seq, const std::string& offer_id,
                             std::int64_t released) {
  return event(seq, std::string(ev::kOfferWithdrawn),
               ev::OfferWithdrawn{offer_id, "htx-thanhnam", "g", released, 0});
}

// A pending proposal of `grams` of the offer to Công ty Tân Hiệp's purchase contract ct-1.
inline ev::Proposal tea_proposal(const std::string& offer_id, std::int64_t grams) {
  ev::Proposal p;
  p.id = "pr-" + offer_id;
  p.contract_id = "ct-1";
  p.offer_id = offer_id;
  p.buyer = "dn-tanhiep";
  p.seller = "htx-thanhnam";
  p.product_id = "tea-thanhnam-green";
  p.unit = "g";
  p.quantity = grams;
  p.unit_price_vnd = 180'000;
  p.distance_km = 80;
  p.distance_m = 80'412;
  p.transport_cost_vnd = 1'200'000;
  p.status = "pending";
  p.created_at = "2026-03-01T08:00:00.000+07:00";
  p.expires_at = "2026-03-04T08:00:00.000+07:00";
  p.expires_ms = 1'772'586'000'000;
  return p;
}

inline Event proposal_created(std::uint64_t seq, const std::string& offer_id, std::int64_t grams) {
  return event(seq, std::string(ev::kProposalCreated),
               ev::ProposalCreated{tea_proposal(offer_id, grams)});
}

// offtake.proposal.expired, .rejected or .cancelled (`type`): the proposal's quantity is free
// again.
inline Event proposal_ended(std::uint64_t seq, std::string_view type, const std::string& offer_id,
                            std::int64_t grams) {
  const ev::Proposal p = tea_proposal(offer_id, grams);
  return event(seq, std::string(type),
               ev::ProposalEnded{p.id, p.contract_id, p.offer_id, p.buyer, p.seller, p.unit,
                                 p.quantity, ""});
}

inline Event consumption_signed(std::uint64_t seq, const std::string& offer_id,
                                std::int64_t grams) {
  const ev::Proposal p = tea_proposal(offer_id, grams);
  ev::ConsumptionContract c;
  c.id = "cc-" + offer_id;
  c.proposal_id = p.id;
  c.contract_id = p.contract_id;
  c.offer_id = offer_id;
  c.buyer = p.buyer;
  c.seller = p.seller;
  c.product_id = p.product_id;
  c.unit = "g";
  c.quantity = grams;
  c.unit_price_vnd = p.unit_price_vnd;
  c.value_vnd = grams * p.unit_price_vnd / 1000;
  c.deliver_from = "2026-03-05";
  c.deliver_to = "2026-03-10";
  c.status = "signed";
  c.signed_at = "2026-03-01T09:00:00.000+07:00";
  return event(seq, std::string(ev::kConsumptionSigned), ev::ConsumptionSigned{c});
}

}  // namespace lienket::marketplace::testing
