#include <catch2/catch.hpp>

#include <random>

#include "lienket/util/json_text.hpp"

using lienket::util::json_text;
using nlohmann::json;

TEST_CASE("json_text writes exactly what dump() writes") {
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  json samples[] = {
      json::object(),
      json::array(),
      nullptr,
      true,
      false,
      0,
      -1,
      std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::uint64_t>::max(),
      21.29,
      1e300,
      -0.0,
      "",
      "HTX Chè Thanh Nam, Phú Thọ",
      "quote \" backslash \\ slash / del \x7f",
      controls,
      json{{"kind", "cooperative"},
           {"name", "Hợp tác xã Nông nghiệp Đồng Tâm"},
           {"lat", 21.29},
           {"members", 120},
           {"tags", {"VietGAP", "OCOP 4★", json::array(), json::object()}},
           {"nested", {{"z", {{"a", nullptr}}}, {"ä", "tab\there"}}}},
  };
  for (const auto& j : samples) CHECK(json_text(j) == j.dump());
}

TEST_CASE("json_text matches dump() on random documents") {
  std::mt19937 rng(17);
  const char* words[] = {"chè", "tea", "a\"b", "x\\y", "line\nbreak", "🍵", "Đắk Lắk", "\x01"};
  std::function<json(int)> make = [&](int depth) -> json {
    switch (depth > 3 ? rng() % 4 : rng() % 6) {
      case 0:
        return words[rng() % 8];
      case 1:
        return static_cast<std::int64_t>(rng()) - (1LL << 31);
      case 2:
        return static_cast<double>(rng()) / 7.0;
      case 3:
        return rng() % 2 == 0;
      case 4: {
        json a = json::array();
        for (unsigned i = 0; i < rng() % 5; ++i) a.push_back(make(depth + 1));
        return a;
      }
      default: {
        json o = json::object();
        for (unsigned i = 0; i < rng() % 5; ++i) o[words[rng() % 8]] = make(depth + 1);
        return o;
      }
    }
  };
  for (int i = 0; i < 500; ++i) {
    json j = make(0);
    REQUIRE(json_text(j) == j.dump());
  }
}

TEST_CASE("json_text refuses text that is not UTF-8, as dump() does") {
  json bad = {{"name", std::string("HTX \xC3\x28")}};
  CHECK_THROWS_AS(bad.dump(), json::type_error);
  CHECK_THROWS_AS(json_text(bad), json::type_error);
  std::string out;
  CHECK_FALSE(lienket::util::append_json_text(bad, out));
}
