#include "registry.hpp"

#include <algorithm>
#include <array>

#include "curve_keys.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"

namespace lienket::core {

namespace {

constexpr std::array<std::string_view, 6> kPartyKinds = {
    "cooperative", "cooperative_group", "cooperative_union", "enterprise", "distributor", "retailer"};
constexpr std::array<std::string_view, 3> kUnits = {"g", "ml", "piece"};
constexpr int kDefaultPage = 50, kMaxPage = 500;

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

class RegistryPlugin final : public Plugin {
 public:
  PluginInfo info() const override {
    return {"registry", "1.0.0", {"party.", "product."}, {}};
  }
  Status configure(const nlohmann::json&, HostContext&) override { return Status::Ok(); }

  Result<nlohmann::json> handle(const Request& r, Context& cx) override {
    if (r.type == "party.register") return register_party(r, cx);
    if (r.type == "party.key.set") return set_key(r, cx);
    if (r.type == "party.get") return get(r, cx, "party/", "party");
    if (r.type == "party.list") return list(r, cx, "party/", "parties", {"kind", "province"});
    if (r.type == "product.register") return register_product(r, cx);
    if (r.type == "product.get") return get(r, cx, "product/", "product");
    if (r.type == "product.list") return list(r, cx, "product/", "products", {"owner", "category"});
    return Status::UnknownType("unknown message type " + r.type);
  }

 private:
  // Stores a new record under prefix+id (id given, or the next number) and emits `event`.
  Result<nlohmann::json> create(Context& cx, const std::string& prefix, std::optional<std::string> id,
                                nlohmann::json record, const char* what, const char* event) {
    auto& store = cx.store();
    if (!id) {
      auto n = store.next_id(what);
      if (!n.ok()) return n.status();
      id = std::string(what) + "-" + std::to_string(*n);
    }
    auto existing = store.get(prefix + *id);
    if (!existing.ok()) return existing.status();
    if (existing->has_value())
      return Status::AlreadyExists(std::string(what) + " " + *id + " is already registered", "body.id");
    record["id"] = *id;
    record["registered_at"] = format_time(cx.now_ms());
    LIENKET_RETURN_IF_ERROR(store.put_json(prefix + *id, record));
    LIENKET_RETURN_IF_ERROR(cx.emit(event, {{what, record}}));
    return nlohmann::json{{what, record}};
  }

  static Status admin_only(const Request& r) {
    if (r.admin) return Status::Ok();
    return Status::PermissionDenied(r.type + " needs an admin key", "as");
  }

  // A CURVE public key for party `id`: valid, and not another party's.
  static Status check_key(Context& cx, const std::string& key, const std::string& id) {
    if (!valid_z85_key(key)) return Status::InvalidArgument("must be a Z85 CURVE public key (40 characters)", "body.public_key");
    auto holder = cx.store().get(registry_key_index(key));
    if (!holder.ok()) return holder.status();
    if (holder->has_value() && **holder != id)
      return Status::AlreadyExists("this key belongs to party " + **holder, "body.public_key");
    return Status::Ok();
  }

  // Replaces a party's key (rotation, or a key for a party registered without one).
  Result<nlohmann::json> set_key(const Request& r, Context& cx) {
    LIENKET_RETURN_IF_ERROR(admin_only(r));
    Fields f(r.body);
    f.only({"id", "public_key"});
    auto id = f.id("id");
    auto key = f.str("public_key", 40);
    if (!f.ok()) return f.status();
    auto party = cx.store().get_json("party/" + id);
    if (!party.ok()) return party.status();
    if (!party->has_value()) return Status::NotFound("party " + id + " is not registered", "body.id");
    LIENKET_RETURN_IF_ERROR(check_key(cx, key, id));
    auto record = **party;
    if (record.contains("public_key")) LIENKET_RETURN_IF_ERROR(cx.store().erase(registry_key_index(record["public_key"])));
    record["public_key"] = key;
    LIENKET_RETURN_IF_ERROR(cx.store().put_json("party/" + id, record));
    LIENKET_RETURN_IF_ERROR(cx.store().put(registry_key_index(key), id));
    LIENKET_RETURN_IF_ERROR(cx.emit("party.key_set", {{"party", id}, {"public_key", key}}));
    return nlohmann::json{{"party", record}};
  }

