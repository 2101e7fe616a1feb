// `lienket demo`: starts a node in this process on the embedded default (RocksDB under ./data,
// loopback endpoints) and walks the scenario chapter by chapter, in words for a union officer.
#include "demo.hpp"

#include <algorithm>
#include <csignal>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "client.hpp"
#include "commands.hpp"
#include "format.hpp"
#include "logger.hpp"
#include "node.hpp"
#include "node_runner.hpp"

namespace lienket::demo {

std::vector<Chapter>& chapters() {
  static std::vector<Chapter> all;
  return all;
}

namespace {

class NodeDemo final : public Demo {
 public:
  NodeDemo(const std::string& endpoint, std::string run_key)
      : client_(endpoint), run_key_(std::move(run_key)) {
    auto info = client_.call("node.info");
    if (info.ok() && info->value("ok", false))
      for (const auto& p : (*info)["result"]["plugins"]) plugins_.push_back(p.value("name", ""));
  }

  json call(const std::string& type, const json& body, const std::string& as,
            const std::string& key) override {
    auto reply = client_.call(type, body, as, run_key_ + key);
    if (!reply.ok())
      throw std::runtime_error("the node did not answer: " + reply.status().message());
    if (!reply->value("ok", false)) {
      std::cout << "  !! " << type << " was refused: " << (*reply)["error"].dump() << "\n";
      throw std::runtime_error(type + " failed");
    }
    return (*reply)["result"];
  }

  json call_refused(const std::string& type, const json& body, const std::string& as) override {
    auto reply = client_.call(type, body, as);
    if (!reply.ok())
      throw std::runtime_error("the node did not answer: " + reply.status().message());
    if (reply->value("ok", false))
      throw std::runtime_error(type + " was accepted but should have been refused");
    const auto& e = (*reply)["error"];
    std::cout << "  Refused, as it should be: " << e.value("message", "") << " ["
              << e.value("code", "") << "]\n";
    return *reply;
  }

  bool has_plugin(const std::string& name) override {
    return std::find(plugins_.begin(), plugins_.end(), name) != plugins_.end();
  }
  void chapter(const std::string& title) override { std::cout << "\n== " << title << " ==\n\n"; }
  void say(const std::string& text) override { std::cout << "  " << text << "\n"; }
  void table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows) override {
    apps::print_table(std::cout, header, rows);
  }

 private:
  core::Client client_;
  std::string run_key_;
  std::vector<std::string> plugins_;
};

struct PartySpec {
  const char *id, *kind, *name, *province, *district, *phone;
  double lat, lon;
  int members;
};

constexpr PartySpec kParties[] = {
    {"lhhtx-phutho", "cooperative_union", "Liên hiệp HTX tỉnh Phú Thọ", "Phú Thọ", "Việt Trì",
     "0210 3846 123", 21.32, 105.40, 0},
    {"htx-thanhnam", "cooperative", "HTX Chè Thanh Nam", "Phú Thọ", "Thanh Sơn", "0912 345 678",
     21.29, 105.05, 120},
    {"htx-longcoc", "cooperative", "HTX Chè Long Cốc", "Phú Thọ", "Tân Sơn", "0986 112 233", 21.17,
     104.98, 85},
    {"htx-dahen", "cooperative", "HTX Chè Đá Hen", "Thái Nguyên", "Đại Từ", "0974 556 677", 21.78,
     105.70, 64},
    {"htx-vandon", "cooperative", "HTX Bưởi Văn Dơn", "Hưng Yên", "Khoái Châu", "0903 778 899",
     20.65, 106.05, 48},
    {"dn-tanhiep", "enterprise", "Công ty CP Chè Tân Hiệp", "Hà Nội", "Cầu Giấy", "024 3791 2345",
     21.03, 105.85, 0},
    {"dn-vinmart", "retailer", "Chuỗi cửa hàng OCOP Phú Thọ", "Phú Thọ", "Việt Trì",
     "0210 3812 456", 21.40, 105.22, 0},
};

}  // namespace

