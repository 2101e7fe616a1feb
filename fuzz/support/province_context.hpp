// The plugin fuzzers' context: the SDK's in-memory Context (lienket/testing/memory_context.hpp,
// with the node's rollback rule and contract checks) whose registry holds the parties and products
// of a province, under the ids the seed corpora use. call()/call_for() answer nothing (a fuzzed
// plugin must cope with an error from another plugin).
#pragma once

#include <nlohmann/json.hpp>

#include "lienket/testing/memory_context.hpp"

namespace lienket::fuzz {

class ProvinceContext : public testing::MemoryContext {
 public:
  ProvinceContext() {
    using nlohmann::json;
    auto party = [&](const char* id, const char* kind, const char* name, const char* province) {
      registry_.parties[id] =
          json{{"id", id}, {"kind", kind}, {"name", name}, {"province", province}};
    };
    party("htx-thanhnam", "cooperative", "HTX Chè Thanh Nam", "Phú Thọ");
    party("htx-vandon", "cooperative", "HTX Bưởi Văn Dơn", "Hòa Bình");
    party("thtx-longcoc", "cooperative_group", "Tổ hợp tác chè Long Cốc", "Phú Thọ");
    party("lhhtx-sonla", "cooperative_union", "Liên hiệp HTX Sơn La", "Sơn La");
    party("dn-phutho-tea", "enterprise", "Công ty CP Chè Phú Thọ", "Phú Thọ");
    party("dn-hunglo", "enterprise", "Công ty Bún Hưng Lô", "Phú Thọ");
    party("npp-hanoi", "distributor", "Nhà phân phối Hà Nội", "Hà Nội");
    party("st-coop", "retailer", "Siêu thị Co.op", "TP Hồ Chí Minh");
    party("qtd-sonla", "credit_fund", "Quỹ tín dụng nhân dân Sơn La", "Sơn La");
    auto product = [&](const char* id, const char* owner, const char* category, const char* unit,
                       int stars, json certs, const char* gtin) {
      json p{{"id", id},
             {"owner", owner},
             {"name", id},
             {"category", category},
             {"unit", unit},
             {"ocop_stars", stars},
             {"certifications", std::move(certs)}};
      if (gtin) p["gtin"] = gtin;
      registry_.products[id] = p;
    };
    product("che-thanhnam", "htx-thanhnam", "tea", "g", 4, {"VietGAP"}, "08935049500017");
    product("buoi-vandon", "htx-vandon", "pomelo", "piece", 3, json::array(), "08935049500024");
    product("ruou-men", "lhhtx-sonla", "wine", "ml", 3, {"OCOP"}, nullptr);
    product("che-longcoc", "thtx-longcoc", "tea", "g", 5, {"VietGAP", "organic"}, nullptr);
  }
};

}  // namespace lienket::fuzz
