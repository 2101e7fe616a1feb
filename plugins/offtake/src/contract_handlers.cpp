// Purchase contracts: posted by a buyer (enterprise, distributor or retailer), matched against
// offers. Quantities: `quantity` = what the buyer wants; `proposed` = held by pending proposals;
// `signed` = in consumption contracts. What matching may still allocate is quantity - proposed -
// signed.
#include <algorithm>

#include "consumption_rules.hpp"
#include "contract_terms.hpp"
#include "handlers.hpp"
#include "lienket/offtake/events.hpp"
#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

constexpr std::size_t kMaxLines = 20;

// The product or category the contract (or one of its lines) is for, with its unit.
Status read_goods(Call& c, Fields& f, events::PurchaseContract& contract) {
  auto product_id = f.opt_id("product_id");
  auto category = f.opt_str("category", 100);
  auto unit = f.opt_str("unit", 10);
  if (!f.ok()) return f.status();
  if (product_id.has_value() == category.has_value())
    return Status::InvalidArgument(
        f.path("product_id") + ": give exactly one of product_id or category",
        product_id ? f.path("category") : f.path("product_id"));
  if (product_id) {
    auto product = c.cx.registry().product(*product_id);
    if (!product.ok())
      return Status::NotFound("product " + *product_id + " is not registered",
                              f.path("product_id"));
    if (unit && *unit != product->value("unit", ""))
      return Status::InvalidArgument(
          f.path("unit") + " must be the product's unit " + product->value("unit", ""),
          f.path("unit"));
    contract.product_id = *product_id;
    contract.category = product->value("category", "");
    contract.unit = product->value("unit", "");
    return Status::Ok();
  }
  if (!unit)
    return Status::InvalidArgument(f.path("unit") + " is required with a category (g, ml or piece)",
                                   f.path("unit"));
  if (*unit != "g" && *unit != "ml" && *unit != "piece")
    return Status::InvalidArgument(f.path("unit") + " must be g, ml or piece", f.path("unit"));
  contract.product_id.reset();
  contract.category = *category;
  contract.unit = *unit;
  return Status::Ok();
}

// What one line buys: goods (or those of `inherit`, the first line, when the line names none),
// grade, quantity, price and smallest lot, each checked under the line's own path.
Status read_line(Call& c, Fields& f, events::PurchaseContract& line,
                 const events::PurchaseContract* inherit) {
  const auto quantity = f.integer("quantity", 1, kMaxQuantity);
  const auto price = f.integer("unit_price_vnd", 1, kMaxPrice);
  const auto grade = read_grade(f);
  const auto min_lot = f.opt_integer("min_lot", 1, kMaxQuantity).value_or(1);
  if (!f.ok()) return f.status();
  if (inherit && !f.has("product_id") && !f.has("category") && !f.has("unit")) {
    line.product_id = inherit->product_id;
    line.category = inherit->category;
    line.unit = inherit->unit;
  } else {
    LIENKET_RETURN_IF_ERROR(read_goods(c, f, line));
  }
  if (min_lot > quantity)
    return Status::InvalidArgument(f.path("min_lot") + " must not exceed quantity",
                                   f.path("min_lot"));
  const auto value = goods_value_vnd(quantity, price, line.unit);
  if (!value || *value > kMaxQuantity * 1000)
    return Status::InvalidArgument(f.path("quantity") + " x unit_price_vnd is too large a contract",
                                   f.path("quantity"));
  line.quantity = quantity;
  line.unit_price_vnd = price;
  line.grade = grade;
  line.min_lot = min_lot;
  return Status::Ok();
}

// body.lines: further lines of the same contract (e.g. grade 2 and grade 3 of the same tea).
Result<std::vector<events::PurchaseContract>> read_lines(Call& c,
                                                         const events::PurchaseContract& first) {
  std::vector<events::PurchaseContract> lines;
  auto it = c.req.body.find("lines");
  if (it == c.req.body.end() || it->is_null()) return lines;
  if (!it->is_array() || it->empty() || it->size() > kMaxLines)
    return Status::InvalidArgument(
        "body.lines must be a list of 1 to " + std::to_string(kMaxLines) + " lines", "body.lines");
  for (std::size_t i = 0; i < it->size(); ++i) {
    Fields e((*it)[i], "body.lines[" + std::to_string(i) + "]");
    e.only({"product_id", "category", "unit", "grade", "quantity", "unit_price_vnd", "min_lot"});
    events::PurchaseContract line = first;
    LIENKET_RETURN_IF_ERROR(read_line(c, e, line, &first));
    lines.push_back(std::move(line));
  }
  return lines;
}

