#include "csv_appender.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>

namespace lienket::csvconn {
namespace {

Status io_error(const std::string& what, const std::string& path) {
  return Status::Unavailable(what + " " + path + ": " + std::strerror(errno));
}

Status write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return io_error("cannot write", path);
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

Result<std::string> read_fd(int fd, const std::string& path) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot read", path);
    if (n == 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

std::string parent_of(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// The seqs of the data rows (the first field of each), or an error naming the line.
Result<std::unordered_set<std::uint64_t>> seqs_of(const csv::Table& t, const std::string& path) {
  std::unordered_set<std::uint64_t> seqs;
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    const std::string& f = t.rows[i].front();
    std::uint64_t seq = 0;
    auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), seq);
    if (ec != std::errc() || p != f.data() + f.size())
      return Status::FailedPrecondition(path + " line " + std::to_string(t.lines[i]) +
                                        ": seq is not a number");
    seqs.insert(seq);
  }
  return seqs;
}

// One record cut short: it starts with a seq and is smaller than any real record could grow.
bool looks_like_torn_tail(std::string_view tail) {
  return !tail.empty() && tail.size() < 65536 && tail.front() >= '0' && tail.front() <= '9';
}

}  // namespace

Status sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open folder", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : io_error("cannot fsync folder", dir);
}

Status write_file_atomic(const std::string& path, const std::string& data) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", tmp);
  Status st = write_all(fd, data, tmp);
  if (st.ok() && ::fdatasync(fd) != 0) st = io_error("cannot fsync", tmp);
  ::close(fd);
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) st = io_error("cannot rename to", path);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  return sync_dir(parent_of(path));
}

Result<std::unique_ptr<CsvAppender>> CsvAppender::open(const std::string& path,
                                                       const csv::Row& header) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot open", path);
  auto fail = [&](Status s) -> Result<std::unique_ptr<CsvAppender>> {
    ::close(fd);
    return s;
  };
  auto text = read_fd(fd, path);
  if (!text.ok()) return fail(text.status());
  auto table = csv::parse(*text);
  if (!table.ok || table.complete_bytes < text->size()) {
    // Our records always end in CRLF, so bytes after the last complete record are a torn append
    // from a crash: never acknowledged, safe to drop. Anything else is damage we do not repair.
    const std::string_view tail = std::string_view(*text).substr(table.complete_bytes);
    const bool torn_header = table.complete_bytes == 0 && csv::format_row(header).starts_with(tail);
    if (!torn_header && !looks_like_torn_tail(tail))
      return fail(Status::FailedPrecondition(path + " line " + std::to_string(table.error_line) +
                                             " " + table.error + "; repair or move the file away"));
    if (::ftruncate(fd, static_cast<off_t>(table.complete_bytes)) != 0)
      return fail(io_error("cannot truncate", path));
    text->resize(table.complete_bytes);
    table = csv::parse(*text);
    if (!table.ok)
      return fail(Status::FailedPrecondition(path + " line " + std::to_string(table.error_line) +
                                             " " + table.error));
  }
  if (table.rows.empty()) {
    Status st = write_all(fd, csv::format_row(header), path);
    if (st.ok() && ::fdatasync(fd) != 0) st = io_error("cannot fsync", path);
    if (!st.ok()) return fail(st);
    if (auto d = sync_dir(parent_of(path)); !d.ok()) return fail(d);
    return std::unique_ptr<CsvAppender>(
        new CsvAppender(path, fd, csv::format_row(header).size(), {}));
  }
  if (table.rows.front() != header)
    return fail(Status::FailedPrecondition(
        path + " has another header than this version writes; move it away"));
  auto seqs = seqs_of(table, path);
  if (!seqs.ok()) return fail(seqs.status());
  return std::unique_ptr<CsvAppender>(new CsvAppender(path, fd, text->size(), std::move(*seqs)));
}

CsvAppender::~CsvAppender() { ::close(fd_); }

Status CsvAppender::append(std::uint64_t seq, const csv::Row& row) {
  const std::string data = csv::format_row(row);
  Status st = write_all(fd_, data, path_);
  if (st.ok() && ::fdatasync(fd_) != 0) st = io_error("cannot fsync", path_);
  if (!st.ok()) {
    // Leave no half record for the next try to append after.
    if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) return io_error("cannot truncate", path_);
    return st;
  }
  size_ += data.size();
  seqs_.insert(seq);
  return Status::Ok();
}

}  // namespace lienket::csvconn
