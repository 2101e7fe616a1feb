#include "accounts.hpp"

#include <sodium.h>

#include <array>
#include <vector>

#include "lienket/fields.hpp"
#include "lienket/schema.hpp"
#include "lienket/time.hpp"
#include "lienket/util/sha256.hpp"
#include "party_records.hpp"

namespace lienket::core {

namespace {

using nlohmann::json;
using namespace schema;

constexpr std::size_t kMinPassword = 10, kMaxPassword = 200;

std::string user_key(std::string_view login) { return "u/" + std::string(login); }
std::string session_key(std::string_view cookie) { return "s/" + util::sha256_hex(cookie); }

bool valid_role(const std::string& r) { return r == "viewer" || r == "operator" || r == "manager"; }

Schema user_record() {
  return object({{"login", id()},
                 {"party", string(64).describe("\"\" for a node administrator")},
                 {"admin", boolean().optional().describe("a person who administers the node")},
                 {"name", string(200)},
                 {"role", one_of_strings({"viewer", "operator", "manager"})},
                 {"language", one_of_strings({"vi", "en"})},
                 {"disabled", boolean()},
                 {"created_at", timestamp()},
                 {"updated_at", timestamp()}});
}

// What leaves the store: never the password hash or the session cut-off.
json public_user(json u) {
  u.erase("password");
  u.erase("sessions_after");
  return u;
}

std::string random_hex() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return util::to_hex(bytes);
}

Result<std::string> hash_password(const std::string& password) {
  if (password.size() < kMinPassword || password.size() > kMaxPassword)
    return Status::InvalidArgument("must be 10 to 200 bytes", "body.password");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Status::Unavailable("not enough memory to hash the password");
  return std::string(out.data());
}

// A party manages its own users; an admin any party's.
Result<json> managed_user(const Request& r, Context& cx, const std::string& login) {
  auto user = cx.store().get_json(user_key(login));
  LIENKET_RETURN_IF_ERROR(user);
  if (!user->has_value() || (!r.admin && (**user).value("party", "") != r.as))
    return Status::NotFound("no user " + login, "body.login");
  return **user;
}

Result<json> create(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"party", "admin", "login", "name", "role", "language", "password"});
  auto party = f.opt_id("party");
  bool node_admin = f.opt_bool("admin").value_or(false);
  auto login = f.id("login");
  auto name = f.str("name", 200);
  auto role = f.str("role", 20);
  auto language = f.opt_str("language", 2).value_or("vi");
  auto password = f.str("password", kMaxPassword);
  if (f.ok() && !valid_role(role)) f.fail("role", "must be viewer, operator or manager");
  if (f.ok() && language != "vi" && language != "en") f.fail("language", "must be vi or en");
  if (!f.ok()) return f.status();
  if (!r.admin && party && *party != r.as)
    return Status::PermissionDenied(r.as + " may create users only for itself", "body.party");
  // A node administrator's account belongs to no party; only an admin makes one, and says so.
  if (node_admin && !r.admin)
    return Status::PermissionDenied("only an admin creates a node administrator", "body.admin");
  if (node_admin && party)
    return Status::InvalidArgument("a node administrator belongs to no party", "body.party");
  if (r.admin && !party && !node_admin)
    return Status::InvalidArgument(
        "an admin names the party (or sets \"admin\": true for a node administrator)",
        "body.party");
  std::string owner = node_admin ? "" : r.admin ? *party : r.as;
  if (!node_admin) LIENKET_RETURN_IF_ERROR(cx.registry().party(owner));
  auto existing = cx.store().get(user_key(login));
  LIENKET_RETURN_IF_ERROR(existing);
  if (existing->has_value())
    return Status::AlreadyExists("login " + login + " is taken", "body.login");
  auto hash = hash_password(password);
  LIENKET_RETURN_IF_ERROR(hash);
  std::string now = format_time(cx.now_ms());
  json user = {{"login", login},       {"party", owner},
               {"name", name},         {"role", role},
               {"language", language}, {"disabled", false},
               {"created_at", now},    {"updated_at", now},
               {"password", *hash},    {"sessions_after", cx.now_ms()}};
  if (node_admin) user["admin"] = true;
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(user_key(login), user));
  json pub = public_user(user);
  LIENKET_RETURN_IF_ERROR(cx.emit("account.user.created", {{"user", pub}}));
  return json{{"user", pub}};
}

