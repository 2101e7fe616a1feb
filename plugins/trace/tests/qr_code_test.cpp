// QR codes: the image decodes back to the same URI (zbarimg from Debian's zbar-tools).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "qr_code.hpp"

using namespace lienket::trace;

namespace {
std::string zbar(const std::string& file) {
  std::string cmd = "zbarimg --quiet --raw '" + file + "' 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}
bool have_zbar() { return std::system("command -v zbarimg >/dev/null 2>&1") == 0; }
}  // namespace

TEST_CASE("QR codes of Digital Link URIs") {
  const std::string uri = "http://127.0.0.1:7480/01/09520123456788/10/TN-2026-001";
  auto qr = encode_qr(uri);
  REQUIRE(qr.ok());
  auto dir = std::filesystem::temp_directory_path() / ("trace-qr-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  SECTION("the PNG is a valid PNG that decodes to the URI") {
    auto file = (dir / "lot.png").string();
    std::ofstream(file, std::ios::binary) << qr_png(*qr);
    std::ifstream in(file, std::ios::binary);
    std::string head(8, '\0');
    in.read(head.data(), 8);
    CHECK(head == std::string("\x89PNG\r\n\x1a\n", 8));
    if (!have_zbar())
      WARN("SKIPPED decode: zbarimg is not installed (apt-get install zbar-tools)");
    else
      CHECK(zbar(file) == uri);
  }
  SECTION(
      "the SVG decodes to the URI too (through the command-line tool's PNG of the same matrix)") {
    std::string svg = qr_svg(*qr);
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("h1v1h-1z") != std::string::npos);
#ifdef LIENKET_TRACE_QR_TOOL
    auto png = (dir / "tool.png").string();
    std::string cmd =
        std::string(LIENKET_TRACE_QR_TOOL) + " '" + uri + "' --out '" + png + "' >/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    if (have_zbar()) CHECK(zbar(png) == uri);
    auto svg_file = (dir / "tool.svg").string();
    cmd = std::string(LIENKET_TRACE_QR_TOOL) + " '" + uri + "' --out '" + svg_file + "' >/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    // zbarimg cannot read SVG: render it with headless Chromium first when it is installed.
    if (std::system("command -v chromium >/dev/null 2>&1") != 0 || !have_zbar()) {
      WARN("SKIPPED SVG decode: needs chromium and zbarimg (apt-get install chromium zbar-tools)");
    } else {
      auto shot = (dir / "svg-shot.png").string();
      cmd =
          "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=600,600 "
          "--screenshot='" +
          shot + "' 'file://" + svg_file + "' >/dev/null 2>&1";
      REQUIRE(std::system(cmd.c_str()) == 0);
      CHECK(zbar(shot) == uri);
    }
#endif
  }
  std::filesystem::remove_all(dir);
}
