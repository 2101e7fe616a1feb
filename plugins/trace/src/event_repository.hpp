// The plugin's stored EPCIS history, in its store namespace. Every event is kept as captured, in
// the JSON-LD spelling GS1's schema wants (canonical_event.hpp), with its event hash and a hash
// chain:
//   e/<seq>              {"seq","event","context","hash","prev","link","captured_at"}
//   #head                {"seq","link"}                  the last link of the chain
//   #verified            {"seq","link"}                  the chain checked intact up to here
//                                                        (chain_verification.hpp)
//   h/<hash>             seq                             one stored copy per hash (the error
//                                                        declaration of an event after it)
//   x/<id>|<seq>         role                            every identifier an event names
//   (in/<out>|<in>, out/<in>|<out>                       genealogy edges: written by earlier
//                                                        versions, no longer read or written; a
//                                                        walk reads edges off the events,
//                                                        genealogy_walk.hpp)
//   lot/<lot>|<id>, plot/<plot>|<id>                     bare lot numbers and plots -> identifiers
// link = sha256(prev + hash): changing, removing or reordering any stored event breaks verify().
// Identifiers are compared in canonical form (gs1_keys.hpp: EPC URNs -> id.gs1.org Digital Links).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket::trace {

inline constexpr const char* kLienketNamespace = "https://lienket.vn/epcis/";  // the "lk:" prefix
inline constexpr const char* kDefaultContext =
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

struct Appended {
  std::int64_t seq = 0;  // 0 when the event was already stored (a duplicate)
  std::string event_id;
  std::string hash;
  bool duplicate = false;
};

// One event to store and the context that expands its extension prefixes (null: the event's own
// "@context", or the standard context).
struct Capture {
  nlohmann::json event;
  nlohmann::json context;
};

struct VerifyReport {
  bool ok = true;
  std::int64_t events = 0;
  std::int64_t bad_seq = 0;  // first broken record
  std::string reason;
  std::string head;
};

class EventRepository {
 public:
  explicit EventRepository(Store& store) : store_(store) {}

  // Stores a validated event (adds eventID = hash when absent) and indexes it. An event whose
  // hash is already stored is not stored again, unless it declares the stored one in error
  // (errorDeclaration: same hash, same eventID, stored after it).
  Result<Appended> append(nlohmann::json event, const nlohmann::json& context,
                          const std::string& captured_at);
  // The same for several events, in order, as one command stores a document: the chain's head and
  // the sequence counter are read and written once, each event serialised once.
  Result<std::vector<Appended>> append(std::vector<Capture> events, const std::string& captured_at);

  Result<std::optional<nlohmann::json>> record(std::int64_t seq);
  // Sequence numbers of the events naming `canonical_id`, ascending.
  Result<std::vector<std::int64_t>> events_of(const std::string& canonical_id);
  // Identifiers of a bare lot number or of a plot.
  Result<std::vector<std::string>> ids_of_lot(const std::string& lot);
  Result<std::vector<std::string>> ids_of_plot(const std::string& plot);
  // Visits records with seq > after in order until visit returns false.
  Status scan(std::int64_t after, const std::function<bool(const nlohmann::json&)>& visit);

  // The checks of trace.verify (chain_verification.hpp) for the records `seqs` only, each against
  // its neighbours in the chain (the record before it ends where it starts, the record after it, or
  // the head, starts where it ends): cheap enough for a page view, and an edited, removed or
  // reordered record among them fails. `events` counts the records checked.
  Result<VerifyReport> verify_records(const std::vector<std::int64_t>& seqs);

 private:
  struct Head {
    std::int64_t seq = 0;  // the last stored event's
    std::string link;
  };
  Result<std::optional<nlohmann::json>> already_stored(const std::string& hash,
                                                       bool error_declaration);
  Result<Appended> append_one(nlohmann::json event, const nlohmann::json& context,
                              const std::string& captured_at, Head& head);
  Status index(const nlohmann::json& event, std::int64_t seq);
  Status put_index(const std::string& key, const std::string& value);
  // An index entry that only says "this exists" (lot/, plot/): written once per command.
  Status put_marker(const std::string& key);
  Result<std::vector<std::string>> suffixes(const std::string& prefix);

  Store& store_;
  std::unordered_set<std::string> markers_;  // put_marker's keys written by this repository
};

// The record's event still hashes to its stored hash: the event hash, or for a record stored by
// version 0.2 or earlier the hash it was stored with (legacy_event_hash.hpp).
bool record_hash_holds(const nlohmann::json& record);
// The chain's link of an event: sha256(link of the event before + its hash).
std::string chain_link(const std::string& prev, const std::string& hash);

// The event of a stored record as the plugin hands it out (exports, queries): in the spelling
// GS1's JSON schema wants (canonical_event.hpp; records stored before capture canonicalised too),
// with recordTime the time this node recorded it.
nlohmann::json exported_event(const nlohmann::json& record);

// The canonical identifiers an event names, with their role: "epc", "parent", "child", "input",
// "output", "location" (readPoint/bizLocation), "party" (source/destination), "transaction".
std::vector<std::pair<std::string, std::string>> identifiers_of(const nlohmann::json& event);
// The lot number in a lot identifier (".../10/<lot>", "urn:lienket:lot:<lot>"), or "".
std::string lot_number_of(const std::string& canonical_id);

}  // namespace lienket::trace
