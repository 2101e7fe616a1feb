// API tokens: how a program (a shop, an ERP, a spreadsheet) acts for a party over HTTP. A built-in
// plugin (namespace "token", messages token.create / token.list / token.revoke) keeps them.
//
// A token is 32 random bytes (libsodium), shown once as "lk_<64 hex>", and stored only as its
// SHA-256: a copy of the database does not hold a usable token. Each token names one party (or is
// an admin token, issued only by an admin), a list of scopes (message-type prefixes; empty = every
// type) and an expiry; a read-only token runs only read-only messages. Revocation commits like any
// command and the next request with the token is refused.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>

#include "lienket/plugin.hpp"

namespace lienket::core {

std::unique_ptr<Plugin> make_token_messages();

// What a presented token grants.
struct TokenGrant {
  std::string id;
  std::string party;  // "" for an admin token
  bool admin = false;
  std::vector<std::string> scopes;  // message-type prefixes (or whole types); empty: all
  bool read_only = false;
};

// Looks up a presented token in the committed state (`family` is the "token" plugin's; RocksDB
// reads are thread-safe, so the HTTP threads call this directly). Unauthenticated, with a reason
// that never repeats the token, when it is unknown, revoked or expired.
Result<TokenGrant> find_token(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                              std::string_view presented, std::int64_t now_ms);

// Whether the grant covers a message of `type` (read_only: the message only reads). The reason
// names the field to blame, for a permission_denied reply.
Status token_allows(const TokenGrant& grant, const std::string& type, bool read_only);

}  // namespace lienket::core
