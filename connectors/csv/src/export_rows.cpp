#include "export_rows.hpp"

#include <map>
#include <optional>

#include "lienket/offtake/events.hpp"

namespace lienket::csvconn {
namespace {

using nlohmann::json;
namespace ev = lienket::offtake::events;

// A row being filled by column name; columns never set stay empty.
class RowBuilder {
 public:
  explicit RowBuilder(const csv::Row& header) : header_(header), row_(header.size()) {}
  void set(const std::string& column, const json& v) {
    if (v.is_null()) return;
    for (std::size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == column) row_[i] = text(v);
  }
  // An optional field of an event: the column stays empty when it is absent.
  template <typename T>
  void set(const std::string& column, const std::optional<T>& v) {
    if (v) set(column, json(*v));
  }
  csv::Row take() { return std::move(row_); }

 private:
  static std::string text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
      std::string out;
      for (const auto& e : v) out += (out.empty() ? "" : ";") + text(e);
      return out;
    }
    return v.dump();  // integers stay exact; floats (coordinates) in JSON's shortest form
  }
  const csv::Row& header_;
  csv::Row row_;
};

const FileSpec& spec(ExportFile f) {
  for (const auto& s : export_files())
    if (s.file == f) return s;
  return export_files().front();
}

// An offtake event's data as its typed struct (lienket/offtake/events.hpp). Data of another shape
// can never be exported: InvalidArgument, which the runtime dead-letters.
template <typename T>
Result<T> typed(const Event& e) {
  try {
    return e.data.get<T>();
  } catch (const json::exception& x) {
    return Status::InvalidArgument(e.type + " #" + std::to_string(e.seq) +
                                   " is not shaped as offtake emits it: " + x.what());
  }
}

// The name of a party or product, "" when unknown; an error only when the node could not answer.
Result<std::string> name_of(Result<json> record, const char* key) {
  if (!record.ok())
    return record.status().code() == Code::kNotFound ? Result<std::string>(std::string())
                                                     : Result<std::string>(record.status());
  return record->contains(key) ? (*record)[key].value("name", "") : std::string();
}

Status set_party(RowBuilder& b, Lookup& lookup, const std::string& column, const std::string& id) {
  if (id.empty()) return Status::Ok();
  b.set(column, id);
  auto name = name_of(lookup.party(id), "party");
  if (!name.ok()) return name.status();
  b.set(column + "_name", *name);
  return Status::Ok();
}

Status set_product(RowBuilder& b, Lookup& lookup, const std::string& id) {
  if (id.empty()) return Status::Ok();
  b.set("product_id", id);
  auto name = name_of(lookup.product(id), "product");
  if (!name.ok()) return name.status();
  b.set("product_name", *name);
  return Status::Ok();
}

// The last word of the event type, as the row's status ("offtake.delivery.accepted" -> "accepted").
std::string last_word(const std::string& type) { return type.substr(type.rfind('.') + 1); }

Status contract_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  if (e.type == ev::kContractPosted) {
    auto posted = typed<ev::ContractPosted>(e);
    if (!posted.ok()) return posted.status();
    const ev::PurchaseContract& c = posted->contract;
    b.set("contract_id", c.id);
    b.set("category", c.category);
    b.set("unit", c.unit);
    b.set("quantity", c.quantity);
    b.set("unit_price_vnd", c.unit_price_vnd);
    b.set("deliver_from", c.deliver_from);
    b.set("deliver_to", c.deliver_to);
    b.set("province", c.place.province);
    b.set("min_ocop_stars", c.min_ocop_stars);
    b.set("certifications", c.certifications);
    b.set("max_distance_km", c.max_distance_km);
    b.set("min_lot", c.min_lot);
    b.set("status", c.status);
    b.set("note", c.note);
    LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "buyer", c.buyer));
    return set_product(b, lookup, c.product_id.value_or(""));
  }
  auto cancelled = typed<ev::ContractCancelled>(e);
  if (!cancelled.ok()) return cancelled.status();
  b.set("contract_id", cancelled->contract_id);
  b.set("status", "cancelled");
  b.set("released", cancelled->released);
  return set_party(b, lookup, "buyer", cancelled->buyer);
}

