// An in-memory plugin Context for the fuzz targets: a std::map store with the node's rollback rule
// (a failed request keeps none of its writes or events), a fixed registry of realistic parties and
// products, a manual clock, and call()/call_for() that answer nothing (a fuzzed plugin must cope
// with an error from another plugin). Like the node, it refuses what a plugin's contract forbids:
// an emit() of an event type the contract does not declare, and any write or emit while a message
// declared read_only runs (both `internal`, which the scenario oracle reports as a bug). No node,
// no threads, no files: one input runs in microseconds and leaves nothing behind.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/context.hpp"
#include "lienket/time.hpp"

namespace lienket::fuzz {

class MemoryStore : public Store {
 public:
  Result<std::optional<std::string>> get(std::string_view key) override {
    auto it = data.find(std::string(key));
    if (it == data.end()) return std::optional<std::string>{};
    return std::optional<std::string>{it->second};
  }
  Status put(std::string_view key, std::string_view value) override {
    if (read_only) return refused(key);
    data[std::string(key)] = std::string(value);
    return Status::Ok();
  }
  Status erase(std::string_view key) override {
    if (read_only) return refused(key);
    data.erase(std::string(key));
    return Status::Ok();
  }
  Status scan(std::string_view prefix, std::string_view after, const Visitor& visit) override {
    auto it = after.empty() ? data.lower_bound(std::string(prefix)) : data.upper_bound(std::string(after));
    for (; it != data.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
      if (!visit(it->first, it->second)) break;
    return Status::Ok();
  }
  std::map<std::string, std::string> data;
  bool read_only = false;  // set while a message declared read_only runs

 private:
  static Status refused(std::string_view key) {
    return Status::Internal("a message declared read_only wrote " + std::string(key));
  }
};

// Parties and products as a province's registry would hold them (ids used by the seed corpus).
class FixedRegistry : public Registry {
 public:
  FixedRegistry() {
    using nlohmann::json;
    auto party = [&](const char* id, const char* kind, const char* name, const char* province) {
      parties[id] = json{{"id", id}, {"kind", kind}, {"name", name}, {"province", province}};
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
      json p{{"id", id}, {"owner", owner}, {"name", id}, {"category", category}, {"unit", unit},
             {"ocop_stars", stars}, {"certifications", std::move(certs)}};
      if (gtin) p["gtin"] = gtin;
      products[id] = p;
    };
    product("che-thanhnam", "htx-thanhnam", "tea", "g", 4, {"VietGAP"}, "08935049500017");
    product("buoi-vandon", "htx-vandon", "pomelo", "piece", 3, json::array(), "08935049500024");
    product("ruou-men", "lhhtx-sonla", "wine", "ml", 3, {"OCOP"}, nullptr);
    product("che-longcoc", "thtx-longcoc", "tea", "g", 5, {"VietGAP", "organic"}, nullptr);
  }
  Result<nlohmann::json> party(std::string_view id) override {
    auto it = parties.find(std::string(id));
    if (it == parties.end()) return Status::NotFound("party " + std::string(id) + " not found", "body.id");
    return it->second;
  }
  Result<nlohmann::json> product(std::string_view id) override {
    auto it = products.find(std::string(id));
    if (it == products.end()) return Status::NotFound("product " + std::string(id) + " not found", "body.id");
    return it->second;
  }
  std::map<std::string, nlohmann::json> parties, products;
};

class NullLogger : public Logger {
 public:
  void info(std::string_view) override {}
  void warn(std::string_view) override {}
  void error(std::string_view) override {}
};

class MemoryContext : public Context {
 public:
  Store& store() override { return store_; }
  Registry& registry() override { return registry_; }
  Status emit(std::string_view type, const nlohmann::json& data) override {
    if (store_.read_only) return Status::Internal("a message declared read_only emitted " + std::string(type));
    if (!declared_events.empty() && declared_events.count(type) == 0)
      return Status::Internal("emitted " + std::string(type) + ", which the contract does not declare");
    // The node writes every event into its log as text: data that cannot be dumped is a bug.
    (void)data.dump();
    emitted.push_back({{"type", std::string(type)}, {"data", data}});
    return Status::Ok();
  }
  Result<nlohmann::json> call(std::string_view type, const nlohmann::json&) override {
    return Status::UnknownType("no message " + std::string(type) + " in the fuzz context");
  }
  Result<nlohmann::json> call_for(std::string_view type, std::string_view, const nlohmann::json&) override {
    return Status::UnknownType("no message " + std::string(type) + " in the fuzz context");
  }
  std::int64_t now_ms() const override { return now; }
  Logger& log() override { return log_; }

  // Runs one call the way the node does: on error, the store and the events are as before it.
  template <typename Fn>
  auto transaction(Fn&& fn) -> decltype(fn()) {
    auto saved = store_.data;
    auto saved_events = emitted.size();
    auto result = fn();
    if (!result.ok()) {
      store_.data = std::move(saved);
      emitted.resize(saved_events);
    }
    return result;
  }

  MemoryStore store_;
  FixedRegistry registry_;
  NullLogger log_;
  std::vector<nlohmann::json> emitted;
  // The event types the plugin's contract declares (PluginInfo::events); empty: any.
  std::set<std::string, std::less<>> declared_events;
  std::int64_t now = *parse_time("2026-03-01T08:00:00+07:00");
};

}  // namespace lienket::fuzz
