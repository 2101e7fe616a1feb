#include "event_repository.hpp"

#include <charconv>
#include <set>

#include "canonical_event.hpp"
#include "event_hash.hpp"
#include "gs1_keys.hpp"
#include "legacy_event_hash.hpp"
#include "lienket/util/sha256.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

std::string seq_key(std::int64_t seq) { return "e/" + key_number(static_cast<std::uint64_t>(seq)); }

void add_ids(std::vector<std::pair<std::string, std::string>>& out, const json& ev,
             const char* list, const char* role) {
  if (!ev.contains(list) || !ev[list].is_array()) return;
  for (const auto& e : ev[list]) {
    if (e.is_string())
      out.emplace_back(canonical_identifier(e.get<std::string>()), role);
    else if (e.is_object() && e.contains("epcClass") && e["epcClass"].is_string())
      out.emplace_back(canonical_identifier(e["epcClass"].get<std::string>()), role);
  }
}

std::string ilmd_text(const json& ilmd, const char* key) {
  if (!ilmd.is_object() || !ilmd.contains(key)) return "";
  const auto& v = ilmd[key];
  return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : "";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> identifiers_of(const json& ev) {
  std::vector<std::pair<std::string, std::string>> out;
  add_ids(out, ev, "epcList", "epc");
  add_ids(out, ev, "quantityList", "epc");
  add_ids(out, ev, "childEPCs", "child");
  add_ids(out, ev, "childQuantityList", "child");
  add_ids(out, ev, "inputEPCList", "input");
  add_ids(out, ev, "inputQuantityList", "input");
  add_ids(out, ev, "outputEPCList", "output");
  add_ids(out, ev, "outputQuantityList", "output");
  if (ev.contains("parentID") && ev["parentID"].is_string())
    out.emplace_back(canonical_identifier(ev["parentID"].get<std::string>()), "parent");
  for (const char* loc : {"readPoint", "bizLocation"})
    if (ev.contains(loc) && ev[loc].is_object() && ev[loc].contains("id") &&
        ev[loc]["id"].is_string())
      out.emplace_back(canonical_identifier(ev[loc]["id"].get<std::string>()), "location");
  for (const char* list : {"sourceList", "destinationList"}) {
    if (!ev.contains(list) || !ev[list].is_array()) continue;
    std::string item = std::string(list).substr(0, std::string(list).size() - 4);
    for (const auto& e : ev[list])
      if (e.is_object() && e.contains(item) && e[item].is_string())
        out.emplace_back(canonical_identifier(e[item].get<std::string>()), "party");
  }
  if (ev.contains("bizTransactionList") && ev["bizTransactionList"].is_array())
    for (const auto& e : ev["bizTransactionList"])
      if (e.is_object() && e.contains("bizTransaction") && e["bizTransaction"].is_string())
        out.emplace_back(e["bizTransaction"].get<std::string>(), "transaction");
  return out;
}

std::string lot_number_of(const std::string& id) {
  static const std::string kUrn = "urn:lienket:lot:";
  if (id.rfind(kUrn, 0) == 0) return id.substr(kUrn.size());
  auto at = id.find("/10/");
  if (at == std::string::npos || id.find("/01/") == std::string::npos) return "";
  std::string lot = id.substr(at + 4);
  return lot.substr(0, lot.find_first_of("/?#"));
}

Status EventRepository::put_index(const std::string& key, const std::string& value) {
  // Index keys hold identifiers: bound their size so that one odd URI cannot bloat the store.
  if (key.size() > 1024) return Status::Ok();
  return store_.put(key, value);
}

Status EventRepository::put_marker(const std::string& key) {
  // The events around a lot name it several times in one document.
  if (!markers_.insert(key).second) return Status::Ok();
  return put_index(key, "");
}

Status EventRepository::index(const json& ev, std::int64_t seq) {
  std::string s = key_number(static_cast<std::uint64_t>(seq));
  auto ids = identifiers_of(ev);
  for (const auto& [id, role] : ids) {
    LIENKET_RETURN_IF_ERROR(put_index("x/" + id + "|" + s, role));
    if (auto lot = lot_number_of(id); !lot.empty())
      LIENKET_RETURN_IF_ERROR(put_marker("lot/" + lot + "|" + id));
  }
  // No edge keys: a walk reads the events naming a lot anyway, and their inputs and outputs are
  // its edges (genealogy_walk.hpp).

  // Plots named in lot master data: the recall by plot starts from them.
  if (ev.contains("ilmd")) {
    std::string plot = ilmd_text(ev["ilmd"], "lk:plot");
    if (!plot.empty())
      for (const auto& [id, role] : ids)
        if (role == "epc" || role == "output")
          LIENKET_RETURN_IF_ERROR(put_marker("plot/" + plot + "|" + id));
  }
  return Status::Ok();
}

// The stored event with this hash, if any. An error declaration hashes as the event it declares
// in error (it repeats the event with an errorDeclaration added, CBV 2.0 section 8.9) but is news:
// it is a duplicate only of a stored error declaration.
Result<std::optional<json>> EventRepository::already_stored(const std::string& hash,
                                                            bool error_declaration) {
  auto existing = store_.get("h/" + hash);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) return std::optional<json>();
  std::int64_t seq = 0;
  const std::string& text = **existing;
  std::from_chars(text.data(), text.data() + text.size(), seq);
  auto rec = record(seq);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) return std::optional<json>();
  const json& ev = (**rec)["event"];
  if (error_declaration && !ev.contains("errorDeclaration")) return std::optional<json>();
  return std::optional<json>(ev);
}

