// The `console` plugin: the web console people use (plugins/console/README.md). It serves the
// pages under /app/ and their settings; the pages talk to the node through the same HTTP API as
// any program (sessions, CSRF, /api/v1/messages, the event stream), so the console can do nothing
// its user could not do with a token.
#include <filesystem>
#include <memory>

#include <boost/dll/runtime_symbol_info.hpp>

#include "console_settings.hpp"
#include "lienket/contract.hpp"
#include "lienket/plugin.hpp"
#include "lienket/util/static_files.hpp"

namespace lienket::console {

namespace {

// Built and installed beside the module: <plugins>/console-web/.
std::string default_web_dir() {
  return (std::filesystem::path(boost::dll::this_line_location().parent_path().string()) /
          "console-web")
      .string();
}

HttpResponse redirect(const std::string& to) {
  HttpResponse r;
  r.status = 308;
  r.content_type = "text/plain; charset=utf-8";
  r.headers["Location"] = to;
  r.body = to;
  return r;
}

}  // namespace

class ConsolePlugin : public Plugin {
 public:
  PluginInfo info() const override {
    PluginInfo p{"console", "0.1.0", {"console."}, {}, {}, {}, {}, {}};
    p.routes.push_back({"GET",
                        "/app/{file*}",
                        "The web console: its pages, scripts and styles.",
                        {callers::kAnyone},
                        "",
                        [this](const HttpRequest& r) { return page(r); }});
    return p;
  }

  Status configure(const nlohmann::json& config, HostContext&) override {
    auto s = parse_settings(config, default_web_dir());
    if (!s.ok()) return s.status();
    if (!std::filesystem::is_regular_file(s->web_dir + "/index.html"))
      return Status::FailedPrecondition("plugins.console.web_dir: no index.html in " + s->web_dir,
                                        "web_dir");
    settings_ = *s;
    config_json_ = public_config(settings_).dump();
    // Pages change with the node's version; a short cache keeps an upgrade visible.
    files_ = std::make_unique<util::StaticFiles>(settings_.web_dir, "no-cache");
    return Status::Ok();
  }

 private:
  HttpResponse page(const HttpRequest& r) const {
    const std::string& file = r.params.at("file");
    // "/app" has no trailing slash: the pages' relative links need one.
    if (r.path == "/app") return redirect("/app/");
    if (file == "config.json") {
      HttpResponse c;
      c.body = config_json_;
      c.headers["Cache-Control"] = "no-cache";
      return c;
    }
    // Every screen is the one page; the script reads the path (/app/contracts, /app/plots/...).
    bool asset = file.find('.') != std::string::npos;
    return files_->serve(r, asset ? file : "index.html");
  }

  ConsoleSettings settings_;
  std::string config_json_;
  std::unique_ptr<util::StaticFiles> files_;
};

}  // namespace lienket::console

LIENKET_PLUGIN(lienket::console::ConsolePlugin)
