// Turns events of other plugins into EPCIS 2.0 events. The events are read through their producers'
// typed headers (lienket/farming/events.hpp, lienket/offtake/events.hpp), never by linking or
// asking those plugins:
//   - farming.harvest.recorded: an ObjectEvent ADD/commissioning of the lot, with its plot,
//     household and harvest date as lot master data (ilmd);
//   - farming.diary.recorded: an ObjectEvent OBSERVE at the plot;
//   - offtake.delivery.recorded with a lot_id: an ObjectEvent OBSERVE/shipping of the lot from the
//     seller to the buyer (a delivery without a lot is not a traceability event).
// An event's eventTime is when it happened: the day its data names (harvest, diary entry or
// delivery date), at the recording time when that is the same day, else at 00:00 +07:00 of it.
// Quantities are turned from the product's unit into EPCIS units: g -> KGM (/1000), ml -> LTR
// (/1000), piece -> H87. Data that describes a lot or plot but cannot be mapped (a required field
// missing or mistyped, an unknown unit, coordinates off the globe) is an invalid_argument naming
// the event's field ("data.unit", "data.entry.location.lat").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/farming/events.hpp"
#include "lienket/message.hpp"
#include "lienket/offtake/events.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

// The context of the events this plugin writes itself ("lk:" = kLienketNamespace).
nlohmann::json lienket_context();
// The identifier of a lot: its Digital Link when the product has a GTIN, else
// urn:lienket:lot:<lot>.
std::string lot_identifier(const std::string& lot, const std::string& gtin);
std::string party_urn(const std::string& party_id);
std::string plot_urn(const std::string& plot_id);

// An EPCIS quantity: a number (decimal for kg and litres) and its UN/CEFACT unit code.
struct EpcisQuantity {
  nlohmann::json quantity;
  std::string uom;
};
// `quantity` counted in a product unit: "g" -> KGM quantity/1000, "ml" -> LTR quantity/1000,
// "piece" -> H87 quantity; nullopt for any other unit. Whole kilograms and litres stay integers.
std::optional<EpcisQuantity> epcis_quantity(std::int64_t quantity, const std::string& unit);

// `event.data` read as T with its producer's from_json; invalid_argument naming the first field
// (e.g. "data.quantity") that is missing or of another type when it is not one. Never throws.
template <typename T>
Result<T> decode_event(const Event& event);

// What the EPCIS event of a bus event is, and who takes custody of what it acts on.
struct Mapped {
  nlohmann::json event;
  std::vector<std::string> custodians;
};

// `gtin`: the product's GTIN-14 from the registry, "" when it has none.
Result<Mapped> epcis_from_harvest(const Event& e, const farming::events::HarvestRecorded& h,
                                  const std::string& gtin);
Result<Mapped> epcis_from_diary(const Event& e, const farming::events::DiaryRecorded& d);
// The delivery must carry a lot_id (a delivery without one is not mapped at all).
Result<Mapped> epcis_from_delivery(const Event& e, const offtake::events::DeliveryRecorded& d,
                                   const std::string& gtin);

// ---- implementation -----------------------------------------------------------------------------

namespace detail {
// The error for event data that `from_json` refused (`what`): names the first member of `shape` (a
// default value's to_json, i.e. the members from_json requires) that the data lacks or mistypes.
Status undecodable(const Event& event, const nlohmann::json& shape, const char* what);
}  // namespace detail

template <typename T>
Result<T> decode_event(const Event& event) {
  try {
    return event.data.get<T>();
  } catch (const std::exception& x) {
    try {
      return detail::undecodable(event, nlohmann::json(T{}), x.what());
    } catch (...) {
      return Status::InvalidArgument("trace cannot read " + event.type + " data", "data");
    }
  }
}

}  // namespace lienket::trace
