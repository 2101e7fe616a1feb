// The registry of parties and products that every plugin relies on. It is built into the node but
// written against the same SDK as any plugin (prefixes "party." and "product.", namespace
// "registry"); RegistryView is the read-only face plugins get through Context::registry().
#pragma once

#include <memory>

#include "lienket/plugin.hpp"
#include "transaction.hpp"

namespace lienket::core {

std::unique_ptr<Plugin> make_registry_plugin();

class RegistryView final : public Registry {
 public:
  RegistryView(Transaction& txn, rocksdb::ColumnFamilyHandle* cf) : txn_(txn), cf_(cf) {}
  Result<nlohmann::json> party(std::string_view id) override { return read("party/", id, "party"); }
  Result<nlohmann::json> product(std::string_view id) override {
    return read("product/", id, "product");
  }

 private:
  Result<nlohmann::json> read(const std::string& prefix, std::string_view id, const char* what);
  Transaction& txn_;
  rocksdb::ColumnFamilyHandle* cf_;
};

// The registry's index from a party's CURVE public key (Z85) to its id, read by the ZAP handler.
inline std::string registry_key_index(const std::string& z85_key) { return "key/" + z85_key; }

// GTIN check digit rule: weights 3,1,3,... from the right over all but the last digit.
bool gtin_valid(std::string_view digits);

}  // namespace lienket::core
