#include "api_tokens.hpp"

#include <sodium.h>

#include <array>

#include "lienket/fields.hpp"
#include "lienket/schema.hpp"
#include "lienket/time.hpp"
#include "lienket/util/sha256.hpp"
#include "party_records.hpp"

namespace lienket::core {

namespace {

using nlohmann::json;
using namespace schema;

constexpr const char* kTokenPrefix = "lk_";
constexpr std::int64_t kDayMs = 86'400'000;
constexpr int kDefaultDays = 90, kMaxDays = 3650;

// Store layout: "t/<id>" the token's record (never the secret), "h/<sha256 of the token>" its id.
std::string record_key(std::string_view id) { return "t/" + std::string(id); }
std::string hash_key(std::string_view hash) { return "h/" + std::string(hash); }

// A party id, or "" for an admin token.
Schema owner_schema() {
  return Schema(json{{"type", "string"}, {"maxLength", 64}}).describe("\"\" for an admin token");
}

Schema token_record() {
  return object({{"id", id()},
                 {"party", owner_schema()},
                 {"admin", boolean()},
                 {"label", string(100)},
                 {"scopes", array(string(96), 50)},
                 {"read_only", boolean()},
                 {"created_at", timestamp()},
                 {"expires_at", timestamp()},
                 {"created_by", string(64)},
                 {"revoked_at", timestamp().optional()}});
}

std::string new_secret() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return kTokenPrefix + util::to_hex(bytes);
}

// A party manages its own tokens; an admin manages every party's, and admin tokens.
Status may_manage(const Request& r, const json& record) {
  if (r.admin) return Status::Ok();
  if (record.value("party", "") == r.as) return Status::Ok();
  return Status::NotFound("no token " + record.value("id", "") + " of " + r.as, "body.id");
}

Result<json> create(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"party", "admin", "label", "scopes", "read_only", "expires_in_days"});
  auto party = f.opt_id("party");
  bool admin = f.opt_bool("admin").value_or(false);
  auto label = f.str("label", 100);
  auto scopes = f.str_list("scopes", 50);
  bool read_only = f.opt_bool("read_only").value_or(false);
  auto days = f.opt_integer("expires_in_days", 1, kMaxDays).value_or(kDefaultDays);
  if (!f.ok()) return f.status();
  // The reply holds the secret, and an idempotency record would keep it in the database.
  if (!r.idempotency_key.empty())
    return Status::InvalidArgument(
        "token.create takes no idempotency key: its reply holds the token, which is never stored",
        "idempotency_key");
  if (!r.admin && admin)
    return Status::PermissionDenied("only an admin issues admin tokens", "body.admin");
  if (!r.admin && party && *party != r.as)
    return Status::PermissionDenied(r.as + " may issue tokens only for itself", "body.party");
  if (r.admin && admin == party.has_value())
    return Status::InvalidArgument("an admin names either \"party\" or \"admin\": true",
                                   "body.party");
  std::string owner = r.admin ? party.value_or("") : r.as;
  if (!owner.empty()) LIENKET_RETURN_IF_ERROR(cx.registry().party(owner));
  std::string secret = new_secret();
  std::string hash = util::sha256_hex(secret);
  std::string id = hash.substr(0, 16);
  std::int64_t now = cx.now_ms();
  json record = {{"id", id},
                 {"party", owner},
                 {"admin", admin},
                 {"label", label},
                 {"scopes", scopes},
                 {"read_only", read_only},
                 {"created_at", format_time(now)},
                 {"expires_at", format_time(now + days * kDayMs)},
                 {"created_by", r.admin ? std::string("admin") : r.as}};
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(record_key(id), record));
  LIENKET_RETURN_IF_ERROR(cx.store().put(hash_key(hash), id));
  LIENKET_RETURN_IF_ERROR(cx.emit("token.created", {{"id", id},
                                                    {"party", owner},
                                                    {"admin", admin},
                                                    {"label", label},
                                                    {"expires_at", record["expires_at"]}}));
  return json{{"token", secret}, {"record", record}};
}

Result<json> list(const Request& r, Context& cx) {
  auto party = listed_party(r, "tokens");
  LIENKET_RETURN_IF_ERROR(party);
  auto tokens = party_records(cx.store(), "t/", *party, 1000, [](json t) { return t; });
  LIENKET_RETURN_IF_ERROR(tokens);
  return json{{"tokens", *tokens}};
}

