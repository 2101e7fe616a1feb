#include "chain_verification.hpp"

#include <algorithm>
#include <utility>

#include "event_repository.hpp"

namespace lienket::trace {
namespace {

using nlohmann::json;

constexpr const char* kCheckpointKey = "#verified";

struct Mark {
  std::int64_t seq = 0;
  std::string link;
};

Result<Mark> read_mark(Store& store, const char* key) {
  auto stored = store.get_json(key);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return Mark{};
  return Mark{(**stored).value("seq", std::int64_t{0}), (**stored).value("link", "")};
}

// Walks the records of one page, keeping the link of the last good one.
class PageWalk {
 public:
  PageWalk(EventRepository& repo, VerifyPage& page, std::int64_t limit)
      : repo_(repo), page_(page), limit_(limit) {}

  // Starts after record `after`, whose link is `link`.
  Status run(std::int64_t after, std::string link) {
    page_.verified_to = after;
    page_.head = std::move(link);
    return repo_.scan(after, [this](const json& rec) { return visit(rec); });
  }

  void fail(std::int64_t seq, std::string reason) {
    page_.ok = false;
    page_.bad_seq = seq;
    page_.reason = std::move(reason);
  }

 private:
  bool visit(const json& rec) {
    const std::int64_t expected = page_.verified_to + 1;
    if (page_.checked == limit_) {
      page_.next_after = page_.verified_to;
      return false;
    }
    std::int64_t seq = rec.value("seq", std::int64_t{0});
    if (seq != expected) return stop(expected, "event " + std::to_string(expected) + " is missing");
    ++page_.checked;
    if (!record_hash_holds(rec)) return stop(seq, "the stored event no longer matches its hash");
    if (rec.value("prev", "") != page_.head)
      return stop(seq, "the link to the previous event is broken");
    std::string link = chain_link(page_.head, rec.value("hash", ""));
    if (rec.value("link", "") != link) return stop(seq, "the chain link does not match");
    page_.head = std::move(link);
    page_.verified_to = seq;
    return true;
  }
  bool stop(std::int64_t seq, std::string reason) {
    fail(seq, std::move(reason));
    return false;
  }

  EventRepository& repo_;
  VerifyPage& page_;
  std::int64_t limit_;
};

// Where the page starts: the record after which it checks, and that record's link.
Result<Mark> start_of(EventRepository& repo, const VerifyRequest& r, const Mark& checkpoint,
                      PageWalk& walk) {
  std::int64_t after = r.from == VerifyFrom::kStart        ? 0
                       : r.from == VerifyFrom::kCheckpoint ? checkpoint.seq
                                                           : r.after;
  if (after == 0) return Mark{};
  auto rec = repo.record(after);
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) {
    walk.fail(after, "event " + std::to_string(after) + " is missing");
    return Mark{after, ""};
  }
  Mark start{after, (**rec).value("link", "")};
  if (r.from == VerifyFrom::kCheckpoint && start.link != checkpoint.link)
    walk.fail(after, "the event at the verified checkpoint has changed");
  return start;
}

// A page that starts within the verified part extends it; a break inside it removes it.
Status update_checkpoint(Store& store, const Mark& start, const Mark& checkpoint,
                         VerifyPage& page) {
  page.checkpoint = checkpoint.seq;
  if (!page.ok && page.bad_seq <= checkpoint.seq) {
    page.checkpoint = 0;
    return store.erase(kCheckpointKey);
  }
  if (start.seq > checkpoint.seq || page.verified_to <= checkpoint.seq) return Status::Ok();
  page.checkpoint = page.verified_to;
  return store.put_json(kCheckpointKey, {{"seq", page.verified_to}, {"link", page.head}});
}

}  // namespace

Result<VerifyPage> verify_chain(Store& store, const VerifyRequest& request) {
  EventRepository repo(store);
  auto checkpoint = read_mark(store, kCheckpointKey);
  if (!checkpoint.ok()) return checkpoint.status();
  VerifyPage page;
  PageWalk walk(repo, page, request.limit);
  auto start = start_of(repo, request, *checkpoint, walk);
  if (!start.ok()) return start.status();
  if (page.ok) LIENKET_RETURN_IF_ERROR(walk.run(start->seq, start->link));
  if (!page.ok) page.verified_to = std::min(page.verified_to, page.bad_seq - 1);
  if (page.ok && page.next_after == 0) {
    // The page reached the last record: the chain must end where the head says it does.
    auto head = read_mark(store, "#head");
    if (!head.ok()) return head.status();
    if (head->link != page.head)
      walk.fail(page.verified_to + 1,
                "the chain ends before the recorded head (events removed at the end)");
  }
  LIENKET_RETURN_IF_ERROR(update_checkpoint(store, *start, *checkpoint, page));
  return page;
}

}  // namespace lienket::trace
