#include "registry.hpp"

#include <algorithm>
#include <array>

#include "curve_keys.hpp"
#include "lienket/fields.hpp"
#include "lienket/plugin.hpp"
#include "lienket/schema.hpp"
#include "lienket/time.hpp"

namespace lienket::core {

namespace {

constexpr std::array<std::string_view, 6> kPartyKinds = {"cooperative",       "cooperative_group",
                                                         "cooperative_union", "enterprise",
                                                         "distributor",       "retailer"};
constexpr std::array<std::string_view, 3> kUnits = {"g", "ml", "piece"};
constexpr int kDefaultPage = 50, kMaxPage = 500;

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

using namespace schema;

Schema party_record() {
  return object({{"id", id()},
                 {"kind", one_of_strings({"cooperative", "cooperative_group", "cooperative_union",
                                          "enterprise", "distributor", "retailer"})},
                 {"name", string(200)},
                 {"province", string(100)},
                 {"lat", number(-90, 90)},
                 {"lon", number(-180, 180)},
                 {"members", integer(0, 10'000'000)},
                 {"district", string(100).optional()},
                 {"address", string(300).optional()},
                 {"phone", string(40).optional()},
                 {"email", string(200).optional()},
                 {"public_key", string(40).optional()},
                 {"registered_at", timestamp()}});
}

// A certificate a product's producer holds (VietGAP, organic, ...): shown on the trace page with
// its issuer and expiry, so a buyer can check it.
Schema certificate() {
  return object({{"scheme", string(100).describe("e.g. VietGAP, TCVN 11041 (organic)")},
                 {"issuer", string(200)},
                 {"number", string(100).optional()},
                 {"valid_until", date()}});
}

Schema product_record() {
  return object({{"id", id()},
                 {"name", string(200)},
                 {"category", string(64)},
                 {"unit", one_of_strings({"g", "ml", "piece"})
                              .describe("the smallest unit quantities are counted in")},
                 {"ocop_stars", integer(0, 5)},
                 {"certifications", array(string(200), 20)},
                 {"owner", id()},
                 {"gtin", string(14).optional()},
                 {"image", string(500).optional().describe("https URL or a path on this node")},
                 {"certificates", array(certificate(), 10).optional()},
                 {"registered_at", timestamp()}});
}

Schema page_body(std::initializer_list<const char*> filters) {
  Schema s = object({{"limit", integer(1, kMaxPage).optional()}, {"after", id().optional()}});
  nlohmann::json j = s.json();
  for (const char* f : filters) j["properties"][f] = string(200).json();
  return Schema(j);
}

class RegistryPlugin final : public Plugin {
 public:
  PluginInfo info() const override {
    using namespace callers;
    PluginInfo info{"registry", "1.0.0", {"party.", "product."}, {}, {}, {}, {}, {}};
    info.messages = {
        {"party.register",
         "Registers a party (cooperative, union, enterprise, distributor, retailer).",
         object({{"id", id().optional()},
                 {"kind", Schema(party_record().json()["properties"]["kind"])},
                 {"name", string(200)},
                 {"province", string(100)},
                 {"lat", number(-90, 90)},
                 {"lon", number(-180, 180)},
                 {"members", integer(0, 10'000'000).optional()},
                 {"district", string(100).optional()},
                 {"address", string(300).optional()},
                 {"phone", string(40).optional()},
                 {"email", string(200).optional()},
                 {"public_key", string(40).optional()}}),
         object({{"party", party_record()}}),
         {kAdmin},
         false,
         register_party},
        {"party.key.set",
         "Sets or rotates a party's CURVE public key.",
         object({{"id", id()}, {"public_key", string(40)}}),
         object({{"party", party_record()}}),
         {kAdmin},
         false,
         set_key},
        {"party.get",
         "One party.",
         object({{"id", id()}}),
         object({{"party", party_record()}}),
         {kAnyone},
         true,
         [](const Request& r, Context& cx) { return get(r, cx, "party/", "party"); }},
        {"party.list",
         "Parties in id order, by kind or province, paged.",
         page_body({"kind", "province"}),
         object({{"parties", array(party_record())}, {"next_after", id().nullable()}}),
         {kAnyone},
         true,
         [](const Request& r, Context& cx) {
           return list(r, cx, "party/", "parties", {"kind", "province"});
         }},
        {"product.register",
         "Registers a product owned by the acting party.",
         object({{"id", id().optional()},
                 {"name", string(200)},
                 {"category", string(64)},
                 {"unit", Schema(product_record().json()["properties"]["unit"])},
                 {"ocop_stars", integer(0, 5).optional()},
                 {"certifications", array(string(200), 20).optional()},
                 {"gtin", string(14).optional()},
                 {"image", string(500).optional()},
                 {"certificates", array(certificate(), 10).optional()}}),
         object({{"product", product_record()}}),
         {kParty},
         false,
         register_product},
        {"product.get",
         "One product.",
         object({{"id", id()}}),
         object({{"product", product_record()}}),
         {kAnyone},
         true,
         [](const Request& r, Context& cx) { return get(r, cx, "product/", "product"); }},
        {"product.list",
         "Products in id order, by owner or category, paged.",
         page_body({"owner", "category"}),
         object({{"products", array(product_record())}, {"next_after", id().nullable()}}),
         {kAnyone},
         true,
         [](const Request& r, Context& cx) {
           return list(r, cx, "product/", "products", {"owner", "category"});
         }},
    };
    info.routes = {
        message_route("/api/v1/parties", "party.list", "Parties, by kind or province, paged."),
        message_route("/api/v1/parties/{id}", "party.get", "One party."),
        message_route("/api/v1/products", "product.list", "Products, by owner or category, paged."),
        message_route("/api/v1/products/{id}", "product.get", "One product."),
    };
    info.events = {
        {"party.registered", "A party was registered.", object({{"party", party_record()}})},
        {"party.key_set", "A party's public key was set or rotated.",
         object({{"party", id()}, {"public_key", string(40)}})},
        {"product.registered", "A product was registered.",
         object({{"product", product_record()}})},
    };
    return info;
  }
  Status configure(const nlohmann::json&, HostContext&) override { return Status::Ok(); }