Result<json> update(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"login", "name", "role", "language", "disabled", "password", "end_sessions"});
  auto login = f.id("login");
  auto name = f.opt_str("name", 200);
  auto role = f.opt_str("role", 20);
  auto language = f.opt_str("language", 2);
  auto disabled = f.opt_bool("disabled");
  auto password = f.opt_str("password", kMaxPassword);
  bool end_sessions = f.opt_bool("end_sessions").value_or(false);
  if (f.ok() && role && !valid_role(*role)) f.fail("role", "must be viewer, operator or manager");
  if (f.ok() && language && *language != "vi" && *language != "en")
    f.fail("language", "must be vi or en");
  if (!f.ok()) return f.status();
  auto found = managed_user(r, cx, login);
  LIENKET_RETURN_IF_ERROR(found);
  json user = *found;
  if (name) user["name"] = *name;
  if (language) user["language"] = *language;
  // A new role, a new password or disabling ends every session the user has.
  bool cut = end_sessions || (role && *role != user["role"]) || password || (disabled && *disabled);
  if (role) user["role"] = *role;
  if (disabled) user["disabled"] = *disabled;
  if (password) {
    auto hash = hash_password(*password);
    LIENKET_RETURN_IF_ERROR(hash);
    user["password"] = *hash;
  }
  if (cut) user["sessions_after"] = cx.now_ms() + 1;
  user["updated_at"] = format_time(cx.now_ms());
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(user_key(login), user));
  json pub = public_user(user);
  LIENKET_RETURN_IF_ERROR(cx.emit("account.user.updated", {{"user", pub}}));
  return json{{"user", pub}};
}

Result<json> list(const Request& r, Context& cx) {
  auto party = listed_party(r, "users");
  LIENKET_RETURN_IF_ERROR(party);
  auto users = party_records(cx.store(), "u/", *party, 1000, public_user);
  LIENKET_RETURN_IF_ERROR(users);
  return json{{"users", *users}};
}

class AccountMessages final : public Plugin {
 public:
  PluginInfo info() const override {
    using namespace callers;
    PluginInfo info{"account", LIENKET_VERSION, {"account."}, {}, {}, {}, {}, {}};
    auto one = object({{"user", user_record()}});
    info.messages = {
        {"account.user.create",
         "Creates a person's account for a party (its manager, or the admin).",
         object({{"party", id().optional().describe("admin only: the party")},
                 {"admin", boolean().optional().describe(
                               "admin only: true for a node administrator (no party)")},
                 {"login", id().describe("unique on the node, e.g. minh.thanhnam")},
                 {"name", string(200)},
                 {"role", one_of_strings({"viewer", "operator", "manager"})},
                 {"language", one_of_strings({"vi", "en"}).optional()},
                 {"password", string(kMaxPassword).describe("10-200 bytes; stored as Argon2id")}}),
         one,
         {kAdmin, kParty},
         false,
         create},
        {"account.user.update",
         "Changes a user's name, role, language, password or disabled flag; a new role, password, "
         "disabling or end_sessions ends the user's sessions.",
         object({{"login", id()},
                 {"name", string(200).optional()},
                 {"role", one_of_strings({"viewer", "operator", "manager"}).optional()},
                 {"language", one_of_strings({"vi", "en"}).optional()},
                 {"disabled", boolean().optional()},
                 {"password", string(kMaxPassword).optional()},
                 {"end_sessions",
                  boolean().optional().describe("true: sign the user out everywhere now")}}),
         one,
         {kAdmin, kParty},
         false,
         update},
        {"account.user.list",
         "The acting party's users (an admin: every party's, or one's).",
         object({{"party", id().optional()}}),
         object({{"users", array(user_record())}}),
         {kAdmin, kParty},
         true,
         list},
    };
    info.events = {
        {"account.user.created", "A person's account was created (no password in it).", one},
        {"account.user.updated", "A person's account changed (no password in it).", one},
    };
    return info;
  }
  Status configure(const json&, HostContext&) override {
    if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
    return Status::Ok();
  }
  // Expired sessions are swept away once an hour, so that they do not pile up in the store.
  Status on_tick(Context& cx) override {
    constexpr std::int64_t kHourMs = 3'600'000;
    auto swept = cx.store().get("#swept");
    LIENKET_RETURN_IF_ERROR(swept);
    const std::int64_t now = cx.now_ms();
    if (swept->has_value() && now - std::stoll(**swept) < kHourMs) return Status::Ok();
    std::vector<std::string> expired;
    LIENKET_RETURN_IF_ERROR(cx.store().scan("s/", "", [&](std::string_view k, std::string_view v) {
      auto s = json::parse(v, nullptr, false);
      if (s.is_discarded() || s.value("expires_ms", std::int64_t{0}) <= now)
        expired.emplace_back(k);
      return expired.size() < 10000;
    }));
    for (const auto& k : expired) LIENKET_RETURN_IF_ERROR(cx.store().erase(k));
    return cx.store().put("#swept", std::to_string(now));
  }
};