  Result<nlohmann::json> register_party(const Request& r, Context& cx) {
    LIENKET_RETURN_IF_ERROR(admin_only(r));
    Fields f(r.body);
    f.only({"id", "kind", "name", "province", "lat", "lon", "members", "public_key"});
    auto id = f.opt_id("id");
    auto kind = f.str("kind", 40);
    if (f.ok() && !one_of(kPartyKinds, kind))
      f.fail("kind", "must be one of cooperative, cooperative_group, cooperative_union, enterprise, "
                     "distributor, retailer");
    nlohmann::json p = {{"kind", kind},
                        {"name", f.str("name", 200)},
                        {"province", f.str("province", 100)},
                        {"lat", f.number("lat", -90, 90)},
                        {"lon", f.number("lon", -180, 180)},
                        {"members", f.opt_integer("members", 0, 10'000'000).value_or(0)}};
    auto key = f.opt_str("public_key", 40);
    if (!f.ok()) return f.status();
    if (!key) return create(cx, "party/", id, std::move(p), "party", "party.registered");
    p["public_key"] = *key;
    LIENKET_RETURN_IF_ERROR(check_key(cx, *key, ""));
    auto created = create(cx, "party/", id, std::move(p), "party", "party.registered");
    if (!created.ok()) return created;
    LIENKET_RETURN_IF_ERROR(cx.store().put(registry_key_index(*key), (*created)["party"]["id"].get<std::string>()));
    return created;
  }

  Result<nlohmann::json> register_product(const Request& r, Context& cx) {
    if (r.as.empty()) return Status::Unauthenticated("product.register needs the owner as the acting party", "as");
    Fields f(r.body);
    f.only({"id", "name", "category", "unit", "ocop_stars", "certifications", "gtin"});
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
      if (gtin->size() != 14 || !gtin_valid(*gtin)) f.fail("gtin", "must be 14 digits with a valid GS1 check digit");
      p["gtin"] = *gtin;
    }
    if (!f.ok()) return f.status();
    return create(cx, "product/", id, std::move(p), "product", "product.registered");
  }

  Result<nlohmann::json> get(const Request& r, Context& cx, const std::string& prefix, const char* what) {
    Fields f(r.body);
    f.only({"id"});
    auto id = f.id("id");
    if (!f.ok()) return f.status();
    auto v = cx.store().get_json(prefix + id);
    if (!v.ok()) return v.status();
    if (!v->has_value()) return Status::NotFound(std::string(what) + " " + id + " is not registered", "body.id");
    return nlohmann::json{{what, **v}};
  }

  // Paged listing in id order: {limit?, after?, <filters>?} -> {items..., next_after}.
  Result<nlohmann::json> list(const Request& r, Context& cx, const std::string& prefix, const char* plural,
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
    auto st = cx.store().scan(prefix, after.empty() ? "" : prefix + after, [&](std::string_view k, std::string_view v) {
      auto j = nlohmann::json::parse(v, nullptr, false);
      if (j.is_discarded()) return bad = Status::Internal("corrupt registry record"), false;
      for (const auto& [key, val] : wanted)
        if (j.value(key, "") != val) return true;
      items.push_back(std::move(j));
      next = std::string(k.substr(prefix.size()));
      return static_cast<std::int64_t>(items.size()) < limit;
    });
    LIENKET_RETURN_IF_ERROR(st);
    LIENKET_RETURN_IF_ERROR(bad);
    nlohmann::json out = {{plural, items}};
    out["next_after"] = static_cast<std::int64_t>(items.size()) == limit ? nlohmann::json(next) : nlohmann::json(nullptr);
    return out;
  }
};

}  // namespace

std::unique_ptr<Plugin> make_registry_plugin() { return std::make_unique<RegistryPlugin>(); }

Result<nlohmann::json> RegistryView::read(const std::string& prefix, std::string_view id, const char* what) {
  auto v = txn_.get(cf_, prefix + std::string(id));
  if (!v.ok()) return v.status();
  if (!v->has_value()) return Status::NotFound(std::string(what) + " " + std::string(id) + " is not registered");
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
