// Demo chapter of the console plugin: the people who will sign in to the web console, one per
// role, so that `lienket demo --serve` can hand each of them a login.
#include <string>
#include <vector>

#include "demo.hpp"

namespace lienket::demo {
namespace {

struct Person {
  const char *login, *name, *party, *role_words;
};

// The demo's passwords are printed on purpose: this is a demonstration on loopback.
constexpr const char* kPassword = "lienket-demo-2026";

constexpr Person kPeople[] = {
    {"quantri", "Quản trị nút Lienket", "", "node admin"},
    {"canbo.lienhiep", "Nguyễn Thị Hoa", "lhhtx-phutho", "union officer"},
    {"giamdoc.thanhnam", "Hà Văn Minh", "htx-thanhnam", "cooperative director"},
    {"muahang.tanhiep", "Trần Quốc Bảo", "dn-tanhiep", "enterprise buyer"},
};

void run_console_chapter(Demo& d) {
  d.chapter("The web console: who signs in");
  d.say("Each role gets an account to sign in to the console in a browser (password for all: " +
        std::string(kPassword) + "):");
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : kPeople) {
    json body = {{"login", p.login},
                 {"name", p.name},
                 {"role", "manager"},
                 {"language", "vi"},
                 {"password", kPassword}};
    if (*p.party)
      body["party"] = p.party;
    else
      body["admin"] = true;
    d.call("account.user.create", body, "", std::string("console-user-") + p.login);
    rows.push_back({p.login, p.role_words, *p.party ? p.party : "(the whole node)"});
  }
  d.table({"login", "role", "party"}, rows);
}

}  // namespace

LIENKET_DEMO_CHAPTER(90, "console", run_console_chapter)

}  // namespace lienket::demo