// The record of a consumption contract, for the fixed terms that later events do not carry (the
// purchase contract, the price, the delivery window); nullopt when the node does not know it.
Result<std::optional<ev::ConsumptionContract>> consumption_record(const std::string& id,
                                                                  Lookup& lookup) {
  auto found = lookup.consumption(id);
  if (!found.ok())
    return found.status().code() == Code::kNotFound
               ? Result<std::optional<ev::ConsumptionContract>>(std::nullopt)
               : Result<std::optional<ev::ConsumptionContract>>(found.status());
  try {
    return std::optional<ev::ConsumptionContract>(
        found->at("consumption").get<ev::ConsumptionContract>());
  } catch (const json::exception& x) {
    return Status::InvalidArgument("consumption contract " + id +
                                   " is not shaped as offtake keeps it: " + x.what());
  }
}

void set_terms(RowBuilder& b, const ev::ConsumptionContract& c) {
  b.set("contract_id", c.contract_id);
  b.set("unit_price_vnd", c.unit_price_vnd);
  b.set("deliver_from", c.deliver_from);
  b.set("deliver_to", c.deliver_to);
}

Status set_parties(RowBuilder& b, Lookup& lookup, const std::string& buyer,
                   const std::string& seller) {
  LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "buyer", buyer));
  return set_party(b, lookup, "seller", seller);
}

Status consumption_signed_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  auto signed_event = typed<ev::ConsumptionSigned>(e);
  if (!signed_event.ok()) return signed_event.status();
  const ev::ConsumptionContract& c = signed_event->consumption;
  set_terms(b, c);
  b.set("consumption_id", c.id);
  b.set("unit", c.unit);
  b.set("quantity", c.quantity);
  b.set("value_vnd", c.value_vnd);
  b.set("paid_vnd", c.paid_vnd);
  b.set("status", "signed");
  LIENKET_RETURN_IF_ERROR(set_parties(b, lookup, c.buyer, c.seller));
  return set_product(b, lookup, c.product_id);
}

Status consumption_fulfilled_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  auto f = typed<ev::ConsumptionFulfilled>(e);
  if (!f.ok()) return f.status();
  auto record = consumption_record(f->consumption_id, lookup);
  if (!record.ok()) return record.status();
  if (*record) set_terms(b, **record);
  b.set("consumption_id", f->consumption_id);
  b.set("unit", f->unit);
  b.set("quantity", f->quantity);
  b.set("value_vnd", f->value_vnd);
  b.set("status", "fulfilled");
  LIENKET_RETURN_IF_ERROR(set_parties(b, lookup, f->buyer, f->seller));
  return set_product(b, lookup, f->product_id);
}

Status consumption_breached_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  auto br = typed<ev::ConsumptionBreached>(e);
  if (!br.ok()) return br.status();
  auto record = consumption_record(br->consumption_id, lookup);
  if (!record.ok()) return record.status();
  if (*record) set_terms(b, **record);
  b.set("consumption_id", br->consumption_id);
  b.set("unit", br->unit);
  b.set("quantity", br->quantity);  // what was due
  b.set("value_vnd", br->value_vnd);
  b.set("paid_vnd", br->paid_vnd);
  b.set("at_fault", br->at_fault);
  b.set("reason", br->reason);
  b.set("status", "breached");
  LIENKET_RETURN_IF_ERROR(set_parties(b, lookup, br->buyer, br->seller));
  return set_product(b, lookup, *record ? (**record).product_id : std::string());
}

Status consumption_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  if (e.type == ev::kConsumptionSigned) return consumption_signed_row(e, lookup, b);
  if (e.type == ev::kConsumptionFulfilled) return consumption_fulfilled_row(e, lookup, b);
  return consumption_breached_row(e, lookup, b);
}

// Fills what every delivery event carries (offtake's DeliveryEvent), and the purchase contract
// from the consumption contract's record.
Status set_delivery(const ev::DeliveryEvent& d, Lookup& lookup, RowBuilder& b) {
  auto record = consumption_record(d.consumption_id, lookup);
  if (!record.ok()) return record.status();
  if (*record) b.set("contract_id", (**record).contract_id);
  b.set("consumption_id", d.consumption_id);
  b.set("delivery_no", d.delivery_no);
  b.set("unit", d.unit);
  b.set("quantity", d.quantity);
  b.set("date", d.date);
  b.set("lot_id", d.lot_id);
  LIENKET_RETURN_IF_ERROR(set_parties(b, lookup, d.buyer, d.seller));
  return set_product(b, lookup, d.product_id);
}

