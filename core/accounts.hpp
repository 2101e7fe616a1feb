// Accounts for people: a party's users (login, name, role, language) and their browser sessions.
// A built-in plugin (namespace "account", messages account.user.create / .update / .list) keeps
// them; the HTTP server logs people in (core/http/session_desk.hpp).
//
// Roles, checked by the HTTP server on every request made with a session:
//   viewer    read-only messages only
//   operator  every message of the party, but not the management of users and API tokens
//   manager   everything the party may do, users and tokens included
// Passwords are hashed with libsodium's Argon2id (crypto_pwhash_str, interactive limits), never
// stored, logged or echoed. A session is 32 random bytes in an HttpOnly cookie, stored as its
// SHA-256 with its own CSRF token; it ends at logout, at expiry, when the user is disabled or
// changes password (sessions made before `sessions_after` are void).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <rocksdb/db.h>

#include "lienket/plugin.hpp"

namespace lienket::core {

std::unique_ptr<Plugin> make_account_messages();

// A signed-in person, from a session cookie.
struct Session {
  std::string key;  // the store key of the session ("s/<sha256>")
  std::string login, name, party, role, language, csrf;
  bool admin = false;  // a node administrator (party "")
};

// Reads the committed state (thread-safe), like find_token.
Result<Session> find_session(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                             std::string_view cookie, std::int64_t now_ms);

// The user record of `login` when `password` is its password (Argon2id verify: ~0.1 s of CPU and
// 64 MiB; callers bound how many run at once). Unauthenticated, naming no detail, otherwise.
Result<nlohmann::json> check_password(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                                      const std::string& login, const std::string& password);

// The store writes of a new session and of its end, for HostContext::Work on the account plugin.
struct NewSession {
  std::string cookie;  // the secret, for Set-Cookie
  std::string csrf;
  nlohmann::json record;
  std::string key;
};
NewSession make_session(const nlohmann::json& user, std::int64_t now_ms, std::int64_t ttl_ms);

// Whether a session's role may run a message (read_only: it only reads).
Status role_allows(const std::string& role, const std::string& type, bool read_only);

}  // namespace lienket::core
