#include "event_log.hpp"

#include "lienket/store.hpp"
#include "lienket/util/json_text.hpp"

namespace lienket::core {

namespace {
constexpr const char* kLastSeqKey = "event_log.last_seq";
}

Result<EventLog> EventLog::open(Database& db) {
  EventLog log;
  auto meta = db.family("meta");
  if (!meta.ok()) return meta.status();
  auto events = db.family("events");
  if (!events.ok()) return events.status();
  log.meta_ = *meta;
  log.events_ = *events;
  return log;
}

Result<std::uint64_t> EventLog::last_seq(Transaction& txn) {
  // Every event appended in this group is in txn.events(), and a rollback removes it from there
  // with its writes: the group's own last event is the log's last, without a read.
  if (!txn.events().empty()) return txn.events().back().seq;
  auto v = txn.get(meta_, kLastSeqKey);
  if (!v.ok()) return v.status();
  return v->has_value() ? std::stoull(**v) : 0ULL;
}

Result<std::uint64_t> EventLog::append(Transaction& txn, std::string type, std::string by,
                                       std::string at, nlohmann::json data) {
  auto last = last_seq(txn);
  if (!last.ok()) return last.status();
  Event e{*last + 1, std::move(type), std::move(at), std::move(by), std::move(data)};
  LIENKET_RETURN_IF_ERROR(txn.put(meta_, kLastSeqKey, std::to_string(e.seq)));
  auto record = record_text(e);
  LIENKET_RETURN_IF_ERROR(txn.put(events_, key_number(e.seq), record));
  auto seq = e.seq;
  txn.events().push_back(std::move(e));
  txn.event_records().resize(txn.events().size() - 1);  // events pushed by hand have no record
  txn.event_records().push_back(std::move(record));
  return seq;
}

Result<EventLog::Page> EventLog::since(Transaction& txn, std::uint64_t after_seq, std::size_t limit,
                                       const std::string& prefix, std::size_t scan_limit) {
  Page page;
  auto last = last_seq(txn);
  if (!last.ok()) return last.status();
  page.last_seq = *last;
  page.next_after = after_seq;
  std::size_t scanned = 0;
  Status inner = Status::Ok();
  auto st = txn.scan(events_, "", key_number(after_seq), [&](std::string_view, std::string_view v) {
    auto e = from_json(std::string(v));
    if (!e.ok()) {
      inner = e.status();
      return false;
    }
    page.next_after = e->seq;
    if (e->type.compare(0, prefix.size(), prefix) == 0) page.events.push_back(std::move(*e));
    return page.events.size() < limit && ++scanned < scan_limit;
  });
  LIENKET_RETURN_IF_ERROR(st);
  LIENKET_RETURN_IF_ERROR(inner);
  return page;
}

// to_json(e).dump(), without copying the data into a new tree first (keys in nlohmann's order).
std::string EventLog::record_text(const Event& e) {
  std::string out = "{\"at\":";
  bool ok = util::append_json_text(e.at, out);
  out += ",\"by\":";
  ok = ok && util::append_json_text(e.by, out);
  out += ",\"data\":";
  ok = ok && util::append_json_text(e.data, out);
  out += ",\"seq\":" + std::to_string(e.seq) + ",\"type\":";
  ok = ok && util::append_json_text(e.type, out);
  out += '}';
  return ok ? out : to_json(e).dump();  // dump() throws for the text that is not UTF-8
}

nlohmann::json EventLog::to_json(const Event& e) {
  return {{"seq", e.seq}, {"type", e.type}, {"at", e.at}, {"by", e.by}, {"data", e.data}};
}

Result<Event> EventLog::from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Internal("corrupt event record");
  Event e;
  e.seq = j.value("seq", 0ULL);
  e.type = j.value("type", "");
  e.at = j.value("at", "");
  e.by = j.value("by", "");
  e.data = j.value("data", nlohmann::json::object());
  return e;
}

}  // namespace lienket::core
