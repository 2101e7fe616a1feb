// Turns events of other plugins, read from the bus without knowing those plugins, into EPCIS 2.0
// events: a harvest (farming.harvest.recorded) is an ObjectEvent ADD/commissioning of the lot with
// its plot, household and harvest date as lot master data (ilmd); a planting diary entry
// (farming.diary.recorded) an ObjectEvent OBSERVE at the plot; a delivery carrying a lot_id
// (offtake.delivery.recorded) an ObjectEvent OBSERVE/shipping from seller to buyer. Fields are read
// defensively: a missing or odd field leaves its part of the event out; nullopt means "not traceable".
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lienket/message.hpp"

namespace lienket::trace {

// The context of the events this plugin writes itself ("lk:" = kLienketNamespace).
nlohmann::json lienket_context();
// The identifier of a lot: its Digital Link when the product has a GTIN, else urn:lienket:lot:<lot>.
std::string lot_identifier(const std::string& lot, const std::string& gtin);
std::string party_urn(const std::string& party_id);
std::string plot_urn(const std::string& plot_id);

// `gtin` is the harvested product's GTIN ("" when it has none); `buyer` the delivery's receiver
// when the event does not say it.
std::optional<nlohmann::json> epcis_from_harvest(const Event& e, const std::string& gtin);
std::optional<nlohmann::json> epcis_from_diary(const Event& e);
std::optional<nlohmann::json> epcis_from_delivery(const Event& e, const std::string& gtin, const std::string& buyer);

// "g" -> "GRM", "ml" -> "MLT", "piece" -> "H87" (UN/CEFACT codes); "KGM" for anything else.
std::string uom_of(const std::string& unit);

}  // namespace lienket::trace