Status delivery_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  if (e.type == ev::kDeliveryRecorded) {
    auto d = typed<ev::DeliveryRecorded>(e);
    if (!d.ok()) return d.status();
    b.set("status", "pending");
    return set_delivery(*d, lookup, b);
  }
  if (e.type == ev::kDeliveryAccepted) {
    auto d = typed<ev::DeliveryAccepted>(e);
    if (!d.ok()) return d.status();
    b.set("status", last_word(e.type));
    b.set("grade", d->grade);
    return set_delivery(*d, lookup, b);
  }
  auto d = typed<ev::DeliveryRejected>(e);
  if (!d.ok()) return d.status();
  b.set("status", last_word(e.type));
  b.set("reason", d->reason);
  return set_delivery(*d, lookup, b);
}

// product.registered is the core registry's event (docs/protocol.md), read as its JSON.
Status product_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  const json& p = e.data.value("product", json::object());
  b.set("product_id", p.value("id", ""));
  b.set("product_name", p.value("name", ""));
  for (const char* k :
       {"category", "unit", "ocop_stars", "certifications", "gtin", "registered_at"})
    if (p.contains(k)) b.set(k, p.at(k));
  return set_party(b, lookup, "owner", p.value("owner", ""));
}

}  // namespace

const std::vector<FileSpec>& export_files() {
  static const std::vector<FileSpec> kFiles = {
      {ExportFile::kContracts,
       "contracts.csv",
       {"seq",
        "at",
        "event",
        "contract_id",
        "buyer",
        "buyer_name",
        "product_id",
        "product_name",
        "category",
        "unit",
        "quantity",
        "unit_price_vnd",
        "deliver_from",
        "deliver_to",
        "province",
        "min_ocop_stars",
        "certifications",
        "max_distance_km",
        "min_lot",
        "status",
        "released",
        "note"}},
      {ExportFile::kConsumptions,
       "consumptions.csv",
       {"seq",          "at",         "event",    "consumption_id", "contract_id",
        "buyer",        "buyer_name", "seller",   "seller_name",    "product_id",
        "product_name", "unit",       "quantity", "unit_price_vnd", "value_vnd",
        "deliver_from", "deliver_to", "status",   "paid_vnd",       "at_fault",
        "reason"}},
      {ExportFile::kDeliveries,
       "deliveries.csv",
       {"seq", "at", "event", "consumption_id", "delivery_no", "contract_id", "buyer", "buyer_name",
        "seller", "seller_name", "product_id", "product_name", "unit", "quantity", "date", "lot_id",
        "status", "grade", "reason"}},
      {ExportFile::kProducts,
       "products.csv",
       {"seq", "at", "event", "product_id", "product_name", "owner", "owner_name", "category",
        "unit", "ocop_stars", "certifications", "gtin", "registered_at"}},
  };
  return kFiles;
}

std::optional<ExportFile> file_for(std::string_view t) {
  if (t == ev::kContractPosted || t == ev::kContractCancelled) return ExportFile::kContracts;
  if (t == ev::kConsumptionSigned || t == ev::kConsumptionFulfilled ||
      t == ev::kConsumptionBreached)
    return ExportFile::kConsumptions;
  if (t == ev::kDeliveryRecorded || t == ev::kDeliveryAccepted || t == ev::kDeliveryRejected)
    return ExportFile::kDeliveries;
  if (t == "product.registered") return ExportFile::kProducts;
  return std::nullopt;
}

Result<csv::Row> export_row(const Event& e, Lookup& lookup) {
  auto file = file_for(e.type);
  if (!file) return Status::Internal("event " + e.type + " is not exported");
  RowBuilder b(spec(*file).header);
  b.set("seq", e.seq);
  b.set("at", e.at);
  b.set("event", e.type);
  Status st;
  switch (*file) {
    case ExportFile::kContracts:
      st = contract_row(e, lookup, b);
      break;
    case ExportFile::kConsumptions:
      st = consumption_row(e, lookup, b);
      break;
    case ExportFile::kDeliveries:
      st = delivery_row(e, lookup, b);
      break;
    case ExportFile::kProducts:
      st = product_row(e, lookup, b);
      break;
  }
  if (!st.ok()) return st;
  return b.take();
}

}  // namespace lienket::csvconn
