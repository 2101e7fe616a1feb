#include "session_desk.hpp"

#include "lienket/time.hpp"
#include "problem.hpp"

namespace lienket::core::http {

namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

constexpr int kPerLogin = 5, kPerAddress = 20;
constexpr auto kWindow = std::chrono::minutes(15);

// The value of one cookie in a Cookie header ("a=1; lk_session=abc").
std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    auto item = header.substr(pos, end - pos);
    auto eq = item.find('=');
    if (eq != std::string::npos && item.substr(0, eq) == name) return item.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

HttpResponse json_response(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

json user_view(const json& u) {
  return {{"login", u.value("login", "")},    {"party", u.value("party", "")},
          {"admin", u.value("admin", false)}, {"name", u.value("name", "")},
          {"role", u.value("role", "")},      {"language", u.value("language", "vi")}};
}

}  // namespace

std::optional<Session> SessionDesk::authenticate(const std::string& cookie_header) const {
  auto value = cookie_value(cookie_header, kSessionCookie);
  if (value.empty()) return std::nullopt;
  auto s = find_session(*parts_.db, parts_.family, value, parts_.clock->now_ms());
  if (!s.ok()) return std::nullopt;
  return *s;
}

bool SessionDesk::blocked(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  return it != failures_.end() && SteadyClock::now() < it->second.blocked_until;
}

void SessionDesk::failed(const std::string& key, int limit) {
  std::lock_guard lock(mu_);
  auto now = SteadyClock::now();
  auto& f = failures_[key];
  if (f.count == 0 || now - f.first > kWindow) f = Failures{0, now, {}};
  if (++f.count >= limit) f.blocked_until = now + kWindow;
}

void SessionDesk::succeeded(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

std::string SessionDesk::cookie(const std::string& value, std::int64_t max_age_s) const {
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s) +
         (parts_.secure_cookie ? "; Secure" : "");
}

Result<json> SessionDesk::run(HostContext::Work work) {
  auto done = parts_.queue->push(std::move(work), parts_.owner);
  if (done.wait_for(std::chrono::milliseconds(parts_.timeout_ms)) != std::future_status::ready)
    return Status::Unavailable("the node did not answer in time");
  return done.get();
}

HttpResponse SessionDesk::login(const std::string& body, const std::string& address,
                                const std::string& id,
                                const std::function<void(const std::string&)>& refused) {
  auto in = json::parse(body, nullptr, false);
  if (!in.is_object() || !in["login"].is_string() || !in["password"].is_string())
    return problem(Status::InvalidArgument("the body is {\"login\", \"password\"}", "body"), id);
  std::string login = in["login"], password = in["password"];
  const std::string login_key = "login:" + login, address_key = "addr:" + address;
  if (blocked(login_key) || blocked(address_key)) {
    refused("throttled: too many failed logins for " + login + " or from " + address);
    auto p = problem(429, "rate_limited", "too many failed logins; try again in 15 minutes", id);
    p.headers["Retry-After"] = "900";
    return p;
  }
  Result<json> user = Status::Unavailable("busy");
  {
    checks_.acquire();
    user = check_password(*parts_.db, parts_.family, login, password);
    checks_.release();
  }
  if (!user.ok()) {
    failed(login_key, kPerLogin);
    failed(address_key, kPerAddress);
    refused("wrong login or password for " + login);
    return problem(user.status(), id);
  }
  succeeded(login_key);
  auto made = make_session(*user, parts_.clock->now_ms(), parts_.ttl_ms);
  auto stored = run([key = made.key, record = made.record](Context& cx) -> Result<json> {
    LIENKET_RETURN_IF_ERROR(cx.store().put_json(key, record));
    return json::object();
  });
  if (!stored.ok()) return problem(stored.status(), id);
  auto r = json_response(
      200, {{"user", user_view(*user)},
            {"csrf_token", made.csrf},
            {"expires_at", format_time(made.record["expires_ms"].get<std::int64_t>())}});
  r.headers["Set-Cookie"] = cookie(made.cookie, parts_.ttl_ms / 1000);
  r.headers["Cache-Control"] = "no-store";
  return r;
}

HttpResponse SessionDesk::current(const Session& s) const {
  auto r = json_response(200, {{"user",
                                {{"login", s.login},
                                 {"name", s.name},
                                 {"party", s.party},
                                 {"admin", s.admin},
                                 {"role", s.role},
                                 {"language", s.language}}},
                               {"csrf_token", s.csrf}});
  r.headers["Cache-Control"] = "no-store";
  return r;
}

HttpResponse SessionDesk::logout(const Session& s, const std::string& id) {
  auto ended = run([key = s.key](Context& cx) -> Result<json> {
    LIENKET_RETURN_IF_ERROR(cx.store().erase(key));
    return json::object();
  });
  if (!ended.ok()) return problem(ended.status(), id);
  auto r = json_response(200, {{"signed_out", true}});
  r.headers["Set-Cookie"] = cookie("", 0);
  return r;
}

}  // namespace lienket::core::http
