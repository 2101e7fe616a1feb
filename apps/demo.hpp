// `lienket demo`: a running node and a narrator. Each plugin contributes chapters from its own
// folder (plugins/<name>/demo/*.cpp, compiled into the binary by lienket_add_demo_chapter() in the
// plugin's CMakeLists.txt, registered with LIENKET_DEMO_CHAPTER); a chapter whose plugin is not
// loaded is skipped. Chapters speak to a cooperative union officer: plain words, VND, kg, dates.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lienket::demo {

using nlohmann::json;

class Demo {
 public:
  virtual ~Demo() = default;
  // Sends a request; on an error reply prints it and throws std::runtime_error (ends the demo).
  // Every demo request carries an idempotency key derived from `key`, so running the demo twice on
  // the same ./data replays the first answers instead of applying anything twice.
  virtual json call(const std::string& type, const json& body, const std::string& as,
                    const std::string& key) = 0;
  // Sends a request that is expected to be refused; prints the refusal and returns the reply.
  virtual json call_refused(const std::string& type, const json& body, const std::string& as) = 0;
  virtual bool has_plugin(const std::string& name) = 0;
  // Narration: a chapter heading, a sentence, and an aligned table.
  virtual void chapter(const std::string& title) = 0;
  virtual void say(const std::string& text) = 0;
  virtual void table(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) = 0;
};

// Formatting for people: 1234567 -> "1,234,567 VND"; 40000000 g -> "40,000 kg".
std::string vnd(long long amount);
std::string grouped(long long n);
std::string kg_from_grams(long long grams);

// The parties and products every chapter can use (registered by the first chapter, core registry):
//   "lhhtx-phutho"   cooperative_union  Liên hiệp HTX tỉnh Phú Thọ
//   "htx-thanhnam"   cooperative        HTX Chè Thanh Nam (Phú Thọ, 21.29 N 105.05 E, 120 members)
//   "htx-longcoc"    cooperative        HTX Chè Long Cốc (Phú Thọ, 21.17 N 104.98 E, 85 members)
//   "htx-dahen"      cooperative        HTX Chè Đá Hen (Thái Nguyên, 21.78 N 105.70 E, 64 members)
//   "htx-vandon"     cooperative        HTX Bưởi Văn Dơn (Hưng Yên..., pomelo)
//   "dn-tanhiep"     enterprise         Công ty CP Chè Tân Hiệp (Hà Nội, 21.03 N 105.85 E)
//   "dn-vinmart"     retailer           Chuỗi cửa hàng OCOP Phú Thọ
// products: "tea-thanhnam-green" (VietGAP, 4 OCOP stars, unit g, owner htx-thanhnam),
//   "tea-longcoc-green" (VietGAP, 3 stars, owner htx-longcoc), "tea-dahen-green" (VietGAP, organic,
//   4 stars, owner htx-dahen), "pomelo-vandon" (VietGAP, 4 stars, unit piece... see demo.cpp).
void run_registry_chapter(Demo& d);

// A chapter: run in ascending `order` (the registry's is 10), only when `plugin` is loaded.
struct Chapter {
  int order;
  const char* plugin;
  void (*run)(Demo&);
};
std::vector<Chapter>& chapters();
struct ChapterRegistration {
  explicit ChapterRegistration(Chapter c) { chapters().push_back(c); }
};

// At namespace scope in a chapter's file: LIENKET_DEMO_CHAPTER(20, "offtake", run_offtake_chapter)
#define LIENKET_DEMO_CHAPTER(order, plugin, fn) \
  static const ::lienket::demo::ChapterRegistration lienket_demo_chapter_##fn({order, plugin, fn});

}  // namespace lienket::demo
