// Friendly registry subcommands: `lienket party register|get|list`, `lienket product
// register|get|list`.
#include <iostream>

#include "commands.hpp"
#include "format.hpp"

namespace lienket::apps {

namespace {

std::string num(const nlohmann::json& v) { return v.is_number() ? v.dump() : ""; }

void render_parties(const nlohmann::json& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : r["parties"])
    rows.push_back({p.value("id", ""), p.value("kind", ""), p.value("name", ""),
                    p.value("province", ""), num(p["lat"]) + ", " + num(p["lon"]),
                    num(p["members"])});
  print_table(std::cout, {"id", "kind", "name", "province", "lat, lon", "members"}, rows);
  if (r["next_after"].is_string())
    std::cout << "  more: --after " << r["next_after"].get<std::string>() << "\n";
}

void render_products(const nlohmann::json& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : r["products"]) {
    std::string certs;
    for (const auto& c : p["certifications"])
      certs += (certs.empty() ? "" : ", ") + c.get<std::string>();
    rows.push_back({p.value("id", ""), p.value("name", ""), p.value("category", ""),
                    p.value("unit", ""), std::string(p.value("ocop_stars", 0), '*'), certs,
                    p.value("owner", "")});
  }
  print_table(std::cout, {"id", "name", "category", "unit", "OCOP", "certifications", "owner"},
              rows);
  if (r["next_after"].is_string())
    std::cout << "  more: --after " << r["next_after"].get<std::string>() << "\n";
}

void render_one(const nlohmann::json& r) {
  for (auto it = r.begin(); it != r.end(); ++it) {
    std::vector<std::vector<std::string>> rows;
    for (auto f = it->begin(); f != it->end(); ++f)
      rows.push_back({f.key(), f->is_string() ? f->get<std::string>() : f->dump()});
    print_table(std::cout, {it.key(), ""}, rows);
  }
}

void add_party(CLI::App& app, const Globals& g, int* exit_code) {
  auto* party = app.add_subcommand("party", "Cooperatives, enterprises, distributors ...");
  party->require_subcommand(1);
  auto body = std::make_shared<nlohmann::json>(nlohmann::json::object());
  auto* reg = party->add_subcommand("register", "Register a party");
  auto s = std::make_shared<std::array<std::string, 4>>();  // id, kind, name, province
  auto lat = std::make_shared<double>(0), lon = std::make_shared<double>(0);
  auto members = std::make_shared<long long>(-1);
  reg->add_option("--id", (*s)[0], "Identifier (default: assigned)");
  reg->add_option(
         "--kind", (*s)[1],
         "cooperative, cooperative_group, cooperative_union, enterprise, distributor, retailer")
      ->required();
  reg->add_option("--name", (*s)[2], "Name")->required();
  reg->add_option("--province", (*s)[3], "Province")->required();
  reg->add_option("--lat", *lat, "Latitude in degrees")->required();
  reg->add_option("--lon", *lon, "Longitude in degrees")->required();
  reg->add_option("--members", *members, "Member households");
  reg->callback([=, &g] {
    nlohmann::json b = {
        {"kind", (*s)[1]}, {"name", (*s)[2]}, {"province", (*s)[3]}, {"lat", *lat}, {"lon", *lon}};
    if (!(*s)[0].empty()) b["id"] = (*s)[0];
    if (*members >= 0) b["members"] = *members;
    *exit_code = request_and_print(g, "party.register", b, "", "", render_one);
  });
  auto id = std::make_shared<std::string>();
  auto* get = party->add_subcommand("get", "Show one party");
  get->add_option("id", *id, "Party id")->required();
  get->callback([=, &g] {
    *exit_code = request_and_print(g, "party.get", {{"id", *id}}, "", "", render_one);
  });
  auto filter = std::make_shared<std::array<std::string, 3>>();  // kind, province, after
  auto limit = std::make_shared<int>(50);
  auto* list = party->add_subcommand("list", "List parties, a page at a time");
  list->add_option("--kind", (*filter)[0], "Only this kind");
  list->add_option("--province", (*filter)[1], "Only this province");
  list->add_option("--after", (*filter)[2], "Continue after this id");
  list->add_option("--limit", *limit, "Page size (1-500)");
  list->callback([=, &g] {
    nlohmann::json b = {{"limit", *limit}};
    if (!(*filter)[0].empty()) b["kind"] = (*filter)[0];
    if (!(*filter)[1].empty()) b["province"] = (*filter)[1];
    if (!(*filter)[2].empty()) b["after"] = (*filter)[2];
    *exit_code = request_and_print(g, "party.list", b, "", "", render_parties);
  });
}

