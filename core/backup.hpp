// Backups of a running node and their restore.
//  - create_backup: a RocksDB checkpoint of the committed state (hard links where the file system
//    allows, so it is quick and small) into `dir`, which must not exist, plus the node's CURVE keys
//    when they live in the data directory. Runs on the node's thread between commits, so the copy
//    is one consistent point of the log.
//  - restore_backup: copies a backup into an empty (or absent) data directory and checks that it
//    opens; the node is then started on that directory.
#pragma once

#include <cstdint>
#include <string>

#include "database.hpp"
#include "lienket/status.hpp"

namespace lienket::core {

Status create_backup(Database& db, const std::string& key_dir, const std::string& dir);
Status restore_backup(const std::string& backup_dir, const std::string& data_dir);

}  // namespace lienket::core
