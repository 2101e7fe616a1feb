#include <catch2/catch.hpp>

#include "testkit.hpp"

using namespace lienket::testkit;

namespace {
json thanh_nam() {
  return {{"id", "htx-thanhnam"},  {"kind", "cooperative"}, {"name", "HTX Chè Thanh Nam"},
          {"province", "Phú Thọ"}, {"lat", 21.29},          {"lon", 105.05},
          {"members", 120}};
}
}  // namespace

TEST_CASE("registry round trip through a real node") {
  Node node;
  auto party = ok(node.call("party.register", thanh_nam()))["party"];
  CHECK(party["id"] == "htx-thanhnam");
  CHECK(party["name"] == "HTX Chè Thanh Nam");
  CHECK(party["registered_at"] == "2026-03-01T08:00:00.000+07:00");

  SECTION("get returns what was registered, Vietnamese names intact") {
    auto got = ok(node.call("party.get", {{"id", "htx-thanhnam"}}))["party"];
    CHECK(got == party);
  }
  SECTION("a second registration of the same id is already_exists and changes nothing") {
    auto again = thanh_nam();
    again["name"] = "Other";
    expect_error(node.call("party.register", again), "already_exists", "body.id");
    CHECK(ok(node.call("party.get", {{"id", "htx-thanhnam"}}))["party"]["name"] ==
          "HTX Chè Thanh Nam");
  }
  SECTION("ids are assigned when not given") {
    auto p = thanh_nam();
    p.erase("id");
    CHECK(ok(node.call("party.register", p))["party"]["id"] == "party-1");
  }
  SECTION("products are owned by the acting party and validated") {
    json tea = {{"id", "tea-thanhnam-green"},
                {"name", "Chè xanh Thanh Nam"},
                {"category", "tea"},
                {"unit", "g"},
                {"ocop_stars", 4},
                {"certifications", {"VietGAP", "VietGAP"}},
                {"gtin", "08936001000010"}};
    auto product = ok(node.call("product.register", tea, "htx-thanhnam"))["product"];
    CHECK(product["owner"] == "htx-thanhnam");
    CHECK(product["certifications"] == json{"VietGAP"});
    expect_error(node.call("product.register", tea), "unauthenticated", "as");
    expect_error(node.call("product.register", tea, "htx-nobody"), "unauthenticated", "as");
    tea["id"] = "tea-2";
    tea["gtin"] = "08936001000011";
    expect_error(node.call("product.register", tea, "htx-thanhnam"), "invalid_argument",
                 "body.gtin");
    tea["gtin"] = "08936001000010";
    tea["ocop_stars"] = 6;
    expect_error(node.call("product.register", tea, "htx-thanhnam"), "invalid_argument",
                 "body.ocop_stars");
    tea["ocop_stars"] = 3;
    tea["unit"] = "kg";
    expect_error(node.call("product.register", tea, "htx-thanhnam"), "invalid_argument",
                 "body.unit");
  }
  SECTION("lists page through parties in id order with filters") {
    for (int i = 0; i < 5; ++i) {
      auto p = thanh_nam();
      p["id"] = "htx-" + std::to_string(i);
      p["kind"] = i % 2 ? "enterprise" : "cooperative";
      ok(node.call("party.register", p));
    }
    auto page1 = ok(node.call("party.list", {{"limit", 4}}));
    REQUIRE(page1["parties"].size() == 4);
    CHECK(page1["parties"][0]["id"] == "htx-0");
    auto page2 = ok(node.call("party.list", {{"limit", 4}, {"after", page1["next_after"]}}));
    REQUIRE(page2["parties"].size() == 2);
    CHECK(page2["parties"][1]["id"] == "htx-thanhnam");
    CHECK(page2["next_after"].is_null());
    auto enterprises = ok(node.call("party.list", {{"kind", "enterprise"}}));
    CHECK(enterprises["parties"].size() == 2);
  }
}

TEST_CASE("text typed in decomposed Unicode (NFD) is stored and matched as its NFC spelling") {
  Node node;
  // "Phú Thọ" with combining accents: u + U+0301, o + U+0323, as some keyboards type it.
  const std::string nfd = "Phu\xcc\x81 Tho\xcc\xa3";
  const std::string nfc = "Ph\xc3\xba Th\xe1\xbb\x8d";
  ok(node.call("party.register", {{"id", "htx-nfd"},
                                  {"kind", "cooperative"},
                                  {"name", "HTX Che\xcc\x80 NFD"},
                                  {"province", nfd},
                                  {"lat", 21.3},
                                  {"lon", 105.1}}));
  CHECK(ok(node.call("party.get", {{"id", "htx-nfd"}}))["party"]["province"] == nfc);
  CHECK(ok(node.call("party.list", {{"province", nfc}}))["parties"].size() == 1);
  CHECK(ok(node.call("party.list", {{"province", nfd}}))["parties"].size() ==
        1);  // the query is normalised too
}