void run_registry_chapter(Demo& d) {
  d.chapter("1. Who takes part");
  d.say("The provincial union registers its cooperatives and the buyers they trade with.");
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : kParties) {
    json body = {{"id", p.id},
                 {"kind", p.kind},
                 {"name", p.name},
                 {"province", p.province},
                 {"district", p.district},
                 {"phone", p.phone},
                 {"lat", p.lat},
                 {"lon", p.lon},
                 {"members", p.members}};
    d.call("party.register", body, "", std::string("party-") + p.id);
    rows.push_back({p.name, p.kind, p.province, p.members ? std::to_string(p.members) : ""});
  }
  d.table({"party", "kind", "province", "members"}, rows);
  d.say("");
  d.say(
      "Each cooperative lists its products with their quality marks (OCOP stars, VietGAP, "
      "organic):");
  json products[] = {
      {{"id", "tea-thanhnam-green"},
       {"name", "Chè xanh Thanh Nam"},
       {"category", "tea"},
       {"unit", "g"},
       {"ocop_stars", 4},
       {"certifications", {"VietGAP"}},
       {"gtin", "08936001000010"},
       {"image", "/app/img/products/tea.png"},
       {"certificates", json::array({json{{"scheme", "VietGAP"},
                                          {"issuer", "Trung tâm Chứng nhận phù hợp (QUACERT)"},
                                          {"number", "VietGAP-TT-23-07-25-0041"},
                                          {"valid_until", "2028-06-30"}}})},
       {"owner", "htx-thanhnam"}},
      {{"id", "tea-longcoc-green"},
       {"name", "Chè xanh Long Cốc"},
       {"category", "tea"},
       {"unit", "g"},
       {"ocop_stars", 3},
       {"certifications", {"VietGAP"}},
       {"gtin", "08936001000027"},
       {"image", "/app/img/products/tea.png"},
       {"certificates", json::array({json{{"scheme", "VietGAP"},
                                          {"issuer", "Trung tâm Chứng nhận phù hợp (QUACERT)"},
                                          {"number", "VietGAP-TT-23-07-25-0057"},
                                          {"valid_until", "2028-06-30"}}})},
       {"owner", "htx-longcoc"}},
      {{"id", "tea-dahen-green"},
       {"name", "Chè xanh Đá Hen"},
       {"category", "tea"},
       {"unit", "g"},
       {"ocop_stars", 4},
       {"certifications", {"VietGAP", "organic"}},
       {"gtin", "08936001000034"},
       {"image", "/app/img/products/tea.png"},
       {"certificates", json::array({json{{"scheme", "VietGAP"},
                                          {"issuer", "Trung tâm Chứng nhận phù hợp (QUACERT)"},
                                          {"number", "VietGAP-TT-23-07-25-0063"},
                                          {"valid_until", "2028-06-30"}},
                                     json{{"scheme", "TCVN 11041 (hữu cơ)"},
                                          {"issuer", "Trung tâm Chứng nhận phù hợp (QUACERT)"},
                                          {"number", "HC-2025-0112"},
                                          {"valid_until", "2027-12-31"}}})},
       {"owner", "htx-dahen"}},
      {{"id", "pomelo-vandon"},
       {"name", "Bưởi Văn Dơn"},
       {"category", "pomelo"},
       {"unit", "piece"},
       {"ocop_stars", 4},
       {"certifications", {"VietGAP"}},
       {"gtin", "08936002000019"},
       {"image", "/app/img/products/pomelo.png"},
       {"certificates", json::array({json{{"scheme", "VietGAP"},
                                          {"issuer", "Trung tâm Chứng nhận phù hợp (QUACERT)"},
                                          {"number", "VietGAP-TT-23-07-25-0071"},
                                          {"valid_until", "2028-06-30"}}})},
       {"owner", "htx-vandon"}},
  };
  rows.clear();
  for (auto& p : products) {
    std::string owner = p["owner"];
    p.erase("owner");
    d.call("product.register", p, owner, "product-" + p["id"].get<std::string>());
    rows.push_back({p["name"], std::string(p["ocop_stars"].get<int>(), '*'),
                    p["certifications"].dump(), owner});
  }
  d.table({"product", "OCOP", "certifications", "cooperative"}, rows);
  d.say("");
  d.say("A party cannot be registered twice, and bad data is refused with the field named:");
  d.call_refused("party.register",
                 {{"kind", "cooperative"},
                  {"name", "HTX thiếu toạ độ"},
                  {"province", "Phú Thọ"},
                  {"lat", "21"},
                  {"lon", 105}},
                 "");
  d.call_refused(
      "product.register",
      {{"name", "Chè giả"}, {"category", "tea"}, {"unit", "g"}, {"gtin", "08936001000011"}},
      "htx-thanhnam");
}

