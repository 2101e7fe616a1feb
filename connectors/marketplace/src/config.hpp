// The connector's own configuration keys ("plugins": {"marketplace": {...}}; the runtime takes
// "delivery" before these are read):
//   shop_base_url   the shop's product pages: <shop_base_url>/products/<product_id>
//   trace_base_url  GS1 Digital Link resolver of the public trace page (docs/protocol-trace.md);
//   the
//                   feed links <trace_base_url>/01/<gtin>; default "https://id.gs1.org"
//   currency        only "VND" (prices are integer VND, no minor unit)
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"

namespace lienket::marketplace {

struct Config {
  std::string shop_base_url = "https://shop.example.vn";
  std::string trace_base_url = "https://id.gs1.org";
  std::string currency = "VND";
};

// Unknown keys and bad values are errors naming the key (plugins.marketplace.<key>).
Result<Config> parse_config(const nlohmann::json& section);

}  // namespace lienket::marketplace