 private:
  // Stores a new record under prefix+id (id given, or the next number) and emits `event`.
  static Result<nlohmann::json> create(Context& cx, const std::string& prefix,
                                       std::optional<std::string> id, nlohmann::json record,
                                       const char* what, const char* event) {
    auto& store = cx.store();
    if (!id) {
      auto n = store.next_id(what);
      if (!n.ok()) return n.status();
      id = std::string(what) + "-" + std::to_string(*n);
    }
    auto existing = store.get(prefix + *id);
    if (!existing.ok()) return existing.status();
    if (existing->has_value())
      return Status::AlreadyExists(std::string(what) + " " + *id + " is already registered",
                                   "body.id");
    record["id"] = *id;
    record["registered_at"] = format_time(cx.now_ms());
    LIENKET_RETURN_IF_ERROR(store.put_json(prefix + *id, record));
    LIENKET_RETURN_IF_ERROR(cx.emit(event, {{what, record}}));
    return nlohmann::json{{what, record}};
  }

  // A CURVE public key for party `id`: valid, and not another party's.
  static Status check_key(Context& cx, const std::string& key, const std::string& id) {
    if (!valid_z85_key(key))
      return Status::InvalidArgument("must be a Z85 CURVE public key (40 characters)",
                                     "body.public_key");
    auto holder = cx.store().get(registry_key_index(key));
    if (!holder.ok()) return holder.status();
    if (holder->has_value() && **holder != id)
      return Status::AlreadyExists("this key belongs to party " + **holder, "body.public_key");
    return Status::Ok();
  }

