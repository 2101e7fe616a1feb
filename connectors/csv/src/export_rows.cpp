#include "export_rows.hpp"

#include <map>

namespace lienket::csvconn {
namespace {

using nlohmann::json;

// A row being filled by column name; columns never set stay empty.
class RowBuilder {
 public:
  explicit RowBuilder(const csv::Row& header) : header_(header), row_(header.size()) {}
  void set(const std::string& column, const json& v) {
    if (v.is_null()) return;
    for (std::size_t i = 0; i < header_.size(); ++i)
      if (header_[i] == column) row_[i] = text(v);
  }
  // Copies the listed keys of `obj` into the columns of the same name.
  void copy(const json& obj, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (obj.is_object() && obj.contains(k)) set(k, obj.at(k));
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

// The name of a party or product, "" when unknown; an error only when the node could not answer.
Result<std::string> name_of(Result<json> record, const char* key) {
  if (!record.ok()) return record.status().code() == Code::kNotFound ? Result<std::string>(std::string())
                                                                     : Result<std::string>(record.status());
  return record->contains(key) ? (*record)[key].value("name", "") : std::string();
}

Status set_party(RowBuilder& b, Lookup& lookup, const std::string& column, const json& id) {
  if (!id.is_string() || id.get<std::string>().empty()) return Status::Ok();
  b.set(column, id);
  auto name = name_of(lookup.party(id.get<std::string>()), "party");
  if (!name.ok()) return name.status();
  b.set(column + "_name", *name);
  return Status::Ok();
}

Status set_product(RowBuilder& b, Lookup& lookup, const json& id) {
  if (!id.is_string() || id.get<std::string>().empty()) return Status::Ok();
  b.set("product_id", id);
  auto name = name_of(lookup.product(id.get<std::string>()), "product");
  if (!name.ok()) return name.status();
  b.set("product_name", *name);
  return Status::Ok();
}

// The last word of the event type, as the row's status ("offtake.delivery.accepted" -> "accepted").
std::string last_word(const std::string& type) { return type.substr(type.rfind('.') + 1); }

Status contract_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  if (e.type == "offtake.contract.posted") {
    const json& c = e.data.value("contract", json::object());
    b.copy(c, {"category", "unit", "quantity", "unit_price_vnd", "deliver_from", "deliver_to", "min_ocop_stars",
               "certifications", "max_distance_km", "min_lot", "status", "note"});
    b.set("contract_id", c.value("id", ""));
    if (c.contains("place")) b.set("province", c["place"].value("province", ""));
    LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "buyer", c.value("buyer", "")));
    return set_product(b, lookup, c.value("product_id", ""));
  }
  // offtake.contract.cancelled: only the buyer may cancel, so the acting party is the buyer.
  b.set("contract_id", e.data.value("contract_id", ""));
  b.set("status", "cancelled");
  b.copy(e.data, {"released"});
  return set_party(b, lookup, "buyer", e.by);
}

// The parties, product and fixed terms of a consumption contract, which later events do not carry.
Status consumption_terms(const std::string& id, Lookup& lookup, RowBuilder& b, json* record) {
  auto cc = lookup.consumption(id);
  if (!cc.ok() && cc.status().code() != Code::kNotFound) return cc.status();
  *record = cc.ok() ? cc->value("consumption", json::object()) : json::object();
  b.copy(*record, {"contract_id", "unit", "unit_price_vnd", "deliver_from", "deliver_to"});
  LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "buyer", record->value("buyer", "")));
  LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "seller", record->value("seller", "")));
  return set_product(b, lookup, record->value("product_id", ""));
}