namespace {

// A stored record, {"captured_at","context","event","hash","link","prev","seq"}, written as
// put_json wrote it (keys in order) but without copying the event into a record object first.
std::string record_text(const json& event, const json& context, const std::string& hash,
                        const std::string& prev, const std::string& link, std::int64_t seq,
                        const std::string& captured_at) {
  std::string out = "{\"captured_at\":" + json(captured_at).dump();
  if (context != json(kDefaultContext)) out += ",\"context\":" + context.dump();
  out += ",\"event\":" + event.dump();
  out += ",\"hash\":" + json(hash).dump();
  out += ",\"link\":" + json(link).dump();
  out += ",\"prev\":" + json(prev).dump();
  out += ",\"seq\":" + std::to_string(seq) + "}";
  return out;
}

}  // namespace

std::string chain_link(const std::string& prev, const std::string& hash) {
  return util::sha256_hex(prev + hash);
}

Result<Appended> EventRepository::append(json event, const json& context,
                                         const std::string& captured_at) {
  std::vector<Capture> one;
  one.push_back({std::move(event), context});
  auto a = append(std::move(one), captured_at);
  if (!a.ok()) return a.status();
  return std::move(a->front());
}

Result<std::vector<Appended>> EventRepository::append(std::vector<Capture> events,
                                                      const std::string& captured_at) {
  auto stored = store_.get_json("#head");
  if (!stored.ok()) return stored.status();
  Head head;
  if (stored->has_value()) {
    head.seq = (**stored).value("seq", std::int64_t{0});
    head.link = (**stored).value("link", "");
  }
  // The counter trace.verify's records are numbered by (Store::next_id's key): read once.
  auto counter = store_.get("#seq/event");
  if (!counter.ok()) return counter.status();
  if (counter->has_value()) head.seq = std::stoll(**counter);
  const std::int64_t first = head.seq;
  std::vector<Appended> out;
  for (auto& c : events) {
    auto a = append_one(std::move(c.event), c.context, captured_at, head);
    if (!a.ok()) return a.status();
    out.push_back(std::move(*a));
  }
  if (head.seq == first) return out;
  LIENKET_RETURN_IF_ERROR(store_.put("#seq/event", std::to_string(head.seq)));
  LIENKET_RETURN_IF_ERROR(store_.put_json("#head", {{"seq", head.seq}, {"link", head.link}}));
  return out;
}

Result<Appended> EventRepository::append_one(json event, const json& given_context,
                                             const std::string& captured_at, Head& head) {
  // The context that expands the event's extension prefixes; verify must use the same one.
  const json context = !given_context.is_null()     ? given_context
                       : event.contains("@context") ? event["@context"]
                                                    : json(kDefaultContext);
  // Stored in the spelling exports need (the same hash: only spellings change).
  event = canonical_jsonld(std::move(event));
  Appended a;
  a.hash = event_hash_id(event, context);
  auto stored = already_stored(a.hash, event.contains("errorDeclaration"));
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) {
    // The same event again (a retry, or another spelling of it): its ID is the stored one's, which
    // a query finds, even when this copy named another.
    a.duplicate = true;
    a.event_id = (**stored).value("eventID", a.hash);
    return a;
  }
  if (!event.contains("eventID")) event["eventID"] = a.hash;
  a.event_id = event["eventID"].get<std::string>();
  a.seq = ++head.seq;
  const std::string prev = std::move(head.link);
  head.link = chain_link(prev, a.hash);
  LIENKET_RETURN_IF_ERROR(store_.put(
      seq_key(a.seq), record_text(event, context, a.hash, prev, head.link, a.seq, captured_at)));
  LIENKET_RETURN_IF_ERROR(store_.put("h/" + a.hash, std::to_string(a.seq)));
  LIENKET_RETURN_IF_ERROR(index(event, a.seq));
  return a;
}