  // Replaces a party's key (rotation, or a key for a party registered without one).
  static Result<nlohmann::json> set_key(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"id", "public_key"});
    auto id = f.id("id");
    auto key = f.str("public_key", 40);
    if (!f.ok()) return f.status();
    auto party = cx.store().get_json("party/" + id);
    if (!party.ok()) return party.status();
    if (!party->has_value())
      return Status::NotFound("party " + id + " is not registered", "body.id");
    LIENKET_RETURN_IF_ERROR(check_key(cx, key, id));
    auto record = **party;
    if (record.contains("public_key"))
      LIENKET_RETURN_IF_ERROR(cx.store().erase(registry_key_index(record["public_key"])));
    record["public_key"] = key;
    LIENKET_RETURN_IF_ERROR(cx.store().put_json("party/" + id, record));
    LIENKET_RETURN_IF_ERROR(cx.store().put(registry_key_index(key), id));
    LIENKET_RETURN_IF_ERROR(cx.emit("party.key_set", {{"party", id}, {"public_key", key}}));
    return nlohmann::json{{"party", record}};
  }

  static Result<nlohmann::json> register_party(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"id", "kind", "name", "province", "lat", "lon", "members", "district", "address",
            "phone", "email", "public_key"});
    auto id = f.opt_id("id");
    auto kind = f.str("kind", 40);
    if (f.ok() && !one_of(kPartyKinds, kind))
      f.fail("kind",
             "must be one of cooperative, cooperative_group, cooperative_union, enterprise, "
             "distributor, retailer");
    nlohmann::json p = {{"kind", kind},
                        {"name", f.str("name", 200)},
                        {"province", f.str("province", 100)},
                        {"lat", f.number("lat", -90, 90)},
                        {"lon", f.number("lon", -180, 180)},
                        {"members", f.opt_integer("members", 0, 10'000'000).value_or(0)}};
    for (auto [field, max] :
         {std::pair{"district", 100}, {"address", 300}, {"phone", 40}, {"email", 200}})
      if (auto v = f.opt_str(field, max)) p[field] = *v;
    auto key = f.opt_str("public_key", 40);
    if (!f.ok()) return f.status();
    if (!key) return create(cx, "party/", id, std::move(p), "party", "party.registered");
    p["public_key"] = *key;
    LIENKET_RETURN_IF_ERROR(check_key(cx, *key, ""));
    auto created = create(cx, "party/", id, std::move(p), "party", "party.registered");
    if (!created.ok()) return created;
    LIENKET_RETURN_IF_ERROR(
        cx.store().put(registry_key_index(*key), (*created)["party"]["id"].get<std::string>()));
    return created;
  }

  static Result<nlohmann::json> register_product(const Request& r, Context& cx) {
    Fields f(r.body);
    f.only({"id", "name", "category", "unit", "ocop_stars", "certifications", "gtin", "image",
            "certificates"});
    auto id = f.opt_id("id");
    auto unit = f.str("unit", 10);
    if (f.ok() && !one_of(kUnits, unit)) f.fail("unit", "must be g, ml or piece");
    auto certs = f.str_list("certifications", 20);
    std::sort(certs.begin(), certs.end());
    certs.erase(std::unique(certs.begin(), certs.end()), certs.end());
    nlohmann::json p = {{"name", f.str("name", 200)},
                        {"category", f.str("category", 64)},
                        {"unit", unit},
                        {"ocop_stars", f.opt_integer("ocop_stars", 0, 5).value_or(0)},
                        {"certifications", certs},
                        {"owner", r.as}};
    if (auto gtin = f.opt_str("gtin", 14)) {
      if (gtin->size() != 14 || !gtin_valid(*gtin))
        f.fail("gtin", "must be 14 digits with a valid GS1 check digit");
      p["gtin"] = *gtin;
    }
    if (auto image = f.opt_str("image", 500)) {
      bool web = image->rfind("https://", 0) == 0 || image->rfind("http://", 0) == 0 ||
                 (image->size() > 1 && (*image)[0] == '/' && (*image)[1] != '/');
      if (!web) f.fail("image", "must be an http(s) URL or a path on this node (/...)");
      p["image"] = *image;
    }
    if (!f.ok()) return f.status();
    if (f.has("certificates")) {
      auto certificates = read_certificates(f.raw()["certificates"]);
      if (!certificates.ok()) return certificates.status();
      p["certificates"] = *certificates;
    }
    return create(cx, "product/", id, std::move(p), "product", "product.registered");
  }

  static Result<nlohmann::json> read_certificates(const nlohmann::json& list) {
    if (!list.is_array() || list.size() > 10)
      return Status::InvalidArgument("must be an array of at most 10 certificates",
                                     "body.certificates");
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      Fields c(list[i], "body.certificates[" + std::to_string(i) + "]");
      c.only({"scheme", "issuer", "number", "valid_until"});
      nlohmann::json one = {{"scheme", c.str("scheme", 100)},
                            {"issuer", c.str("issuer", 200)},
                            {"valid_until", c.date("valid_until")}};
      if (auto n = c.opt_str("number", 100)) one["number"] = *n;
      if (!c.ok()) return c.status();
      out.push_back(std::move(one));
    }
    return out;
  }

  static Result<nlohmann::json> get(const Request& r, Context& cx, const std::string& prefix,
                                    const char* what) {
    Fields f(r.body);
    f.only({"id"});
    auto id = f.id("id");
    if (!f.ok()) return f.status();
    auto v = cx.store().get_json(prefix + id);
    if (!v.ok()) return v.status();
    if (!v->has_value())
      return Status::NotFound(std::string(what) + " " + id + " is not registered", "body.id");
    return nlohmann::json{{what, **v}};
  }

  // Paged listing in id order: {limit?, after?, <filters>?} -> {items..., next_after}.
  static Result<nlohmann::json> list(const Request& r, Context& cx, const std::string& prefix,
                                     const char* plural,
                                     std::initializer_list<const char*> filters) {
    Fields f(r.body);
    auto limit = f.opt_integer("limit", 1, kMaxPage).value_or(kDefaultPage);
    auto after = f.opt_id("after").value_or("");
    std::vector<std::pair<std::string, std::string>> wanted;
    for (const char* k : filters)
      if (auto v = f.opt_str(k, 200)) wanted.emplace_back(k, *v);
    for (auto it = r.body.begin(); it != r.body.end(); ++it) {
      bool known = it.key() == "limit" || it.key() == "after";
      for (const char* k : filters) known = known || it.key() == k;
      if (!known) f.fail(it.key(), "is not a known field");
    }
    if (!f.ok()) return f.status();
    nlohmann::json items = nlohmann::json::array();
    std::string next;
    Status bad = Status::Ok();
    auto st = cx.store().scan(prefix, after.empty() ? "" : prefix + after,
                              [&](std::string_view k, std::string_view v) {
                                auto j = nlohmann::json::parse(v, nullptr, false);
                                if (j.is_discarded())
                                  return bad = Status::Internal("corrupt registry record"), false;
                                for (const auto& [key, val] : wanted)
                                  if (j.value(key, "") != val) return true;
                                items.push_back(std::move(j));
                                next = std::string(k.substr(prefix.size()));
                                return static_cast<std::int64_t>(items.size()) < limit;
                              });
    LIENKET_RETURN_IF_ERROR(st);
    LIENKET_RETURN_IF_ERROR(bad);
    nlohmann::json out = {{plural, items}};
    out["next_after"] = static_cast<std::int64_t>(items.size()) == limit ? nlohmann::json(next)
                                                                         : nlohmann::json(nullptr);
    return out;
  }
};

}  // namespace

std::unique_ptr<Plugin> make_registry_plugin() { return std::make_unique<RegistryPlugin>(); }

Result<nlohmann::json> RegistryView::read(const std::string& prefix, std::string_view id,
                                          const char* what) {
  auto v = txn_.get(cf_, prefix + std::string(id));
  if (!v.ok()) return v.status();
  if (!v->has_value())
    return Status::NotFound(std::string(what) + " " + std::string(id) + " is not registered");
  auto j = nlohmann::json::parse(**v, nullptr, false);
  if (j.is_discarded()) return Status::Internal("corrupt registry record");
  return j;
}

bool gtin_valid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i)
    if (digits[i] < '0' || digits[i] > '9') return false;
  for (std::size_t i = 0; i + 1 < digits.size(); ++i) {
    int d = digits[digits.size() - 2 - i] - '0';
    sum += (i % 2 == 0) ? 3 * d : d;
  }
  return (10 - sum % 10) % 10 == digits.back() - '0';
}

}  // namespace lienket::core
