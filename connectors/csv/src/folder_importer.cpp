#include "folder_importer.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "csv_appender.hpp"
#include "lienket/util/sha256.hpp"
#include "order_import.hpp"

namespace lienket::csvconn {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What the work on the node's thread hands back to the importer's thread. Shared, so that the
// work stays valid even if the importer stopped waiting for it.
struct Job {
  std::string name, hash;
  ImportPlan plan;
  Applied applied;
  bool rows_failed = false;
};

Result<json> import_work(Job& job, Context& cx) {
  const std::string key = "import/" + job.hash;
  auto known = cx.store().get_json(key);
  if (!known.ok()) return known.status();
  if (known->has_value())
    return json{{"duplicate", true}, {"result_csv", (**known).value("result_csv", "")}};
  job.applied = apply_orders(job.plan, [&](const std::string& buyer, const json& body) {
    return cx.call_for(kPostContract, buyer, body);
  });
  if (!job.applied.errors.empty()) {
    job.rows_failed = true;
    return Status::InvalidArgument(std::to_string(job.applied.errors.size()) + " rows of " +
                                   job.name + " failed");
  }
  const std::string result = result_csv(job.plan, job.applied.contract_ids);
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(key, {{"file", job.name},
                                                    {"at_ms", cx.now_ms()},
                                                    {"orders", job.plan.orders.size()},
                                                    {"result_csv", result}}));
  return json{{"duplicate", false}, {"result_csv", result}};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// `dir/name`, or dir/<stem>-2<ext>, -3 ... when a file of that name was processed before.
fs::path unique_target(const fs::path& dir, const fs::path& name) {
  fs::path target = dir / name;
  std::error_code ec;
  for (int n = 2; fs::exists(target, ec) || fs::exists(target.string() + ".result.csv", ec) ||
                  fs::exists(target.string() + ".errors.csv", ec);
       ++n)
    target = dir / (name.stem().string() + "-" + std::to_string(n) + name.extension().string());
  return target;
}

}  // namespace

Status FolderImporter::prepare() {
  std::error_code ec;
  for (const auto& dir : {fs::path(config_.import_dir), fs::path(config_.import_dir) / "done",
                          fs::path(config_.import_dir) / "failed"}) {
    fs::create_directories(dir, ec);
    if (ec) return Status::Unavailable("cannot create " + dir.string() + ": " + ec.message());
  }
  return Status::Ok();
}

void FolderImporter::start() {
  stop_ = false;
  thread_ = std::thread([this] { loop(); });
}

void FolderImporter::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FolderImporter::loop() {
  while (!stop_) {
    try {
      poll_once();
    } catch (const std::exception& e) {  // filesystem errors must not end the thread, or the node
      host_.log().error(std::string("csv import: ") + e.what());
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(config_.import_poll_ms),
                 [this] { return stop_.load(); });
  }
}

bool FolderImporter::ready(const fs::path& file) const {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || lower(file.extension().string()) != ".csv") return false;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return false;
  // A file still being written keeps changing; take it only once it has been quiet a whole
  // interval.
  return fs::file_time_type::clock::now() - mtime >=
         std::chrono::milliseconds(config_.import_poll_ms);
}

void FolderImporter::poll_once() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(config_.import_dir, ec))
    if (ready(entry.path())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    if (stop_) return;
    process(f);
  }
}

void FolderImporter::process(const fs::path& file) {
  auto job = std::make_shared<Job>();
  job->name = file.filename().string();
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open())
    return host_.log().warn("csv import: cannot read " + file.string() + "; trying again later");
  std::ostringstream content;
  content << in.rdbuf();
  const std::string text = content.str();
  job->hash = util::sha256_hex(text);
  job->plan = plan_import(text);
  const bool structural = !job->plan.errors.empty() && job->plan.orders.empty();
  if (structural) {
    settle(file, false, errors_csv(job->plan.errors));
    return;
  }
  auto future = host_.run([job](Context& cx) -> Result<json> {
    try {
      return import_work(*job, cx);
    } catch (const std::exception& e) {
      return Status::Internal(std::string("csv import: ") + e.what());
    }
  });
  while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
    if (stop_)
      return;  // the work may still commit; the recorded hash keeps the next try from doubling it
  auto result = future.get();
  if (result.ok()) {
    settle(file, true, result->value("result_csv", ""));
  } else if (job->rows_failed) {
    settle(file, false, errors_csv(job->applied.errors));
  } else if (result.status().code() == Code::kUnavailable) {
    host_.log().warn("csv import: " + job->name + " not applied now (" + result.status().message() +
                     "); will retry");
  } else {
    settle(file, false,
           errors_csv({RowError{0, "", result.status().field(),
                                std::string(code_name(result.status().code())),
                                result.status().message()}}));
  }
}

FolderImporter::Outcome FolderImporter::settle(const fs::path& file, bool done,
                                               const std::string& report) {
  const fs::path dir = fs::path(config_.import_dir) / (done ? "done" : "failed");
  const fs::path target = unique_target(dir, file.filename());
  const std::string report_path = target.string() + (done ? ".result.csv" : ".errors.csv");
  // The report first: a crash before the move leaves the file in the inbox to be handled again.
  Status st = write_file_atomic(report_path, report);
  std::error_code ec;
  if (st.ok()) fs::rename(file, target, ec);
  if (!st.ok() || ec) {
    host_.log().error("csv import: cannot move " + file.string() + " to " + dir.string() + ": " +
                      (st.ok() ? ec.message() : st.message()));
    return Outcome::kRetry;
  }
  (void)sync_dir(dir.string());
  (void)sync_dir(config_.import_dir);
  host_.log().info("csv import: " + file.filename().string() +
                   (done ? " imported, moved to " : " refused, moved to ") + target.string());
  return done ? Outcome::kDone : Outcome::kFailed;
}

}  // namespace lienket::csvconn
