#include "node_lookup.hpp"

namespace lienket::csvconn {

using nlohmann::json;

Result<json> NodeLookup::ask(const std::string& type, const json& body) {
  // By value: the node may still run the work after this thread stopped waiting.
  auto answer = host_.run([type, body](Context& cx) { return cx.call(type, body); });
  try {
    if (answer.wait_for(timeout_) != std::future_status::ready)
      return Status::Unavailable(type + " did not answer in time");
    auto r = answer.get();
    if (r.ok() || r.status().code() == Code::kNotFound) return r;
    return Status::Unavailable(type + ": " + std::string(code_name(r.status().code())) + " " +
                               r.status().message());
  } catch (...) {  // a node that stops breaks the promise
    return Status::Unavailable(type + ": the node is stopping");
  }
}

Result<json> NodeLookup::cached(std::map<std::string, json>& cache, const std::string& type,
                                const std::string& id) {
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  auto r = ask(type, {{"id", id}});
  if (r.ok()) cache.emplace(id, *r);
  return r;
}

Result<json> NodeLookup::party(const std::string& id) { return cached(parties_, "party.get", id); }
Result<json> NodeLookup::product(const std::string& id) {
  return cached(products_, "product.get", id);
}
Result<json> NodeLookup::consumption(const std::string& id) {
  return ask("offtake.consumption.get", {{"consumption_id", id}});
}

}  // namespace lienket::csvconn
