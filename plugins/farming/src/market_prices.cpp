// farming.market_price.set and the lookup used by settlement.
#include "market_prices.hpp"

#include "common.hpp"
#include "handlers.hpp"
#include "lienket/fields.hpp"
#include "lienket/time.hpp"
#include "limits.hpp"
#include "money.hpp"

namespace lienket::farming {

std::string market_price_key(const std::string& enterprise, const std::string& product_id,
                             const std::string& date) {
  return "mkt/" + enterprise + "/" + product_id + "/" + date;
}

Result<std::optional<std::int64_t>> market_price_on(Store& store, const std::string& enterprise,
                                                    const std::string& product_id,
                                                    const std::string& date) {
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
  events::MarketPrice rec;
  rec.enterprise = r.as;
  rec.product_id = f.id("product_id");
  rec.date = f.date("date");
  rec.unit_price_vnd = f.integer("unit_price_vnd", 1, kMaxUnitPrice);
  rec.source = f.opt_str("source", limits::kPriceSource);
  if (!f.ok()) return f.status();
  auto product = cx.registry().product(rec.product_id);
  if (!product.ok())
    return Status::NotFound("product " + rec.product_id + " is not registered", "body.product_id");
  rec.unit = product->value("unit", "");
  rec.set_at = format_time(cx.now_ms());
  const json record = rec;
  LIENKET_RETURN_IF_ERROR(
      cx.store().put_json(market_price_key(r.as, rec.product_id, rec.date), record));
  LIENKET_RETURN_IF_ERROR(emit_event(cx, events::MarketPriceSet{rec}));
  return json{{"market_price", record}};
}

}  // namespace lienket::farming
