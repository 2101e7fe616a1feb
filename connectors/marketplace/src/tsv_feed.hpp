// The feed as a Google Merchant Center tab-delimited product data file
// (https://support.google.com/merchants/answer/7052112 for the attributes,
// https://support.google.com/merchants/answer/160588 for the file format): a header row of
// attribute names, then one product per line, UTF-8. Columns are in kTsvColumns; PROTOCOL.md says
// what each holds.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "feed_model.hpp"

namespace lienket::marketplace {

inline constexpr std::array<const char*, 15> kTsvColumns = {"id",
                                                            "title",
                                                            "description",
                                                            "link",
                                                            "image_link",
                                                            "availability",
                                                            "price",
                                                            "unit_pricing_measure",
                                                            "unit_pricing_base_measure",
                                                            "brand",
                                                            "gtin",
                                                            "identifier_exists",
                                                            "condition",
                                                            "product_type",
                                                            "custom_label_0"};

// One cell: the format has no quoting or escapes, so tabs, CRs and LFs inside a value become
// spaces, every run of whitespace becomes one space and the value is trimmed; everything else,
// UTF-8 included, is kept byte for byte.
std::string tsv_cell(std::string_view value);

std::string render_tsv(const std::vector<FeedItem>& items, const std::string& currency);

}  // namespace lienket::marketplace
