// One export file that only grows: a header row, then one CSV record per event, each starting with
// the event's seq. Appends are durable when append() returns (write, then fdatasync).
//
// open() makes the file (and fsyncs its folder) or takes an existing one: it checks the header,
// cuts off a torn last record a crash left behind, and remembers every seq in the file, so that an
// event delivered again after a crash (the runtime is at-least-once) is recognised and not written
// twice, while a dead letter replayed later (an older seq) still gets its row. Memory: one entry
// per row. Not thread-safe: one appender per file, used from one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>

#include "csv.hpp"
#include "lienket/status.hpp"

namespace lienket::csvconn {

class CsvAppender {
 public:
  static Result<std::unique_ptr<CsvAppender>> open(const std::string& path, const csv::Row& header);
  ~CsvAppender();
  CsvAppender(const CsvAppender&) = delete;
  CsvAppender& operator=(const CsvAppender&) = delete;

  // Whether the file already has the row of event `seq`.
  bool has(std::uint64_t seq) const { return seqs_.count(seq) != 0; }
  std::size_t rows() const { return seqs_.size(); }
  // Appends `row` (whose first field is `seq`) durably. Unavailable on an I/O error, in which case
  // the file is cut back to what it held before.
  Status append(std::uint64_t seq, const csv::Row& row);
  const std::string& path() const { return path_; }

 private:
  CsvAppender(std::string path, int fd, std::uint64_t size, std::unordered_set<std::uint64_t> seqs)
      : path_(std::move(path)), fd_(fd), size_(size), seqs_(std::move(seqs)) {}
  std::string path_;
  int fd_;
  std::uint64_t size_;
  std::unordered_set<std::uint64_t> seqs_;
};

// Writes `data` to `path` durably and atomically (a temp file, fsync, rename, fsync of the folder).
Status write_file_atomic(const std::string& path, const std::string& data);
// fsyncs a folder so that a file created or renamed in it survives a crash.
Status sync_dir(const std::string& dir);

}  // namespace lienket::csvconn