Status consumption_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  json record;
  if (e.type == "offtake.consumption.signed") {
    const json& c = e.data.value("consumption", json::object());
    b.copy(c, {"contract_id", "unit", "quantity", "unit_price_vnd", "value_vnd", "deliver_from", "deliver_to",
               "paid_vnd"});
    b.set("consumption_id", c.value("id", ""));
    b.set("status", "signed");
    LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "buyer", c.value("buyer", "")));
    LIENKET_RETURN_IF_ERROR(set_party(b, lookup, "seller", c.value("seller", "")));
    return set_product(b, lookup, c.value("product_id", ""));
  }
  const std::string id = e.data.value("consumption_id", "");
  LIENKET_RETURN_IF_ERROR(consumption_terms(id, lookup, b, &record));
  b.set("consumption_id", id);
  b.set("status", last_word(e.type));
  b.copy(record, {"value_vnd", "quantity"});
  b.copy(e.data, {"quantity", "value_vnd", "paid_vnd", "at_fault", "reason"});
  return Status::Ok();
}

Status delivery_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  json record;
  const std::string id = e.data.value("consumption_id", "");
  LIENKET_RETURN_IF_ERROR(consumption_terms(id, lookup, b, &record));
  b.set("consumption_id", id);
  b.set("status", e.type == "offtake.delivery.recorded" ? std::string("pending") : last_word(e.type));
  const auto no = e.data.value("delivery_no", std::int64_t{0});
  // Quantity, date and lot of a delivery never change after it is recorded: take them from the record.
  for (const auto& d : record.value("deliveries", json::array()))
    if (d.value("no", std::int64_t{-1}) == no) b.copy(d, {"quantity", "date", "lot_id"});
  b.copy(e.data, {"delivery_no", "quantity", "date", "lot_id", "grade", "reason"});
  return Status::Ok();
}

Status product_row(const Event& e, Lookup& lookup, RowBuilder& b) {
  const json& p = e.data.value("product", json::object());
  b.set("product_id", p.value("id", ""));
  b.set("product_name", p.value("name", ""));
  b.copy(p, {"category", "unit", "ocop_stars", "certifications", "gtin", "registered_at"});
  return set_party(b, lookup, "owner", p.value("owner", ""));
}

}  // namespace

const std::vector<FileSpec>& export_files() {
  static const std::vector<FileSpec> kFiles = {
      {ExportFile::kContracts, "contracts.csv",
       {"seq", "at", "event", "contract_id", "buyer", "buyer_name", "product_id", "product_name", "category", "unit",
        "quantity", "unit_price_vnd", "deliver_from", "deliver_to", "province", "min_ocop_stars", "certifications",
        "max_distance_km", "min_lot", "status", "released", "note"}},
      {ExportFile::kConsumptions, "consumptions.csv",
       {"seq", "at", "event", "consumption_id", "contract_id", "buyer", "buyer_name", "seller", "seller_name",
        "product_id", "product_name", "unit", "quantity", "unit_price_vnd", "value_vnd", "deliver_from", "deliver_to",
        "status", "paid_vnd", "at_fault", "reason"}},
      {ExportFile::kDeliveries, "deliveries.csv",
       {"seq", "at", "event", "consumption_id", "delivery_no", "contract_id", "buyer", "buyer_name", "seller",
        "seller_name", "product_id", "product_name", "unit", "quantity", "date", "lot_id", "status", "grade",
        "reason"}},
      {ExportFile::kProducts, "products.csv",
       {"seq", "at", "event", "product_id", "product_name", "owner", "owner_name", "category", "unit", "ocop_stars",
        "certifications", "gtin", "registered_at"}},
  };
  return kFiles;
}

std::optional<ExportFile> file_for(std::string_view t) {
  if (t == "offtake.contract.posted" || t == "offtake.contract.cancelled") return ExportFile::kContracts;
  if (t == "offtake.consumption.signed" || t == "offtake.consumption.fulfilled" ||
      t == "offtake.consumption.breached")
    return ExportFile::kConsumptions;
  if (t == "offtake.delivery.recorded" || t == "offtake.delivery.accepted" || t == "offtake.delivery.rejected")
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
    case ExportFile::kContracts: st = contract_row(e, lookup, b); break;
    case ExportFile::kConsumptions: st = consumption_row(e, lookup, b); break;
    case ExportFile::kDeliveries: st = delivery_row(e, lookup, b); break;
    case ExportFile::kProducts: st = product_row(e, lookup, b); break;
  }
  if (!st.ok()) return st;
  return b.take();
}

}  // namespace lienket::csvconn
