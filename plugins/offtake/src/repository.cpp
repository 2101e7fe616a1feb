#include "repository.hpp"

#include <cstdio>

#include "lienket/time.hpp"

namespace lienket::offtake {
namespace {

std::string_view id_prefix(std::string_view kind) {
  if (kind == "contract") return "ct-";
  if (kind == "offer") return "of-";
  if (kind == "proposal") return "pr-";
  return "cc-";
}

}  // namespace

Result<std::string> new_id(Context& cx, std::string_view kind) {
  auto n = cx.store().next_id(kind);
  if (!n.ok()) return n.status();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(*n));
  return std::string(id_prefix(kind)) + buf;
}

std::string record_key(std::string_view kind, std::string_view id) {
  return std::string(kind) + "/" + std::string(id);
}

Result<json> load(Context& cx, std::string_view kind, std::string_view id, std::string_view field) {
  auto j = cx.store().get_json(record_key(kind, id));
  if (!j.ok()) return j.status();
  if (!j->has_value())
    return Status::NotFound(std::string(kind) + " " + std::string(id) + " not found",
                            std::string(field));
  return std::move(**j);
}

Status save(Context& cx, std::string_view kind, const json& record) {
  return cx.store().put_json(record_key(kind, record.at("id").get<std::string>()), record);
}

Result<json> acting_party(Call& c, std::initializer_list<std::string_view> kinds,
                          std::string_view action) {
  if (c.req.as.empty()) return Status::Unauthenticated("an acting party (as) is required", "as");
  auto party = c.cx.registry().party(c.req.as);
  if (!party.ok()) return Status::Unauthenticated("party " + c.req.as + " is not registered", "as");
  const std::string kind = party->value("kind", "");
  for (auto k : kinds)
    if (kind == k) return party;
  return Status::PermissionDenied("a " + kind + " may not " + std::string(action), "as");
}

Status require_party(Call& c, const std::string& owner, std::string_view role) {
  if (c.req.as.empty()) return Status::Unauthenticated("an acting party (as) is required", "as");
  if (c.req.as != owner)
    return Status::PermissionDenied("only the " + std::string(role) + " " + owner + " may do this",
                                    "as");
  return Status::Ok();
}

json read_place(Fields& f, std::string_view key) {
  Fields p = f.object(key);
  p.only({"province", "lat", "lon"});
  json place = {{"province", p.str("province", 100)},
                {"lat", p.number("lat", -90, 90)},
                {"lon", p.number("lon", -180, 180)}};
  return place;
}

std::optional<std::string> read_grade(Fields& f) {
  auto grade = f.opt_str("grade", 100);
  if (!grade) return grade;
  const auto first = grade->find_first_not_of(" \t");
  if (first == std::string::npos) return f.fail("grade", "must not be blank"), std::nullopt;
  return grade->substr(first, grade->find_last_not_of(" \t") - first + 1);
}

std::string now_text(Context& cx) { return format_time(cx.now_ms()); }

Result<json> list_records(Context& cx, std::string_view kind, std::string_view plural, Fields& f,
                          const std::function<bool(const json&)>& keep) {
  const auto limit = f.opt_integer("limit", 1, kMaxListLimit).value_or(50);
  const auto after = f.opt_id("after").value_or("");
  if (!f.ok()) return f.status();
  json items = json::array();
  std::string last;
  bool more = false;
  Status bad;
  const std::string prefix = std::string(kind) + "/";
  auto st = cx.store().scan(prefix, after.empty() ? "" : prefix + after,
                            [&](std::string_view, std::string_view value) {
                              auto j = json::parse(value, nullptr, false);
                              if (j.is_discarded())
                                return bad = Status::Internal("corrupt record"), false;
                              if (!keep(j)) return true;
                              if (static_cast<std::int64_t>(items.size()) == limit)
                                return more = true, false;
                              last = j.value("id", "");
                              items.push_back(std::move(j));
                              return true;
                            });
  if (!st.ok()) return st;
  if (!bad.ok()) return bad;
  json out = {{std::string(plural), items}};
  if (more) out["next_after"] = last;
  return out;
}

Status for_each(Context& cx, std::string_view kind,
                const std::function<Status(const json&)>& visit) {
  Status result;
  auto st =
      cx.store().scan(std::string(kind) + "/", "", [&](std::string_view, std::string_view value) {
        auto j = json::parse(value, nullptr, false);
        result = j.is_discarded() ? Status::Internal("corrupt " + std::string(kind) + " record")
                                  : visit(j);
        return result.ok();
      });
  return st.ok() ? result : st;
}

std::int64_t transport_cost_vnd(std::int64_t distance_m, std::int64_t quantity,
                                const std::string& unit, std::int64_t vnd_per_kg_km) {
  // g/ml: (m / 1000) km x (q / 1000) kg; a piece counts as one kg.
  const __int128 scale = unit == "piece" ? 1000 : 1'000'000;
  const __int128 v = static_cast<__int128>(distance_m) * quantity * vnd_per_kg_km;
  return static_cast<std::int64_t>((v + scale / 2) / scale);
}

}  // namespace lienket::offtake
