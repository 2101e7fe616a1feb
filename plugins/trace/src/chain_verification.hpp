// trace.verify: the stored hash chain checked page by page, and a checkpoint that remembers how far
// it has been found intact, so that a node with millions of events need not hash them all again.
//
// A page starts after a record - the first event (from the start), the checkpoint (only what is
// new since the last verification) or a cursor (a previous page's next_after) - and checks at most
// `limit` records: each one's event hash, its link to the record before and, when the page reaches
// the end, that the chain ends at the recorded head. A page that starts at or before the
// checkpoint extends it to the last record it found intact. A broken record at or before the
// checkpoint removes it: incremental verification then starts from the first event again and
// keeps failing until the history is repaired.
//
// What an incremental page trusts: the records before the checkpoint, and the checkpoint record's
// link, which it compares with the one remembered. Tampering with older records is found by a
// verification from the start.
#pragma once

#include <cstdint>
#include <string>

#include "lienket/status.hpp"
#include "lienket/store.hpp"

namespace lienket::trace {

inline constexpr std::int64_t kDefaultVerifyPage = 50000;  // about 1-4 s of hashing
inline constexpr std::int64_t kMaxVerifyPage = 1000000;

enum class VerifyFrom { kStart, kCheckpoint, kCursor };

struct VerifyRequest {
  VerifyFrom from = VerifyFrom::kStart;
  std::int64_t after = 0;  // with kCursor: the last record of the previous page
  std::int64_t limit = kDefaultVerifyPage;
};

struct VerifyPage {
  bool ok = true;
  std::int64_t checked = 0;      // records hashed by this page
  std::int64_t verified_to = 0;  // the last record found intact (with the pages before it)
  std::string head;              // that record's link ("" before the first event)
  std::int64_t next_after = 0;   // the cursor of the next page; 0 when this page reached the end
  std::int64_t checkpoint = 0;   // the checkpoint after this page
  std::int64_t bad_seq = 0;      // the first broken record
  std::string reason;
};

// Reads the records through `store` (the plugin's) and writes only the checkpoint ("#verified").
Result<VerifyPage> verify_chain(Store& store, const VerifyRequest& request);

}  // namespace lienket::trace
