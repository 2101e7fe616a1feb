// One genealogy question's view of the stored history: the events naming each identifier it
// reaches (the x/ index), each record read and parsed once however many identifiers name it, and
// the genealogy edges read off those events - a transformation links its inputs to its outputs,
// packing (aggregation or association ADD) its children to the parent - by the rules index() of
// event_repository.cpp always followed. A walk thus costs one prefix seek per identifier and one
// read per event it meets, whatever the size of the store, and needs no edge keys of its own.
// Lives for one request; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "event_repository.hpp"
#include "lienket/status.hpp"

namespace lienket::trace {

class GenealogyWalk {
 public:
  explicit GenealogyWalk(EventRepository& repo) : repo_(repo) {}

  // Records of the events naming `id`, ascending by seq. The pointers live as long as the walk.
  Result<std::vector<const nlohmann::json*>> records_of(const std::string& id);
  // `upstream`: the inputs and children `id` was made of; otherwise what was made of it. Sorted.
  Result<std::vector<std::string>> neighbours(const std::string& id, bool upstream);
  // Every identifier reachable from `start` (included) with its distance, breadth first, at most
  // `max_nodes`.
  Result<std::vector<std::pair<std::string, int>>> closure(const std::vector<std::string>& start,
                                                           bool upstream, std::size_t max_nodes);

 private:
  struct Stored {
    nlohmann::json record;
    std::vector<std::string> ins, outs;  // both empty unless the event links them
  };
  Result<const Stored*> stored(std::int64_t seq);
  Result<std::vector<const Stored*>> events_of(const std::string& id);

  EventRepository& repo_;
  std::map<std::int64_t, Stored> records_;
  std::map<std::string, std::vector<std::int64_t>> seqs_;
};

}  // namespace lienket::trace