std::int64_t open_quantity(const json& r) {
  return r.at("quantity").get<std::int64_t>() - r.at("proposed").get<std::int64_t>() -
         r.at("signed").get<std::int64_t>();
}

}  // namespace

Result<json> contract_post(Call& c) {
  auto party =
      acting_party(c, {"enterprise", "distributor", "retailer"}, "post a purchase contract");
  if (!party.ok()) return party.status();
  Fields f(c.req.body);
  f.only({"product_id", "category", "unit", "quantity", "unit_price_vnd", "deliver_from",
          "deliver_to", "place", "min_ocop_stars", "certifications", "grade", "max_distance_km",
          "min_lot", "note", "terms", "lines"});
  events::PurchaseContract contract;
  const auto from = f.date("deliver_from");
  const auto to = f.date("deliver_to");
  json place = read_place(f, "place");
  const auto min_stars = f.opt_integer("min_ocop_stars", 0, 5).value_or(0);
  auto certs = f.str_list("certifications", 20);
  const auto max_km = f.opt_integer("max_distance_km", 1, 5000);
  const auto note = f.opt_str("note", 500);
  if (!f.ok()) return f.status();
  LIENKET_RETURN_IF_ERROR(read_line(c, f, contract, nullptr));
  if (to < from)
    return Status::InvalidArgument("body.deliver_to must not be before deliver_from",
                                   "body.deliver_to");
  std::sort(certs.begin(), certs.end());
  certs.erase(std::unique(certs.begin(), certs.end()), certs.end());
  if (f.has("terms")) {
    auto terms = read_terms(c.req.body["terms"], "body.terms", from, to);
    if (!terms.ok()) return terms.status();
    if (!terms->empty()) contract.terms = to_json(*terms);
  }
  contract.buyer = c.req.as;
  contract.deliver_from = from;
  contract.deliver_to = to;
  contract.place = place.get<events::Place>();
  contract.min_ocop_stars = min_stars;
  contract.certifications = std::move(certs);
  contract.max_distance_km = max_km;
  contract.note = note;
  contract.status = "open";
  contract.posted_at = now_text(c.cx);
  auto lines = read_lines(c, contract);
  if (!lines.ok()) return lines.status();

  // Each line is a purchase contract of its own (matched, signed and cancelled on its own), tied
  // to the first by `group` and numbered by `line`.
  lines->insert(lines->begin(), contract);
  json records = json::array();
  for (std::size_t i = 0; i < lines->size(); ++i) {
    events::PurchaseContract& line = (*lines)[i];
    auto id = new_id(c.cx, "contract");
    if (!id.ok()) return id.status();
    line.id = *id;
    if (lines->size() > 1)
      line.group = (*lines)[0].id, line.line = static_cast<std::int64_t>(i) + 1;
    const json record = line;
    LIENKET_RETURN_IF_ERROR(save(c.cx, "contract", record));
    LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kContractPosted, events::ContractPosted{line}));
    records.push_back(record);
  }
  json out = {{"contract_id", records[0]["id"]}, {"contract", records[0]}};
  if (records.size() > 1) {
    records.erase(records.begin());
    out["lines"] = records;
  }
  return out;
}

Result<json> contract_get(Call& c) {
  Fields f(c.req.body);
  f.only({"contract_id"});
  const auto id = f.id("contract_id");
  if (!f.ok()) return f.status();
  auto contract = load(c.cx, "contract", id, "body.contract_id");
  if (!contract.ok()) return contract.status();
  return json{{"contract", *contract}};
}

