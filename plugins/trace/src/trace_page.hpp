// The public trace page of a lot: the data (trace.page.get, gathered on the node's thread from the
// stored history and the registry) and its rendering as a small HTML page for a phone - product and
// OCOP stars, cooperative, plots drawn from their GPS points as inline SVG (no tiles, no scripts),
// planting diary summary, certifications and the chain of custody as a timeline.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

// not_found (field body.lot) when no stored event names <gtin, lot>.
Result<nlohmann::json> build_page_data(Context& cx, const std::string& gtin, const std::string& lot,
                                       const std::string& resolver);
std::string render_page_html(const nlohmann::json& page);
std::string render_not_found_html(const std::string& what);
std::string html_escape(const std::string& s);
// An EPCIS quantity as Vietnamese write it: "." between thousands, "," before decimals, and the
// unit's Vietnamese name: (3000, "KGM") -> "3.000 kg", (1.5, "LTR") -> "1,5 lít", (12, "H87") ->
// "12 cái".
std::string format_quantity_vi(double quantity, const std::string& uom);
// Plots as polygons/points in one SVG, scaled to fit (equirectangular: fine at farm scale).
std::string plots_svg(const nlohmann::json& plots);

}  // namespace lienket::trace
