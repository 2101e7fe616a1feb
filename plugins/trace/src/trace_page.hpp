// The public trace page of a lot as HTML for a phone, in one language (Vietnamese or English): the
// product (photo, OCOP stars), whether its records check out, the producer and how to reach it,
// the plots on a Leaflet map (outlines and points, a scale, tiles when they load), the planting
// diary as a dated list, certifications with issuer and expiry, and the lot's journey step by
// step. Title, lang and Open Graph tags make a shared link show the product. Leaflet comes from
// the node's /vendor/leaflet/ (Debian's libjs-leaflet), never a CDN. Everything people typed is
// escaped; only http(s) and on-node paths are used as image addresses.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "config.hpp"
#include "page_text.hpp"

namespace lienket::trace {

struct PageOptions {
  Lang lang = Lang::kVi;
  Tiles tiles = Tiles{};
};

// `page`: the result of build_page_data (page_data.hpp).
std::string render_page_html(const nlohmann::json& page, const PageOptions& options);
// The page for a lot nobody traced (or an address that is no lot), in the same style.
std::string render_not_found_html(const std::string& gtin, const std::string& lot,
                                  const PageOptions& options);

// JSON to embed in a <script> element: "<", ">" and "&" written as \u escapes, so no text in it
// can close the element.
std::string script_json(const nlohmann::json& value);

}  // namespace lienket::trace
