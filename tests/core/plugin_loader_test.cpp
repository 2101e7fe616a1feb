#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include <sstream>

#include "plugin_host.hpp"

using lienket::core::PluginHost;

namespace {
std::string lib(const std::string& name) {
  return std::string(LIENKET_TEST_PLUGIN_DIR) + "/libtest_plugin_" + name + ".so";
}
}  // namespace

TEST_CASE("the plugin host loads real shared libraries and skips bad ones with a reason") {
  std::ostringstream logged;
  auto log = std::make_shared<spdlog::logger>(
      "loader-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged));
  PluginHost host(log);

  SECTION("a good plugin is loaded with its name, version and prefixes") {
    REQUIRE(host.load_library(lib("good")).ok());
    REQUIRE(host.plugins().size() == 1);
    CHECK(host.plugins()[0]->info.name == "echo");
    CHECK(host.plugins()[0]->info.version == "9.9.9");
    CHECK(host.route("echo.put").plugin == host.plugins()[0].get());
    CHECK(host.route("echo.put").spec->type == "echo.put");
    CHECK(host.route("echo.undeclared").plugin == nullptr);  // served only as declared
    CHECK(host.route("other.put").plugin == nullptr);
    CHECK(host.event_spec("echo.stored") != nullptr);
    CHECK(host.event_spec("echo.secret") == nullptr);
  }
  SECTION("a plugin of another ABI version is refused, saying so") {
    auto st = host.load_library(lib("wrong_abi"));
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(), Catch::Contains("ABI version"));
    CHECK(host.plugins().empty());
  }
  SECTION("a plugin built with another C++ string ABI is refused by its build id, naming both") {
    auto st = host.load_library(lib("other_build"));
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(),
               Catch::Contains("cxx11_string_abi=0") && Catch::Contains("cxx11_string_abi=1"));
    CHECK(host.plugins().empty());
  }
  SECTION(
      "a contract that declares a message outside the plugin's prefixes is refused, naming it") {
    auto st = host.load_library(lib("bad_contract"));
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(),
               Catch::Contains("party.delete") && Catch::Contains("outside its prefixes"));
    CHECK(host.plugins().empty());
  }
  SECTION("a factory that throws is refused, saying so") {
    auto st = host.load_library(lib("throwing_factory"));
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(), Catch::Contains("threw"));
  }
  SECTION("a library without the SDK's symbols is refused") {
    auto st = host.load_library(lib("not_a_plugin"));
    REQUIRE_FALSE(st.ok());
    CHECK_THAT(st.message(), Catch::Contains("not a Lienket plugin"));
  }
  SECTION("a missing file is refused") {
    CHECK_FALSE(host.load_library(lib("does_not_exist")).ok());
  }
  SECTION("the same plugin twice is refused: names and prefixes are unique") {
    REQUIRE(host.load_library(lib("good")).ok());
    CHECK(host.load_library(lib("good")).code() == lienket::Code::kAlreadyExists);
  }
  SECTION("loading a directory loads the good ones and logs the rest") {
    host.load_directories({LIENKET_TEST_PLUGIN_DIR});
    std::vector<std::string> names;
    for (auto& p : host.plugins()) names.push_back(p->info.name);
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"echo", "faulty"});
    log->flush();
    CHECK_THAT(logged.str(), Catch::Contains("wrong_abi") && Catch::Contains("throwing_factory") &&
                                 Catch::Contains("other_build") && Catch::Contains("bad_contract"));
  }
}
