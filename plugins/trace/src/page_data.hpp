// The data of the public trace page of a lot (message trace.page.get), gathered on the node's
// thread from the stored EPCIS history and the registry. It holds facts, never words of one
// language: each step of the journey has a `kind` ("harvest", "drying", "packing", "shipping", ...)
// that the page names in the reader's language (trace_page.hpp). docs/protocol-trace.md describes
// every field.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

// At most this many diary entries are listed (the most recent); the rest are counted.
inline constexpr std::size_t kMaxDiaryListed = 100;

// not_found (field body.lot) when no stored event names <gtin, lot>.
Result<nlohmann::json> build_page_data(Context& cx, const std::string& gtin, const std::string& lot,
                                       const std::string& resolver);

// What a stored EPCIS event did, as the page names it: "harvest" (commissioning with a plot in its
// lot master data), "created" (other commissioning), "processing" (a TransformationEvent without a
// more precise step), "drying" and other private steps by their last path segment
// (https://lienket.vn/epcis/bizstep/drying), else the CBV name ("packing", "shipping", ...).
std::string step_kind(const nlohmann::json& event);

// A household's name without the word "Hộ" its recorder may have written in front of it
// ("Hộ Hà Văn Minh" -> "Hà Văn Minh"), so that the page can say "hộ Hà Văn Minh" once.
std::string bare_household_name(const std::string& name);

}  // namespace lienket::trace
