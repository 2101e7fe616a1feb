// A test connector that records what the runtime hands it: one line "<seq> <type>" per delivered
// event, appended to `out` and flushed to disk before deliver() returns Ok. Tests steer the "other
// side" through files in `control_dir`: "down" makes every delivery `unavailable`; "reject-<seq>"
// makes that event fail for good (a dead letter).
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "lienket/connector.hpp"
#include "lienket/fields.hpp"

namespace test_recorder {

using lienket::Status;
using nlohmann::json;

class RecorderConnector final : public lienket::Connector {
 public:
  RecorderConnector() : Connector("recorder", "1.0.0") {}

 protected:
  Status configure_connector(const json& config, lienket::HostContext&) override {
    lienket::Fields f(config, "plugins.recorder");
    f.only({"out", "control_dir"});
    out_ = f.str("out", 4000);
    control_ = f.str("control_dir", 4000);
    return f.status();
  }

  Status deliver(const lienket::Event& e) override {
    namespace fs = std::filesystem;
    if (fs::exists(fs::path(control_) / "down")) return Status::Unavailable("the receiver is down");
    if (fs::exists(fs::path(control_) / ("reject-" + std::to_string(e.seq))))
      return Status::InvalidArgument("the receiver rejects event " + std::to_string(e.seq));
    std::string line = std::to_string(e.seq) + " " + e.type + "\n";
    int fd = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return Status::Unavailable("cannot open " + out_);
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                   ::fdatasync(fd) == 0;
    ::close(fd);
    return written ? Status::Ok() : Status::Unavailable("cannot write " + out_);
  }

 private:
  std::string out_, control_;
};

}  // namespace test_recorder

LIENKET_PLUGIN(test_recorder::RecorderConnector)
