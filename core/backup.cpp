#include "backup.hpp"

#include <filesystem>
#include <memory>

#include <rocksdb/utilities/checkpoint.h>

namespace lienket::core {

namespace fs = std::filesystem;

Status create_backup(Database& db, const std::string& key_dir, const std::string& dir) {
  if (fs::exists(dir))
    return Status::AlreadyExists(dir + " exists; a backup goes into a new directory", "body.dir");
  rocksdb::Checkpoint* raw = nullptr;
  LIENKET_RETURN_IF_ERROR(from_rocks(rocksdb::Checkpoint::Create(db.db(), &raw), "checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  LIENKET_RETURN_IF_ERROR(from_rocks(checkpoint->CreateCheckpoint(dir), "checkpoint into " + dir));
  // The keys are not RocksDB files; without them a restored node would get a new identity.
  std::error_code ec;
  auto inside = fs::weakly_canonical(key_dir, ec)
                    .string()
                    .rfind(fs::weakly_canonical(db.path(), ec).string(), 0) == 0;
  if (inside && fs::exists(key_dir)) {
    fs::copy(key_dir, fs::path(dir) / fs::relative(key_dir, db.path()), fs::copy_options::recursive,
             ec);
    if (ec)
      return Status::Unavailable("backup made, but the keys were not copied: " + ec.message());
  }
  return Status::Ok();
}

Status restore_backup(const std::string& backup_dir, const std::string& data_dir) {
  std::error_code ec;
  if (!fs::exists(fs::path(backup_dir) / "CURRENT"))
    return Status::InvalidArgument(
        backup_dir + " is not a Lienket backup (no RocksDB CURRENT file)", "backup");
  if (fs::exists(data_dir) && !fs::is_empty(data_dir, ec))
    return Status::FailedPrecondition(data_dir + " is not empty; restore into a new data directory",
                                      "data_dir");
  fs::create_directories(data_dir, ec);
  fs::copy(backup_dir, data_dir, fs::copy_options::recursive, ec);
  if (ec) return Status::Unavailable("cannot copy the backup: " + ec.message());
  auto opened = Database::open(data_dir, /*sync=*/true);  // proves it opens, then closes it
  return opened.ok() ? Status::Ok() : opened.status();
}

}  // namespace lienket::core