LIENKET_DEMO_CHAPTER(10, "registry", run_registry_chapter)

}  // namespace lienket::demo

namespace lienket::apps {

namespace {

struct DemoArgs {
  std::string config = "config/node.json";
  std::string data_dir;
  bool any_port = false;
  bool serve = false;  // keep the node and its console up after the story
};

core::Node* g_serving = nullptr;
extern "C" void stop_serving(int) {
  if (g_serving) g_serving->stop();
}

// After the story: the console's address and how to stop; the node runs until Ctrl-C.
void keep_serving(core::Node& node) {
  g_serving = &node;
  std::signal(SIGTERM, stop_serving);
  std::signal(SIGINT, stop_serving);
  if (node.http_url().empty()) {
    std::cout << "\nThe HTTP server is off in this config: there is no console to open.\n";
  } else {
    std::cout << "\nThe node keeps running with the demo's data. Open the web console at\n\n    "
              << node.http_url() << "/app/\n\nand sign in with one of the logins above. A lot's "
              << "public trace page is at " << node.http_url()
              << "/01/<GTIN>/10/<lot> (see the trace chapter). Ctrl-C stops the node.\n";
  }
  std::cout.flush();
}

int run_demo(const DemoArgs& a) {
  auto config = load_node_config(a.config);
  if (!config.ok()) {
    std::cerr << "lienket demo: " << config.status().message() << "\n";
    return 2;
  }
  if (!a.data_dir.empty()) config->data_dir = a.data_dir;
  if (a.any_port) {
    config->request_endpoint = config->event_endpoint = "tcp://127.0.0.1:*";
    // The HTTP server has a fixed, exclusive default port too.
    config->http_any_port = true;
  }
  config->log_level = "warn";  // the narration is the output; the node only speaks up on trouble
  auto node =
      core::Node::open(*config, executable_dir(), core::make_node_logger(config->log_level));
  if (!node.ok()) {
    std::cerr << "lienket demo: cannot start the node: " << node.status().message() << "\n";
    return 2;
  }
  std::thread serving([&] { (*node)->run(); });
  std::cout << "Lienket demo: a node on " << (*node)->request_endpoint() << ", HTTP on "
            << ((*node)->http_url().empty() ? std::string("(off)") : (*node)->http_url())
            << ", data in " << config->data_dir << "\n";
  int code = 0;
  try {
    demo::NodeDemo d((*node)->request_endpoint(), "demo:");
    auto chapters = demo::chapters();
    std::sort(chapters.begin(), chapters.end(),
              [](const auto& a, const auto& b) { return a.order < b.order; });
    for (const auto& c : chapters)
      if (d.has_plugin(c.plugin))
        c.run(d);
      else
        std::cout << "\n(The " << c.plugin << " plugin is not loaded; its chapter is skipped.)\n";
    std::cout << "\nThe demo is over. Everything above is stored in " << config->data_dir
              << "; running the demo again replays the same answers (idempotency keys) and adds "
                 "nothing.\n";
  } catch (const std::exception& e) {
    std::cerr << "lienket demo stopped: " << e.what() << "\n";
    code = 1;
  }
  if (code == 0 && a.serve)
    keep_serving(**node);
  else
    (*node)->stop();
  serving.join();
  g_serving = nullptr;
  return code;
}

}  // namespace

void add_demo_command(CLI::App& app, int* exit_code) {
  auto* cmd =
      app.add_subcommand("demo", "Start a node on the embedded default and walk the scenario");
  auto a = std::make_shared<DemoArgs>();
  cmd->add_option("--config", a->config, "Node config")->capture_default_str();
  cmd->add_option("--data-dir", a->data_dir, "Override the config's data_dir");
  cmd->add_flag("--any-port", a->any_port,
                "Bind free loopback ports instead of the configured ones");
  cmd->add_flag("--serve", a->serve,
                "After the story, keep the node and the web console up (until Ctrl-C)");
  cmd->callback([=] { *exit_code = run_demo(*a); });
}

}  // namespace lienket::apps