json exported_event(const json& record) {
  json event = canonical_jsonld(record.value("event", json::object()));
  if (record.contains("captured_at")) event["recordTime"] = record["captured_at"];
  return event;
}

Result<std::optional<json>> EventRepository::record(std::int64_t seq) {
  return store_.get_json(seq_key(seq));
}

Result<std::vector<std::string>> EventRepository::suffixes(const std::string& prefix) {
  std::vector<std::string> out;
  auto st = store_.scan(prefix, "", [&](std::string_view key, std::string_view) {
    out.emplace_back(key.substr(prefix.size()));
    return true;
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<std::int64_t>> EventRepository::events_of(const std::string& id) {
  auto keys = suffixes("x/" + id + "|");
  if (!keys.ok()) return keys.status();
  std::vector<std::int64_t> out;
  for (const auto& k : *keys) out.push_back(std::stoll(k));
  return out;
}

Result<std::vector<std::string>> EventRepository::ids_of_lot(const std::string& lot) {
  return suffixes("lot/" + lot + "|");
}
Result<std::vector<std::string>> EventRepository::ids_of_plot(const std::string& plot) {
  return suffixes("plot/" + plot + "|");
}

Status EventRepository::scan(std::int64_t after, const std::function<bool(const json&)>& visit) {
  Status inner;
  auto st = store_.scan("e/", after > 0 ? seq_key(after) : "",
                        [&](std::string_view, std::string_view value) {
                          auto rec = json::parse(value, nullptr, false);
                          if (rec.is_discarded()) {
                            inner = Status::Internal("corrupt trace record");
                            return false;
                          }
                          return visit(rec);
                        });
  return st.ok() ? inner : st;
}

bool record_hash_holds(const json& rec) {
  const json ctx = rec.contains("context") ? rec["context"] : json(kDefaultContext);
  const json& event = rec.contains("event") ? rec["event"] : json::object();
  const std::string stored = rec.value("hash", "");
  return event_hash_id(event, ctx) == stored || legacy_event_hash_id(event, ctx) == stored;
}

Result<VerifyReport> EventRepository::verify_records(const std::vector<std::int64_t>& seqs) {
  VerifyReport r;
  auto head = store_.get_json("#head");
  if (!head.ok()) return head.status();
  const std::int64_t head_seq = head->has_value() ? (**head).value("seq", std::int64_t{0}) : 0;
  r.head = head->has_value() ? (**head).value("link", "") : "";
  auto fail = [&](std::int64_t seq, std::string reason) {
    r.ok = false;
    r.bad_seq = seq;
    r.reason = std::move(reason);
    return r;
  };
  for (std::int64_t seq : seqs) {
    auto rec = record(seq);
    if (!rec.ok()) return rec.status();
    if (!rec->has_value()) return fail(seq, "event " + std::to_string(seq) + " is missing");
    const json& one = **rec;
    std::string hash = one.value("hash", "");
    if (!record_hash_holds(one)) return fail(seq, "the stored event no longer matches its hash");
    std::string prev = one.value("prev", "");
    std::string link = chain_link(prev, hash);
    if (one.value("link", "") != link) return fail(seq, "the chain link does not match");
    std::string before;
    if (seq > 1) {
      auto p = record(seq - 1);
      if (!p.ok()) return p.status();
      if (!p->has_value()) return fail(seq - 1, "event " + std::to_string(seq - 1) + " is missing");
      before = (**p).value("link", "");
    }
    if (prev != before) return fail(seq, "the link to the previous event is broken");
    std::string after;
    if (seq < head_seq) {
      auto n = record(seq + 1);
      if (!n.ok()) return n.status();
      if (!n->has_value()) return fail(seq + 1, "event " + std::to_string(seq + 1) + " is missing");
      after = (**n).value("prev", "");
    } else {
      after = r.head;
    }
    if (after != link) return fail(seq, "the next event does not follow this one");
    ++r.events;
  }
  return r;
}

}  // namespace lienket::trace
