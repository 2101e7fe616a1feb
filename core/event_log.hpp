// The node's event log: every state change appends {"seq","type","at","by","data"} with a global,
// gap-free, monotonic seq. Appends go into the command's transaction, so an event exists exactly
// when its state change does; the seq counter lives in the same batch, so a rolled-back command
// gives its numbers back and a crash leaves no gap.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "lienket/message.hpp"
#include "transaction.hpp"

namespace lienket::core {

class EventLog {
 public:
  static Result<EventLog> open(Database& db);

  // Appends an event to `txn` (and to txn.events(), with its stored text in txn.event_records(),
  // for publishing after commit); returns its seq.
  Result<std::uint64_t> append(Transaction& txn, std::string type, std::string by, std::string at,
                               nlohmann::json data);
  // Events with seq > after_seq whose type starts with prefix, at most `limit`, reading at most
  // `scan_limit` entries; `next_after` is where to continue (the last seq examined).
  struct Page {
    std::vector<Event> events;
    std::uint64_t next_after = 0;
    std::uint64_t last_seq = 0;
  };
  Result<Page> since(Transaction& txn, std::uint64_t after_seq, std::size_t limit,
                     const std::string& prefix, std::size_t scan_limit);
  Result<std::uint64_t> last_seq(Transaction& txn);

  static nlohmann::json to_json(const Event& e);
  // The stored and published text of an event: to_json(e).dump(), built without the copy.
  static std::string record_text(const Event& e);
  static Result<Event> from_json(const std::string& text);

 private:
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* events_ = nullptr;
};

}  // namespace lienket::core
