#include "lienket/util/text.hpp"

#include <catch2/catch.hpp>

using lienket::util::ascii_lower;
using lienket::util::split;
using lienket::util::trim;

TEST_CASE("ascii_lower lowers A-Z only") {
  CHECK(ascii_lower("Application/LD+JSON") == "application/ld+json");
  CHECK(ascii_lower("Đà Lạt") == "Đà lạt");  // bytes above 0x7F untouched
}

TEST_CASE("trim drops ASCII white space at both ends") {
  CHECK(trim("  q=0.5\t\r\n") == "q=0.5");
  CHECK(trim(" \f\v ").empty());
  CHECK(trim("a b") == "a b");
}

TEST_CASE("split keeps empty parts and stops at max_parts") {
  CHECK(split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(split("0614141.107346.2017.x", '.', 3) ==
        std::vector<std::string>{"0614141", "107346", "2017.x"});
}
