#include "node_lookup.hpp"

namespace lienket::csvconn {

using nlohmann::json;

Result<json> NodeLookup::ask(const std::string& type, const json& body) {
  Request r;
  r.id = "csv-export";
  r.type = type;
  r.body = body;
  auto reply = host_.submit(std::move(r));
  if (reply.wait_for(timeout_) != std::future_status::ready)
    return Status::Unavailable(type + " did not answer in time");
  json env = reply.get();
  if (env.value("ok", false)) return env.value("result", json::object());
  const json err = env.value("error", json::object());
  const std::string code = err.value("code", "");
  if (code == "not_found") return Status::NotFound(err.value("message", ""));
  return Status::Unavailable(type + ": " + code + " " + err.value("message", ""));
}

Result<json> NodeLookup::cached(std::map<std::string, json>& cache, const std::string& type, const std::string& id) {
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  auto r = ask(type, {{"id", id}});
  if (r.ok()) cache.emplace(id, *r);
  return r;
}

Result<json> NodeLookup::party(const std::string& id) { return cached(parties_, "party.get", id); }
Result<json> NodeLookup::product(const std::string& id) { return cached(products_, "product.get", id); }
Result<json> NodeLookup::consumption(const std::string& id) {
  return ask("offtake.consumption.get", {{"consumption_id", id}});
}

}  // namespace lienket::csvconn
