#include "idempotency.hpp"

#include <cstdint>
#include <cstdio>

namespace lienket::core {

Result<Idempotency> Idempotency::open(Database& db) {
  Idempotency i;
  auto cf = db.family("idempotency");
  if (!cf.ok()) return cf.status();
  i.cf_ = *cf;
  return i;
}

std::string Idempotency::fingerprint(const Request& r) {
  // The type and a hash of the canonical body (nlohmann sorts object keys) identify "the same
  // request". FNV-1a: stable across builds and platforms, unlike std::hash.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : r.body.dump()) h = (h ^ c) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return r.type + ':' + hex;
}

Result<std::optional<nlohmann::json>> Idempotency::lookup(Transaction& txn, const Request& r) {
  auto v = txn.get(cf_, key(r));
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<nlohmann::json>{};
  auto rec = nlohmann::json::parse(**v, nullptr, false);
  if (rec.is_discarded()) return Status::Internal("corrupt idempotency record");
  if (rec.value("fingerprint", "") != fingerprint(r))
    return Status::InvalidArgument("idempotency_key was already used for a different request",
                                   "idempotency_key");
  nlohmann::json reply = rec["reply"];
  reply["id"] = r.id;
  return std::optional<nlohmann::json>{std::move(reply)};
}

Status Idempotency::record(Transaction& txn, const Request& r, const nlohmann::json& reply) {
  nlohmann::json rec = {{"fingerprint", fingerprint(r)}, {"reply", reply}};
  return txn.put(cf_, key(r), rec.dump());
}

}  // namespace lienket::core