Result<json> read_json(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                       const std::string& key) {
  std::string text;
  auto st = db.Get(rocksdb::ReadOptions(), family, key, &text);
  if (st.IsNotFound()) return Status::NotFound(key);
  if (!st.ok()) return Status::Unavailable("cannot read accounts: " + st.ToString());
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::Internal("corrupt account record " + key);
  return j;
}

}  // namespace

std::unique_ptr<Plugin> make_account_messages() { return std::make_unique<AccountMessages>(); }

Result<Session> find_session(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                             std::string_view cookie, std::int64_t now_ms) {
  auto refused = [](const std::string& why) {
    return Status::Unauthenticated("the session " + why + "; sign in again", "cookie");
  };
  if (cookie.size() != 64) return refused("is not valid");
  auto key = session_key(cookie);
  auto s = read_json(db, family, key);
  if (!s.ok()) return refused("is not known");
  if (s->value("expires_ms", std::int64_t{0}) <= now_ms) return refused("has expired");
  auto user = read_json(db, family, user_key(s->value("login", "")));
  if (!user.ok()) return refused("has no user");
  if (user->value("disabled", false)) return refused("belongs to a disabled user");
  if (s->value("created_ms", std::int64_t{0}) < user->value("sessions_after", std::int64_t{0}))
    return refused("was ended");
  Session out;
  out.key = key;
  out.login = (*user)["login"];
  out.name = user->value("name", "");
  out.party = (*user)["party"];
  out.admin = user->value("admin", false);
  out.role = (*user)["role"];
  out.language = user->value("language", "vi");
  out.csrf = s->value("csrf", "");
  return out;
}

Result<json> check_password(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                            const std::string& login, const std::string& password) {
  auto refused = Status::Unauthenticated("wrong login or password", "login");
  if (login.empty() || login.size() > 64 || password.size() > kMaxPassword) return refused;
  auto user = read_json(db, family, user_key(login));
  if (!user.ok()) {
    // Spend the same time as a real check, so that timing does not tell which logins exist.
    std::array<char, crypto_pwhash_STRBYTES> dummy{};
    if (crypto_pwhash_str(dummy.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      return Status::Unavailable("not enough memory to check a password");
    return refused;
  }
  std::string hash = user->value("password", "");
  if (hash.empty() || user->value("disabled", false) ||
      crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) != 0)
    return refused;
  return *user;
}

NewSession make_session(const json& user, std::int64_t now_ms, std::int64_t ttl_ms) {
  NewSession s;
  s.cookie = random_hex();
  s.csrf = random_hex();
  s.key = session_key(s.cookie);
  s.record = {{"login", user["login"]},
              {"csrf", s.csrf},
              {"created_ms", now_ms},
              {"expires_ms", now_ms + ttl_ms}};
  return s;
}

Status role_allows(const std::string& role, const std::string& type, bool read_only) {
  if (role == "manager") return Status::Ok();
  if (role == "viewer" && !read_only)
    return Status::PermissionDenied("a viewer runs only read-only messages; " + type + " writes",
                                    "type");
  bool management = type.rfind("account.", 0) == 0 || type.rfind("token.", 0) == 0;
  if (management && !read_only)
    return Status::PermissionDenied("only a manager manages users and API tokens", "type");
  return Status::Ok();
}

}  // namespace lienket::core