Result<json> revoke(const Request& r, Context& cx) {
  Fields f(r.body);
  f.only({"id"});
  auto id = f.id("id");
  if (!f.ok()) return f.status();
  auto record = cx.store().get_json(record_key(id));
  LIENKET_RETURN_IF_ERROR(record);
  if (!record->has_value()) return Status::NotFound("no token " + id, "body.id");
  json rec = **record;
  LIENKET_RETURN_IF_ERROR(may_manage(r, rec));
  if (rec.contains("revoked_at")) return json{{"record", rec}};  // revoking twice changes nothing
  rec["revoked_at"] = format_time(cx.now_ms());
  LIENKET_RETURN_IF_ERROR(cx.store().put_json(record_key(id), rec));
  LIENKET_RETURN_IF_ERROR(
      cx.emit("token.revoked", {{"id", id}, {"party", rec["party"]}, {"at", rec["revoked_at"]}}));
  return json{{"record", rec}};
}

class TokenMessages final : public Plugin {
 public:
  PluginInfo info() const override {
    using namespace callers;
    PluginInfo info{"token", LIENKET_VERSION, {"token."}, {}, {}, {}, {}, {}};
    info.messages = {
        {"token.create",
         "Issues an API token for HTTP (shown once; stored only as its SHA-256).",
         object({{"party", id().optional().describe("admin only: the party it acts for")},
                 {"admin", boolean().optional().describe("admin only: an admin token")},
                 {"label", string(100).describe("what it is for, e.g. \"Shopee shop\"")},
                 {"scopes", array(string(96), 50)
                                .optional()
                                .describe("message-type prefixes it may run; none: all")},
                 {"read_only", boolean().optional()},
                 {"expires_in_days", integer(1, kMaxDays).optional()}}),
         object({{"token", string(67)}, {"record", token_record()}}),
         {kAdmin, kParty},
         false,
         create},
        {"token.list",
         "The acting party's tokens (an admin: every party's, or one's), never their secrets.",
         object({{"party", id().optional()}}),
         object({{"tokens", array(token_record())}}),
         {kAdmin, kParty},
         true,
         list},
        {"token.revoke",
         "Revokes a token at once.",
         object({{"id", id()}}),
         object({{"record", token_record()}}),
         {kAdmin, kParty},
         false,
         revoke},
    };
    auto event = object({{"id", id()},
                         {"party", owner_schema()},
                         {"admin", boolean()},
                         {"label", string(100)},
                         {"expires_at", timestamp()}});
    info.events = {
        {"token.created", "An API token was issued (its secret is not in the event).", event},
        {"token.revoked", "An API token was revoked.",
         object({{"id", id()}, {"party", owner_schema()}, {"at", timestamp()}})},
    };
    return info;
  }
  Status configure(const json&, HostContext&) override {
    if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Plugin> make_token_messages() { return std::make_unique<TokenMessages>(); }

Result<TokenGrant> find_token(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                              std::string_view presented, std::int64_t now_ms) {
  auto refused = [](const std::string& why) {
    return Status::Unauthenticated("the API token " + why, "authorization");
  };
  if (presented.rfind(kTokenPrefix, 0) != 0 || presented.size() != 67)
    return refused("is not a Lienket token (lk_ and 64 hex digits)");
  std::string id;
  rocksdb::ReadOptions read;
  if (!db.Get(read, family, hash_key(util::sha256_hex(presented)), &id).ok())
    return refused("is not known");
  std::string text;
  if (!db.Get(read, family, record_key(id), &text).ok()) return refused("is not known");
  auto record = json::parse(text, nullptr, false);
  if (record.is_discarded()) return Status::Internal("corrupt token record " + id);
  if (record.contains("revoked_at")) return refused(id + " was revoked");
  auto expires = parse_time(record.value("expires_at", ""));
  if (!expires || *expires <= now_ms) return refused(id + " has expired");
  TokenGrant g;
  g.id = id;
  g.party = record.value("party", "");
  g.admin = record.value("admin", false);
  g.scopes = record.value("scopes", std::vector<std::string>{});
  g.read_only = record.value("read_only", false);
  return g;
}

Status token_allows(const TokenGrant& grant, const std::string& type, bool read_only) {
  if (grant.read_only && !read_only)
    return Status::PermissionDenied("token " + grant.id + " is read-only and " + type + " writes",
                                    "type");
  if (grant.scopes.empty()) return Status::Ok();
  for (const auto& s : grant.scopes)
    if (type == s || (!s.empty() && s.back() == '.' && type.rfind(s, 0) == 0)) return Status::Ok();
  return Status::PermissionDenied("token " + grant.id + " does not cover " + type, "type");
}

}  // namespace lienket::core