void add_product(CLI::App& app, const Globals& g, int* exit_code) {
  auto* product = app.add_subcommand("product", "Products of cooperatives");
  product->require_subcommand(1);
  auto* reg = product->add_subcommand("register", "Register a product, owned by the acting party");
  auto s = std::make_shared<std::array<std::string, 6>>();  // id, name, category, unit, gtin, as
  auto stars = std::make_shared<int>(0);
  auto certs = std::make_shared<std::vector<std::string>>();
  reg->add_option("--id", (*s)[0], "Identifier (default: assigned)");
  reg->add_option("--name", (*s)[1], "Name")->required();
  reg->add_option("--category", (*s)[2], "Category, e.g. tea")->required();
  reg->add_option("--unit", (*s)[3], "g, ml or piece")->required();
  reg->add_option("--gtin", (*s)[4], "GTIN-14");
  reg->add_option("--as", (*s)[5], "The owning party")->required();
  reg->add_option("--ocop", *stars, "OCOP stars 0-5");
  reg->add_option("--cert", *certs,
                  "A certification (repeatable): VietGAP, GlobalGAP, organic ...");
  reg->callback([=, &g] {
    nlohmann::json b = {{"name", (*s)[1]},
                        {"category", (*s)[2]},
                        {"unit", (*s)[3]},
                        {"ocop_stars", *stars},
                        {"certifications", *certs}};
    if (!(*s)[0].empty()) b["id"] = (*s)[0];
    if (!(*s)[4].empty()) b["gtin"] = (*s)[4];
    *exit_code = request_and_print(g, "product.register", b, (*s)[5], "", render_one);
  });
  auto id = std::make_shared<std::string>();
  auto* get = product->add_subcommand("get", "Show one product");
  get->add_option("id", *id, "Product id")->required();
  get->callback([=, &g] {
    *exit_code = request_and_print(g, "product.get", {{"id", *id}}, "", "", render_one);
  });
  auto filter = std::make_shared<std::array<std::string, 3>>();  // owner, category, after
  auto limit = std::make_shared<int>(50);
  auto* list = product->add_subcommand("list", "List products, a page at a time");
  list->add_option("--owner", (*filter)[0], "Only this owner's");
  list->add_option("--category", (*filter)[1], "Only this category");
  list->add_option("--after", (*filter)[2], "Continue after this id");
  list->add_option("--limit", *limit, "Page size (1-500)");
  list->callback([=, &g] {
    nlohmann::json b = {{"limit", *limit}};
    if (!(*filter)[0].empty()) b["owner"] = (*filter)[0];
    if (!(*filter)[1].empty()) b["category"] = (*filter)[1];
    if (!(*filter)[2].empty()) b["after"] = (*filter)[2];
    *exit_code = request_and_print(g, "product.list", b, "", "", render_products);
  });
}

}  // namespace

void add_registry_commands(CLI::App& app, const Globals& g, int* exit_code) {
  add_party(app, g, exit_code);
  add_product(app, g, exit_code);
  app.add_subcommand("info", "Show the node and its plugins")->callback([=, &g] {
    *exit_code = request_and_print(g, "node.info", nlohmann::json::object(), "", "", nullptr);
  });
}

}  // namespace lienket::apps
