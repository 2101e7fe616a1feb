// `lienket token create|list|revoke`: API tokens for the node's HTTP server (docs/http.md). Run
// with a party's key (or --as on a loopback node without CURVE) they manage that party's own
// tokens; with an admin key, any party's (--party) and admin tokens (--admin). The token is
// printed once: the node keeps only its SHA-256.
#include <iostream>

#include "commands.hpp"
#include "format.hpp"

namespace lienket::apps {

namespace {

// "2026-05-30T08:00:00.000+07:00" -> "30/05/2026", as people here write dates.
std::string day_of(const std::string& t) {
  if (t.size() < 10) return t;
  return t.substr(8, 2) + "/" + t.substr(5, 2) + "/" + t.substr(0, 4);
}

void render_created(const nlohmann::json& r) {
  const auto& rec = r["record"];
  std::cout << "Mã truy cập (token) " << rec.value("id", "") << " cho "
            << (rec.value("admin", false) ? std::string("quản trị viên") : rec.value("party", ""))
            << ", hết hạn ngày " << day_of(rec.value("expires_at", "")) << ".\n"
            << "Hãy chép lại ngay: mã chỉ hiện một lần, máy chủ không lưu mã này.\n\n"
            << "  " << r.value("token", "") << "\n\n"
            << "Cách dùng: gửi kèm tiêu đề Authorization: Bearer <mã>\n";
}

void render_list(const nlohmann::json& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : r["tokens"]) {
    std::string scopes;
    for (const auto& s : t["scopes"]) scopes += (scopes.empty() ? "" : ", ") + s.get<std::string>();
    rows.push_back({t.value("id", ""), t.value("admin", false) ? "(admin)" : t.value("party", ""),
                    t.value("label", ""), scopes.empty() ? "tất cả" : scopes,
                    t.value("read_only", false) ? "chỉ đọc" : "đọc và ghi",
                    day_of(t.value("expires_at", "")),
                    t.contains("revoked_at") ? "đã thu hồi" : "còn hiệu lực"});
  }
  print_table(std::cout, {"id", "đơn vị", "nhãn", "phạm vi", "quyền", "hết hạn", "trạng thái"},
              rows);
}

void render_revoked(const nlohmann::json& r) {
  std::cout << "Đã thu hồi mã " << r["record"].value("id", "") << ".\n";
}

}  // namespace

void add_token_commands(CLI::App& app, const Globals& g, int* exit_code) {
  auto* token = app.add_subcommand("token", "API tokens for the HTTP server");
  token->require_subcommand(1);
  auto as = std::make_shared<std::string>();
  auto party = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>();
  auto scopes = std::make_shared<std::vector<std::string>>();
  auto days = std::make_shared<int>(0);
  auto admin = std::make_shared<bool>(false);
  auto read_only = std::make_shared<bool>(false);

  auto* create = token->add_subcommand("create", "Issue a token (printed once)");
  create->add_option("--as", *as, "Act as this party (a loopback node without CURVE)");
  create->add_option("--party", *party, "Admin: the party the token acts for");
  create->add_flag("--admin", *admin, "Admin: an admin token");
  create->add_option("--label", *label, "What it is for, e.g. \"Shopee shop\"")->required();
  create->add_option("--scope", *scopes, "A message-type prefix it may run (repeatable)");
  create->add_flag("--read-only", *read_only, "Only read-only messages");
  create->add_option("--days", *days, "Days until it expires (default 90)");
  create->callback([=, &g] {
    nlohmann::json b = {{"label", *label}};
    if (!party->empty()) b["party"] = *party;
    if (*admin) b["admin"] = true;
    if (!scopes->empty()) b["scopes"] = *scopes;
    if (*read_only) b["read_only"] = true;
    if (*days > 0) b["expires_in_days"] = *days;
    *exit_code = request_and_print(g, "token.create", b, *as, "", render_created);
  });

  auto* list = token->add_subcommand("list", "List tokens (never their secrets)");
  list->add_option("--as", *as, "Act as this party (a loopback node without CURVE)");
  list->add_option("--party", *party, "Admin: one party's tokens");
  list->callback([=, &g] {
    nlohmann::json b = nlohmann::json::object();
    if (!party->empty()) b["party"] = *party;
    *exit_code = request_and_print(g, "token.list", b, *as, "", render_list);
  });

  auto id = std::make_shared<std::string>();
  auto* revoke = token->add_subcommand("revoke", "Revoke a token at once");
  revoke->add_option("id", *id, "The token's id (from token list)")->required();
  revoke->add_option("--as", *as, "Act as this party (a loopback node without CURVE)");
  revoke->callback([=, &g] {
    *exit_code = request_and_print(g, "token.revoke", {{"id", *id}}, *as, "", render_revoked);
  });
}

}  // namespace lienket::apps