Result<json> contract_list(Call& c) {
  Fields f(c.req.body);
  f.only({"status", "product_id", "buyer", "province", "group", "limit", "after"});
  const auto status = f.opt_str("status", 20), product = f.opt_id("product_id"),
             buyer = f.opt_id("buyer"), province = f.opt_str("province", 100),
             group = f.opt_id("group");
  return list_records(c.cx, "contract", "contracts", f, [&](const json& r) {
    return (!status || r.value("status", "") == *status) &&
           (!group || r.value("group", "") == *group) &&
           (!product || r.value("product_id", "") == *product) &&
           (!buyer || r.value("buyer", "") == *buyer) &&
           (!province || r.at("place").value("province", "") == *province);
  });
}

Result<json> contract_cancel(Call& c) {
  Fields f(c.req.body);
  f.only({"contract_id", "reason"});
  const auto id = f.id("contract_id");
  const auto reason = f.opt_str("reason", 500).value_or("");
  if (!f.ok()) return f.status();
  auto contract = load(c.cx, "contract", id, "body.contract_id");
  if (!contract.ok()) return contract.status();
  LIENKET_RETURN_IF_ERROR(require_party(c, contract->value("buyer", ""), "buyer"));
  if (contract->value("status", "") != "open")
    return Status::FailedPrecondition("contract " + id + " is " + contract->value("status", ""),
                                      "body.contract_id");
  auto ended = end_pending_proposals(
      c.cx, [&](const json& p) { return p.value("contract_id", "") == id; }, "cancelled",
      "contract cancelled");
  if (!ended.ok()) return ended.status();
  auto reloaded = load(c.cx, "contract", id, "body.contract_id");  // proposals freed their quantity
  if (!reloaded.ok()) return reloaded.status();
  json& r = *reloaded;
  const std::int64_t released = open_quantity(r);
  r["status"] = "cancelled";
  r["cancelled_at"] = now_text(c.cx);
  if (!reason.empty()) r["cancel_reason"] = reason;
  LIENKET_RETURN_IF_ERROR(save(c.cx, "contract", r));
  const events::ContractCancelled cancelled{
      id,     r.at("buyer").get<std::string>(),   r.at("unit").get<std::string>(),    released,
      *ended, r.at("signed").get<std::int64_t>(), r.at("place").value("province", "")};
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kContractCancelled, cancelled));
  return json{{"contract", r}, {"released", released}, {"proposals_cancelled", *ended}};
}

