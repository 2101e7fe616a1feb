// hello: the smallest useful connector. It appends every event of the node's log to a file, one
// line of compact JSON {"seq","type","at","by","data"} per event, and returns Ok only once the line
// is on disk. The runtime (Lienket::connector) does the rest: cursor, retries, dead letters,
// status. Delivery is at-least-once, so after a crash the last line may come twice: readers skip a
// seq they have seen. Config: "plugins": {"hello": {"file": "/var/lib/lienket/events.jsonl",
// "delivery": {...}}}.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "lienket/connector.hpp"
#include "lienket/fields.hpp"

namespace hello {

using lienket::Status;
using nlohmann::json;

class HelloConnector final : public lienket::Connector {
 public:
  HelloConnector() : Connector("hello", "0.1.0") {}

 protected:
  // The runtime has taken "delivery" out of the section already; the rest is ours. Unknown keys are
  // refused by name so that a typo stops the node at start-up instead of silently doing nothing.
  Status configure_connector(const json& config, lienket::HostContext& host) override {
    lienket::Fields f(config, "plugins.hello");
    f.only({"file"});
    file_ = f.str("file", 4096);
    if (!f.ok()) return f.status();
    host.log().info("appending events to " + file_);
    return Status::Ok();
  }

  // Runs on the runtime's thread, one event at a time, in log order. Every failure here is
  // `unavailable` (a full disk, a missing directory, a permission), which the runtime retries with
  // back-off; after delivery.max_attempts tries the event becomes a dead letter an operator can
  // replay.
  Status deliver(const lienket::Event& e) override {
    // ordered_json keeps "seq" first on each line, where a reader (and a person) looks for it.
    nlohmann::ordered_json record = {
        {"seq", e.seq}, {"type", e.type}, {"at", e.at}, {"by", e.by}, {"data", e.data}};
    // `replace` rather than throw on bad UTF-8: a thrown exception would make the event a dead
    // letter.
    std::string line =
        record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    // Opened per event, so that a rotated or deleted file is simply created again.
    int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return failed("cannot open", errno);
    Status st = append(fd, line);
    ::close(fd);
    return st;
  }

 private:
  Status append(int fd, const std::string& line) {
    struct stat before {};
    if (::fstat(fd, &before) != 0) return failed("cannot stat", errno);
    // On disk before we say Ok: the runtime moves its cursor past the event as soon as we do. A
    // file we have just created survives a crash only once its directory entry is on disk as well.
    errno = 0;  // a short write sets none
    if (::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
        ::fdatasync(fd) == 0 && (before.st_size > 0 || sync_directory()))
      return Status::Ok();
    int err = errno;
    // A torn line would break every reader; cut it off so that the retry appends a whole one.
    (void)::ftruncate(fd, before.st_size);
    return failed("cannot write", err);
  }

  bool sync_directory() const {
    auto slash = file_.rfind('/');
    std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : file_.substr(0, slash);
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::fsync(fd) == 0;
    int err = errno;
    ::close(fd);
    errno = err;
    return ok;
  }

  Status failed(const char* what, int err) const {
    return Status::Unavailable(std::string(what) + " " + file_ +
                               (err ? ": " + std::string(std::strerror(err)) : ""));
  }

  std::string file_;
};

}  // namespace hello

// Exports lienket_abi_version and lienket_create_plugin, which the node looks up when it loads us.
LIENKET_PLUGIN(hello::HelloConnector)
