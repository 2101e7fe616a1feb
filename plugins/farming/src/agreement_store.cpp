#include "agreement_store.hpp"

#include "common.hpp"
#include "lienket/store.hpp"

namespace lienket::farming {

std::string agreement_key(const std::string& id) { return "agr/" + id; }

std::string agreement_version_key(const std::string& id, std::int64_t version) {
  return number_key("agrv/" + id + "/", version);
}

Result<json> load_agreement_head(Store& store, const std::string& id, std::string_view field) {
  return load(store, agreement_key(id), "agreement", id, field);
}

Result<json> load_agreement_version(Store& store, const std::string& id, std::int64_t version) {
  return load(store, agreement_version_key(id, version), "agreement version",
              id + " v" + std::to_string(version), "body.version");
}

Result<events::Agreement> load_agreement(Store& store, const std::string& id,
                                         std::int64_t version) {
  auto j = load_agreement_version(store, id, version);
  if (!j.ok()) return j.status();
  return decode_record<events::Agreement>(*j, "agreement version");
}

Status save_agreement(Store& store, const events::Agreement& version) {
  return store.put_json(agreement_version_key(version.id, version.version), json(version));
}

Result<json> agreement_in_force(Store& store, const json& head, std::string_view field) {
  const std::string id = head["id"];
  if (head.value("settled", false))
    return Status::FailedPrecondition("agreement " + id + " is settled; the season is closed",
                                      std::string(field));
  const std::int64_t v = head.value("in_force", std::int64_t{0});
  if (v == 0)
    return Status::FailedPrecondition(
        "agreement " + id + " is not yet signed by both the enterprise and the cooperative",
        std::string(field));
  return load_agreement_version(store, id, v);
}

Status require_agreement_party(const Request& r, const json& head, std::string_view role) {
  const std::string id = head["id"];
  if (r.as.empty()) return Status::Unauthenticated(r.type + " needs an acting party", "as");
  if (role.empty()) {
    if (r.as == head["enterprise"] || r.as == head["cooperative"]) return Status::Ok();
    return Status::PermissionDenied(r.as + " is not a party to agreement " + id, "as");
  }
  if (r.as == head[std::string(role)]) return Status::Ok();
  return Status::PermissionDenied(r.type + " is for the " + std::string(role) + " of agreement " +
                                      id + " (" + head[std::string(role)].get<std::string>() +
                                      "), not " + r.as,
                                  "as");
}

Status touch_agreement(Store& store, json& head) {
  head["revision"] = head.value("revision", std::int64_t{0}) + 1;
  return store.put_json(agreement_key(head["id"]), head);
}

}  // namespace lienket::farming