// The buyer changes an open contract's terms. Pending proposals were made under the old terms, so
// a change of anything but the quantity or the note cancels them (matching proposes again under
// the new terms); consumption contracts already signed keep the terms they were signed under. The
// quantity cannot go below what is already proposed and signed.
Result<json> contract_amend(Call& c) {
  Fields f(c.req.body);
  f.only({"contract_id", "quantity", "unit_price_vnd", "deliver_from", "deliver_to", "place",
          "min_ocop_stars", "certifications", "grade", "max_distance_km", "min_lot", "note",
          "terms", "reason"});
  const auto id = f.id("contract_id");
  const auto quantity = f.opt_integer("quantity", 1, kMaxQuantity);
  const auto price = f.opt_integer("unit_price_vnd", 1, kMaxPrice);
  const auto from = f.opt_date("deliver_from");
  const auto to = f.opt_date("deliver_to");
  std::optional<json> place;
  if (f.has("place")) place = read_place(f, "place");
  const auto min_stars = f.opt_integer("min_ocop_stars", 0, 5);
  std::optional<std::vector<std::string>> certs;
  if (f.has("certifications")) certs = f.str_list("certifications", 20);
  // `"grade": null` drops the grade (a buyer widens the search); a string sets it.
  const bool drop_grade = c.req.body.contains("grade") && c.req.body["grade"].is_null();
  const auto grade = drop_grade ? std::nullopt : read_grade(f);
  const auto max_km = f.opt_integer("max_distance_km", 1, 5000);
  const auto min_lot = f.opt_integer("min_lot", 1, kMaxQuantity);
  const auto note = f.opt_str("note", 500);
  const auto reason = f.opt_str("reason", 500);
  if (!f.ok()) return f.status();
  auto loaded = load(c.cx, "contract", id, "body.contract_id");
  if (!loaded.ok()) return loaded.status();
  LIENKET_RETURN_IF_ERROR(require_party(c, loaded->value("buyer", ""), "buyer"));
  if (loaded->value("status", "") != "open")
    return Status::FailedPrecondition("contract " + id + " is " + loaded->value("status", "") +
                                          "; only an open contract is amended",
                                      "body.contract_id");
  json r = *loaded;
  std::vector<std::string> changed;
  auto set = [&](const char* key, const json& value) {
    if (r.contains(key) && r[key] == value) return;
    r[key] = value;
    changed.push_back(key);
  };
  if (quantity) set("quantity", *quantity);
  if (price) set("unit_price_vnd", *price);
  if (from) set("deliver_from", *from);
  if (to) set("deliver_to", *to);
  if (place) set("place", *place);
  if (min_stars) set("min_ocop_stars", *min_stars);
  if (certs) {
    std::sort(certs->begin(), certs->end());
    certs->erase(std::unique(certs->begin(), certs->end()), certs->end());
    set("certifications", *certs);
  }
  if (grade) set("grade", *grade);
  if (drop_grade && r.contains("grade")) {
    r.erase("grade");
    changed.push_back("grade");
  }
  if (max_km) set("max_distance_km", *max_km);
  if (min_lot) set("min_lot", *min_lot);
  if (note) set("note", *note);
  if (f.has("terms")) set("terms", c.req.body["terms"]);
  if (changed.empty())
    return Status::InvalidArgument("nothing to change: give at least one new term", "body");
  if (r.at("deliver_to").get<std::string>() < r.at("deliver_from").get<std::string>())
    return Status::InvalidArgument("body.deliver_to must not be before deliver_from",
                                   to ? "body.deliver_to" : "body.deliver_from");
  if (r.contains("terms")) {  // new terms, or old call-offs against a new window
    auto terms = read_terms(r["terms"], "body.terms", r["deliver_from"], r["deliver_to"]);
    if (!terms.ok() && !f.has("terms"))
      return Status::InvalidArgument("the new delivery window would leave a call-off outside it (" +
                                         terms.status().message() + ")",
                                     to ? "body.deliver_to" : "body.deliver_from");
    if (!terms.ok()) return terms.status();
    if (terms->empty())
      r.erase("terms");
    else
      r["terms"] = to_json(*terms);
  }
  const std::int64_t q = r.at("quantity").get<std::int64_t>();
  if (r.at("min_lot").get<std::int64_t>() > q)
    return Status::InvalidArgument("body.min_lot must not exceed quantity",
                                   min_lot ? "body.min_lot" : "body.quantity");
  const auto value = goods_value_vnd(q, r.at("unit_price_vnd").get<std::int64_t>(),
                                     r.at("unit").get<std::string>());
  if (!value || *value > kMaxQuantity * 1000)
    return Status::InvalidArgument("body.quantity x unit_price_vnd is too large a contract",
                                   "body.quantity");
  const bool terms_changed = std::any_of(
      changed.begin(), changed.end(), [](const auto& k) { return k != "quantity" && k != "note"; });
  int cancelled = 0;
  if (terms_changed) {
    auto ended = end_pending_proposals(
        c.cx, [&](const json& p) { return p.value("contract_id", "") == id; }, "cancelled",
        "contract amended");
    if (!ended.ok()) return ended.status();
    cancelled = *ended;
    auto reloaded = load(c.cx, "contract", id, "body.contract_id");
    if (!reloaded.ok()) return reloaded.status();
    r["proposed"] = (*reloaded)["proposed"];  // the cancelled proposals freed their quantity
  }
  const std::int64_t committed =
      r.at("proposed").get<std::int64_t>() + r.at("signed").get<std::int64_t>();
  if (q < committed)
    return Status::FailedPrecondition("body.quantity " + std::to_string(q) +
                                          " is below what is already proposed and signed (" +
                                          std::to_string(committed) + ")",
                                      "body.quantity");
  if (q == r.at("signed").get<std::int64_t>()) r["status"] = "filled";
  r["version"] = r.value("version", 1) + 1;
  r["amended_at"] = now_text(c.cx);
  if (reason) r["amend_reason"] = *reason;
  LIENKET_RETURN_IF_ERROR(save(c.cx, "contract", r));
  const events::ContractAmended amended{r.get<events::PurchaseContract>(), changed, cancelled};
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kContractAmended, amended));
  return json{{"contract", r}, {"changed", changed}, {"proposals_cancelled", cancelled}};
}

}  // namespace lienket::offtake
