// Signing people in and out over HTTP (accounts.hpp has the accounts themselves):
//   POST   /api/v1/session {login, password}  -> 200 {user, csrf_token, expires_at} and the cookie
//   GET    /api/v1/session                    -> the signed-in user and the CSRF token
//   DELETE /api/v1/session                    -> ends the session (needs the CSRF token)
// The cookie is `lk_session`: HttpOnly, SameSite=Strict, Path=/, Secure under TLS. Requests that
// change state with a session (POST, PUT, DELETE) must echo the session's CSRF token in
// X-CSRF-Token. Failed logins are throttled per login and per client address (5 and 20 in 15
// minutes, then 15 minutes of 429), in memory; every refusal is logged for audit. At most two
// password checks run at once (Argon2id uses 64 MiB each).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

#include <rocksdb/db.h>

#include "../accounts.hpp"
#include "../submit_queue.hpp"
#include "lienket/context.hpp"
#include "lienket/http.hpp"

namespace lienket::core::http {

inline constexpr const char* kSessionCookie = "lk_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

class SessionDesk {
 public:
  struct Parts {
    rocksdb::DB* db = nullptr;
    rocksdb::ColumnFamilyHandle* family = nullptr;  // the account plugin's
    const void* owner = nullptr;                    // the account plugin (its Work runs as it)
    SubmitQueue* queue = nullptr;
    Clock* clock = nullptr;
    bool secure_cookie = false;
    std::int64_t ttl_ms = 12 * 3600 * 1000;
    std::int64_t timeout_ms = 10000;
  };
  explicit SessionDesk(Parts parts) : parts_(parts) {}

  // The session a Cookie header names, or nullopt (no cookie, or one that no longer works).
  std::optional<Session> authenticate(const std::string& cookie_header) const;

  // `refused(reason)` is called for each refused login, for the audit log.
  HttpResponse login(const std::string& body, const std::string& address, const std::string& id,
                     const std::function<void(const std::string&)>& refused);
  HttpResponse current(const Session& s) const;
  HttpResponse logout(const Session& s, const std::string& id);

 private:
  struct Failures {
    int count = 0;
    std::chrono::steady_clock::time_point first, blocked_until;
  };
  bool blocked(const std::string& key);
  void failed(const std::string& key, int limit);
  void succeeded(const std::string& key);
  std::string cookie(const std::string& value, std::int64_t max_age_s) const;
  Result<nlohmann::json> run(HostContext::Work work);

  Parts parts_;
  std::counting_semaphore<64> checks_{2};
  std::mutex mu_;
  std::map<std::string, Failures> failures_;
};

}  // namespace lienket::core::http
