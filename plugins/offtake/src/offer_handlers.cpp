// Supply offers: posted by a cooperative, cooperative group or union. Certifications and OCOP stars
// are copied from the product registry at posting time (the offer is what was certified then).
// Quantities as for contracts: quantity, proposed, signed.
#include "handlers.hpp"
#include "lienket/offtake/events.hpp"

namespace lienket::offtake {

Result<json> offer_post(Call& c) {
  auto party = acting_party(c, {"cooperative", "cooperative_group", "cooperative_union"},
                            "post a supply offer");
  if (!party.ok()) return party.status();
  Fields f(c.req.body);
  f.only({"product_id", "grade", "quantity", "available_from", "available_to", "place",
          "min_unit_price_vnd", "note"});
  const auto product_id = f.id("product_id");
  const auto grade = read_grade(f);
  const auto quantity = f.integer("quantity", 1, kMaxQuantity);
  const auto from = f.date("available_from");
  const auto to = f.date("available_to");
  json place = read_place(f, "place");
  const auto min_price = f.integer("min_unit_price_vnd", 0, kMaxPrice);
  const auto note = f.opt_str("note", 500);
  if (!f.ok()) return f.status();
  auto product = c.cx.registry().product(product_id);
  if (!product.ok())
    return Status::NotFound("product " + product_id + " is not registered", "body.product_id");
  if (to < from)
    return Status::InvalidArgument("body.available_to must not be before available_from",
                                   "body.available_to");
  // The offer carries the product's certifications and OCOP stars, so offering another
  // cooperative's product would claim marks the seller does not hold. A union sells for its
  // members' products.
  if (party->value("kind", "") != "cooperative_union" && product->value("owner", "") != c.req.as)
    return Status::PermissionDenied("product " + product_id + " belongs to " +
                                        product->value("owner", "") +
                                        "; a cooperative offers only its own products",
                                    "as");

  auto id = new_id(c.cx, "offer");
  if (!id.ok()) return id.status();
  events::SupplyOffer offer;
  offer.id = *id;
  offer.seller = c.req.as;
  offer.product_id = product_id;
  offer.category = product->value("category", "");
  offer.unit = product->value("unit", "");
  offer.certifications = product->value("certifications", std::vector<std::string>{});
  offer.ocop_stars = product->value("ocop_stars", 0);
  offer.grade = grade;
  offer.quantity = quantity;
  offer.available_from = from;
  offer.available_to = to;
  offer.place = place.get<events::Place>();
  offer.min_unit_price_vnd = min_price;
  offer.note = note;
  offer.status = "open";
  offer.posted_at = now_text(c.cx);
  const json record = offer;
  LIENKET_RETURN_IF_ERROR(save(c.cx, "offer", record));
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kOfferPosted, events::OfferPosted{offer}));
  return json{{"offer_id", *id}, {"offer", record}};
}

Result<json> offer_get(Call& c) {
  Fields f(c.req.body);
  f.only({"offer_id"});
  const auto id = f.id("offer_id");
  if (!f.ok()) return f.status();
  auto offer = load(c.cx, "offer", id, "body.offer_id");
  if (!offer.ok()) return offer.status();
  return json{{"offer", *offer}};
}

Result<json> offer_list(Call& c) {
  Fields f(c.req.body);
  f.only({"status", "product_id", "seller", "province", "limit", "after"});
  const auto status = f.opt_str("status", 20), product = f.opt_id("product_id"),
             seller = f.opt_id("seller"), province = f.opt_str("province", 100);
  return list_records(c.cx, "offer", "offers", f, [&](const json& r) {
    return (!status || r.value("status", "") == *status) &&
           (!product || r.value("product_id", "") == *product) &&
           (!seller || r.value("seller", "") == *seller) &&
           (!province || r.at("place").value("province", "") == *province);
  });
}

Result<json> offer_withdraw(Call& c) {
  Fields f(c.req.body);
  f.only({"offer_id", "reason"});
  const auto id = f.id("offer_id");
  const auto reason = f.opt_str("reason", 500).value_or("");
  if (!f.ok()) return f.status();
  auto offer = load(c.cx, "offer", id, "body.offer_id");
  if (!offer.ok()) return offer.status();
  LIENKET_RETURN_IF_ERROR(require_party(c, offer->value("seller", ""), "seller"));
  if (offer->value("status", "") != "open")
    return Status::FailedPrecondition("offer " + id + " is " + offer->value("status", ""),
                                      "body.offer_id");
  auto ended = end_pending_proposals(
      c.cx, [&](const json& p) { return p.value("offer_id", "") == id; }, "cancelled",
      "offer withdrawn");
  if (!ended.ok()) return ended.status();
  auto r = load(c.cx, "offer", id, "body.offer_id");
  if (!r.ok()) return r.status();
  const std::int64_t released =
      (*r)["quantity"].get<std::int64_t>() - (*r)["signed"].get<std::int64_t>();
  (*r)["status"] = "withdrawn";
  (*r)["withdrawn_at"] = now_text(c.cx);
  if (!reason.empty()) (*r)["withdraw_reason"] = reason;
  LIENKET_RETURN_IF_ERROR(save(c.cx, "offer", *r));
  const events::OfferWithdrawn withdrawn{id, (*r).at("seller").get<std::string>(),
                                         (*r).at("unit").get<std::string>(), released, *ended};
  LIENKET_RETURN_IF_ERROR(c.cx.emit(events::kOfferWithdrawn, withdrawn));
  return json{{"offer", *r}, {"released", released}, {"proposals_cancelled", *ended}};
}

}  // namespace lienket::offtake
