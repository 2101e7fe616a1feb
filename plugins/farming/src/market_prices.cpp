// farming.market_price.set and the lookup used by settlement.
#include "market_prices.hpp"

#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "money.hpp"

namespace lienket::farming {

std::string market_price_key(const std::string& enterprise, const std::string& product_id, const std::string& date) {
  return "mkt/" + enterprise + "/" + product_id + "/" + date;
}

Result<std::optional<std::int64_t>> market_price_on(Store& store, const std::string& enterprise,
                                                    const std::string& product_id, const std::string& date) {
  std::optional<std::int64_t> price;
  bool corrupt = false;
  // Keys end in the date, which sorts as text; stop at the first one after `date`.
  const std::string prefix = "mkt/" + enterprise + "/" + product_id + "/";
  auto st = store.scan(prefix, "", [&](std::string_view key, std::string_view value) {
    if (key.substr(prefix.size()) > date) return false;
    auto j = json::parse(value, nullptr, false);
    if (j.is_discarded() || !j.contains("unit_price_vnd")) return !(corrupt = true);
    price = j["unit_price_vnd"].get<std::int64_t>();
    return true;
  });
  if (!st.ok()) return st;
  if (corrupt) return Status::Internal("corrupt market price under " + prefix);
  return price;
}

Result<json> market_price_set(const Request& r, Context& cx, const Config&) {
  auto ent = acting_party_of_kind(r, cx, kEnterpriseKinds, "enterprises");
  if (!ent.ok()) return ent.status();
  Fields f(r.body);
  f.only({"product_id", "date", "unit_price_vnd", "source"});
  std::string product_id = f.id("product_id");
  std::string date = f.date("date");
  std::int64_t price = f.integer("unit_price_vnd", 1, kMaxUnitPrice);
  auto source = f.opt_str("source", 200);
  if (!f.ok()) return f.status();
  auto product = cx.registry().product(product_id);
  if (!product.ok()) return Status::NotFound("product " + product_id + " is not registered", "body.product_id");
  json rec{{"enterprise", r.as}, {"product_id", product_id}, {"date", date}, {"unit_price_vnd", price},
           {"unit", (*product)["unit"]}, {"set_at", format_time(cx.now_ms())}};
  if (source) rec["source"] = *source;
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(market_price_key(r.as, product_id, date), rec));
  LIENKET_RETURN_IF_ERROR(cx.emit("farming.market_price.set", {{"market_price", rec}}));
  return json{{"market_price", rec}};
}

}  // namespace lienket::farming
