// The drop folder for purchase orders. A thread of its own reads import_dir every import_poll_ms
// and takes each *.csv file that has not been modified for a poll interval (writers should still
// write under another name and rename, which is atomic). Each file is applied whole or not at all:
//  - all its orders are posted as offtake.contract.post inside ONE HostContext::run transaction,
//    each under its own savepoint so that every bad row is found, and the whole transaction is
//    rolled back if any row failed; each is posted acting for the row's buyer
//    (Context::call_for), so the connector declares kPostContract in its acts_for;
//  - the file's SHA-256 is recorded in the connector's store in that same transaction, so a file
//    seen again (a crash between the commit and the move, or the same file dropped twice) is not
//    imported twice: it is moved to done/ with its recorded result;
//  - success: done/<name> and done/<name>.result.csv (row, order_ref, buyer, contract_id);
//    failure: failed/<name> and failed/<name>.errors.csv (row, column, field, code, message).
// When the node cannot take the work (shutting down), the file stays in the folder for next time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "config.hpp"
#include "lienket/context.hpp"

namespace lienket::csvconn {

// The one message type the importer runs for parties (the buyers named in a file).
inline constexpr const char* kPostContract = "offtake.contract.post";

class FolderImporter {
 public:
  FolderImporter(CsvConfig config, HostContext& host) : config_(std::move(config)), host_(host) {}
  ~FolderImporter() { stop(); }

  // Creates import_dir, done/ and failed/.
  Status prepare();
  void start();
  // Returns once the thread has stopped; a file in progress stays where it is.
  void stop();

  // One pass over the folder (the thread calls it; exposed for tests).
  void poll_once();

 private:
  enum class Outcome { kDone, kFailed, kRetry };
  void loop();
  void process(const std::filesystem::path& file);
  Outcome settle(const std::filesystem::path& file, bool done, const std::string& report);
  bool ready(const std::filesystem::path& file) const;

  CsvConfig config_;
  HostContext& host_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
};

}  // namespace lienket::csvconn
