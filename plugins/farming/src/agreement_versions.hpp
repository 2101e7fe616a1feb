// Which version of an agreement governs a date. Every version both sides signed is kept, with the
// date it is effective from; an amendment never reaches back before the day both signed it
// (docs/protocol-farming.md, "Amendments from their effective date"). The version governing date D
// is the highest-numbered signed version effective on or before D; before the first of them, the
// first signed version (version 1 is effective from the season's start).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lienket/farming/events.hpp"
#include "lienket/store.hpp"

namespace lienket::farming {

class SignedVersions {
 public:
  // The signed versions (in force or superseded) of the agreement whose head is `head`.
  static Result<SignedVersions> load(Store& store, const nlohmann::json& head);

  bool empty() const { return versions_.empty(); }
  // The version governing `date`; the versions must not be empty.
  const events::Agreement& on(const std::string& date) const;
  // The latest signed version (the one "in_force").
  const events::Agreement& latest() const { return versions_.back(); }

 private:
  std::vector<events::Agreement> versions_;  // ascending version
};

// The date a version is effective from, as pick_effective_date() set it; versions signed before
// plugin version 0.3.0 have none and count from the beginning.
std::string effective_date(const events::Agreement& v);

// When both have signed on `signed_on`: the date asked for, but never before the signing day.
std::string pick_effective_date(const std::optional<std::string>& asked,
                                const std::string& signed_on);

}  // namespace lienket::farming
