// The events of a small market, shaped as the registry and offtake emit them
// (docs/protocol.md, docs/protocol-offtake.md): HTX Chè Thanh Nam and its 4-star green tea.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"

namespace lienket::marketplace::testing {

using nlohmann::json;

inline Event event(std::uint64_t seq, std::string type, json data) {
  return Event{seq, std::move(type), "2026-03-01T08:00:00.000+07:00", "", std::move(data)};
}

inline Event party_registered(std::uint64_t seq) {
  return event(seq, "party.registered",
               {{"party", {{"id", "htx-thanhnam"}, {"kind", "cooperative"}, {"name", "HTX Chè Thanh Nam"},
                           {"province", "Phú Thọ"}, {"lat", 21.29}, {"lon", 105.05}, {"members", 120}}}});
}

inline Event product_registered(std::uint64_t seq) {
  return event(seq, "product.registered",
               {{"product", {{"id", "tea-thanhnam-green"}, {"name", "Chè xanh Thanh Nam"}, {"category", "tea"},
                             {"unit", "g"}, {"ocop_stars", 4}, {"certifications", {"VietGAP"}},
                             {"gtin", "09520123456788"}, {"owner", "htx-thanhnam"}}}});
}

inline Event offer_posted(std::uint64_t seq, const std::string& id, std::int64_t grams, std::int64_t price,
                          const std::string& to = "2026-04-15") {
  return event(seq, "offtake.offer.posted",
               {{"offer", {{"id", id}, {"seller", "htx-thanhnam"}, {"product_id", "tea-thanhnam-green"},
                           {"quantity", grams}, {"proposed", 0}, {"signed", 0}, {"status", "open"},
                           {"min_unit_price_vnd", price}, {"available_from", "2026-03-01"},
                           {"available_to", to}}}});
}

}  // namespace lienket::marketplace::testing
