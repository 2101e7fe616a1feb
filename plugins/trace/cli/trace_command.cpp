// `lienket trace qr LOT --out FILE.svg|FILE.png`: the lot's GS1 Digital Link as a QR code. The
// node's trace plugin renders the SVG (message trace.qr); a PNG is drawn from the same URI by the
// plugin's `lienket-trace-qr` tool, installed beside this binary. Compiled into `lienket` by
// lienket_add_cli_command() (apps/commands.hpp).
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.hpp"
#include "commands.hpp"
#include "node_runner.hpp"

namespace lienket::apps {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int write_png(const std::string& uri, const std::string& out) {
  std::string tool = executable_dir() + "/lienket-trace-qr";
  pid_t pid = ::fork();
  if (pid == 0) {
    // The tool prints the URI; this command prints its own line ("FILE: URI") once it succeeds.
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, 1);
    ::execl(tool.c_str(), tool.c_str(), uri.c_str(), "--out", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  std::cerr << "error: " << tool << " could not write " << out << "\n";
  return 2;
}

// True when `stem` names this computer (127.0.0.1, localhost, [::1]): the node still uses its own
// loopback address as the resolver, and a phone that scans the code opens nothing.
bool is_loopback_stem(const std::string& stem) {
  auto scheme = stem.find("://");
  if (scheme == std::string::npos) return false;
  std::string host = stem.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  if (host.rfind("[::1]", 0) == 0) return true;
  host = host.substr(0, host.find(':'));
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "0.0.0.0";
}

int qr(const Globals& g, const std::string& lot, const std::string& out) {
  bool png = ends_with(out, ".png");
  if (!png && !ends_with(out, ".svg")) {
    std::cerr << "error: --out must end in .svg or .png\n";
    return 2;
  }
  nlohmann::json r;
  if (int code = fetch_result(g, "trace.qr", {{"lot", lot}}, &r)) return code;
  std::string uri = r.value("uri", "");
  if (png) {
    if (int code = write_png(uri, out)) return code;
  } else {
    std::ofstream(out) << r.value("svg", "");
  }
  std::cout << out << ": " << uri << "\n";
  // The resolver is the URI's stem as the node's Digital Link parser reads it (this binary does
  // not link the plugin: one parser, asked over the bus).
  nlohmann::json link;
  if (fetch_result(g, "trace.digital_link.parse", {{"uri", uri}}, &link) != 0) return 1;
  const std::string stem = link.value("stem", "");
  if (is_loopback_stem(stem))
    std::cerr << "warning: this code holds " << stem
              << ", this computer's own address: a phone that scans the printed code will not "
                 "open the page. Set plugins.trace.resolver in the node's config to the address "
                 "people reach it at (https://...), restart the node and write the code again.\n";
  return 0;
}

void add_trace_commands(CLI::App& app, const Globals& g, int* exit_code) {
  auto* trace = app.add_subcommand("trace", "Traceability (the trace plugin)");
  trace->require_subcommand(1);
  auto* cmd =
      trace->add_subcommand("qr", "Write a lot's Digital Link QR code to an SVG or PNG file");
  auto lot = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("lot", *lot, "Lot number, or the lot's Digital Link or EPC URN")->required();
  cmd->add_option("--out", *out, "Output file, .svg or .png")->required();
  cmd->callback([=, &g] { *exit_code = qr(g, *lot, *out); });
}

LIENKET_CLI_COMMAND(add_trace_commands)

}  // namespace
}  // namespace lienket::apps
